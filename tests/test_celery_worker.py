"""The Celery profile's worker, for real: `airflow celery worker` as docker-compose.celery.yml
runs it, with its executor settings, registers with a Redis broker and answers a ping."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def test_worker_of_the_celery_profile_joins_its_broker(database_url, tmp_path) -> None:
    import celery

    worker = yaml.safe_load((PROJECT / "docker-compose.celery.yml").read_text(
        encoding="utf-8"))["services"]["airflow-worker"]
    # Compose fills ${VAR:-default} from the environment; here every default holds.
    env_keys = {k: re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", str(v))
                for k, v in worker["environment"].items()
                if "CELERY" in k or k == "AIRFLOW__CORE__EXECUTOR"}
    assert env_keys["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    # A Redis of the test's own: scripts/bootstrap --with-compose installs redis-server.
    binary = shutil.which("redis-server")
    assert binary, "redis-server is missing: run scripts/bootstrap --with-compose"
    port = _free_port()
    redis = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                              "--appendonly", "no"], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    broker = f"redis://127.0.0.1:{port}/0"
    # The profile's settings, with its hosts (redis, postgres) replaced by this machine's.
    env = {**os.environ, **env_keys,
           "AIRFLOW__CELERY__BROKER_URL": broker,
           "AIRFLOW__CELERY__RESULT_BACKEND": "db+" + database_url,
           "AIRFLOW_HOME": str(tmp_path / "airflow"), "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
           "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{tmp_path / 'airflow.db'}",
           "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(_free_port())}
    name = f"rasd-test-{port}"
    command = [str(Path(sys.executable).parent / "airflow"), *worker["command"][1:],
               "--concurrency", "1", "-H", f"{name}@%h"]
    assert worker["command"][:3] == ["airflow", "celery", "worker"]
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        app = celery.Celery(broker=broker)
        replies: list = []
        deadline = time.monotonic() + 120
        while not replies and time.monotonic() < deadline and process.poll() is None:
            replies = app.control.ping(timeout=2)
        output = (tmp_path / "worker.log").read_text(encoding="utf-8", errors="replace")
        assert replies, f"no worker answered (exit {process.poll()}): {output[-1500:]}"
        assert any(reply.keys() == {f"{name}@{socket.gethostname()}"} or
                   next(iter(reply)).startswith(f"{name}@") for reply in replies)
        assert all(next(iter(reply.values())) == {"ok": "pong"} for reply in replies)
    finally:
        _stop(process)
        log.close()
        _stop(redis)
