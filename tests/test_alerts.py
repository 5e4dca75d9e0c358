"""Alert email content: what spiked, where, escaped and right-to-left."""

from datetime import date

from pipeline.alerts import render, subject

ALERT = {"alert_id": 1, "day": date(2020, 12, 30), "scope": "SY-DY", "metric": "events",
         "observed": 5, "expected": 0.2, "threshold": 3.0, "method": "m", "attempts": 0}
HOSTILE = {
    "event_id": "ev_1", "type": "ambush", "perpetrator": "isis", "target": None,
    "governorate": "SY-DY", "place": "<b>كباجب</b>", "event_date": date(2020, 12, 30),
    "killed": 3, "wounded": None, "evidence": "<script>alert('x')</script>'; DROP TABLE x;--",
    "url": 'http://example.org/"><script>', "title": "<img src=x onerror=alert(1)>",
    "source_name": "Baladi News",
}


def test_subject_says_what_spiked_and_where() -> None:
    text = subject(date(2020, 12, 30), [ALERT])
    assert text == "Rasd alert 2020-12-30: 5 attacks in Deir ez-Zor (دير الزور), expected 0.2"


def test_scraped_text_is_escaped_in_html_and_kept_in_text() -> None:
    counts = [{"governorate": "SY-DY", "events": 5, "killed": 3, "wounded": 0}]
    text, html = render(date(2020, 12, 30), [ALERT], [HOSTILE], counts)
    assert "<script>" not in html and "<img" not in html and "<b>كباجب" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert 'href="http://example.org/&quot;&gt;&lt;script&gt;"' in html
    assert "<script>alert('x')</script>" in text
    assert '<html lang="ar" dir="rtl">' in html
