"""The events stage: articles published on a day -> rows in rasd.events and rasd.tallies."""

from __future__ import annotations

import hashlib
import logging
from datetime import date

from pipeline import storage
from pipeline.events import EXTRACTOR_VERSION, extract_events

log = logging.getLogger(__name__)


def event_id(url: str, ordinal: int) -> str:
    """A stable id: the same article and position give the same id on every rerun."""
    return "ev_" + hashlib.sha256(f"{url}#{ordinal}".encode()).hexdigest()[:16]


def record_events(conn, day: date) -> dict[str, int]:
    """Replace the events and tallies of the articles published on `day`. Returns counts."""
    counts = {"articles": 0, "events": 0, "tallies": 0}
    for article in storage.fetch_all(conn, "articles_published_on", {"day": day}):
        counts["articles"] += 1
        published = article["published_at"].date() if article["published_at"] else None
        found = extract_events(article["clean_text"], published, article["title"])
        storage.execute(conn, "delete_article_events", {"article_id": article["article_id"]})
        storage.execute(conn, "delete_article_tallies", {"article_id": article["article_id"]})
        for ordinal, event in enumerate(found.events, start=1):
            storage.execute(conn, "insert_event", {
                **event.to_json(), "event_id": event_id(article["url"], ordinal),
                "article_id": article["article_id"], "ordinal": ordinal,
                "extractor_version": EXTRACTOR_VERSION,
            })
        for ordinal, tally in enumerate(found.tallies, start=1):
            storage.execute(conn, "insert_tally", {
                **tally.to_json(), "article_id": article["article_id"], "ordinal": ordinal,
            })
        counts["events"] += len(found.events)
        counts["tallies"] += len(found.tallies)
    log.info("events stage for %s: %s", day, counts)
    return counts
