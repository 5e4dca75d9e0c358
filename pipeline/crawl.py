"""Run one site's crawl: `scrapy crawl` in a subprocess, since Twisted's reactor cannot be
restarted inside a long-lived process (an Airflow worker, the demo)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from datetime import UTC, datetime

from pipeline import storage
from pipeline.config import PROJECT_DIR, Config
from pipeline.errors import RasdError

# For replicas on loopback: no politeness delays toward our own test server.
LOOPBACK_SCRAPY_SETTINGS = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False"}

log = logging.getLogger(__name__)


def run_crawl(config: Config, site_id: str, *, timeout: float = 3600) -> dict[str, int]:
    """Crawl one site into rasd.pages; return the pages stored and failed in this crawl."""
    url = storage.resolve_database_url(config)  # the subprocess joins the same server
    env = {**os.environ, "DATABASE_URL": url, "SCRAPY_SETTINGS_MODULE": "spiders.settings",
           "RASD_SITES_DIR": str(config.sites_dir)}
    if config.site_base_urls:
        env["RASD_SITE_BASE_URLS"] = ",".join(f"{k}={v}" for k, v in config.site_base_urls.items())
    started = datetime.now(UTC)
    clock = time.monotonic()
    command = [sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"site={site_id}"]
    for key, value in config.scrapy_settings.items():
        command += ["-s", f"{key}={value}"]
    try:
        result = subprocess.run(command, cwd=PROJECT_DIR, env=env, capture_output=True,
                                text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise RasdError(f"crawl of {site_id} did not finish within {timeout:.0f} s") from exc
    if result.returncode != 0:
        tail = [line for line in result.stderr.splitlines() if line.strip()][-1:] or ["no output"]
        raise RasdError(f"crawl of {site_id} failed (exit {result.returncode}): {tail[0]}")
    with storage.connection(config) as conn:
        row = storage.fetch_one(conn, "crawl_counts", {"source_id": site_id, "since": started})
    counts = {**row, "seconds": round(time.monotonic() - clock, 1)}
    log.info("crawl of %s: %s", site_id, counts)
    return counts
