"""The one generic spider: discovers articles through a site's feeds, sitemaps and paged
listings, fetches only what is new or changed, and hands every fetch (a page, a 304, or the
reason it failed) to the storage pipeline."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import scrapy
from lxml import etree
from scrapy.exceptions import IgnoreRequest
from scrapy.http import TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.defer import CancelledError

from pipeline import storage
from pipeline.config import load_config
from pipeline.sites import load_sites
from pipeline.timestamps import parse_published
from pipeline.urls import clean_url
from spiders.items import FetchItem

_PUBLISHED = re.compile(
    rb'<meta[^>]+property=["\']article:published_time["\'][^>]+content=["\']([^"\']+)["\']')
# Files that sites serve at article URLs under a text/html type: kept out of rasd.pages.
_MAGIC = ((b"\x89PNG", "PNG image"), (b"%PDF-", "PDF document"), (b"PK\x03\x04", "ZIP archive"),
          (b"GIF8", "GIF image"), (b"\xff\xd8\xff", "JPEG image"), (b"\x1f\x8b", "gzip file"),
          (b"RIFF", "RIFF media"), (b"\x00\x00\x00", "media file"))
# Root elements of what a feed or sitemap should be.
_ROOTS = {"feed": ("rss", "feed", "RDF"), "sitemap": ("urlset", "sitemapindex")}
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def _when(value: str | None) -> datetime | None:
    """A feed's or sitemap's date (RFC 822 or ISO 8601) as an aware datetime."""
    if not value:
        return None
    value = value.strip()
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return parse_published(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def binary_kind(body: bytes) -> str | None:
    """What binary file a body is (by its first bytes), or None for text."""
    head = body[:1024].lstrip()
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text has NULs too
        return None
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return "binary data" if b"\x00" in head else None


def xml_problem(response, kind: str) -> str | None:
    """Why a feed or sitemap body is not well-formed XML of its kind, or None."""
    try:
        root = etree.fromstring(response.body, parser=_XML_PARSER)
    except etree.XMLSyntaxError as exc:
        return f"malformed XML: {str(exc).splitlines()[0]}"[:200]
    name = etree.QName(root).localname if isinstance(root.tag, str) else "?"
    if name not in _ROOTS[kind]:
        return f"malformed {kind}: root element <{name}>"
    return None


class SiteSpider(scrapy.Spider):
    name = "site"

    def __init__(self, site: str | None = None, run_id: str | None = None,
                 since: str | None = None, until: str | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        config = load_config()
        sites = load_sites(config.sites_dir)
        # Bad arguments fail at once, with a message, before anything is fetched.
        if not site:
            raise ValueError("the spider needs -a site=<id>; known sites: " + ", ".join(sites))
        if site not in sites:
            raise ValueError(f"unknown site {site!r}; known sites: " + ", ".join(sites))
        self.site = sites[site]
        self.run_id = int(run_id) if run_id else None
        margin = timedelta(days=self.site.window_margin_days)
        start, end = parse_published(since), parse_published(until)
        if (since and start is None) or (until and end is None):
            raise ValueError(f"since/until must be ISO dates, got {since!r}, {until!r}")
        self.since = start - margin if start else None
        self.until = end + margin if end else None
        self.base_url = (config.site_base_urls.get(site) or self.site.base_url).rstrip("/")
        self.host = urlsplit(self.base_url).netloc
        self.article_patterns = [re.compile(p) for p in self.site.article_patterns]
        self.known: dict[str, dict] = {}
        self.redirects: dict[str, str] = {}
        self.seen: set[str] = set()
        conn = storage.connect(config)
        try:
            self.known = {row["url"]: row for row in storage.fetch_all(
                conn, "known_pages", {"source_id": self.site.id})}
            self.redirects = {row["requested_url"]: row["url"] for row in storage.fetch_all(
                conn, "known_redirects", {"source_id": self.site.id})}
        finally:
            conn.close()

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        # The site file's politeness, unless the command line overrides it (replicas).
        for name, value in (("CONCURRENT_REQUESTS_PER_DOMAIN", spider.site.concurrency),
                            ("DOWNLOAD_DELAY", spider.site.delay),
                            ("DOWNLOAD_TIMEOUT", spider.site.timeout)):
            crawler.settings.set(name, value, priority="spider")
        return spider

    # ---- discovery ------------------------------------------------------------------------
    async def start(self):
        for path in self.site.feeds:
            yield self._discovery(self.base_url + path, "feed", self.parse_feed)
        for path in self.site.sitemaps:
            yield self._discovery(self.base_url + path, "sitemap", self.parse_sitemap)
        for path in self.site.listing_pages:
            yield self._discovery(self.base_url + path, "listing", self.parse_listing,
                                  page=1)

    def _discovery(self, url: str, kind: str, callback, **meta) -> scrapy.Request:
        return scrapy.Request(url, callback=callback, errback=self.failed,
                              meta={"kind": kind, "requested_url": url, **meta},
                              dont_filter=True)

    def _in_window(self, when: datetime | None) -> bool:
        if when is None:
            return True
        return (self.since is None or when >= self.since) and (
            self.until is None or when <= self.until)

    def is_article(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.netloc == self.host and any(p.search(parts.path)
                                                 for p in self.article_patterns)

    def _candidate(self, raw_url: str, hint: datetime | None = None):
        """A request for an article URL, unless it was seen this run, lies outside the window,
        or the site says it has not changed since we stored it."""
        url = clean_url(raw_url)
        if not self.is_article(url) or url in self.seen:
            return
        self.seen.add(url)
        # A URL that redirected to a page we hold: ask the page itself, conditionally.
        target = self.redirects.get(url)
        if target in self.known:
            if target in self.seen:
                return
            self.seen.add(target)
            url = target
        self.crawler.stats.inc_value("rasd/discovered")
        known = self.known.get(url)
        if known is None and not self._in_window(hint):
            yield FetchItem(self.site.id, "article", url, outcome="skipped",
                            reason="published outside the window")
            return
        if known is not None and hint is not None and hint <= known["fetched_at"]:
            yield FetchItem(self.site.id, "article", url, outcome="skipped",
                            reason="unchanged since last fetch (lastmod)")
            return
        headers = {}
        if known is not None:  # conditional: a site that supports it sends no body again
            if known["etag"]:
                headers["If-None-Match"] = known["etag"]
            if known["last_modified"]:
                headers["If-Modified-Since"] = known["last_modified"]
        # dont_filter: this spider dedupes URLs itself, and Scrapy's filter would silently
        # drop the second hop of a redirect loop instead of reporting the loop.
        yield scrapy.Request(url, headers=headers, callback=self.parse_article,
                             errback=self.failed, dont_filter=True,
                             meta={"kind": "article", "requested_url": url,
                                   "handle_httpstatus_list": [304]})

    def _discovered(self, response, problems: list[str] | None = None,
                    found: int | None = None) -> FetchItem:
        """The discovery fetch's row: a feed or sitemap that gave nothing and is not what it
        should be failed; any other problem is noted in its reason."""
        problems = [p for p in problems or [] if p]
        failed = found == 0 and problems and problems[0].startswith("malformed")
        if failed and problems[0].startswith("malformed XML"):
            problems[0] = f"malformed {response.meta['kind']} ({problems[0]})"
        if found == 0 and not problems:
            problems = ["no items"]
        return FetchItem(self.site.id, response.meta["kind"], response.meta["requested_url"],
                         url=response.url, http_status=response.status,
                         outcome="failed" if failed else "discovery",
                         reason="; ".join(problems) or None, size=len(response.body))

    def _links(self, response, entries: list[tuple[str | None, str | None]], problems: list):
        """Article candidates from (link, date) pairs; bad links and dates are counted into
        problems, never raised: one broken entry must not cost the rest of the feed."""
        invalid = bad_dates = 0
        for link, when in entries:
            hint = _when(when)
            if when is not None and hint is None:
                bad_dates += 1
            try:
                url = response.urljoin((link or "").strip())
                if not link or not link.strip() or urlsplit(url).scheme not in ("http", "https"):
                    raise ValueError(link)
                clean_url(url)
            except ValueError:
                invalid += 1
                continue
            yield from self._candidate(url, hint)
        if bad_dates:
            problems.append(f"{bad_dates} unreadable dates")
        if invalid:
            problems.append(f"{invalid} invalid links")

    @staticmethod
    def _xml_nodes(response, xpath: str) -> list:
        """Nodes of a feed or sitemap, namespaces aside; none when the body is not text."""
        if not isinstance(response, TextResponse):
            return []
        response.selector.remove_namespaces()
        return response.xpath(xpath)

    def parse_feed(self, response):
        problems = [xml_problem(response, "feed")]
        nodes = self._xml_nodes(response, "//item | //entry")
        yield from self._links(response, [(
            item.xpath("link/text() | link/@href").get(),
            item.xpath("pubDate/text() | published/text() | updated/text()").get(),
        ) for item in nodes], problems)
        yield self._discovered(response, problems, len(nodes))

    def parse_sitemap(self, response):
        problems = [xml_problem(response, "sitemap")]
        children = self._xml_nodes(response, "//sitemap")
        for entry in children:
            loc = entry.xpath("loc/text()").get()
            lastmod = _when(entry.xpath("lastmod/text()").get())
            # A sub-sitemap untouched since before the window holds nothing new.
            if loc and (lastmod is None or self.since is None or lastmod >= self.since):
                try:
                    yield self._discovery(response.urljoin(loc.strip()), "sitemap",
                                          self.parse_sitemap)
                except ValueError:
                    problems.append(f"invalid sitemap link {loc.strip()[:80]!r}")
        urls = self._xml_nodes(response, "//url")
        yield from self._links(response, [(
            entry.xpath("loc/text()").get(), entry.xpath("lastmod/text()").get(),
        ) for entry in urls], problems)
        yield self._discovered(response, problems, len(children) + len(urls))

    def parse_listing(self, response):
        yield self._discovered(response)
        if not isinstance(response, TextResponse):
            return
        for href in response.css("a::attr(href)").getall():
            yield from self._candidate(response.urljoin(href))
        next_page = response.css('a[rel="next"]::attr(href), a.next::attr(href)').get()
        page = response.meta.get("page", 1)
        if next_page and page < self.site.listing_max_pages:
            yield self._discovery(response.urljoin(next_page), "listing", self.parse_listing,
                                  page=page + 1)

    # ---- articles -------------------------------------------------------------------------
    def parse_article(self, response):
        requested = response.meta["requested_url"]
        common = {"url": response.url, "http_status": response.status}
        if response.status == 304:
            yield FetchItem(self.site.id, "article", requested, outcome="unchanged", **common)
            return
        if not response.body.strip():
            yield FetchItem(self.site.id, "article", requested, outcome="failed",
                            reason="empty body", **common)
            return
        if urlsplit(response.url).netloc != self.host:  # redirected away: not this site's
            yield FetchItem(self.site.id, "article", requested, outcome="failed",
                            reason=f"redirected off-site to {urlsplit(response.url).netloc}",
                            **common)
            return
        if not isinstance(response, TextResponse):
            kind = response.headers.get("Content-Type", b"?").decode("latin-1")
            yield FetchItem(self.site.id, "article", requested, outcome="failed",
                            reason=f"not a text page ({kind})", **common)
            return
        binary = binary_kind(response.body)
        if binary:
            yield FetchItem(self.site.id, "article", requested, outcome="failed",
                            reason=f"binary content ({binary})", **common)
            return
        # One article, one URL: its canonical link names it when that is an article of ours.
        canonical = response.css('link[rel="canonical"]::attr(href)').get()
        canonical = clean_url(response.urljoin(canonical)) if canonical else None
        url = canonical if canonical and self.is_article(canonical) else clean_url(response.url)
        match = _PUBLISHED.search(response.body[:20000])
        published = parse_published(match.group(1).decode("ascii", "replace")) if match else None
        if url not in self.known and not self._in_window(published):
            yield FetchItem(self.site.id, "article", requested, outcome="skipped",
                            reason="published outside the window", **common)
            return
        headers = response.headers
        yield FetchItem(
            self.site.id, "article", requested, url=url, http_status=response.status,
            outcome="stored", body=response.body, encoding=response.encoding,
            canonical_url=canonical,
            etag=(headers.get("ETag") or b"").decode("latin-1") or None,
            last_modified=(headers.get("Last-Modified") or b"").decode("latin-1") or None,
            size=len(response.body))

    def failed(self, failure):
        """Every failed fetch still leaves a row, with the reason."""
        request = failure.request
        status = failure.value.response.status if failure.check(HttpError) else None
        reason = failure_reason(failure)
        self.logger.warning("fetch failed %s: %s", request.url, reason)
        yield FetchItem(self.site.id, request.meta.get("kind", "article"),
                        request.meta.get("requested_url", request.url), url=request.url,
                        http_status=status, outcome="failed", reason=reason)


# Scrapy 2.13+ wraps Twisted's errors in its own Download*Error types; match both by name.
_REASONS = (
    (("ConnectionRefused",), "connection refused"),
    (("DNSLookup", "DNS"), "dns lookup failed"),
    (("Timeout", "TimedOut"), "timeout"),
    (("ConnectionLost", "ResponseNeverReceived", "ConnectionDone", "ResponseFailed",
      "DataLoss"), "connection lost"),
)


def failure_reason(failure) -> str:
    """A short, stable reason for a failed request, for operators and counts."""
    if failure.check(HttpError):
        return f"http {failure.value.response.status}"
    message = failure.getErrorMessage()
    if failure.check(IgnoreRequest):
        lower = message.lower()
        if "robots" in lower:
            return "disallowed by robots.txt"
        if "redirect" in lower:
            return "redirect loop"
        if "download_maxsize" in lower or "max size" in lower:
            return "too large"
        return f"ignored: {message}"[:200]
    names = [cls.__name__ for cls in failure.type.__mro__]
    if failure.check(CancelledError) or any("Cancelled" in n for n in names):
        return "too large" if "max size" in message else "cancelled"
    for fragments, reason in _REASONS:
        if any(f in n for f in fragments for n in names):
            return reason
    return f"{failure.type.__name__}: {message}"[:300]
