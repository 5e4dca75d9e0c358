"""The `rasd` command as a user runs it: JSON out, one-line errors, no tracebacks."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SEEDS = sorted((PROJECT.parent / "shared" / "seeds").glob("*.txt"))
KEYS = ["source", "url", "title", "published", "language", "text", "events", "tallies"]
EVENT_KEYS = {"type", "perpetrator", "target", "governorate", "place", "date", "date_precision",
              "killed", "wounded", "evidence", "cluster"}


def rasd(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=PROJECT,
                          capture_output=True, text=True, timeout=300, check=False,
                          env={**os.environ, **(env or {})})


def test_extract_prints_one_json_object_per_seed() -> None:
    assert len(SEEDS) == 5
    result = rasd("extract", *map(str, SEEDS))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"] for r in records] == [str(p) for p in SEEDS]
    for record in records:
        assert list(record) == KEYS
        assert record["text"] and record["title"]
        for event in record["events"]:
            assert set(event) == EVENT_KEYS
    assert sum(len(r["events"]) for r in records) >= 5
    # Three attacks of one article (004) are three incidents: never one cluster id.
    clusters_004 = [e["cluster"] for e in records[4]["events"]]
    assert len(clusters_004) == len(set(clusters_004)) == 3


def test_extract_html_page_gets_url_and_publication_time(replica, tmp_path) -> None:
    article = replica.replica.articles[-1]
    page = tmp_path / "page.html"
    page.write_bytes(replica.replica.respond(replica.replica.path_of(article)).body)
    (record,) = [json.loads(line) for line in rasd("extract", str(page)).stdout.splitlines()]
    assert record["url"] == replica.replica.url_of(article)
    assert record["published"] == article.published.isoformat()


def test_published_option_resolves_relative_dates() -> None:
    seed = next(p for p in SEEDS if p.name.startswith("001_"))
    result = rasd("extract", "--published", "2020-12-31", str(seed))
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["events"][0]["date"] == "2020-12-30"


@pytest.mark.parametrize(("args", "message"), [
    (["extract", "/no/such/page.html"], "rasd: /no/such/page.html: no such file"),
    (["extract", "--published", "31/12/2020", "x.txt"], "not a date in YYYY-MM-DD form"),
    (["process", "--date", "yesterday"], "not a date in YYYY-MM-DD form"),
])
def test_bad_arguments_give_one_line(args: list[str], message: str) -> None:
    result = rasd(*args)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_page_that_is_not_html(tmp_path) -> None:
    binary = tmp_path / "image.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    good = SEEDS[0]
    result = rasd("extract", str(binary), str(good))
    assert result.returncode == 1
    assert result.stderr.strip() == f"rasd: {binary}: not an HTML page (binary content)"
    assert len(result.stdout.splitlines()) == 1  # the good file still comes out


@pytest.mark.parametrize("command", [["migrate"], ["process", "--date", "2020-12-30"],
                                     ["crawl"]])
def test_unreachable_database_gives_one_line(command: list[str]) -> None:
    result = rasd(*command, env={"DATABASE_URL": "postgresql://postgres@127.0.0.1:1/rasd"})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "cannot connect to PostgreSQL at postgresql://postgres@127.0.0.1:1/rasd" in lines[0]


def test_migrate_reports_what_it_applied(config) -> None:
    from pipeline.storage import migration_files

    result = rasd("migrate", env={"DATABASE_URL": config.database_url})
    assert result.returncode == 0, result.stderr
    every = "applied: " + ", ".join(f"{v:04d}_{n}" for v, n, _ in migration_files())
    assert result.stdout.strip() in ("schema is up to date", every)
    again = rasd("migrate", env={"DATABASE_URL": config.database_url})
    assert again.stdout.strip() == "schema is up to date"


def test_crawl_prints_each_sites_counts(config, replicas) -> None:
    bases = ",".join(f"{site}={server.base_url}" for site, server in replicas.items())
    settings = ",".join(f"{k}={v}" for k, v in config.scrapy_settings.items())
    result = rasd("crawl", "--site", "radio-alkul", "--site", "north-pulse",
                  env={"DATABASE_URL": config.database_url, "RASD_SITE_BASE_URLS": bases,
                       "RASD_SCRAPY_SETTINGS": settings})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == ["radio-alkul", "north-pulse"]
    assert all(re.search(r"discovered \d+, fetched \d+, new \d+, changed 0, unchanged \d+, "
                         r"skipped \d+, failed 6 \(.*http 404 1.*\) in [\d.]+ s$", line)
               for line in lines), lines
