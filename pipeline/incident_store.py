"""The merging stage: the events of a window of days -> rows in rasd.incidents.

A run for a day re-clusters the events of articles published in [day - window, day]. Incidents
that also hold reports from outside that window keep those reports and may take in new ones;
the rest are rebuilt. Reruns give the same incidents with the same ids and rewrite nothing.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import date, timedelta

from pipeline import storage
from pipeline.merging import Incident, Report, canonical, cluster, report_order
from pipeline.models import Event

log = logging.getLogger(__name__)


def _report(row: dict) -> Report:
    event = Event(row["type"], row["perpetrator"], row["target"], row["governorate"],
                  row["place"], row["event_date"], row["date_precision"], row["killed"],
                  row["wounded"], row["evidence"])
    return Report(row["event_id"], event, row["source_id"], row["published"],
                  str(row["article_id"]))


def merge_incidents(conn, day: date, window_days: int) -> dict[str, int]:
    """Re-cluster the window's reports into incidents. Returns counts."""
    first = day - timedelta(days=window_days)
    rows = storage.fetch_all(conn, "merge_window_reports", {
        "first": first, "last": day,
        "seed_first": first - timedelta(days=window_days),
        "seed_last": day + timedelta(days=window_days)})
    fresh = [_report(r) for r in rows if r["in_window"]]
    kept: dict[str, list[Report]] = defaultdict(list)
    for row in rows:
        if not row["in_window"] and row["incident_id"]:
            kept[row["incident_id"]].append(_report(row))
    seeds = [Incident(sorted(reports, key=report_order))
             for _, reports in sorted(kept.items())]
    incidents = cluster(fresh, seeds)
    for incident in incidents:
        record = canonical(incident)
        storage.execute(conn, "upsert_incident", record)
        storage.execute(conn, "link_incident_events", record)
    storage.execute(conn, "delete_empty_incidents")
    counts = {"reports": len(fresh), "incidents": len(incidents),
              "merged": sum(1 for i in incidents if len(i.reports) > 1)}
    log.info("merging %s..%s: %s", first, day, counts)
    return counts
