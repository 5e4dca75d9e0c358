"""Store every page the spider yields in rasd.pages, committing each one so none is lost."""

from __future__ import annotations

import hashlib

import psycopg2

from pipeline import storage
from pipeline.config import load_config
from spiders.items import PageItem


class PostgresPipeline:
    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.conn = None

    @classmethod
    def from_crawler(cls, crawler) -> PostgresPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        site = self.crawler.spider.site
        self.conn = storage.connect(load_config())
        with self.conn:
            storage.execute(self.conn, "upsert_source", {
                "source_id": site.id, "name": site.name, "domain": site.domain,
                "base_url": site.base_url,
            })
        self.stats = self.crawler.stats

    def close_spider(self) -> None:
        if self.conn is not None:
            self.conn.close()

    def process_item(self, item: PageItem) -> PageItem:
        body = item.raw_html
        row = {
            "source_id": item.source_id, "url": item.url, "canonical_url": item.canonical_url,
            "http_status": item.http_status,
            "raw_html": psycopg2.Binary(body) if body is not None else None,
            "encoding": item.encoding,
            "content_hash": hashlib.sha256(body).hexdigest() if body is not None else None,
            "fetched_at": item.fetched_at, "failure_reason": item.failure_reason,
        }
        with self.conn:
            storage.execute(self.conn, "upsert_page", row)
        self.stats.inc_value("rasd/pages_stored" if body is not None else "rasd/pages_failed")
        return item
