"""Spikes in the daily trends: per scope (all Syria, each governorate) and metric (events,
killed), by the negative-binomial method of pipeline/baselines.py; each spike is one row in
rasd.alerts, so detecting it again sends nothing new."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from pipeline import storage
from pipeline.baselines import NegBinSettings, detect
from pipeline.config import SpikeSettings

log = logging.getLogger(__name__)

METHOD = "negbin-cusum-v2"
_MARGIN = 5  # the method's guard band reaches this far past the window


def detect_spikes(conn, day: date, settings: SpikeSettings) -> list[int]:
    """Record an alert for each scope and metric that spiked on `day`; return the new ids."""
    scopes = ["SY"] + [r["governorate"] for r in storage.fetch_all(conn, "governorates_on",
                                                                   {"day": day})]
    first = day - timedelta(days=settings.baseline_days + _MARGIN)
    new: list[int] = []
    for scope in scopes:
        series = storage.fetch_all(conn, "daily_series", {"first": first, "last": day,
                                                          "scope": scope})
        days = [row["day"] for row in series]
        for metric, floor in (("events", settings.min_events), ("killed", settings.min_killed)):
            method = NegBinSettings(window=settings.baseline_days, alpha=settings.alpha,
                                    floor=floor)
            found = [d for d in detect(days, [row[metric] for row in series], method)
                     if d.day == day]
            if not found:
                continue
            spike = found[0]
            row = storage.fetch_one(conn, "insert_alert", {
                "day": day, "scope": scope, "metric": metric, "observed": spike.observed,
                "expected": spike.expected, "threshold": spike.threshold, "method": METHOD,
            })
            if row:
                new.append(row["alert_id"])
                log.info("spike on %s in %s: %s=%s (expected %.2f, p=%.2g)", day, scope,
                         metric, spike.observed, spike.expected, spike.p_value)
    return new
