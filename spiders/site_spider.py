"""The one generic spider: discovers articles through a site's feeds and listing pages and
hands every article page, or the reason it could not be fetched, to the storage pipeline."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

import scrapy
from scrapy.http import TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import DNSLookupError, TCPTimedOutError, TimeoutError

from pipeline.config import load_config
from pipeline.sites import load_sites
from spiders.items import PageItem


class SiteSpider(scrapy.Spider):
    name = "site"

    def __init__(self, site: str | None = None, base_url: str | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        config = load_config()
        sites = load_sites(config.sites_dir)
        # Bad arguments fail at once, with a message, before anything is fetched.
        if not site:
            raise ValueError("the spider needs -a site=<id>; known sites: " + ", ".join(sites))
        if site not in sites:
            raise ValueError(f"unknown site {site!r}; known sites: " + ", ".join(sites))
        self.site = sites[site]
        self.base_url = (base_url or config.site_base_urls.get(site) or self.site.base_url)
        self.base_url = self.base_url.rstrip("/")
        self.host = urlsplit(self.base_url).netloc
        self.article_patterns = [re.compile(p) for p in self.site.article_patterns]

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.settings.frozen = False
        crawler.settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", spider.site.concurrency,
                             priority="spider")
        crawler.settings.set("DOWNLOAD_DELAY", spider.site.delay, priority="spider")
        return spider

    async def start(self):
        for path in self.site.feeds:
            yield scrapy.Request(self.base_url + path, callback=self.parse_feed,
                                 errback=self.failed)
        for path in self.site.listing_pages:
            yield scrapy.Request(self.base_url + path, callback=self.parse_listing,
                                 errback=self.failed)

    def is_article(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.netloc == self.host and any(p.search(parts.path)
                                                 for p in self.article_patterns)

    def _follow(self, urls):
        for url in urls:
            if self.is_article(url):
                yield scrapy.Request(url, callback=self.parse_article, errback=self.failed)

    def parse_feed(self, response):
        if not isinstance(response, TextResponse):
            return
        response.selector.remove_namespaces()
        links = response.xpath("//item/link/text() | //entry/link/@href").getall()
        yield from self._follow(response.urljoin(link.strip()) for link in links)

    def parse_listing(self, response):
        if not isinstance(response, TextResponse):
            return
        yield from self._follow(response.urljoin(h) for h in response.css("a::attr(href)").getall())

    def parse_article(self, response):
        now = datetime.now(UTC)
        if not isinstance(response, TextResponse):
            yield PageItem(self.site.id, response.url, now, response.status,
                           failure_reason="not a text page: "
                           + response.headers.get("Content-Type", b"?").decode("latin-1"))
            return
        if not response.body.strip():
            yield PageItem(self.site.id, response.url, now, response.status,
                           failure_reason="empty body")
            return
        canonical = response.css('link[rel="canonical"]::attr(href)').get()
        yield PageItem(self.site.id, response.url, now, response.status, response.body,
                       response.encoding, canonical)

    def failed(self, failure):
        """Every failed fetch still leaves a row, with the reason."""
        request = failure.request
        status = None
        if failure.check(HttpError):
            status = failure.value.response.status
            reason = f"http {status}"
        elif failure.check(DNSLookupError):
            reason = "dns lookup failed"
        elif failure.check(TimeoutError, TCPTimedOutError):
            reason = "timeout"
        else:
            reason = f"{failure.type.__name__}: {failure.getErrorMessage()}"[:500]
        self.logger.warning("fetch failed %s: %s", request.url, reason)
        if self.is_article(request.url):
            yield PageItem(self.site.id, request.url, datetime.now(UTC), status,
                           failure_reason=reason)
