"""Backfill: a range of days, each in order through what the daily DAG runs for it (every
enabled site's crawl with the day's window, then the day's stages). Every stage is an upsert
or a delete-and-insert of its day, so backfilling a range twice changes nothing."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, time, timedelta

from pipeline import daily
from pipeline.config import Config
from pipeline.crawl import describe, run_crawl
from pipeline.errors import RasdError

log = logging.getLogger(__name__)


def days_between(first: date, last: date) -> list[date]:
    """first..last inclusive; RasdError when the range is backwards."""
    if last < first:
        raise RasdError(f"backfill range ends ({last}) before it starts ({first})")
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def backfill_day(config: Config, day: date, sites: list[str] | None = None) -> dict:
    """One day as a DAG run with that day's data interval (UTC midnight to midnight): each
    site's crawl (a site that fails is reported and the others go on), then the stages.
    Returns {"day", "crawls", "failed_sites", "stages"} or, when a stage failed, "error"."""
    since = datetime.combine(day, time(), tzinfo=UTC)
    until = since + timedelta(days=1)
    crawls, failed = [], {}
    for site in sites or daily.enabled_sites(config):
        try:
            crawls.append(describe(run_crawl(config, site, since=since, until=until)))
        except RasdError as exc:
            failed[site] = str(exc)
    result: dict = {"day": day.isoformat(), "crawls": crawls, "failed_sites": failed}
    try:
        result["stages"] = daily.process_day(config, day)
    except RasdError as exc:  # the day's data stays as far as it got; a rerun completes it
        result["error"] = str(exc)
    return result


def backfill(config: Config, first: date, last: date, sites: list[str] | None = None,
             on_day=None) -> list[dict]:
    """Backfill first..last in order; on_day(result) is called after each day. A failed
    crawl or stage is reported in that day's result and does not stop the next days."""
    daily.migrate(config)
    results = []
    for day in days_between(first, last):
        result = backfill_day(config, day, sites)
        log.info("backfill %s: %s", day, result)
        if on_day:
            on_day(result)
        results.append(result)
    return results
