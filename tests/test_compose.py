"""docker-compose.yml is valid and runs what it should; the image installs as CI does."""

import json
import shutil
import subprocess
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent


AIRFLOW_SERVICES = ("airflow-init", "rasd-migrate", "airflow-apiserver", "airflow-scheduler",
                    "airflow-dag-processor", "airflow-triggerer")


def _config(*files: str) -> dict:
    """The merged compose configuration of these files, as docker-compose resolves it."""
    # Debian's docker-compose (v1) validates without a Docker engine; scripts/bootstrap
    # --with-compose installs it.
    binary = shutil.which("docker-compose")
    assert binary, "docker-compose is missing: run scripts/bootstrap --with-compose"
    command = [binary]
    for name in files:
        command += ["-f", str(PROJECT / name)]
    result = subprocess.run([*command, "config"], capture_output=True, text=True, timeout=120,
                            check=False, env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def test_compose_file_is_valid_and_complete() -> None:
    services = _config("docker-compose.yml")["services"]
    assert {"postgres", "mailcatcher", "airflow-init", "rasd-migrate", "airflow-apiserver",
            "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer"} <= set(services)
    commands = {name: s.get("command") for name, s in services.items()}
    assert commands["airflow-scheduler"] == ["airflow", "scheduler"]
    assert commands["rasd-migrate"] == ["rasd", "migrate"]
    env = services["airflow-scheduler"]["environment"]
    assert env["AIRFLOW_CONN_SMTP_DEFAULT"].startswith("smtp://mailcatcher:")
    assert "8025" in json.dumps(services["mailcatcher"]["ports"])
    # The default runs every task on the scheduler's machine, with no broker.
    assert {services[name]["environment"]["AIRFLOW__CORE__EXECUTOR"]
            for name in AIRFLOW_SERVICES} == {"LocalExecutor"}
    assert not {"redis", "airflow-worker"} & set(services)


def test_celery_profile_switches_every_airflow_service_and_adds_workers() -> None:
    local = _config("docker-compose.yml")["services"]
    merged = _config("docker-compose.yml", "docker-compose.celery.yml")
    services = merged["services"]
    assert set(local) | {"redis", "airflow-worker", "airflow-flower"} == set(services)
    assert services["redis"]["image"].startswith("redis:")
    assert "redis-cli" in services["redis"]["healthcheck"]["test"]
    workers = services["airflow-worker"]
    assert workers["command"] == ["airflow", "celery", "worker"]
    assert workers["deploy"]["replicas"] >= 2
    assert "redis" in workers["depends_on"] and "redis" in services["airflow-scheduler"][
        "depends_on"]
    scheduler = services["airflow-scheduler"]
    for name in (*AIRFLOW_SERVICES, "airflow-worker", "airflow-flower"):
        env = services[name]["environment"]
        assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor", name
        assert env["AIRFLOW__CELERY__BROKER_URL"] == "redis://redis:6379/0", name
        assert env["AIRFLOW__CELERY__RESULT_BACKEND"].startswith("db+postgresql://"), name
    # Workers are the scheduler's twins: same image, same build, same settings (the override
    # repeats them, since YAML anchors cannot reach into docker-compose.yml).
    for name in ("airflow-worker", "airflow-flower"):
        assert services[name]["image"] == scheduler["image"] == local["airflow-scheduler"]["image"]
        assert services[name]["build"] == scheduler["build"]
        assert services[name]["environment"] == scheduler["environment"], name
    # Apart from the executor's settings, the profile changes nothing the default has.
    celery_keys = {"AIRFLOW__CORE__EXECUTOR", "AIRFLOW__CELERY__BROKER_URL",
                   "AIRFLOW__CELERY__RESULT_BACKEND", "AIRFLOW__CELERY__WORKER_CONCURRENCY"}
    for name in AIRFLOW_SERVICES:
        changed = {k for k, v in services[name]["environment"].items()
                   if local[name]["environment"].get(k) != v}
        assert changed <= celery_keys, (name, changed)
        assert services[name]["command"] == local[name]["command"]
    assert "airflow-logs" in merged["volumes"]


def test_image_has_the_celery_provider_pinned() -> None:
    # The workers run `airflow celery worker`: the image (scripts/bootstrap) must install it.
    pyproject = (PROJECT / "pyproject.toml").read_text(encoding="utf-8")
    lock = (PROJECT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    pinned = [line for line in lock if line.startswith("apache-airflow-providers-celery==")]
    assert pinned and f'"{pinned[0]}"' in pyproject
    assert any(line.startswith("redis==") for line in lock)
    assert "requirements.lock" in (PROJECT / "scripts" / "bootstrap").read_text(encoding="utf-8")


def test_image_installs_with_the_script_ci_runs() -> None:
    dockerfile = (PROJECT / "docker" / "Dockerfile").read_text(encoding="utf-8")
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    assert "RUN scripts/bootstrap" in dockerfile
    assert "scripts/bootstrap --with-compose" in makefile
    assert "make test" in (PROJECT / ".ci" / "run").read_text(encoding="utf-8")
