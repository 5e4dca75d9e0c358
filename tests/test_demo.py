"""`rasd demo`, the README's first command, on its embedded PostgreSQL and mail catcher."""

import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def test_demo_runs_end_to_end_and_says_where_the_mail_went() -> None:
    # Inside the project, as for users: the embedded server's own OS user must reach it,
    # which pytest's private temporary folders do not allow.
    data_dir = PROJECT / ".rasd" / f"test-{uuid.uuid4().hex[:8]}"
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PG", "DATABASE_URL", "RASD_"))}
    env["RASD_DATA_DIR"] = str(data_dir)
    try:
        result = subprocess.run([sys.executable, "-m", "pipeline.cli", "demo"], cwd=PROJECT,
                                env=env, capture_output=True, text=True, timeout=600,
                                check=False)
        assert result.returncode == 0, result.stderr[-3000:]
        out = result.stdout
        assert "Embedded PostgreSQL database: postgresql://" in out
        for site in ("baladi-news", "nedaa-post", "radio-alkul", "north-pulse", "sy24"):
            assert f": {site}: discovered " in out
        assert re.search(r"Processed \d+ days from 2020-\d\d-\d\d to 2025-09-15: "
                         r"1\d\d articles, \d+ events", out), out
        caught = [line.split("Alert email caught: ")[1].split(" ")[0]
                  for line in out.splitlines() if line.startswith("Alert email caught: ")]
        assert caught and all(Path(path).is_file() for path in caught)
        subjects = [Path(p).read_text(errors="replace") for p in caught]
        assert any("Subject: Rasd alert 2020-12-30" in text for text in subjects)
        # Each alert email as a page with its chart inside, and as Chromium draws it.
        pages = [Path(p).with_suffix(".html").read_text(encoding="utf-8") for p in caught]
        assert all('<img src="data:image/png;base64,' in page for page in pages)
        images = out.split("Alert emails as Chromium renders them: ")[1].splitlines()[0]
        assert sorted(images.split(", ")) == sorted(
            str(Path(p).with_suffix(".png")) for p in caught)
        assert all(Path(image).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
                   for image in images.split(", "))
    finally:
        # The embedded server stopped with the demo's process (cleanup_mode "stop").
        shutil.rmtree(data_dir, ignore_errors=True)
