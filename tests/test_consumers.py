"""What downstream consumers get: views over the day's results, and a read-only role that
can read them and nothing else."""

from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import pytest

from pipeline import daily
from pipeline.crawl import run_crawl

VIEWS = ["v_events", "v_daily_trends", "v_daily_totals", "v_alerts", "v_tallies", "v_incidents",
         "v_incident_reports"]
SCHEMA_DOC = Path(__file__).resolve().parent.parent / "docs" / "schema.md"


def _as_reader(database_url: str):
    parts = urlsplit(database_url)
    netloc = "rasd_reader@" + parts.netloc.split("@")[-1]
    return psycopg2.connect(urlunsplit(parts._replace(netloc=netloc)))


def test_views_hold_the_days_results(config, db) -> None:
    run_crawl(config, "baladi-news")
    for day in (date(2020, 12, 30), date(2020, 12, 31)):
        daily.process_day(config, day)
    with db.cursor() as cur:
        # Trends count incidents: one attack however many reports.
        cur.execute("SELECT count(*) FROM rasd.v_incidents WHERE event_date = '2020-12-30' "
                    "AND date_precision = 'day'")
        incidents = cur.fetchone()[0]
        cur.execute("SELECT events FROM rasd.v_daily_totals WHERE day = '2020-12-30'")
        assert cur.fetchone()[0] == incidents > 0
        cur.execute("SELECT count(*), count(DISTINCT incident_id) FROM rasd.v_incident_reports")
        reports, merged = cur.fetchone()
        assert reports >= merged > 0
        cur.execute("SELECT article_url, source_name FROM rasd.v_events LIMIT 1")
        url, source = cur.fetchone()
        assert url.startswith("http://127.0.0.1:") and source == "Baladi News"


def test_reader_reads_views_and_writes_nothing(config, db) -> None:
    reader = _as_reader(config.database_url)
    try:
        with reader.cursor() as cur:
            for view in VIEWS:
                cur.execute(f"SELECT count(*) FROM rasd.{view}")
                assert cur.fetchone()[0] >= 0
        for statement in ("SELECT * FROM rasd.events",
                          "INSERT INTO rasd.sources VALUES ('x', 'x', 'x', 'x', now())",
                          "DELETE FROM rasd.alerts",
                          "CREATE TABLE rasd.mine (x int)"):
            with pytest.raises(psycopg2.errors.InsufficientPrivilege), reader.cursor() as cur:
                cur.execute(statement)
            reader.rollback()
    finally:
        reader.close()


def test_indexes_serve_the_common_filters(db) -> None:
    with db.cursor() as cur:
        cur.execute("SELECT indexname FROM pg_indexes WHERE schemaname = 'rasd'")
        names = {row[0] for row in cur.fetchall()}
    assert {"events_governorate_date_idx", "events_perpetrator_idx", "events_target_idx",
            "daily_trends_governorate_idx", "alerts_day_idx"} <= names


def test_schema_doc_names_every_table_view_and_column(db) -> None:
    """docs/schema.md is the consumers' contract: whatever the migrations make is in it."""
    doc = SCHEMA_DOC.read_text(encoding="utf-8")
    with db.cursor() as cur:
        cur.execute("SELECT table_name, column_name FROM information_schema.columns "
                    "WHERE table_schema = 'rasd' AND table_name <> 'schema_migrations'")
        columns = cur.fetchall()
    missing_tables = sorted({t for t, _ in columns
                             if f"## {t}" not in doc and f"| {t} |" not in doc})
    assert not missing_tables, missing_tables
    missing = sorted(f"{t}.{c}" for t, c in columns
                     if not t.startswith("v_") and c not in doc)
    assert not missing, missing
