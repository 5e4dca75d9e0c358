"""Schema from migrations, migration bookkeeping, named queries, connection errors."""

import re
from dataclasses import replace

import pytest

from pipeline import storage
from pipeline.errors import RasdError

TABLES = {"sources", "pages", "articles", "events", "tallies", "daily_trends", "alerts",
          "schema_migrations"}


def test_schema_is_built_from_migrations(db) -> None:
    with db.cursor() as cur:
        cur.execute("SELECT table_name FROM information_schema.tables WHERE table_schema='rasd'")
        assert {row[0] for row in cur.fetchall()} >= TABLES
        cur.execute("SELECT version, name FROM rasd.schema_migrations ORDER BY version")
        recorded = cur.fetchall()
    assert [(v, n) for v, n, _ in storage.migration_files()] == recorded


def test_migrate_twice_applies_nothing_new(db) -> None:
    assert storage.migrate(db) == []


def test_every_named_query_prepares(db) -> None:
    # PREPARE checks a query against the schema (names, types) without running it.
    with db.cursor() as cur:
        for number, (name, sql) in enumerate(storage.queries().items()):
            params: list[str] = []

            def positional(match: re.Match, params=params) -> str:
                if match.group(1) not in params:
                    params.append(match.group(1))
                return f"${params.index(match.group(1)) + 1}"

            body = re.sub(r"%\((\w+)\)s", positional, sql).rstrip(";")
            cur.execute(f"PREPARE q{number} AS {body}")
            cur.execute(f"DEALLOCATE q{number}")
            assert name
    db.rollback()


def test_events_table_enforces_the_schema_vocabulary(db) -> None:
    import psycopg2

    with db.cursor() as cur:
        cur.execute("INSERT INTO rasd.sources VALUES ('s', 'S', 's.example', 'http://s', now())")
        cur.execute("""INSERT INTO rasd.pages (source_id, url, raw_html, fetched_at)
                       VALUES ('s', 'http://s/1', 'x', now()) RETURNING page_id""")
        page_id = cur.fetchone()[0]
        cur.execute("""INSERT INTO rasd.articles (page_id, source_id, url, content_hash,
                       clean_text, normalized_text) VALUES (%s, 's', 'http://s/1', 'h', 't', 't')
                       RETURNING article_id""", (page_id,))
        article_id = cur.fetchone()[0]
        with pytest.raises(psycopg2.errors.CheckViolation):
            cur.execute("""INSERT INTO rasd.events (event_id, article_id, ordinal, type,
                           perpetrator, evidence, extractor_version)
                           VALUES ('e', %s, 1, 'picnic', 'isis', 'x', 'v')""", (article_id,))
    db.rollback()


def test_unreachable_database_gives_one_line(config) -> None:
    dead = replace(config, database_url="postgresql://postgres@127.0.0.1:1/nothing")
    with pytest.raises(RasdError) as caught:
        storage.connect(dead)
    message = str(caught.value)
    assert message.startswith("cannot connect to PostgreSQL at postgresql://postgres@127.0.0.1:1")
    assert "\n" not in message
