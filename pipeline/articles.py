"""The text stage: stored pages -> articles (clean text, normalized text, metadata)."""

from __future__ import annotations

import logging

from pipeline import dedup, storage
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
    counts = {"pages": 0, "articles": 0, "failed": 0, "not_arabic": 0, "duplicates": 0}
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
        row = storage.fetch_one(conn, "upsert_article", {
            "page_id": page["page_id"], "source_id": page["source_id"], "url": page["url"],
            "content_hash": page["content_hash"], "title": article.title,
            "published_at": article.published, "clean_text": article.text,
            "normalized_text": article.normalized, "language": article.language,
        })
        counts["articles"] += 1
        counts["not_arabic"] += article.language != "ar"
        counts["duplicates"] += link_duplicates(conn, row["article_id"], page["url"],
                                                article.published, article.normalized)
    log.info("text stage: %s", counts)
    return counts


def link_duplicates(conn, article_id: int, url: str, published, normalized: str) -> int:
    """Store the article's MinHash and link it with its near-duplicates (one story under
    several URLs or outlets) to the first published copy. Returns 1 when it has copies."""
    signature = dedup.signature(normalized)
    storage.execute(conn, "store_minhash", {"article_id": article_id, "minhash": signature})
    if published is None:
        return 0
    matches = []
    for other in storage.fetch_all(conn, "duplicate_candidates", {
            "article_id": article_id, "url": url, "published_at": published}):
        score = dedup.similarity(signature, list(other["minhash"]))
        if score >= dedup.DUPLICATE_SIMILARITY:
            matches.append((other, score))
    if not matches:
        return 0
    roots = {article_id: published}
    for other, _ in matches:
        roots.setdefault(other["duplicate_of"] or other["article_id"], other["published_at"])
    # The first published copy leads (a group's date is that of the copy we met), ties go to
    # the lower id.
    canonical = min(roots, key=lambda a: (roots[a] or published, a))
    storage.execute(conn, "link_duplicates", {
        "canonical": canonical, "members": list(roots),
        "similarity": max(score for _, score in matches)})
    storage.execute(conn, "clear_duplicate", {"canonical": canonical})
    return 1
