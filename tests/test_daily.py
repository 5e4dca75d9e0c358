"""The daily job over the replica: crawl, text, events, trends, spikes, one alert email."""

import email
import email.policy
from dataclasses import replace
from datetime import date, timedelta

import pytest
from conftest import table_contents

from pipeline import daily
from pipeline.crawl import run_crawl
from pipeline.errors import RasdError

# The Baladi News replica runs from mid-November to the seed's 31 December 2020.
DAYS = [date(2020, 11, 15) + timedelta(days=n) for n in range(47)]
SPIKE_DAY = date(2020, 12, 30)


def _snapshot(conn) -> dict:
    with conn.cursor() as cur:
        cur.execute("SELECT event_id, type, governorate, killed FROM rasd.events ORDER BY 1")
        events = cur.fetchall()
        cur.execute("SELECT * FROM rasd.incidents ORDER BY 1")
        incidents = cur.fetchall()
        cur.execute("SELECT * FROM rasd.daily_trends ORDER BY day, governorate, perpetrator")
        trends = [row[:-1] for row in cur.fetchall()]  # all but computed_at
        cur.execute("SELECT day, scope, metric, observed, sent_at IS NOT NULL FROM rasd.alerts "
                    "ORDER BY 1, 2, 3")
        alerts = cur.fetchall()
    return {"events": events, "incidents": incidents, "trends": trends, "alerts": alerts}


def _run_days(config) -> None:
    for day in DAYS:
        daily.process_day(config, day)


@pytest.fixture
def crawled(config, db):
    run_crawl(config, "baladi-news")
    return db


def test_replica_news_gives_its_events_trends_and_the_spike_alert(
        config, crawled, mail_server, replica) -> None:
    before = len(mail_server.saved)
    _run_days(config)
    with crawled.cursor() as cur:
        cur.execute("""SELECT a.url, e.type, e.governorate, e.killed, e.event_date
                       FROM rasd.events e JOIN rasd.articles a USING (article_id)""")
        events = cur.fetchall()
        # A copy of an article (another URL, same text) is counted once, on its first copy.
        cur.execute("""SELECT a.url, COALESCE(o.url, a.url) FROM rasd.articles a
                       LEFT JOIN rasd.articles o ON o.article_id = a.duplicate_of""")
        counted_as = dict(cur.fetchall())
    # Every attack the replica reports is found, with its type, place, date and dead.
    for article in replica.replica.articles:
        if article.expect:
            x = article.expect
            url = counted_as[replica.replica.url_of(article)]
            found = [e for e in events if e[0] == url]
            assert [e[1:] for e in found] == [(x["type"], x["governorate"], x["killed"],
                                               date.fromisoformat(x["date"]))], article.id
    expected_on_spike_day = 1 + sum(  # the seed's bus attack, and the replica's own
        1 for a in replica.replica.articles if a.expect and a.expect["date"] == str(SPIKE_DAY))
    with crawled.cursor() as cur:
        cur.execute("SELECT sum(events) FROM rasd.daily_trends WHERE day = %s", (SPIKE_DAY,))
        assert cur.fetchone()[0] == expected_on_spike_day
    state = _snapshot(crawled)
    assert (SPIKE_DAY, "SY", "events") in {a[:3] for a in state["alerts"]}
    assert all(sent for *_, sent in state["alerts"])
    mails = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
             for p in mail_server.saved[before:]]
    spike_mails = [m for m in mails if f"Rasd alert {SPIKE_DAY}" in m["Subject"]]
    assert spike_mails and spike_mails[0]["To"] == "analyst@example.org"
    html = spike_mails[0].get_body(preferencelist=("html",)).get_content()
    assert 'dir="rtl"' in html and "بادية" in html


def test_rerun_changes_no_row_and_sends_nothing(config, crawled, mail_server) -> None:
    _run_days(config)
    first = table_contents(crawled)  # every row of every table, not counts
    sent = len(mail_server.saved)
    _run_days(config)
    assert table_contents(crawled) == first
    assert len(mail_server.saved) == sent


def test_smtp_down_keeps_the_alert_and_sends_it_once_later(config, crawled, mail_server) -> None:
    down = replace(config, smtp=replace(config.smtp, port=9))
    for day in DAYS:
        daily.text_stage(down)
        daily.events_stage(down, day)
        daily.merge_stage(down, day)
        daily.trends_stage(down, day)
        daily.spikes_stage(down, day)
    with pytest.raises(RasdError, match="kept unsent"):
        daily.alerts_stage(down)
    with crawled.cursor() as cur:
        cur.execute("SELECT count(*), bool_and(sent_at IS NULL), min(attempts), min(last_error) "
                    "FROM rasd.alerts")
        count, unsent, attempts, error = cur.fetchone()
    assert count > 0 and unsent and attempts == 1 and "127.0.0.1:9" in error
    days_with_alerts = {row[0] for row in _snapshot(crawled)["alerts"]}
    before = len(mail_server.saved)
    assert daily.alerts_stage(config)["emails"] == len(days_with_alerts)
    assert daily.alerts_stage(config)["emails"] == 0
    # Exactly once: one email per alert day, none twice, and every alert marked sent.
    subjects = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)["Subject"]
                for p in mail_server.saved[before:]]
    assert len(set(subjects)) == len(subjects) == len(days_with_alerts)
    assert all(any(str(day) in s for s in subjects) for day in days_with_alerts)
    with crawled.cursor() as cur:
        cur.execute("SELECT bool_and(sent_at IS NOT NULL), min(attempts), max(attempts), "
                    "count(last_error) FROM rasd.alerts")
        assert cur.fetchone() == (True, 2, 2, 0)  # one failed try, one that went out
