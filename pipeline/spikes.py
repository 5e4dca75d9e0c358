"""Spike rule: a day whose count stands well above the days before it raises an alert.

First rule (another issue brings a method fit for overdispersed counts): the observed count
must reach a floor and exceed the baseline mean by `z` standard deviations, where the standard
deviation is never taken below the Poisson one (sqrt of the mean) nor below 0.5.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import date, timedelta

from pipeline import storage
from pipeline.config import SpikeSettings

log = logging.getLogger(__name__)

METHOD = "mean+z*sd-v1"


@dataclass(frozen=True)
class Verdict:
    spike: bool
    expected: float
    threshold: float


def judge(history: list[int], observed: int, z: float, floor: int) -> Verdict:
    """Whether `observed` is a spike against the counts of the days before it."""
    mean = sum(history) / len(history) if history else 0.0
    variance = sum((x - mean) ** 2 for x in history) / len(history) if history else 0.0
    sd = max(math.sqrt(variance), math.sqrt(mean), 0.5)
    threshold = max(float(floor), mean + z * sd)
    return Verdict(observed >= threshold, round(mean, 3), round(threshold, 3))


def detect_spikes(conn, day: date, settings: SpikeSettings) -> list[int]:
    """Record an alert for each scope (all Syria, each governorate with events) and metric that
    spiked on `day`; return the ids of alerts that are new."""
    scopes = ["SY"] + [r["governorate"] for r in storage.fetch_all(conn, "governorates_on",
                                                                   {"day": day})]
    first = day - timedelta(days=settings.baseline_days)
    new: list[int] = []
    for scope in scopes:
        series = storage.fetch_all(conn, "daily_series", {"first": first, "last": day,
                                                          "scope": scope})
        *history, today = series
        for metric, floor in (("events", settings.min_events), ("killed", settings.min_killed)):
            verdict = judge([row[metric] for row in history], today[metric], settings.z, floor)
            if not verdict.spike:
                continue
            row = storage.fetch_one(conn, "insert_alert", {
                "day": day, "scope": scope, "metric": metric, "observed": today[metric],
                "expected": verdict.expected, "threshold": verdict.threshold, "method": METHOD,
            })
            if row:
                new.append(row["alert_id"])
                log.info("spike on %s in %s: %s=%s (expected %.2f)", day, scope, metric,
                         today[metric], verdict.expected)
    return new
