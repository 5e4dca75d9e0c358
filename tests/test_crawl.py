"""Real Scrapy crawls of the Baladi News replica into PostgreSQL."""

from dataclasses import replace

import pytest

from pipeline import storage
from pipeline.crawl import run_crawl
from pipeline.errors import RasdError


def _pages(conn) -> list[dict]:
    with conn.cursor() as cur:
        cur.execute("""SELECT url, http_status, failure_reason, content_hash IS NOT NULL
                       FROM rasd.pages ORDER BY url""")
        return [dict(zip(("url", "status", "reason", "hashed"), r, strict=True))
                for r in cur.fetchall()]


def test_crawl_stores_every_article_and_each_failure(config, db, replica) -> None:
    counts = run_crawl(config, "baladi-news")
    assert counts["stored"] == len(replica.replica.articles)
    assert counts["failed"] == 1
    pages = _pages(db)
    stored = [p for p in pages if p["reason"] is None]
    assert {p["url"] for p in stored} == {replica.base_url + a.path
                                          for a in replica.replica.articles}
    assert all(p["status"] == 200 and p["hashed"] for p in stored)
    (dead,) = [p for p in pages if p["reason"]]
    assert dead["url"].endswith("/ar/articles/139999/removed-story")
    assert (dead["status"], dead["reason"]) == (404, "http 404")


def test_second_crawl_duplicates_nothing(config, db) -> None:
    run_crawl(config, "baladi-news")
    first = _pages(db)
    run_crawl(config, "baladi-news")
    assert _pages(db) == first


def test_a_site_that_is_down_does_not_crash_the_crawl(config, db) -> None:
    down = replace(config, site_base_urls={"baladi-news": "http://127.0.0.1:9"})
    counts = run_crawl(down, "baladi-news")
    assert counts["stored"] == 0


def test_unknown_site_fails_with_its_name(config, db) -> None:
    with pytest.raises(RasdError, match="unknown site 'nowhere'"):
        run_crawl(config, "nowhere")


def test_sources_row_written(config, db) -> None:
    run_crawl(config, "baladi-news")
    assert storage.fetch_all(db, "crawl_counts", {"source_id": "baladi-news",
                                                  "since": "2000-01-01"})[0]["stored"] > 0
