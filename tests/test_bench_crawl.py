"""The crawl benchmark runs and reports figures it measured (not their values: speed is for
benchmarks, never for tests)."""

import subprocess
import sys
import uuid
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def test_benchmark_prints_both_crawls_and_their_ratio() -> None:
    data_dir = PROJECT / ".rasd" / f"test-bench-{uuid.uuid4().hex[:8]}"
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pipeline.cli", "benchmark", "crawl", "--pages", "60"],
            cwd=PROJECT, env={"PATH": "/usr/bin:/bin", "RASD_DATA_DIR": str(data_dir)},
            capture_output=True, text=True, timeout=600, check=False)
    finally:
        import shutil

        shutil.rmtree(data_dir, ignore_errors=True)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.strip().splitlines()
    assert lines[0].strip().startswith("without storage: ")
    assert lines[1].strip().startswith("with storage: ")
    # Both crawls fetched every article of the replica.
    counts = {line.split(":")[1].split()[0] for line in lines[:2]}
    assert len(counts) == 1 and int(counts.pop()) >= 60
    assert "of the bare crawl's speed" in lines[2]
