"""Spike detection on small, overdispersed daily counts with a weekly pattern.

Rasd's method, a negative-binomial CUSUM: each day's expected count is a recent level (an
exponentially weighted mean, half-weight at four weeks, of the weekday-adjusted counts) times
its weekday's factor (from up to a year, shrunk toward 1 as far as the weekdays' differences
could be noise); both end a guard band before the day, so a spike in progress does not raise
its own baseline. The dispersion is pooled from how far the past year's counts fell from what
was expected of them. Each day then adds to a running score (CUSUM, floored at zero) the log
of how much likelier its count is under a spike of 2.5 times the expectation than under the
expectation itself; the day alerts when the score passes log(1/alpha), its own count is above
expectation and reaches a floor, and the score restarts. Days that were improbably high enter
later baselines capped (at their 99th percentile, alerted days at their expectation), so past
spikes do not inflate them. EARS C3, the CDC's reference, is here too, for comparison.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy.stats import nbinom

from pipeline.errors import RasdError

SPIKE_RATIO = 2.5  # the spike the score is tuned to: 2.5 times the expectation
CAP_QUANTILE = 0.99  # a past day enters later baselines at most at this quantile
MAX_SIZE = 50.0  # NB size standing for "no overdispersion" (close to Poisson)


@dataclass(frozen=True)
class Detection:
    day: date
    observed: int
    expected: float
    threshold: float  # the smallest count that would have alerted that day
    p_value: float  # the day's count alone, upper tail under its expectation


@dataclass(frozen=True)
class NegBinSettings:
    window: int = 364  # days of baseline (weekday factors, dispersion)
    guard: int = 3  # days between the baseline and the day judged
    alpha: float = 0.08  # the score must pass log(1/alpha); lower alerts less
    floor: int = 3  # never alert on fewer than this
    min_history: int = 14  # days of baseline needed before judging at all
    half_life: float = 28.0  # days: the level follows slow trends

    def __post_init__(self) -> None:
        if not 0 < self.alpha < 1:
            raise RasdError(f"spike alpha must lie between 0 and 1, not {self.alpha}")


def _weekday_factors(counts: np.ndarray, weekdays: np.ndarray) -> np.ndarray:
    """Each weekday's mean over the overall mean, shrunk toward 1 by how much of the spread
    between weekdays their sampling noise alone would explain (empirical Bayes)."""
    overall = counts.mean()
    seen = np.bincount(weekdays, minlength=7)
    if overall <= 0 or seen.min() < 2:
        return np.ones(7)
    means = np.bincount(weekdays, weights=counts, minlength=7) / seen
    squares = np.bincount(weekdays, weights=counts * counts, minlength=7) / seen
    raw = means / overall
    # A factor's variance from noise alone: its weekday's day-to-day variance over its days.
    noise = np.maximum(squares - means * means, 0.0) / (seen * overall ** 2)
    spread = max(float(raw.var()) - float(noise.mean()), 0.0)
    total = spread + noise
    weight = np.divide(spread, total, out=np.ones(7), where=total > 0)
    # A weekday that never saw anything still gets a little of the level (no division by 0).
    factors = np.maximum(1 + (raw - 1) * weight, 0.1)
    return factors * 7 / factors.sum()


def _size(counts: np.ndarray, expected: np.ndarray) -> float:
    """NB size k pooled by moments (var = mu + mu^2/k) over past days and what was expected of
    them; the expectations' own error is thus counted as dispersion, as it should be."""
    known = ~np.isnan(expected)
    if known.sum() < 28:
        return 2.0  # too little to tell: assume strong overdispersion (alerts less)
    mu, seen = expected[known], counts[known]
    inverse = float(((seen - mu) ** 2 - mu).sum() / (mu ** 2).sum())
    return MAX_SIZE if inverse <= 1 / MAX_SIZE else max(1 / inverse, 0.5)


def _log_ratio(mu: float, size: float) -> tuple[float, float]:
    """(slope, offset): a count x's log likelihood ratio, spike against baseline, is
    slope * x - offset."""
    slope = math.log(SPIKE_RATIO * (size + mu) / (size + SPIKE_RATIO * mu))
    return slope, size * math.log((size + SPIKE_RATIO * mu) / (size + mu))


def detect(days: list[date], counts: list[int], settings: NegBinSettings) -> list[Detection]:
    """Every day of a daily series that Rasd's method flags (see the module's docstring)."""
    values = np.asarray(counts, dtype=float)
    weekdays = np.array([d.weekday() for d in days])
    capped = values.copy()  # what later baselines see of each day
    predicted = np.full(values.size, np.nan)
    bar = math.log(1 / settings.alpha)
    score = 0.0
    found = []
    for i, day in enumerate(days):
        end = i - settings.guard
        start = max(0, end - settings.window)
        if end - start < settings.min_history:
            continue
        history = capped[start:end]
        factors = _weekday_factors(history, weekdays[start:end])
        age = np.arange(end - start, 0, -1) + settings.guard
        level = np.average(history / factors[weekdays[start:end]],
                           weights=0.5 ** (age / settings.half_life))
        mu = max(float(level * factors[weekdays[i]]), 0.05)
        size = _size(capped[start:end], predicted[start:end])
        predicted[i] = mu
        p = size / (size + mu)
        # The quantile lies above mean + 2 sd: no need to compute it for ordinary days.
        if values[i] > mu + 2 * math.sqrt(mu + mu * mu / size):
            capped[i] = min(values[i], float(nbinom.ppf(CAP_QUANTILE, size, p)))
        slope, offset = _log_ratio(mu, size)
        before = score
        score = max(0.0, score + slope * values[i] - offset)
        if score > bar and values[i] >= settings.floor and values[i] > mu:
            least = max(math.floor((bar - before + offset) / slope) + 1, settings.floor,
                        math.floor(mu) + 1)
            found.append(Detection(day, int(values[i]), round(mu, 3), float(least),
                                   float(nbinom.sf(values[i] - 1, size, p))))
            score = 0.0
            capped[i] = min(capped[i], mu)
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
