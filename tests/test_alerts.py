"""Alert email content: what spiked, where, the incidents behind it with every report, escaped
and right-to-left; the chart's Arabic laid out joined and right-to-left."""

import email
import email.policy
from dataclasses import replace
from datetime import date, timedelta
from io import BytesIO

import numpy as np
from matplotlib import _text_helpers, font_manager
from matplotlib.ft2font import FT2Font
from PIL import Image

from pipeline.alerts import build_message, render, subject
from pipeline.chart import FONT, Marked, spike_chart
from pipeline.config import SmtpSettings

ALERT = {"alert_id": 1, "day": date(2020, 12, 30), "scope": "SY-DY", "metric": "events",
         "observed": 5, "expected": 0.2, "threshold": 3.0, "method": "m", "attempts": 0}
HOSTILE = {
    "incident_id": "ev_1", "type": "ambush", "perpetrator": "isis", "target": None,
    "governorate": "SY-DY", "place": "<b>كباجب</b>", "event_date": date(2020, 12, 30),
    "killed": 3, "killed_min": 3, "killed_max": 5, "wounded": None, "wounded_min": None,
    "wounded_max": None,
    "sources": [
        {"url": 'http://example.org/"><script>', "title": "<img src=x onerror=alert(1)>",
         "name": "Baladi News", "evidence": "<script>alert('x')</script>'; DROP TABLE x;--"},
        {"url": "https://sy24.example/news/2", "title": "كمين في بادية كباجب",
         "name": "SY24", "evidence": "قتل خمسة عناصر بكمين في بادية كباجب"},
    ],
}
COUNTS = [{"governorate": "SY-DY", "events": 5, "killed": 3, "wounded": 0}]


def test_subject_says_what_spiked_and_where() -> None:
    text = subject(date(2020, 12, 30), [ALERT])
    assert text == "Rasd alert 2020-12-30: 5 attacks in Deir ez-Zor (دير الزور), expected 0.2"
    killed = {**ALERT, "scope": "SY", "metric": "killed", "observed": 30, "expected": 2.0}
    assert subject(date(2020, 12, 30), [ALERT, killed]) == (
        "Rasd alert 2020-12-30: 30 killed in all Syria (سوريا), expected 2.0 and 1 more")


def test_scraped_text_is_escaped_in_html_and_kept_in_text() -> None:
    text, html = render(date(2020, 12, 30), [ALERT], [HOSTILE], COUNTS)
    assert "<script>" not in html and "<img" not in html and "<b>كباجب" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert 'href="http://example.org/&quot;&gt;&lt;script&gt;"' in html
    assert "<script>alert('x')</script>" in text
    assert '<html lang="ar" dir="rtl">' in html


def test_an_incident_shows_every_report_and_the_range_of_its_figures() -> None:
    text, html = render(date(2020, 12, 30), [ALERT], [HOSTILE], COUNTS)
    assert "الأحداث (1)" in html and "التقارير: 2" in html
    assert html.count("<blockquote>") == 2 and 'href="https://sy24.example/news/2"' in html
    assert "killed 3 (3–5), wounded —; 2 report(s)" in text
    assert "SY24: https://sy24.example/news/2" in text and "«قتل خمسة عناصر" in text


def test_the_chart_goes_inline_beside_the_html() -> None:
    smtp = SmtpSettings(host="127.0.0.1", port=25, recipients=("a@example.org",))
    message = build_message(smtp, date(2020, 12, 30), [ALERT], [HOSTILE], COUNTS, b"\x89PNG...")
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    text, related = parsed.get_payload()
    assert (parsed.get_content_type(), text.get_content_type(), related.get_content_type()) == (
        "multipart/alternative", "text/plain", "multipart/related")
    page, image = related.get_payload()
    assert image.get_payload(decode=True) == b"\x89PNG..."
    assert f'<img src="cid:{image["Content-ID"][1:-1]}"' in page.get_content()
    without = build_message(replace(smtp), date(2020, 12, 30), [ALERT], [HOSTILE], COUNTS)
    assert "<img" not in without.get_body(preferencelist=("html",)).get_content()


def test_chart_arabic_is_joined_and_right_to_left() -> None:
    # matplotlib's own layout (libraqm) gives glyphs in visual order, left to right.
    font = FT2Font(font_manager.findfont(FONT))
    word = "هجمات"
    glyphs = list(_text_helpers.layout(word, font))
    isolated = [font.get_char_index(ord(c)) for c in word]
    assert [g.glyph_index for g in glyphs] != isolated  # joined: other glyphs than isolated
    assert "".join(g.char for g in glyphs) == word[::-1]  # the first letter sits rightmost


def test_chart_is_a_png_with_the_spike_in_its_colour() -> None:
    days = [date(2020, 11, 1) + timedelta(days=n) for n in range(60)]
    counts = [n % 3 for n in range(59)] + [9]
    png = spike_chart(days, counts, [Marked(days[-1], 9, 1.0, 4.0)], "هجمات يومياً", "عدد")
    pixels = np.asarray(Image.open(BytesIO(png)).convert("RGB"), dtype=int)
    red = (np.abs(pixels - [0xC0, 0x39, 0x2B]).sum(axis=2) < 12)
    assert pixels.shape[:2] == (320, 720) and red.sum() > 100
    assert np.flatnonzero(red.any(axis=0)).min() > 600  # only the last day's bar is red
