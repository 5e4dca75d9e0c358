"""Spike detection: the negative-binomial method, EARS C3, and `rasd spikes --input`."""

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from benchmarks.spike_ceiling import alerts, evidence, tune
from benchmarks.spikes import run_benchmark, synthetic
from pipeline.baselines import NegBinSettings, detect, ears_c3
from pipeline.errors import RasdError

PROJECT = Path(__file__).resolve().parent.parent
DAYS = [date(2024, 1, 1) + timedelta(days=n) for n in range(120)]


def _flat(level: int = 2) -> list[int]:
    return [level + (n % 7 == 5) for n in range(len(DAYS))]  # Saturdays a little busier


def test_a_jump_alerts_on_its_day() -> None:
    counts = _flat()
    counts[100] = 12
    found = detect(DAYS, counts, NegBinSettings())
    assert [d.day for d in found] == [DAYS[100]]
    assert found[0].observed == 12 and found[0].expected < 4 and found[0].p_value < 0.01


def test_the_threshold_is_the_least_count_that_alerts() -> None:
    counts = _flat()
    counts[100] = 12
    least = int(detect(DAYS, counts, NegBinSettings())[0].threshold)
    assert 2 < least <= 12
    counts[100] = least
    assert DAYS[100] in {d.day for d in detect(DAYS, counts, NegBinSettings())}
    counts[100] = least - 1
    assert DAYS[100] not in {d.day for d in detect(DAYS, counts, NegBinSettings())}


def test_alpha_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(RasdError, match="between 0 and 1"):
        NegBinSettings(alpha=1.5)


def test_a_quiet_weekly_pattern_does_not_alert() -> None:
    assert detect(DAYS, _flat(), NegBinSettings()) == []


def test_floor_and_history_are_respected() -> None:
    counts = [0] * len(DAYS)
    counts[100] = 2  # improbable against zeros, but below the floor of 3
    counts[5] = 9  # too early: no baseline yet
    assert detect(DAYS, counts, NegBinSettings()) == []


def test_a_spike_spread_over_three_days_alerts() -> None:
    rng = np.random.default_rng(7)
    counts = rng.poisson(4, len(DAYS)).tolist()
    counts[100:103] = [9, 9, 9]  # no single day extreme, the three together are
    found = {d.day for d in detect(DAYS, counts, NegBinSettings())}
    assert found & {DAYS[101], DAYS[102]}


def test_ears_c3_flags_a_jump() -> None:
    counts = _flat()
    counts[60] = 15
    assert 60 in ears_c3(counts)


def test_synthetic_series_are_reproducible() -> None:
    first, again = synthetic(3), synthetic(3)
    assert first.counts == again.counts and len(first.spikes) == 30
    assert len(first.days) == len(first.baseline) == 5 * 365
    assert all(2 <= r <= 5 for r in first.ratios)
    # The baseline is the series without its spikes: weekly pattern and trend only.
    assert min(first.baseline) >= 3.0 * 0.8 * 0.6 and max(first.baseline) <= 3.0 * 1.15 * 1.5


def test_the_oracle_ranks_a_spike_above_quiet_days() -> None:
    baseline = [3.0] * 200
    counts = [3] * 200
    counts[150:152] = [12, 11]
    odds = evidence(counts, baseline, 4.0, 1 / 60, np.array([2.5, 3.5, 4.5]))
    assert odds[150] > 10 * odds[:150].max()
    assert odds[151] > odds[150]  # two raised days are stronger evidence than one


def test_the_oracle_does_not_alert_twice_on_one_spike() -> None:
    odds = np.array([0, 5, 6, 7, 8, 0, 0, 9, 0], dtype=float)
    assert alerts(odds, 1.0) == {1, 4, 7}
    assert alerts(odds, 7.5) == {4, 7}


def test_the_ceiling_bar_is_the_lowest_within_the_false_alert_budget() -> None:
    rng = np.random.default_rng(1)
    odds = [rng.exponential(1.0, 300) for _ in range(2)]

    def per_day(flagged: list[set[int]]) -> tuple[float, float]:
        return 0.0, sum(len(f) for f in flagged) / 10

    bar = tune(odds, per_day, target=3.0)
    assert per_day([alerts(o, bar) for o in odds])[1] <= 3.0
    assert per_day([alerts(o, bar * 0.95) for o in odds])[1] > 3.0


def test_benchmark_prints_methods_ceiling_and_verdict() -> None:
    lines: list[str] = []
    summary = run_benchmark(series_count=5, out=lines.append, large_count=0)
    assert set(summary) == {"rasd", "ears_c3", "ceiling"}
    assert any(line.strip().startswith("rasd: sensitivity within 2 days") for line in lines)
    assert any(line.strip().startswith("ceiling/level") for line in lines)
    assert sum(line.startswith("goal (") for line in lines) == 1
    # The oracle's bar is set to one false alert per 30 days, and it finds more than Rasd.
    assert 0.9 <= summary["ceiling"][1] <= 1.0
    assert summary["ceiling"][0] >= summary["rasd"][0]


def _spikes(tmp_path, text: str, *extra: str) -> subprocess.CompletedProcess:
    path = tmp_path / "series.csv"
    path.write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "pipeline.cli", "spikes", "--input", str(path),
                           *extra], cwd=PROJECT, capture_output=True, text=True, timeout=120,
                          check=False)


def test_spikes_command_prints_alerts_as_json(tmp_path) -> None:
    rows = [f"{d.isoformat()},{c}" for d, c in zip(DAYS, _flat(), strict=True)]
    rows[100] = f"{DAYS[100].isoformat()},14"
    result = _spikes(tmp_path, "date,count\n" + "\n".join(rows) + "\n")
    assert result.returncode == 0, result.stderr
    alerts = json.loads(result.stdout)
    assert [a["date"] for a in alerts] == [DAYS[100].isoformat()] and alerts[0]["count"] == 14


@pytest.mark.parametrize(("text", "message"), [
    ("day,n\n2024-01-01,3\n", "the header must name the columns date,count"),
    ("date,count\n2024-01-01,three\n", "line 2: expected YYYY-MM-DD,count"),
    ("date,count\n", "no rows"),
])
def test_spikes_command_bad_input(tmp_path, text: str, message: str) -> None:
    result = _spikes(tmp_path, text)
    assert result.returncode == 1 and message in result.stderr
    assert "Traceback" not in result.stderr
