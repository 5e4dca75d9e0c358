"""The rasd_daily DAG: it loads cleanly, and one real run (dag.test) against PostgreSQL, a
replica site and an SMTP server writes the rows and sends the alert.

Airflow runs in a subprocess with its own AIRFLOW_HOME, so its configuration and logging
cannot leak into the other tests.
"""

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dag_runs
import pytest

PROJECT = Path(__file__).resolve().parent.parent

INTEGRITY = """
import json
from airflow.dag_processing.dagbag import DagBag
bag = DagBag(dag_folder=%r)
dag = bag.dags.get("rasd_daily")
print(json.dumps({"errors": {k: str(v)[:300] for k, v in bag.import_errors.items()},
                  "tasks": sorted(dag.task_ids) if dag else [],
                  "catchup": dag.catchup if dag else None,
                  "retries": dag.default_args.get("retries") if dag else None,
                  "doc": bool(dag and dag.doc_md)}))
"""

@pytest.fixture(scope="module")
def airflow_env(tmp_path_factory) -> dict:
    return dag_runs.airflow_env(tmp_path_factory.mktemp("airflow"))


def _python(env: dict, code: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=timeout, check=False, cwd=PROJECT)


def test_dag_loads_with_its_tasks(airflow_env) -> None:
    result = _python(airflow_env, INTEGRITY % str(PROJECT / "dags"))
    assert result.returncode == 0, result.stderr[-2000:]
    info = json.loads(result.stdout.strip().splitlines()[-1])
    assert info["errors"] == {}
    assert info["tasks"] == ["crawl", "data_quality", "extract_events", "extract_text",
                             "list_sites", "merge_events", "migrate", "send_alerts", "spikes",
                             "trends"]
    assert info["catchup"] is False and info["retries"] == 2 and info["doc"]


def test_dag_run_writes_rows_and_sends_the_alert(airflow_env, config, db, mail_server,
                                                 replica) -> None:
    env = dict(airflow_env)
    url = urlsplit(config.database_url)
    if url.hostname:  # a TCP server: hand it over as an Airflow connection
        env["AIRFLOW_CONN_RASD_POSTGRES"] = config.database_url
    else:  # the tests' own server on a socket: through the environment
        env["DATABASE_URL"] = config.database_url
    env["AIRFLOW_CONN_SMTP_DEFAULT"] = dag_runs.smtp_uri(mail_server)
    env["RASD_SITE_BASE_URLS"] = ",".join(f"{k}={v}" for k, v in config.site_base_urls.items())
    env["RASD_SCRAPY_SETTINGS"] = ",".join(f"{k}={v}" for k, v in config.scrapy_settings.items())
    env["RASD_ALERT_RECIPIENTS"] = "ops@example.org"
    sent_before = len(mail_server.saved)

    outcome = dag_runs.run_dag(env)
    assert outcome["state"] == "success", outcome
    assert set(outcome["tasks"].values()) == {"success"}

    # The crawl kept the articles of the run's interval (30 December, with two days' margin).
    run_day = date(2020, 12, 30)
    articles = replica.replica.articles
    in_window = {replica.replica.url_of(a) for a in articles
                 if run_day - timedelta(days=2) <= a.published.date() <= run_day
                 + timedelta(days=3)}
    published_on_day = [a for a in articles if a.published.date() == run_day]
    with db.cursor() as cur:
        cur.execute("SELECT url FROM rasd.pages WHERE raw_html IS NOT NULL")
        assert {row[0] for row in cur.fetchall()} == in_window
        cur.execute("SELECT count(*), count(DISTINCT source_id) FROM rasd.crawl_runs "
                    "WHERE status = 'finished'")
        assert cur.fetchone() == (5, 5)  # one run per outlet
        cur.execute("SELECT count(*) FROM rasd.events e JOIN rasd.articles a "
                    "USING (article_id) WHERE (a.published_at AT TIME ZONE 'Asia/Damascus')"
                    "::date = %s", (run_day,))
        assert cur.fetchone()[0] == sum(1 for a in published_on_day if a.expect)
        cur.execute("SELECT count(*), bool_and(sent_at IS NOT NULL) FROM rasd.alerts "
                    "WHERE day = %s AND scope = 'SY'", (run_day,))
        count, sent = cur.fetchone()
        assert count >= 1 and sent
    mails = [m for m in mail_server.saved[sent_before:]
             if "Subject: Rasd alert" in m.read_text(encoding="utf-8", errors="replace")]
    assert len(mails) == 1
    raw = mails[0].read_text(encoding="utf-8", errors="replace")
    assert "To: ops@example.org" in raw and "2020-12-30" in raw


def test_a_failed_task_emails_the_operators(airflow_env, config, mail_server) -> None:
    env = dict(airflow_env)
    env["AIRFLOW_CONN_RASD_POSTGRES"] = "postgresql://postgres@127.0.0.1:1/rasd"  # down
    env["AIRFLOW_CONN_SMTP_DEFAULT"] = dag_runs.smtp_uri(mail_server)
    env["RASD_TASK_RETRIES"] = "0"
    env["RASD_OPERATOR_RECIPIENTS"] = "ops@example.org"
    sent_before = len(mail_server.saved)
    outcome = dag_runs.run_dag(env)
    assert outcome["state"] == "failed" and outcome["tasks"]["migrate"] == "failed"
    mails = [m.read_text(encoding="utf-8", errors="replace")
             for m in mail_server.saved[sent_before:]]
    failed = [m for m in mails if "Subject: Rasd: task migrate failed for 2020-12-30" in m]
    assert failed and "To: ops@example.org" in failed[0]
