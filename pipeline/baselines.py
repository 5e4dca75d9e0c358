"""Spike detection on small, overdispersed daily counts with a weekly pattern.

Rasd's method: the expected count of a day is the recent level times its weekday's factor
(both from a baseline window that ends a guard band before the day, so a spike in progress
does not raise its own baseline); counts are taken as negative-binomial around it, with the
dispersion estimated from the window; a day alerts when its count is improbably high
(upper tail below `alpha`) and reaches a floor. EARS C3, the CDC's reference, is here too,
for comparison on the same series.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy.stats import nbinom, poisson

ELEVATED = 1.5  # a day in a multi-day spike stands at least this far above its expectation


@dataclass(frozen=True)
class Detection:
    day: date
    observed: int
    expected: float
    threshold: float  # the smallest count that would have alerted
    p_value: float


@dataclass(frozen=True)
class NegBinSettings:
    window: int = 56  # days of baseline
    guard: int = 2  # days between the baseline and the day judged
    alpha: float = 0.01  # tail probability under which a day alerts (1-, 2- or 3-day sums)
    floor: int = 3  # never alert on fewer than this
    min_history: int = 14  # days of baseline needed before judging at all


def _weekday_factors(counts: np.ndarray, weekdays: np.ndarray) -> np.ndarray:
    """Each weekday's mean over the overall mean, shrunk toward 1 for sparse counts."""
    overall = counts.mean()
    factors = np.ones(7)
    if overall <= 0:
        return factors
    for day in range(7):
        mine = counts[weekdays == day]
        if mine.size:
            # Shrinkage: a weekday seen a few times with few events says little.
            weight = mine.sum() / (mine.sum() + 5.0)
            factors[day] = 1 + weight * (mine.mean() / overall - 1)
    return factors * 7 / factors.sum()


def _dispersion(counts: np.ndarray, expected: np.ndarray) -> float | None:
    """Negative-binomial size k by moments (var = mu + mu^2/k); None when no overdispersion."""
    mu = expected.mean()
    excess = ((counts - expected) ** 2).mean() - mu
    if mu <= 0 or excess <= 1e-9:
        return None
    return max(mu * mu / excess, 0.5)


def expected_count(history: np.ndarray, history_days: list[date], day: date,
                   settings: NegBinSettings) -> tuple[float, float | None]:
    """(expected count, NB size or None for Poisson) for `day` from its baseline window."""
    weekdays = np.array([d.weekday() for d in history_days])
    factors = _weekday_factors(history, weekdays)
    # The level follows slow trends: the last four weeks weigh more than the rest.
    recent = history[-28:]
    level = 0.6 * recent.mean() + 0.4 * history.mean()
    fitted = np.maximum(level * factors[weekdays], 1e-6)
    return max(level * factors[day.weekday()], 0.05), _dispersion(history, fitted)


def _tail(observed: float, mu: float, size: float | None) -> float:
    if size is None:
        return float(poisson.sf(observed - 1, mu))
    return float(nbinom.sf(observed - 1, size, size / (size + mu)))


def detect(days: list[date], counts: list[int], settings: NegBinSettings) -> list[Detection]:
    """Every day of a daily series that Rasd's method flags: the day alone, or the day with the
    one or two before it (a spike spread over days), is improbably high for its baseline."""
    values = np.asarray(counts, dtype=float)
    found = []
    flagged: set[int] = set()
    for i, day in enumerate(days):
        end = i - settings.guard - 2  # the baseline ends before any day of a 3-day sum
        start = max(0, end - settings.window)
        if end - start < settings.min_history or values[i] < settings.floor:
            continue
        # Days already flagged would inflate the baseline that judges the next ones.
        keep = [j for j in range(start, end) if j not in flagged]
        history = values[keep]
        history_days = [days[j] for j in keep]
        best = None
        for span in (1, 2, 3):
            window = range(i - span + 1, i + 1)
            mus, size = zip(*(expected_count(history, history_days, days[j], settings)
                              for j in window), strict=True)
            mu = sum(mus)
            k = None if size[0] is None else size[0] * span  # sums of NB days: size adds up
            if span > 1 and values[i] < ELEVATED * mus[-1]:
                break  # the day itself is ordinary: an earlier spike's echo, not a new one
            tail = _tail(values[list(window)].sum(), mu, k)
            if tail < settings.alpha / 3 and (best is None or tail < best[0]):
                best = (tail, mus[-1])
        if best is not None:
            flagged.add(i)
            found.append(Detection(day, int(values[i]), round(float(best[1]), 3),
                                   float(settings.floor), best[0]))
    return found


def ears_c3(counts: list[int], threshold: float = 2.0) -> list[int]:
    """Indexes of the days EARS C3 flags: C2 with a 7-day baseline lagged 2 days, summed over
    the day and the two before it (each term above 1), alerting above 2."""
    values = np.asarray(counts, dtype=float)
    c2 = np.zeros(values.size)
    for t in range(9, values.size):
        base = values[t - 9:t - 2]
        sd = max(base.std(ddof=1), 0.2)
        c2[t] = (values[t] - base.mean()) / sd
    flagged = []
    for t in range(11, values.size):
        c3 = sum(max(0.0, c2[t - i] - 1) for i in range(3))
        if c3 > threshold:
            flagged.append(t)
    return flagged
