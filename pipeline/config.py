"""Settings from the environment, as frozen dataclasses passed to each stage (no singletons)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import RasdError

PROJECT_DIR = Path(__file__).resolve().parent.parent
PG_VARIABLES = ("PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE")


@dataclass(frozen=True)
class SmtpSettings:
    host: str = "127.0.0.1"
    port: int = 1025
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout: float = 20.0
    sender: str = "rasd@localhost"
    recipients: tuple[str, ...] = ("analysts@localhost",)
    operators: tuple[str, ...] = ("operators@localhost",)  # data-quality warnings


@dataclass(frozen=True)
class SpikeSettings:
    """How unusual a day must be to raise an alert (see pipeline/spikes.py)."""

    baseline_days: int = 364
    min_events: int = 3  # never alert on fewer events than this in a day
    alpha: float = 0.08  # the spike score must pass log(1/alpha) (lower: fewer alerts)
    min_killed: int = 10  # never alert on fewer deaths than this in a day


@dataclass(frozen=True)
class Config:
    database_url: str | None  # None: use the embedded server under data_dir
    data_dir: Path
    sites_dir: Path
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    spike: SpikeSettings = field(default_factory=SpikeSettings)
    # Reports of an event arrive late: each run rewrites trends and checks spikes this far back.
    lookback_days: int = 3
    merge_window_days: int = 14  # reports this many days apart may still be one incident
    # site id -> base URL that replaces the real one (replicas, mirrors)
    site_base_urls: Mapping[str, str] = field(default_factory=dict)
    # Scrapy settings that override the site files' politeness, for loopback replicas only
    scrapy_settings: Mapping[str, str] = field(default_factory=dict)


def _number(env: Mapping[str, str], name: str, default, kind=int):
    raw = env.get(name)
    if raw in (None, ""):
        return default
    try:
        return kind(raw)
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        raise RasdError(f"{name} must be {what}, got {raw!r}") from None


def _pairs(name: str, raw: str) -> dict[str, str]:
    """Parse 'KEY=value,KEY2=value2'."""
    pairs: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in raw.split(","))):
        key, sep, value = part.partition("=")
        if not sep or not key.strip():
            raise RasdError(f"{name} entry {part!r} is not KEY=value")
        pairs[key.strip()] = value.strip()
    return pairs


def _base_urls(raw: str) -> dict[str, str]:
    """Parse RASD_SITE_BASE_URLS: 'site=http://host:port,other=...'."""
    urls = _pairs("RASD_SITE_BASE_URLS", raw)
    for site, url in urls.items():
        if not url.startswith(("http://", "https://")):
            raise RasdError(f"RASD_SITE_BASE_URLS entry {site!r} is not site=http(s)://...")
    return {site: url.rstrip("/") for site, url in urls.items()}


def database_url_from_env(env: Mapping[str, str]) -> str | None:
    """DATABASE_URL, else '' when PG* variables are set (libpq reads them), else None."""
    if env.get("DATABASE_URL"):
        return env["DATABASE_URL"]
    if any(env.get(name) for name in PG_VARIABLES):
        return ""
    return None


def load_config(env: Mapping[str, str] | None = None) -> Config:
    """Build the settings from environment variables (os.environ by default)."""
    env = os.environ if env is None else env
    recipients = tuple(
        r.strip() for r in env.get("RASD_ALERT_RECIPIENTS", "analysts@localhost").split(",")
        if r.strip()
    )
    smtp = SmtpSettings(
        host=env.get("RASD_SMTP_HOST", "127.0.0.1"),
        port=_number(env, "RASD_SMTP_PORT", 1025),
        user=env.get("RASD_SMTP_USER") or None,
        password=env.get("RASD_SMTP_PASSWORD") or None,
        starttls=env.get("RASD_SMTP_STARTTLS", "").lower() in ("1", "true", "yes"),
        sender=env.get("RASD_MAIL_FROM", "rasd@localhost"),
        recipients=recipients,
        operators=tuple(r.strip() for r in env.get("RASD_OPERATOR_RECIPIENTS",
                                                    "operators@localhost").split(",")
                        if r.strip()),
    )
    spike = SpikeSettings(
        baseline_days=_number(env, "RASD_SPIKE_BASELINE_DAYS", 364),
        min_events=_number(env, "RASD_SPIKE_MIN_EVENTS", 3),
        alpha=_number(env, "RASD_SPIKE_ALPHA", 0.08, float),
        min_killed=_number(env, "RASD_SPIKE_MIN_KILLED", 10),
    )
    return Config(
        database_url=database_url_from_env(env),
        data_dir=Path(env.get("RASD_DATA_DIR", PROJECT_DIR / ".rasd")),
        sites_dir=Path(env.get("RASD_SITES_DIR", PROJECT_DIR / "spiders" / "sites")),
        smtp=smtp,
        spike=spike,
        lookback_days=_number(env, "RASD_LOOKBACK_DAYS", 3),
        merge_window_days=_number(env, "RASD_MERGE_WINDOW_DAYS", 14),
        site_base_urls=_base_urls(env.get("RASD_SITE_BASE_URLS", "")),
        scrapy_settings=_pairs("RASD_SCRAPY_SETTINGS", env.get("RASD_SCRAPY_SETTINGS", "")),
    )
