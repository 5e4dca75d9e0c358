"""PostgreSQL: connections, forward-only migrations and the named queries in sql/queries.sql."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import psycopg2.extras

from pipeline.config import Config
from pipeline.embedded import embedded_database_url
from pipeline.errors import RasdError

SQL_DIR = Path(__file__).parent / "sql"
MIGRATIONS_DIR = SQL_DIR / "migrations"
_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
# Any number fixed here: it only has to differ from other advisory locks on the server.
_MIGRATION_LOCK = 7_201_931


def resolve_database_url(config: Config) -> str:
    """The URL to connect to: the configured one, or the embedded server's."""
    if config.database_url is not None:
        return config.database_url
    return embedded_database_url(config.data_dir)


def _describe(url: str) -> str:
    """Where a URL points, without its password, for error messages."""
    if not url:
        return "the server named by the PG* variables"
    return re.sub(r"://([^:@/]*):[^@/]*@", r"://\1:***@", url)


def connect(config: Config, *, migrate_first: bool = True):
    """Open a connection (autocommit off), applying pending migrations first by default."""
    url = resolve_database_url(config)
    try:
        conn = psycopg2.connect(url, connect_timeout=10, application_name="rasd")
    except psycopg2.OperationalError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else "no answer"
        raise RasdError(f"cannot connect to PostgreSQL at {_describe(url)}: {reason}") from exc
    if migrate_first:
        migrate(conn)
    return conn


# SQLSTATEs of a server going away: admin shutdown, crash shutdown, cannot connect now.
_SERVER_GONE = {"57P01", "57P02", "57P03"}


def server_gone(conn, exc: Exception) -> bool:
    """Whether a psycopg2 error means the server went away (stopped, crashed, unreachable),
    rather than refusing one statement."""
    return bool(conn.closed) or getattr(exc, "pgcode", None) in _SERVER_GONE or isinstance(
        exc, psycopg2.InterfaceError)


@contextmanager
def connection(config: Config, *, migrate_first: bool = True) -> Iterator:
    """A connection that commits when the block succeeds and rolls back when it raises.

    A server that goes away mid-block (stopped, restarted, network gone) is a RasdError
    naming it: the block's transaction is lost whole, so rerunning the stage is safe."""
    conn = connect(config, migrate_first=migrate_first)
    try:
        with conn:
            yield conn
    except (psycopg2.OperationalError, psycopg2.InterfaceError) as exc:
        if not server_gone(conn, exc):  # a deadlock, a timeout: the server is there
            raise
        where = _describe(resolve_database_url(config))
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise RasdError(f"PostgreSQL at {where} became unreachable: {reason}") from exc
    finally:
        conn.close()


def with_database(url: str, name: str) -> str:
    """The same server, naming another database: a URL stays a URL (Airflow connections and
    SQLAlchemy want one), a key=value string stays one."""
    if "://" in url:
        parts = urlsplit(url)
        return urlunsplit(parts._replace(path="/" + name))
    return psycopg2.extensions.make_dsn(url, dbname=name)


@contextmanager
def scratch_database(server_url: str, prefix: str) -> Iterator[str]:
    """A database of its own on a server (tests, benchmarks), dropped after use; yields its
    connection string. `server_url` names a database that may create others."""
    import uuid

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    _admin(server_url, f"CREATE DATABASE {name}")
    try:
        yield with_database(server_url, name)
    finally:
        _admin(server_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _admin(url: str, sql: str) -> None:
    """One statement outside a transaction (CREATE/DROP DATABASE need that)."""
    try:
        conn = psycopg2.connect(url, connect_timeout=10)
    except psycopg2.OperationalError as exc:
        raise RasdError(f"cannot connect to PostgreSQL at {_describe(url)}: "
                        f"{str(exc).strip().splitlines()[0] if str(exc).strip() else 'no answer'}"
                        ) from exc
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(sql)
    except psycopg2.Error as exc:
        raise RasdError(f"{sql.split()[0].lower()} database failed: {exc}".strip()) from exc
    finally:
        conn.close()


def migration_files() -> list[tuple[int, str, Path]]:
    """(version, name, path) for each numbered migration, in order."""
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            raise RasdError(f"migration file {path.name} is not named NNNN_<what>.sql")
        found.append((int(match.group(1)), match.group(2), path))
    return found


def migrate(conn) -> list[str]:
    """Apply the migrations not yet recorded in rasd.schema_migrations; return their names."""
    applied: list[str] = []
    with conn, conn.cursor() as cur:
        # Several entry points may start at once (Airflow tasks): one applies, the others wait.
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        cur.execute("CREATE SCHEMA IF NOT EXISTS rasd")
        cur.execute(
            """CREATE TABLE IF NOT EXISTS rasd.schema_migrations (
                   version integer PRIMARY KEY,
                   name text NOT NULL,
                   applied_at timestamptz NOT NULL DEFAULT now())"""
        )
        cur.execute("SELECT version FROM rasd.schema_migrations")
        done = {row[0] for row in cur.fetchall()}
        for version, name, path in migration_files():
            if version in done:
                continue
            cur.execute(path.read_text(encoding="utf-8"))
            cur.execute(
                "INSERT INTO rasd.schema_migrations (version, name) VALUES (%s, %s)",
                (version, name),
            )
            applied.append(f"{version:04d}_{name}")
    return applied


@cache
def queries() -> dict[str, str]:
    """The named queries of sql/queries.sql, keyed by the name in their '-- name:' line."""
    named: dict[str, str] = {}
    current: str | None = None
    lines: list[str] = []
    for line in (SQL_DIR / "queries.sql").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^--\s*name:\s*(\w+)\s*$", line)
        if match:
            if current:
                named[current] = "\n".join(lines).strip()
            current, lines = match.group(1), []
        elif current and not line.startswith("--"):
            lines.append(line)
    if current:
        named[current] = "\n".join(lines).strip()
    return named


def execute(conn, name: str, params=None) -> None:
    """Run a named query that returns nothing."""
    with conn.cursor() as cur:
        cur.execute(queries()[name], params)


def fetch_all(conn, name: str, params=None) -> list[dict]:
    """Run a named query and return its rows as dicts."""
    with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
        cur.execute(queries()[name], params)
        return [dict(row) for row in cur.fetchall()]


def fetch_one(conn, name: str, params=None) -> dict | None:
    """Run a named query and return its first row as a dict, or None."""
    rows = fetch_all(conn, name, params)
    return rows[0] if rows else None
