"""Shared fixtures: a fresh PostgreSQL database per run, a real SMTP server, replica sites.

The database is the server on 127.0.0.1:5432 when it answers, otherwise one the tests start
themselves (pgserver, as an unprivileged user); either way a database made for this run and
dropped after it.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import psycopg2
import pytest
from psycopg2 import sql

from pipeline import storage
from pipeline.config import SmtpSettings, load_config
from pipeline.crawl import LOOPBACK_SCRAPY_SETTINGS
from pipeline.mailcatcher import MailCatcher
from replicas.server import ReplicaServer, serve_replicas

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"
# A server on which the tests may create and drop a database of their own.
LOCAL_SERVER = os.environ.get("RASD_TEST_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def _admin_url(tmp_path_factory) -> str:
    try:
        psycopg2.connect(LOCAL_SERVER, connect_timeout=3).close()
        return LOCAL_SERVER
    except psycopg2.OperationalError:
        import pgserver

        server = pgserver.get_server(tmp_path_factory.mktemp("pg"), cleanup_mode="stop")
        return server.get_uri()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    with storage.scratch_database(_admin_url(tmp_path_factory), "rasd_test") as url:
        yield url


@pytest.fixture(scope="session")
def mail_server(tmp_path_factory) -> MailCatcher:
    with MailCatcher(tmp_path_factory.mktemp("mail")) as catcher:
        yield catcher


@pytest.fixture(scope="session")
def replicas() -> dict[str, ReplicaServer]:
    """Every outlet's replica, each on its own loopback port."""
    with serve_replicas() as servers:
        yield servers


@pytest.fixture(scope="session")
def replica(replicas) -> ReplicaServer:
    return replicas["baladi-news"]


@pytest.fixture
def config(database_url, mail_server, replicas, tmp_path):
    """Settings for a test: nothing from the developer's environment leaks in."""
    base = load_config({})
    return replace(
        base, database_url=database_url, data_dir=tmp_path / "data",
        sites_dir=PROJECT / "spiders" / "sites",
        smtp=SmtpSettings(host=mail_server.host, port=mail_server.port,
                          recipients=("analyst@example.org",)),
        site_base_urls={site: server.base_url for site, server in replicas.items()},
        scrapy_settings=LOOPBACK_SCRAPY_SETTINGS,
    )


@pytest.fixture
def db(config):
    """A migrated, empty schema and a connection to it."""
    conn = storage.connect(config)
    with conn, conn.cursor() as cur:
        cur.execute("""TRUNCATE rasd.quality_findings, rasd.alerts, rasd.daily_trends,
                       rasd.tallies, rasd.events, rasd.incidents, rasd.articles, rasd.fetches,
                       rasd.crawl_runs, rasd.pages, rasd.sources
                       RESTART IDENTITY CASCADE""")
    yield conn
    conn.close()


def mails_since(catcher: MailCatcher, count_before: int) -> list[Path]:
    return catcher.saved[count_before:]


# Columns a rerun may legitimately refresh: when a row was last looked at, not what it holds.
REFRESHED_COLUMNS = {("pages", "fetched_at"), ("sources", "updated_at"),
                     ("daily_trends", "computed_at")}
# Logs that every run appends to (a crawl's run and fetches): not the data a rerun redoes.
RUN_LOGS = {"crawl_runs", "fetches"}


def table_contents(conn) -> dict[str, list[tuple]]:
    """Every row of every rasd table (run logs and refresh times aside), in a stable order:
    what a rerun must leave exactly as it was."""
    with conn.cursor() as cur:
        cur.execute("""SELECT c.table_name,
                              array_agg(c.column_name::text ORDER BY c.ordinal_position)
                       FROM information_schema.columns c
                       JOIN information_schema.tables t USING (table_schema, table_name)
                       WHERE c.table_schema = 'rasd' AND t.table_type = 'BASE TABLE'
                       GROUP BY c.table_name ORDER BY c.table_name""")
        tables = cur.fetchall()
        contents = {}
        for table, columns in tables:
            if table in RUN_LOGS:
                continue
            kept = [c for c in columns if (table, c) not in REFRESHED_COLUMNS]
            listed = sql.SQL(", ").join(map(sql.Identifier, kept))
            cur.execute(sql.SQL("SELECT {} FROM {} ORDER BY {}").format(
                listed, sql.Identifier("rasd", table), listed))
            contents[table] = [tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
                               for row in cur.fetchall()]
    conn.commit()
    return contents
