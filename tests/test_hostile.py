"""Hostile content (script and image tags, an SQL fragment, an entity already escaped, right-to-
left overrides) in a page's title and body: stored verbatim in PostgreSQL, and in every email
Rasd sends (the alert, the data-quality findings, the failure notification) escaped in HTML and
intact in plain text."""

import email
import email.policy
import hashlib
import html
import os
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import dag_runs
import psycopg2
import pytest

from pipeline import daily, storage

PROJECT = Path(__file__).resolve().parent.parent
DAY = date(2021, 3, 10)
RLO, PDF = "\u202e", "\u202c"  # right-to-left override, pop directional formatting
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(document.cookie)>"
SQL = "'; DROP TABLE rasd.events; --"
AMP = "&amp;"
TITLE = f"{SCRIPT} مقتل اثني عشر مدنياً {RLO}بهجوم{PDF} في دير الزور"
EVIDENCE = ("قُتل اثنا عشر مدنياً وأصيب خمسة آخرون، اليوم الأربعاء، بهجوم شنه تنظيم \"داعش\" "
            f"على حافلة في بادية الميادين بريف دير الزور الشرقي {IMG} وفق مصادر محلية.")
BODY = [EVIDENCE,
        f"وقال مصدر محلي إن عبارة {SQL} ظهرت على جدار قرب موقع الهجوم، وإن {AMP} كتبت بجانبها.",
        f"وأضاف المصدر أن {SCRIPT} سيارات الإسعاف نقلت الجرحى إلى {RLO}مشفى الميادين{PDF}."]
URL = "https://www.sy-24.com/990001/news/hostile/"
# What must never appear in an HTML part: the hostile strings as markup.
RAW = (SCRIPT, IMG, "<script", "<img src=x")


def _page() -> bytes:
    """An SY24 article page whose visible title and text are the hostile strings."""
    paragraphs = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in BODY)
    return (f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
            f"<title>{html.escape(TITLE)} - SY24</title>"
            f'<meta property="article:published_time" content="{DAY}T09:00:00+02:00">'
            f'</head><body><div class="td-post-content"><h1 class="entry-title">'
            f"{html.escape(TITLE)}</h1>{paragraphs}</div></body></html>").encode()


def _store_page(conn, body: bytes) -> None:
    """The page as the spider's storage writes it (spiders/pipelines.py)."""
    storage.execute(conn, "upsert_source", {"source_id": "sy24", "name": "SY24",
                                            "domain": "sy-24.com",
                                            "base_url": "https://www.sy-24.com"})
    storage.fetch_one(conn, "store_page", {
        "source_id": "sy24", "url": URL, "canonical_url": URL, "http_status": 200,
        "raw_html": psycopg2.Binary(body), "encoding": "utf-8",
        "content_hash": hashlib.sha256(body).hexdigest(),
        "fetched_at": datetime(2021, 3, 10, 12, tzinfo=UTC), "etag": None,
        "last_modified": None})
    conn.commit()


def _messages(paths: list[Path]) -> list[EmailMessage]:
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
            for p in paths]


def _parts(message: EmailMessage, subtype: str) -> list[str]:
    return [part.get_content() for part in message.walk()
            if part.get_content_type() == f"text/{subtype}"]


def _assert_escaped(message: EmailMessage) -> None:
    """No HTML part holds a hostile string as markup (a Subject is plain text)."""
    for raw in RAW:
        for page in _parts(message, "html"):
            assert raw not in page, (raw, message["Subject"])


def test_hostile_page_is_stored_verbatim_and_escaped_in_every_email(
        config, db, mail_server) -> None:
    _store_page(db, _page())
    before = len(mail_server.saved)
    for day in [DAY - timedelta(days=n) for n in range(3, -1, -1)]:
        daily.process_day(config, day)

    with db.cursor() as cur:
        cur.execute("SELECT title, clean_text FROM rasd.articles WHERE url = %s", (URL,))
        title, text = cur.fetchone()
        cur.execute("SELECT count(*), min(evidence), min(killed) FROM rasd.events")
        events, evidence, killed = cur.fetchone()
        cur.execute("SELECT to_regclass('rasd.events') IS NOT NULL")
        assert cur.fetchone()[0]  # the SQL fragment was data, never run
    assert title == TITLE and text == "\n".join(BODY)
    assert (events, evidence, killed) == (1, EVIDENCE, 12)

    mails = _messages(mail_server.saved[before:])
    alerts = [m for m in mails if m["Subject"].startswith(f"Rasd alert {DAY}")]
    assert len(alerts) == 1
    alert = alerts[0]
    page = _parts(alert, "html")[0]
    plain = _parts(alert, "plain")[0]
    for m in mails:
        _assert_escaped(m)
    assert not any(raw in alert["Subject"] for raw in RAW)
    assert html.escape(IMG) in page and html.escape(SCRIPT) in page
    assert html.escape(f"{RLO}بهجوم{PDF}") in page and "<bdi>" in page  # overrides isolated
    assert EVIDENCE in plain and URL in plain

    # The data-quality email: a finding's text as the checks record it, through the outbox.
    detail = f"{SCRIPT} {IMG} {SQL} {AMP} {RLO}x{PDF}"
    storage.fetch_one(db, "insert_finding", {"day": DAY, "check_name": "extraction_failing",
                                             "subject": f"sy24{IMG}", "detail": detail})
    db.commit()
    before = len(mail_server.saved)
    assert daily.quality_stage(config, DAY)["emails"] == 1
    (quality,) = _messages(mail_server.saved[before:])
    _assert_escaped(quality)
    assert detail in _parts(quality, "plain")[0] and f"sy24{IMG}" in quality["Subject"]
    with db.cursor() as cur:
        cur.execute("SELECT detail FROM rasd.quality_findings WHERE subject = %s",
                    (f"sy24{IMG}",))
        assert cur.fetchone()[0] == detail


@pytest.fixture(scope="module")
def airflow_env(tmp_path_factory) -> dict:
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("PG", "DATABASE_URL", "RASD_", "AIRFLOW"))}
    return dag_runs.airflow_env(tmp_path_factory.mktemp("airflow"), base)


def test_failure_notification_escapes_the_task_error(airflow_env, mail_server) -> None:
    env = dict(airflow_env)
    # Nothing listens on port 1: the first task fails with an error that quotes the URL.
    env["DATABASE_URL"] = f"postgresql://postgres@127.0.0.1:1/x{SCRIPT}"
    env["AIRFLOW_CONN_SMTP_DEFAULT"] = dag_runs.smtp_uri(mail_server)
    env["RASD_TASK_RETRIES"] = "0"
    before = len(mail_server.saved)
    assert dag_runs.run_dag(env)["state"] == "failed"
    failed = [m for m in _messages(mail_server.saved[before:])
              if m["Subject"].startswith("Rasd: task migrate failed")]
    assert failed
    _assert_escaped(failed[0])
    assert html.escape(SCRIPT) in _parts(failed[0], "html")[0]
