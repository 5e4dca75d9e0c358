"""Store every fetch in rasd.fetches and every article body in rasd.pages, one transaction per
fetch, so a crawl killed halfway loses nothing it had fetched and a rerun duplicates nothing."""

from __future__ import annotations

import hashlib
import logging

import psycopg2
from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro

from pipeline import storage
from pipeline.config import load_config
from spiders.items import FetchItem

log = logging.getLogger(__name__)
# The close reason run_crawl looks for: the crawl stopped because PostgreSQL went away.
DATABASE_LOST = "database_unreachable"


class PostgresPipeline:
    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.conn = None
        # Off only for the crawl benchmark's baseline (-s RASD_STORAGE_ENABLED=False).
        self.enabled = crawler.settings.getbool("RASD_STORAGE_ENABLED", True)
        self.lost: str | None = None  # why PostgreSQL became unreachable, once it did

    @classmethod
    def from_crawler(cls, crawler) -> PostgresPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        if not self.enabled:
            return
        site = self.crawler.spider.site
        self.conn = storage.connect(load_config())
        with self.conn:
            storage.execute(self.conn, "upsert_source", {
                "source_id": site.id, "name": site.name, "domain": site.domain,
                "base_url": site.base_url,
            })

    def close_spider(self) -> None:
        if self.conn is None or self.lost:
            return
        spider = self.crawler.spider
        if spider.run_id is not None:
            with self.conn:
                storage.execute(self.conn, "set_discovered", {
                    "run_id": spider.run_id,
                    "discovered": self.crawler.stats.get_value("rasd/discovered", 0)})
        self.conn.close()

    def process_item(self, item: FetchItem) -> FetchItem:
        self.crawler.stats.inc_value(f"rasd/{item.outcome}")
        if not self.enabled:
            return item
        if self.lost:
            raise DropItem(f"PostgreSQL became unreachable: {self.lost}")
        try:
            with self.conn:
                outcome = self._store(item)
                storage.execute(self.conn, "insert_fetch", {
                    "run_id": self.crawler.spider.run_id, "source_id": item.source_id,
                    "kind": item.kind, "requested_url": item.requested_url, "url": item.url,
                    "http_status": item.http_status, "outcome": outcome,
                    "reason": item.reason, "bytes": item.size,
                })
        except (psycopg2.OperationalError, psycopg2.InterfaceError) as exc:
            if not storage.server_gone(self.conn, exc):
                raise
            # Fetching on would store nothing: stop, and let the next crawl fetch the rest.
            self.lost = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            log.error("rasd: PostgreSQL became unreachable: %s", self.lost)
            deferred_from_coro(self.crawler.engine.close_spider_async(reason=DATABASE_LOST))
            raise DropItem(f"PostgreSQL became unreachable: {self.lost}") from exc
        return item

    def _store(self, item: FetchItem) -> str:
        """Write the page side of a fetch; return the fetch's outcome."""
        if item.kind != "article":
            return item.outcome
        if item.outcome == "failed":
            storage.execute(self.conn, "record_page_failure", {
                "source_id": item.source_id, "url": item.requested_url,
                "http_status": item.http_status, "fetched_at": item.fetched_at,
                "reason": item.reason})
            return "failed"
        if item.outcome == "unchanged":
            storage.execute(self.conn, "touch_page", {"url": item.requested_url,
                                                      "fetched_at": item.fetched_at})
            return "unchanged"
        if item.outcome != "stored":
            return item.outcome
        digest = hashlib.sha256(item.body).hexdigest()
        row = storage.fetch_one(self.conn, "store_page", {
            "source_id": item.source_id, "url": item.url, "canonical_url": item.canonical_url,
            "http_status": item.http_status, "raw_html": psycopg2.Binary(item.body),
            "encoding": item.encoding, "content_hash": digest, "fetched_at": item.fetched_at,
            "etag": item.etag, "last_modified": item.last_modified})
        previous = row["previous_hash"] if row else None
        if previous is None:
            return "new"
        return "unchanged" if previous == digest else "changed"
