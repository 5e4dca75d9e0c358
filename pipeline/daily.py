"""The daily job, stage by stage. Each stage is one transaction and may be rerun safely; the
Airflow DAG runs them as tasks, `rasd process` runs them in a row."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from pipeline import storage
from pipeline.alerts import send_pending_alerts
from pipeline.articles import extract_articles, register_sources
from pipeline.config import Config
from pipeline.event_store import record_events
from pipeline.incident_store import merge_incidents
from pipeline.quality import run_checks, send_findings
from pipeline.sites import load_sites
from pipeline.spikes import detect_spikes
from pipeline.trends import compute_trends

log = logging.getLogger(__name__)


def migrate(config: Config) -> list[str]:
    """Apply pending migrations; return the names applied."""
    conn = storage.connect(config, migrate_first=False)
    try:
        return storage.migrate(conn)
    finally:
        conn.close()


def enabled_sites(config: Config) -> list[str]:
    return [s.id for s in load_sites(config.sites_dir).values() if s.enabled]


def text_stage(config: Config) -> dict[str, int]:
    sites = load_sites(config.sites_dir)
    with storage.connection(config) as conn:
        register_sources(conn, sites)
        return extract_articles(conn, sites)


def events_stage(config: Config, day: date) -> dict[str, int]:
    with storage.connection(config) as conn:
        return record_events(conn, day)


def merge_stage(config: Config, day: date) -> dict[str, int]:
    """Reports of one incident from several outlets and days -> one canonical incident."""
    with storage.connection(config) as conn:
        return merge_incidents(conn, day, config.merge_window_days)


def trends_stage(config: Config, day: date) -> dict[str, int]:
    with storage.connection(config) as conn:
        return compute_trends(conn, day, config.lookback_days)


def spikes_stage(config: Config, day: date) -> dict[str, int]:
    """Check the run's day and the days before it whose trends this run may have changed."""
    new: list[int] = []
    with storage.connection(config) as conn:
        for back in range(config.lookback_days, -1, -1):
            new += detect_spikes(conn, day - timedelta(days=back), config.spike)
    return {"new_alerts": len(new)}


def alerts_stage(config: Config) -> dict[str, int]:
    conn = storage.connect(config)
    try:
        return send_pending_alerts(conn, config.smtp)
    finally:
        conn.close()


def quality_stage(config: Config, day: date) -> dict[str, int]:
    """Data-quality checks of the day, and their email to the operators."""
    with storage.connection(config) as conn:
        found = run_checks(conn, day, enabled_sites(config))
    conn = storage.connect(config)
    try:
        return {"findings": len(found), **send_findings(conn, config.smtp)}
    finally:
        conn.close()


def process_day(config: Config, day: date) -> dict[str, dict]:
    """Every stage after the crawl, for one day."""
    results = {"text": text_stage(config), "events": events_stage(config, day),
               "merging": merge_stage(config, day),
               "trends": trends_stage(config, day), "spikes": spikes_stage(config, day),
               "alerts": alerts_stage(config), "quality": quality_stage(config, day)}
    log.info("day %s: %s", day, results)
    return results
