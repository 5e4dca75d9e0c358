"""Run one site's crawl: `scrapy crawl` in a subprocess, since Twisted's reactor cannot be
restarted inside a long-lived process (an Airflow worker, the demo). The run and its counts
are recorded in rasd.crawl_runs; each fetch in rasd.fetches. One crawl of a site at a time:
a run holds the site's lock, and finds any run a killed crawl left 'running'."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from pipeline import storage
from pipeline.config import PROJECT_DIR, Config
from pipeline.errors import RasdError

log = logging.getLogger(__name__)

# For replicas on loopback only: no politeness delays toward our own test server, and a short
# timeout (the replicas' slow page answers after 4 s).
LOOPBACK_SCRAPY_SETTINGS = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False",
                            "DOWNLOAD_TIMEOUT": "2", "RETRY_TIMES": "1"}


def _last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "no output"


# Advisory lock class for "a crawl of this site is running" (the key's second half is the site).
_CRAWL_LOCK = 7_201_932
INTERRUPTED = "interrupted: the crawl's process died before it finished"


@contextmanager
def site_lock(config: Config, site_id: str) -> Iterator[None]:
    """Hold the site's crawl lock for the block; RasdError when another crawl holds it.

    The lock lives in a session of its own: when the process dies, PostgreSQL drops the
    session and the lock with it, so a run still marked 'running' without it is dead."""
    conn = storage.connect(config)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT pg_try_advisory_lock(%s, hashtext(%s))", (_CRAWL_LOCK, site_id))
            if not cur.fetchone()[0]:
                raise RasdError(f"a crawl of {site_id} is already running")
        interrupted = storage.fetch_all(conn, "mark_interrupted_runs",
                                        {"source_id": site_id, "error": INTERRUPTED})
        if interrupted:
            log.warning("crawl of %s: runs %s had been interrupted", site_id,
                        [r["run_id"] for r in interrupted])
        yield
    finally:
        conn.close()  # ends the session, and the lock


def run_crawl(config: Config, site_id: str, *, since: datetime | None = None,
              until: datetime | None = None, timeout: float = 3600,
              extra_settings: dict[str, str] | None = None) -> dict:
    """Crawl one site into rasd.pages; return the run's counts (also kept in rasd.crawl_runs).

    since/until: the run's data interval; only articles published in it (with the site's
    margin) are stored as new."""
    with site_lock(config, site_id):
        return _run_locked(config, site_id, since, until, timeout, extra_settings)


def _run_locked(config: Config, site_id: str, since: datetime | None, until: datetime | None,
                timeout: float, extra_settings: dict[str, str] | None) -> dict:
    url = storage.resolve_database_url(config)  # the subprocess joins the same server
    with storage.connection(config) as conn:
        storage.execute(conn, "upsert_source", _source_row(config, site_id))
        run_id = storage.fetch_one(conn, "start_crawl_run", {
            "source_id": site_id, "window_start": since, "window_end": until})["run_id"]
    env = {**os.environ, "DATABASE_URL": url, "SCRAPY_SETTINGS_MODULE": "spiders.settings",
           "RASD_SITES_DIR": str(config.sites_dir)}
    if config.site_base_urls:
        env["RASD_SITE_BASE_URLS"] = ",".join(f"{k}={v}" for k, v in config.site_base_urls.items())
    command = [sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"site={site_id}",
               "-a", f"run_id={run_id}"]
    if since:
        command += ["-a", f"since={since.isoformat()}"]
    if until:
        command += ["-a", f"until={until.isoformat()}"]
    for key, value in {**config.scrapy_settings, **(extra_settings or {})}.items():
        command += ["-s", f"{key}={value}"]
    error = None
    try:
        result = subprocess.run(command, cwd=PROJECT_DIR, env=env, capture_output=True,
                                text=True, timeout=timeout, check=False)
        if result.returncode != 0:
            error = f"crawl of {site_id} failed (exit {result.returncode}): " + _last_line(
                result.stderr)
        elif "(database_unreachable)" in result.stderr:  # the storage pipeline's close reason
            lost = [line for line in result.stderr.splitlines()
                    if "PostgreSQL became unreachable" in line]
            error = f"crawl of {site_id} stopped: " + (
                lost[0][lost[0].index("PostgreSQL"):] if lost else "PostgreSQL became unreachable")
    except subprocess.TimeoutExpired:
        error = f"crawl of {site_id} did not finish within {timeout:.0f} s"
    try:
        with storage.connection(config) as conn:
            counts = storage.fetch_one(conn, "finish_crawl_run", {
                "run_id": run_id, "status": "failed" if error else "finished", "error": error})
    except RasdError:
        if error:  # the crawl's own failure says more; the next crawl closes the run
            raise RasdError(error) from None
        raise
    if error:
        raise RasdError(error)
    counts["duration_seconds"] = round(counts["duration_seconds"], 1)
    log.info("crawl of %s: %s", site_id, json.dumps(counts, default=str))
    return counts


def _source_row(config: Config, site_id: str) -> dict:
    from pipeline.sites import load_sites

    sites = load_sites(config.sites_dir)
    if site_id not in sites:
        raise RasdError(f"unknown site {site_id!r}; known sites: " + ", ".join(sites))
    site = sites[site_id]
    return {"source_id": site.id, "name": site.name, "domain": site.domain,
            "base_url": site.base_url}


def describe(counts: dict) -> str:
    """One line of a run's counts, for operators."""
    failures = ", ".join(f"{reason} {n}"
                         for reason, n in sorted((counts["failures"] or {}).items()))
    return (f"{counts['source_id']}: discovered {counts['discovered'] or 0}, "
            f"fetched {counts['fetched']}, new {counts['new']}, changed {counts['changed']}, "
            f"unchanged {counts['unchanged']}, skipped {counts['skipped']}, "
            f"failed {counts['failed']}" + (f" ({failures})" if failures else "")
            + f" in {counts['duration_seconds']} s")
