"""The daily job over the replica: crawl, text, events, trends, spikes, one alert email."""

import email
import email.policy
from dataclasses import replace
from datetime import date, timedelta

import pytest

from pipeline import daily
from pipeline.crawl import run_crawl
from pipeline.errors import RasdError

DECEMBER = [date(2020, 12, 1) + timedelta(days=n) for n in range(31)]
SPIKE_DAY = date(2020, 12, 30)


def _snapshot(conn) -> dict:
    with conn.cursor() as cur:
        cur.execute("SELECT event_id, type, governorate, killed FROM rasd.events ORDER BY 1")
        events = cur.fetchall()
        cur.execute("SELECT * FROM rasd.daily_trends ORDER BY day, governorate, perpetrator")
        trends = [row[:-1] for row in cur.fetchall()]  # all but computed_at
        cur.execute("SELECT day, scope, metric, observed, sent_at IS NOT NULL FROM rasd.alerts "
                    "ORDER BY 1, 2, 3")
        alerts = cur.fetchall()
    return {"events": events, "trends": trends, "alerts": alerts}


def _run_month(config) -> None:
    for day in DECEMBER:
        daily.process_day(config, day)


@pytest.fixture
def crawled(config, db):
    run_crawl(config, "baladi-news")
    return db


def test_month_of_replica_news_gives_events_trends_and_one_alert_day(
        config, crawled, mail_server) -> None:
    before = len(mail_server.saved)
    _run_month(config)
    state = _snapshot(crawled)
    # Nine articles: six attack reports (one of them the seed), three that are not.
    assert len(state["events"]) == 6
    with crawled.cursor() as cur:
        cur.execute("SELECT sum(events), sum(killed) FROM rasd.daily_trends WHERE day = %s",
                    (SPIKE_DAY,))
        assert cur.fetchone() == (4, 42)
    assert {a[0] for a in state["alerts"]} == {SPIKE_DAY}
    assert all(sent for *_, sent in state["alerts"])
    mails = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
             for p in mail_server.saved[before:]]
    assert mails and all("2020-12-30" in m["Subject"] for m in mails)
    assert mails[0]["To"] == "analyst@example.org"
    html = mails[0].get_body(preferencelist=("html",)).get_content()
    assert 'dir="rtl"' in html and "بادية" in html


def test_rerun_changes_no_row_and_sends_nothing(config, crawled, mail_server) -> None:
    _run_month(config)
    first = _snapshot(crawled)
    sent = len(mail_server.saved)
    _run_month(config)
    assert _snapshot(crawled) == first
    assert len(mail_server.saved) == sent


def test_smtp_down_keeps_the_alert_and_sends_it_once_later(config, crawled, mail_server) -> None:
    down = replace(config, smtp=replace(config.smtp, port=9))
    for day in DECEMBER[:-1]:
        daily.text_stage(down)
        daily.events_stage(down, day)
        daily.trends_stage(down, day)
        daily.spikes_stage(down, day)
    with pytest.raises(RasdError, match="kept unsent"):
        daily.alerts_stage(down)
    with crawled.cursor() as cur:
        cur.execute("SELECT count(*), bool_and(sent_at IS NULL), min(attempts), min(last_error) "
                    "FROM rasd.alerts")
        count, unsent, attempts, error = cur.fetchone()
    assert count > 0 and unsent and attempts == 1 and "127.0.0.1:9" in error
    before = len(mail_server.saved)
    assert daily.alerts_stage(config)["emails"] == 1
    assert daily.alerts_stage(config)["emails"] == 0
    assert len(mail_server.saved) == before + 1
