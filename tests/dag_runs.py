"""Real runs of the rasd_daily DAG for the tests: an Airflow home of the test's own (migrated),
`dag.test()` in a subprocess so Airflow's configuration and logging cannot leak into other
tests, and the run's outcome read back from its output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DAGS = PROJECT / "dags"

# Prints one line "RESULT {state, tasks: {id: state}, tries: {id: [state, try_number]}}".
RUN = f"""
import json, pendulum
from airflow.dag_processing.dagbag import DagBag
dag = DagBag(dag_folder={str(DAGS)!r}).dags["rasd_daily"]
run = dag.test(logical_date=pendulum.datetime(2020, 12, 30, tz="UTC"))
tis = run.get_task_instances()
print("RESULT " + json.dumps({{
    "state": str(run.state), "tasks": {{ti.task_id: str(ti.state) for ti in tis}},
    "tries": {{ti.task_id: [str(ti.state), ti.try_number] for ti in tis}}}}))
"""


def airflow_env(home: Path, base: dict | None = None, **extra: str) -> dict:
    """The environment of an Airflow home at `home`, its metadata database migrated."""
    env = {**(os.environ if base is None else base), "AIRFLOW_HOME": str(home),
           "AIRFLOW__CORE__LOAD_EXAMPLES": "False", "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
           "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING", **extra}
    migrate = subprocess.run([sys.executable, "-m", "airflow", "db", "migrate"], env=env,
                             capture_output=True, text=True, timeout=300, check=False)
    assert migrate.returncode == 0, migrate.stderr[-2000:]
    return env


def smtp_uri(mail_server) -> str:
    """The smtp_default connection for a plain local catcher (the provider defaults to SSL)."""
    return f"smtp://{mail_server.host}:{mail_server.port}?disable_ssl=true&disable_tls=true"


def outcome(stdout: str, stderr: str) -> dict:
    """The RESULT a RUN printed; the run's stderr when it printed none."""
    lines = [line for line in stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, stderr[-3000:]
    return json.loads(lines[-1][len("RESULT "):])


def run_dag(env: dict, timeout: int = 600) -> dict:
    """One dag.test() run of rasd_daily for 2020-12-30; its outcome."""
    result = subprocess.run([sys.executable, "-c", RUN], env=env, capture_output=True,
                            text=True, timeout=timeout, check=False, cwd=PROJECT)
    return outcome(result.stdout, result.stderr)
