"""Quality gates for the text stage: the report over the replicas and the Arabic gold pages,
and Rasd's F1 beside trafilatura's defaults on public benchmarks (a sample of each set)."""

import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.text import SETS, accuracy, quality

PROJECT = Path(__file__).resolve().parent.parent
BENCHMARKS = PROJECT.parent / "shared" / "benchmarks"


def test_every_sentence_kept_and_no_clutter() -> None:
    lines: list[str] = []
    rows = quality(BENCHMARKS, PROJECT / "spiders" / "sites", out=lines.append)
    assert len(rows) == 9  # five replicas, four Arabic gold pages
    for name, (_, kept, total, clutter) in rows.items():
        assert total > 0 and kept == total and clutter == 0, name
    assert lines[0].startswith("| pages | articles | sentences kept |")


@pytest.fixture(scope="module")
def scores() -> dict:
    return accuracy(BENCHMARKS, out=lambda line: None, limit=60)


@pytest.mark.parametrize("benchmark", list(SETS))
def test_cleaning_costs_no_f1(scores, benchmark: str) -> None:
    rasd, baseline = scores[(benchmark, "rasd")], scores[(benchmark, "trafilatura")]
    assert rasd.f1 >= baseline.f1 - 0.005, (rasd.f1, baseline.f1)
    assert rasd.f1 > 0.8  # pinned floor: the sampled sets score 0.83 to 0.97


def test_commands_print_their_tables() -> None:
    run = [sys.executable, "-m", "pipeline.cli"]
    report = subprocess.run([*run, "report", "text"], cwd=PROJECT, capture_output=True,
                            text=True, timeout=300, check=False)
    assert report.returncode == 0, report.stderr
    assert "| sy24 | 31 |" in report.stdout
    bench = subprocess.run([*run, "benchmark", "text", "--limit", "3"], cwd=PROJECT,
                           capture_output=True, text=True, timeout=300, check=False)
    assert bench.returncode == 0, bench.stderr
    assert "| scrapinghub-aeb | 3 | rasd |" in bench.stdout
    assert "times as long as bare trafilatura.extract" in bench.stdout
    missing = subprocess.run([*run, "report", "text", "--benchmarks", "/nowhere"], cwd=PROJECT,
                             capture_output=True, text=True, timeout=60, check=False)
    assert missing.returncode == 1
    assert missing.stderr.strip() == ("rasd: error: benchmark folder /nowhere not found "
                                      "(give --benchmarks DIR)")
