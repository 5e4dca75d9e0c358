"""The ceiling for spike detection on the benchmark's series: an oracle that knows each day's
true baseline and the NB size, and alerts on the posterior odds of a spike just begun."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

HIT_DAYS = 3  # an alert on a spike's first three days finds it ("within 2 days")
SPAN = 5  # days a spike state is followed: its own (at most 3) and the 2 after, still free
LENGTHS = np.array([1, 2, 3])  # the generator's spike lengths, equally likely


def evidence(counts: Sequence[int], baseline: Sequence[float], size: float, rate: float,
             ratios: np.ndarray) -> np.ndarray:
    """Per day, the posterior odds, given the counts up to that day, that a spike began within
    HIT_DAYS days against the day lying outside every spike (where an alert is false).

    A forward filter over "no spike" and "a spike of L days at r times the baseline began d
    days ago", with the generator's own model: its baseline, NB size, spike rate per day, and
    spike ratios (a fine grid over the generator's range). Ranking days by these odds is the
    best any detector that sees only the counts can do."""
    per = LENGTHS.size * ratios.size
    ago = np.repeat(np.arange(SPAN), per)
    length = np.tile(np.repeat(LENGTHS, ratios.size), SPAN)
    ratio = np.tile(ratios, LENGTHS.size * SPAN)
    raised, recent, outside = ago < length, ago < HIT_DAYS, ago > length + 1
    none, spike = 1.0, np.zeros(ago.size)
    odds = np.zeros(len(counts))
    for t, (x, m) in enumerate(zip(counts, baseline, strict=True)):
        # log NB(x; r*m, size) - log NB(x; m, size): the gamma terms cancel.
        log_gain = x * np.log(ratio * (size + m) / (size + ratio * m)) \
            + size * np.log((size + m) / (size + ratio * m))
        ended = spike[ago == SPAN - 1].sum()
        spike = np.concatenate([np.full(per, none * rate / per), spike[:-per]])
        spike = spike * np.where(raised, np.exp(log_gain), 1.0)
        none = none * (1 - rate) + ended
        total = none + spike.sum()
        none, spike = none / total, spike / total
        odds[t] = spike[recent].sum() / (none + spike[outside].sum())
    return odds


def alerts(odds: np.ndarray, bar: float) -> set[int]:
    """Days whose odds pass `bar`, but for the HIT_DAYS - 1 days after an alert: they could
    only find the spike already found, and if it was false they would add false alerts."""
    flagged: list[int] = []
    for day in np.flatnonzero(odds > bar):
        if not flagged or day - flagged[-1] >= HIT_DAYS:
            flagged.append(int(day))
    return set(flagged)


Scorer = Callable[[list[set[int]]], tuple[float, float]]


def tune(odds: list[np.ndarray], scorer: Scorer, target: float = 1.0) -> float:
    """The lowest bar whose alerts, scored by `scorer` as (sensitivity, false alerts per 30
    days), stay at or under `target` false alerts (bisection on the log of the bar)."""
    low, high = -12.0, 12.0  # log bars; false alerts fall as the bar rises
    for _ in range(40):
        middle = (low + high) / 2
        if scorer([alerts(o, np.exp(middle)) for o in odds])[1] > target:
            low = middle
        else:
            high = middle
    return float(np.exp(high))
