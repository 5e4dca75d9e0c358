"""`rasd benchmark spikes`: synthetic daily series with known spikes; sensitivity within two
days and false alerts per 30 days, per base level and overall, for Rasd's method, EARS C3 and
the ceiling (an oracle that knows the true baseline), all on the same series in the same run.

Each series: five years of daily counts, negative-binomial (overdispersed) around a baseline
with a weekly pattern and a slow trend; spikes of 1 to 3 days at 2 to 5 times the baseline
injected at known, well separated dates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from benchmarks.spike_ceiling import alerts, evidence, tune
from pipeline.baselines import NegBinSettings, detect, ears_c3

DAYS = 5 * 365
START = date(2019, 1, 1)
SIZE = 4.0  # NB size of every series
SPIKES = 30  # per series
BASES = [1.5, 3.0, 6.0, 2.0, 4.0]  # the stress: a governorate's few events a day
LARGE_BASES = [10.0, 20.0, 40.0]  # an extra scenario: a whole country's series
GOAL = (0.80, 1.0)  # sensitivity within 2 days, at most this many false alerts per 30 days


@dataclass(frozen=True)
class Series:
    days: list[date]
    counts: list[int]
    spikes: list[tuple[int, int]]  # (first index, length)
    baseline: list[float]  # the true expected count of each day without its spike
    ratios: list[float]  # each spike's multiple of the baseline
    base: float  # the base level the series was made around


def synthetic(seed: int, base: float = 3.0, size: float = SIZE, spikes: int = SPIKES) -> Series:
    rng = np.random.default_rng(seed)
    t = np.arange(DAYS)
    weekly = np.array([1.15, 1.1, 1.0, 1.0, 0.95, 0.8, 1.0])  # Monday .. Sunday
    days = [START + timedelta(days=int(i)) for i in t]
    trend = 1 + 0.4 * np.sin(2 * np.pi * t / (3 * 365)) + 0.1 * t / DAYS
    mu = base * trend * weekly[[d.weekday() for d in days]]
    baseline = mu.tolist()
    starts = np.sort(rng.choice(np.arange(70, DAYS - 10, 55), size=spikes, replace=False))
    planned, ratios = [], []
    for first in starts:
        length = int(rng.integers(1, 4))
        ratios.append(float(rng.uniform(2, 5)))
        mu[first:first + length] *= ratios[-1]
        planned.append((int(first), length))
    counts = rng.negative_binomial(size, size / (size + mu)).tolist()
    return Series(days, counts, planned, baseline, ratios, base)


def _found(flagged: set[int], series: Series) -> list[bool]:
    """Per spike: did an alert fall on one of its first three days?"""
    return [bool(flagged & set(range(first, first + max(length, 3))))
            for first, length in series.spikes]


def _score(flagged: set[int], series: Series) -> tuple[float, float]:
    """(sensitivity within 2 days of a spike's start, false alerts per 30 days); an alert on a
    spike's days or the two after them is not false."""
    covered: set[int] = set()
    for first, length in series.spikes:
        covered |= set(range(first, first + length + 2))
    false = len([i for i in flagged if i not in covered])
    return float(np.mean(_found(flagged, series))), false / (DAYS / 30)


def _mean_scores(flagged: list[set[int]], members: list[Series]) -> tuple[float, float]:
    return tuple(np.mean([_score(f, s) for f, s in zip(flagged, members, strict=True)], axis=0))


def _ceiling(all_series: list[Series]) -> tuple[list[set[int]], list[set[int]]]:
    """The oracle's alerts with one bar for all series, set to GOAL's false alerts per 30 days
    over them, and with a bar per base level, each level at that rate."""
    ratios = 2 + 3 * (np.arange(12) + 0.5) / 12  # the generator's ratios, uniform on 2-5
    odds = [evidence(s.counts, s.baseline, SIZE, SPIKES / DAYS, ratios) for s in all_series]
    bar = tune(odds, lambda f: _mean_scores(f, all_series), GOAL[1])
    per_level: list[set[int]] = [set()] * len(all_series)
    for level in {s.base for s in all_series}:
        members = [i for i, s in enumerate(all_series) if s.base == level]
        chosen = [all_series[i] for i in members]
        level_bar = tune([odds[i] for i in members], lambda f, c=chosen: _mean_scores(f, c),
                         GOAL[1])
        for i in members:
            per_level[i] = alerts(odds[i], level_bar)
    return [alerts(o, bar) for o in odds], per_level


def _meets(scores: tuple[float, float]) -> bool:
    return scores[0] >= GOAL[0] - 1e-9 and scores[1] <= GOAL[1] + 1e-9


def _by_spike(flagged: list[set[int]], all_series: list[Series]) -> str:
    """Sensitivity by spike length and by ratio band."""
    rows = [(length, int(ratio), hit) for f, s in zip(flagged, all_series, strict=True)
            for (_, length), ratio, hit in zip(s.spikes, s.ratios, _found(f, s), strict=True)]
    parts = [f"{n} day{'s' * (n > 1)} {np.mean([h for length, _, h in rows if length == n]):.2f}"
             for n in (1, 2, 3)]
    parts += [f"{r}-{r + 1}x {np.mean([h for _, band, h in rows if band == r]):.2f}"
              for r in (2, 3, 4)]
    return ", ".join(parts)


def _scenario(title: str, bases: list[float], count: int, out: Callable[[str], None]) -> dict:
    """One scenario's table, breakdown and verdict; returns {method: (sensitivity, false)}."""
    all_series = [synthetic(seed, base=bases[seed % len(bases)]) for seed in range(count)]
    settings = NegBinSettings()
    flagged: dict[str, list[set[int]]] = {"rasd": [], "ears_c3": []}
    for s in all_series:
        index = {day: i for i, day in enumerate(s.days)}
        flagged["rasd"].append({index[d.day] for d in detect(s.days, s.counts, settings)})
        flagged["ears_c3"].append(set(ears_c3(s.counts)))
    flagged["ceiling"], per_level = _ceiling(all_series)
    levels = sorted({s.base for s in all_series})
    out(f"{title}: {count} series of {DAYS} days, NB size {SIZE:g}, {SPIKES} spikes each "
        f"(2-5x, 1-3 days); base levels {', '.join(f'{b:g}' for b in levels)} a day")
    out("sensitivity within 2 days / false alerts per 30 days, per base level and overall")
    out(f"{'':>16}" + "".join(f"{f'base {b:g}':>12}" for b in levels) + f"{'all':>12}")
    results: dict[str, dict] = {}
    rows = [*flagged.items(), ("ceiling/level", per_level)]
    for method, alerted in rows:
        cells = {}
        for level in [*levels, None]:
            members = [i for i, s in enumerate(all_series) if level in (None, s.base)]
            cells[level] = _mean_scores([alerted[i] for i in members],
                                        [all_series[i] for i in members])
        results[method] = cells
        out(f"{method:>16}" + "".join(f"{f'{s:.2f}/{f:.2f}':>12}" for s, f in cells.values()))
    out("(ceiling: an oracle knowing the true baseline and NB size, one bar set to "
        f"{GOAL[1]:g} false alert per 30 days over all series; ceiling/level: a bar per level)")
    summary = {}
    for method in flagged:
        scores = [_score(f, s) for f, s in zip(flagged[method], all_series, strict=True)]
        summary[method] = results[method][None]
        # Standard errors across series, so two runs' figures can be told from noise.
        errors = (np.std(scores, axis=0, ddof=1) / np.sqrt(len(scores)) if len(scores) > 1
                  else (0.0, 0.0))
        out(f"{method:>8}: sensitivity within 2 days {summary[method][0]:.2f} (se "
            f"{errors[0]:.2f}), false alerts per 30 days {summary[method][1]:.2f} "
            f"(se {errors[1]:.2f})")
    for method in ("rasd", "ceiling"):
        out(f"{method:>8} by spike: {_by_spike(flagged[method], all_series)}")
    rasd_levels = [f"{b:g}" for b in levels if _meets(results["rasd"][b])]
    ceiling_levels = [f"{b:g}" for b in levels if _meets(results["ceiling/level"][b])]
    rasd, ceiling = summary["rasd"], summary["ceiling"]
    out(f"goal (sensitivity >= {GOAL[0]:.2f} at <= {GOAL[1]:g} false alert per 30 days): "
        f"{'MET' if _meets(rasd) else 'NOT MET'} overall (rasd {rasd[0]:.2f} at {rasd[1]:.2f}"
        f", ceiling {ceiling[0]:.2f}); rasd meets it at base levels: "
        f"{', '.join(rasd_levels) or 'none'}; the ceiling reaches it at: "
        f"{', '.join(ceiling_levels) or 'none'}")
    return summary


def run_benchmark(series_count: int = 20, out=print, large_count: int = 15) -> dict:
    """The issue's scenario (governorate-sized bases) first, then, labelled as extra, series
    the size of a whole country's; returns the first scenario's {method: (sens, false)}."""
    summary = _scenario("A, the issue's scenario", BASES, series_count, out)
    if large_count:
        out("")
        _scenario("B, extra: country-sized bases, the same generator", LARGE_BASES,
                  large_count, out)
    return summary
