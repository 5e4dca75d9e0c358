"""`rasd backfill`: a range of days in order, each crawled with its own window and processed
as the DAG would; run twice, the second changes no row and sends no email."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest
from conftest import PROJECT, table_contents

from pipeline.backfill import days_between
from pipeline.errors import RasdError
from replicas.server import ReplicaServer

SITE = "baladi-news"
FIRST, LAST = date(2020, 12, 29), date(2020, 12, 31)  # the replica's spike is on 30 December


@pytest.fixture(scope="module")
def calm_server():
    with ReplicaServer(SITE, trouble=False) as server:
        yield server


def _backfill(config, mail_server, server, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": config.database_url,
           "RASD_SITE_BASE_URLS": f"{SITE}={server.base_url}",
           "RASD_SCRAPY_SETTINGS": ",".join(f"{k}={v}"
                                            for k, v in config.scrapy_settings.items()),
           "RASD_SMTP_HOST": mail_server.host, "RASD_SMTP_PORT": str(mail_server.port),
           "RASD_ALERT_RECIPIENTS": "analyst@example.org"}
    return subprocess.run([sys.executable, "-m", "pipeline.cli", "backfill", "--from",
                           FIRST.isoformat(), "--to", LAST.isoformat(), "--site", SITE, *extra],
                          env=env, cwd=PROJECT, capture_output=True, text=True, timeout=300,
                          check=False)


def test_backfill_processes_each_day_in_order_and_twice_changes_nothing(
        config, db, mail_server, calm_server) -> None:
    before = len(mail_server.saved)
    first = _backfill(config, mail_server, calm_server)
    assert first.returncode == 0, first.stderr[-2000:]
    days = [line.split()[0] for line in first.stdout.splitlines()]
    assert days[::2] == [d.isoformat() for d in days_between(FIRST, LAST)]  # crawl, then day
    with db.cursor() as cur:
        # One crawl per day, with that day's window (the DAG's data interval).
        cur.execute("SELECT window_start, window_end, status FROM rasd.crawl_runs "
                    "ORDER BY run_id")
        runs = cur.fetchall()
        cur.execute("SELECT a.url, e.event_date FROM rasd.events e "
                    "JOIN rasd.articles a USING (article_id)")
        events = set(cur.fetchall())
        cur.execute("SELECT count(*), count(*) FILTER (WHERE sent_at IS NOT NULL) "
                    "FROM rasd.alerts WHERE day = %s", (date(2020, 12, 30),))
        alerts, sent = cur.fetchone()
    midnight = [datetime(d.year, d.month, d.day, tzinfo=UTC) for d in days_between(FIRST, LAST)]
    assert runs == [(m, m + timedelta(days=1), "finished") for m in midnight]
    # Every attack reported on a day of the range was found, with its date.
    reported = {(calm_server.replica.url_of(a), date.fromisoformat(a.expect["date"]))
                for a in calm_server.replica.articles
                if a.expect and FIRST <= a.published.date() <= LAST}
    assert reported and reported <= events
    assert alerts >= 1 and sent == alerts
    emails = len(mail_server.saved) - before
    assert emails >= 1

    state = table_contents(db)
    second = _backfill(config, mail_server, calm_server)
    assert second.returncode == 0, second.stderr[-2000:]
    assert table_contents(db) == state
    assert len(mail_server.saved) - before == emails
    with db.cursor() as cur:  # the second pass fetched no body and stored nothing new
        cur.execute("SELECT sum(new), sum(changed) FROM rasd.crawl_runs WHERE run_id > %s",
                    (len(runs),))
        assert cur.fetchone() == (0, 0)


def test_a_backwards_range_is_refused() -> None:
    with pytest.raises(RasdError, match=r"ends \(2020-12-01\) before it starts"):
        days_between(date(2020, 12, 2), date(2020, 12, 1))
