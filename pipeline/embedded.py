"""The embedded default: a PostgreSQL server of Rasd's own, under the project's data directory.

pgserver bundles the server binaries in a wheel; run as root it starts the server as an
unprivileged OS user of its own, since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import warnings
from pathlib import Path

from pipeline.errors import RasdError

log = logging.getLogger(__name__)

DATABASE = "rasd"
_servers: dict[Path, object] = {}  # keeps each server's handle alive for this process


SERVER_USER = "pgserver"  # the unprivileged OS user pgserver runs the server as under root


def _ensure_server_user() -> None:
    """As root, create the server's OS user first: pgserver calls a bare `useradd`, which a
    PATH without /usr/sbin (cron, CI, a test's clean environment) does not find."""
    if os.name != "posix" or os.geteuid() != 0:
        return
    import pwd

    try:
        pwd.getpwnam(SERVER_USER)
        return
    except KeyError:
        pass
    useradd = shutil.which("useradd", path=os.pathsep.join(
        [os.environ.get("PATH", ""), "/usr/sbin", "/sbin"]))
    if useradd is None:
        raise RasdError(f"cannot create the OS user {SERVER_USER!r} for the embedded "
                        "PostgreSQL: no useradd on this machine")
    subprocess.run([useradd, "-s", "/bin/bash", SERVER_USER], check=True, capture_output=True)


def embedded_database_url(data_dir: Path, database: str = DATABASE, *, fresh: bool = False) -> str:
    """Start (or join) the embedded server under data_dir/pgdata and return a URL to one of its
    databases, created if missing (dropped and created anew when `fresh`)."""
    pgdata = (data_dir / "pgdata").resolve()
    server = _servers.get(pgdata)
    if server is None:
        try:
            with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset
                warnings.simplefilter("ignore")
                import pgserver

            pgdata.parent.mkdir(parents=True, exist_ok=True)
            _ensure_server_user()
            # 'stop': the last process holding a handle stops the server when it exits.
            server = pgserver.get_server(pgdata, cleanup_mode="stop")
        except Exception as exc:  # pgserver raises bare exceptions with the server log
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise RasdError(f"cannot start the embedded PostgreSQL in {pgdata}: {first}") from exc
        _servers[pgdata] = server
        log.info("embedded PostgreSQL running in %s", pgdata)
    if not database.replace("_", "").isalnum():
        raise RasdError(f"bad database name {database!r}")
    exists = "(1 row)" in server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")
    if exists and fresh:
        server.psql(f"DROP DATABASE {database} WITH (FORCE);")
    if fresh or not exists:
        server.psql(f"CREATE DATABASE {database};")
    uri = server.get_uri()  # postgresql://postgres:@/postgres?host=<socket dir>
    base, _, query = uri.partition("?")
    return f"{base.rsplit('/', 1)[0]}/{database}?{query}"
