"""docker-compose.yml is valid and runs what it should; the image installs as CI does."""

import json
import shutil
import subprocess
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent


def test_compose_file_is_valid_and_complete() -> None:
    # Debian's docker-compose (v1) validates without a Docker engine; scripts/bootstrap
    # --with-compose installs it.
    binary = shutil.which("docker-compose")
    assert binary, "docker-compose is missing: run scripts/bootstrap --with-compose"
    result = subprocess.run([binary, "-f", str(PROJECT / "docker-compose.yml"), "config"],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    services = yaml.safe_load(result.stdout)["services"]
    assert {"postgres", "mailcatcher", "airflow-init", "rasd-migrate", "airflow-apiserver",
            "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer"} <= set(services)
    commands = {name: s.get("command") for name, s in services.items()}
    assert commands["airflow-scheduler"] == ["airflow", "scheduler"]
    assert commands["rasd-migrate"] == ["rasd", "migrate"]
    env = services["airflow-scheduler"]["environment"]
    assert env["AIRFLOW_CONN_SMTP_DEFAULT"].startswith("smtp://mailcatcher:")
    assert "8025" in json.dumps(services["mailcatcher"]["ports"])


def test_image_installs_with_the_script_ci_runs() -> None:
    dockerfile = (PROJECT / "docker" / "Dockerfile").read_text(encoding="utf-8")
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    assert "RUN scripts/bootstrap" in dockerfile
    assert "scripts/bootstrap --with-compose" in makefile
    assert "make test" in (PROJECT / ".ci" / "run").read_text(encoding="utf-8")
