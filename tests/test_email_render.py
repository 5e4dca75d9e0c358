"""The alert email as analysts see it: received through a real SMTP server from the replica's
spike, its chart inline, its HTML drawn by headless Chromium (Debian's chromium): not blank,
right-to-left, chart shown."""

import email
import email.policy
import re
from datetime import date, timedelta
from email.message import EmailMessage
from io import BytesIO
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from pipeline import daily
from pipeline.chart import SPIKE
from pipeline.crawl import run_crawl
from pipeline.email_view import find_chromium, screenshot, standalone_html

# The Baladi News replica runs from mid-November to the seed's 31 December 2020.
DAYS = [date(2020, 11, 15) + timedelta(days=n) for n in range(46)]
SPIKE_DAY = date(2020, 12, 30)
SPIKE_RGB = tuple(int(SPIKE[i:i + 2], 16) for i in (1, 3, 5))


@pytest.fixture
def spike_mail(config, db, mail_server) -> EmailMessage:
    run_crawl(config, "baladi-news")
    before = len(mail_server.saved)
    for day in DAYS:
        daily.process_day(config, day)
    mails = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
             for p in mail_server.saved[before:]]
    found = [m for m in mails if m["Subject"].startswith(f"Rasd alert {SPIKE_DAY}")]
    assert len(found) == 1, [m["Subject"] for m in mails]
    return found[0]


def _pixels(png: bytes | Path) -> np.ndarray:
    data = png.read_bytes() if isinstance(png, Path) else png
    return np.asarray(Image.open(BytesIO(data)).convert("RGB"), dtype=np.int16)


def _spike_pixels(pixels: np.ndarray) -> int:
    return int((np.abs(pixels - np.array(SPIKE_RGB)).sum(axis=2) < 12).sum())


def _first_line_ink(pixels: np.ndarray) -> tuple[int, int]:
    """(left, right) edges of the ink of the page's first line of text (the heading)."""
    ink = (pixels < 160).any(axis=2)
    rows = np.flatnonzero(ink.any(axis=1))
    assert rows.size, "nothing drawn"
    top = rows[0]
    bottom = top
    while bottom + 1 < ink.shape[0] and ink[bottom + 1].any():
        bottom += 1
    columns = np.flatnonzero(ink[top:bottom + 1].any(axis=0))
    return int(columns[0]), int(columns[-1])


def test_alert_email_has_its_chart_inline_and_the_events_behind_it(spike_mail, db) -> None:
    assert spike_mail.get_content_type() == "multipart/alternative"
    text_part, related = spike_mail.get_payload()
    assert text_part.get_content_type() == "text/plain"
    assert related.get_content_type() == "multipart/related"
    html_part, image = related.get_payload()
    page = html_part.get_content()
    assert image.get_content_type() == "image/png" and image["Content-ID"]
    assert f'src="cid:{image["Content-ID"].strip("<>")}"' in page
    chart = _pixels(image.get_payload(decode=True))
    assert chart.shape[:2] == (320, 720)
    assert _spike_pixels(chart) > 50  # the spike day's bar is drawn in the spike colour
    # Each incident of the day is listed, with every report's evidence and article link.
    with db.cursor() as cur:
        cur.execute("""SELECT i.incident_id, e.evidence, a.url FROM rasd.incidents i
                       JOIN rasd.events e USING (incident_id)
                       JOIN rasd.articles a USING (article_id)
                       WHERE i.event_date = %s AND i.date_precision = 'day'""", (SPIKE_DAY,))
        reports = cur.fetchall()
    incidents = {incident for incident, *_ in reports}
    assert len(incidents) >= 3
    assert f"الأحداث ({len(incidents)})" in page
    text = text_part.get_content()
    for _, evidence, url in reports:
        assert f'href="{url}"' in page and url in text
        assert evidence in text
    assert "<td>all Syria (سوريا)</td>" not in page  # counts are per governorate
    assert re.search(r"<td>Deir ez-Zor \(دير الزور\)</td><td>\d+</td>", page)
    assert spike_mail["Subject"].startswith(f"Rasd alert {SPIKE_DAY}: ")
    assert re.search(r": \d+ (attacks|killed) in all Syria \(سوريا\), expected \d",
                     spike_mail["Subject"])


def test_chromium_draws_the_alert_email_right_to_left(spike_mail, tmp_path) -> None:
    chromium = find_chromium()
    assert chromium, ("Chromium is not installed: run scripts/bootstrap as root on Debian, or "
                      "apt-get install chromium")
    page = standalone_html(spike_mail)
    assert "cid:" not in page
    html_file = tmp_path / "alert.html"
    html_file.write_text(page, encoding="utf-8")
    pixels = _pixels(screenshot(html_file, tmp_path / "alert.png", chromium))
    width = pixels.shape[1]
    assert pixels.std() > 20, "the screenshot is blank"
    assert _spike_pixels(pixels) > 50, "the chart is not shown"
    left, right = _first_line_ink(pixels)
    assert width - right < 40 and left > width / 2, (left, right, width)

    # The same measure on the page set left-to-right sees the heading flush left: it tells.
    ltr = tmp_path / "ltr.html"
    ltr.write_text(page.replace('dir="rtl"', 'dir="ltr"').replace("direction:rtl", "")
                   .replace("text-align:right", ""), encoding="utf-8")
    left, right = _first_line_ink(_pixels(screenshot(ltr, tmp_path / "ltr.png", chromium)))
    assert left < 40 and right < width / 2, (left, right, width)
