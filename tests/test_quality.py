"""Data-quality checks for operators, and their email, sent once."""

from dataclasses import replace
from datetime import date

import pytest

from pipeline import daily
from pipeline.crawl import run_crawl
from pipeline.errors import RasdError
from pipeline.quality import run_checks, send_findings


@pytest.fixture
def crawled(config, db):
    run_crawl(config, "baladi-news")
    daily.text_stage(config)
    return db


def _checks(findings) -> set[tuple[str, str]]:
    return {(f["check_name"], f["subject"]) for f in findings}


def test_a_site_quiet_for_two_days_is_found(crawled) -> None:
    assert ("site_quiet", "baladi-news") not in _checks(
        run_checks(crawled, date(2020, 12, 31), ["baladi-news"]))
    later = run_checks(crawled, date(2021, 1, 3), ["baladi-news", "sy24"])
    assert {("site_quiet", "baladi-news"), ("site_quiet", "sy24")} <= _checks(later)
    detail = next(f["detail"] for f in later if f["subject"] == "sy24")
    assert "last published: never" in detail
    # Recorded once: the same day checked again finds nothing new, nor does the next day
    # (the same problem, already told), but a week on it is told again.
    assert run_checks(crawled, date(2021, 1, 3), ["baladi-news", "sy24"]) == []
    assert run_checks(crawled, date(2021, 1, 4), ["baladi-news", "sy24"]) == []
    assert _checks(run_checks(crawled, date(2021, 1, 11), ["sy24"])) == {("site_quiet", "sy24")}


def test_a_site_whose_pages_fail_extraction_is_found(crawled) -> None:
    with crawled.cursor() as cur:
        cur.execute("UPDATE rasd.pages SET extract_error = 'no article text found' "
                    "WHERE source_id = 'baladi-news' AND raw_html IS NOT NULL")
    found = run_checks(crawled, date(2020, 12, 31), ["baladi-news"])
    assert ("extraction_failing", "baladi-news") in _checks(found)


def test_a_day_without_events_where_several_are_expected(config, crawled) -> None:
    with crawled.cursor() as cur:  # a busy month, then a silent day
        cur.execute("""INSERT INTO rasd.daily_trends (day, governorate, perpetrator, target,
                       events, killed, wounded, sources)
                       SELECT d::date, 'SY-DY', 'isis', 'government_forces', 5, 8, 2, 1
                       FROM generate_series('2021-02-01'::date, '2021-02-28', '1 day') d""")
    found = run_checks(crawled, date(2021, 3, 1), [])
    assert ("no_events", "SY") in _checks(found)
    assert run_checks(crawled, date(2021, 2, 27), []) == []


def test_findings_are_emailed_to_operators_once(config, crawled, mail_server) -> None:
    run_checks(crawled, date(2021, 1, 3), ["baladi-news"])
    crawled.commit()
    down = replace(config.smtp, port=9)
    with pytest.raises(RasdError, match="kept unsent"):
        send_findings(crawled, down)
    before = len(mail_server.saved)
    operators = replace(config.smtp, operators=("ops@example.org",))
    assert send_findings(crawled, operators)["emails"] == 1
    assert send_findings(crawled, operators)["emails"] == 0
    (mail,) = mail_server.saved[before:]
    text = mail.read_text(encoding="utf-8", errors="replace")
    assert "To: ops@example.org" in text and "site_quiet (baladi-news)" in text
