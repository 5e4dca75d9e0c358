"""The text stage: stored pages -> articles (clean text, normalized text, metadata)."""

from __future__ import annotations

import logging

from pipeline import storage
from pipeline.errors import RasdError
from pipeline.extract import extract_html
from pipeline.sites import Site

log = logging.getLogger(__name__)


def register_sources(conn, sites: dict[str, Site]) -> None:
    """Make sure every site has its row in rasd.sources."""
    for site in sites.values():
        storage.execute(conn, "upsert_source", {
            "source_id": site.id, "name": site.name, "domain": site.domain,
            "base_url": site.base_url,
        })


def extract_articles(conn, sites: dict[str, Site]) -> dict[str, int]:
    """Extract every page not yet extracted (or changed since); a page that yields no article
    is marked with the reason and never stops the others. Returns counts."""
    counts = {"pages": 0, "articles": 0, "failed": 0, "not_arabic": 0}
    for page in storage.fetch_all(conn, "pages_to_extract"):
        counts["pages"] += 1
        try:
            article = extract_html(bytes(page["raw_html"]), page["url"],
                                   sites.get(page["source_id"]), page["encoding"])
        except RasdError as exc:
            counts["failed"] += 1
            log.warning("page %s: %s", page["url"], exc)
            storage.execute(conn, "mark_page_failed",
                            {"page_id": page["page_id"], "reason": str(exc)})
            continue
        storage.execute(conn, "upsert_article", {
            "page_id": page["page_id"], "source_id": page["source_id"], "url": page["url"],
            "content_hash": page["content_hash"], "title": article.title,
            "published_at": article.published, "clean_text": article.text,
            "normalized_text": article.normalized, "language": article.language,
        })
        counts["articles"] += 1
        counts["not_arabic"] += article.language != "ar"
    log.info("text stage: %s", counts)
    return counts
