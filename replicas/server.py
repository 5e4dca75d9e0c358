"""Serve a replica of an outlet over HTTP on 127.0.0.1, as the real site looks: article pages in
its CMS's markup, an RSS feed, a sitemap index with post sitemaps, paged listings, robots.txt,
and the trouble real sites serve (dead links, flaky and slow pages, redirect chains and loops,
a legacy encoding, an empty body, a huge page, one article under two URLs).

Everything per outlet is data under sites/<id>/: replica.yaml, the page templates, the seed.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import re
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from string import Template
from urllib.parse import quote, urlsplit

from replicas.corpus import SITES_DIR, ReplicaArticle, load_articles, replica_config

# Trouble every replica serves, by kind; the spider meets them through the listings and feed.
TROUBLE = ("missing", "flaky", "slow", "redirect_chain", "redirect_loop", "disallowed",
           "legacy_encoding", "empty", "huge", "tracking_duplicate", "canonical_duplicate")
SLOW_SECONDS = 4.0  # longer than the crawl timeout the tests and the demo use
HUGE_BYTES = 20 * 1024 * 1024


class Replica:
    """The pages of one outlet's replica, by path."""

    def __init__(self, site_id: str, base_url: str, *, generated: int | None = None,
                 trouble: bool = True, bad_inputs: bool = False) -> None:
        self.site_id = site_id
        self.base_url = base_url
        self.config = replica_config(site_id)
        self.articles = load_articles(site_id, generated)
        self.with_trouble = trouble
        folder = SITES_DIR / site_id
        self.article_template = Template((folder / "article.html").read_text(encoding="utf-8"))
        self.listing_template = Template((folder / "listing.html").read_text(encoding="utf-8"))
        self.hits: Counter[str] = Counter()  # requests per path, for tests and flaky pages
        self.served: list[tuple[str, int]] = []  # (path, status) of every response, in order
        self.modified = self.articles[-1].published  # when the site last changed
        self._by_path = {self.path_of(a): a for a in self.articles}
        self._by_id = {a.id: a for a in self.articles}
        self.trouble = self._trouble_paths()
        self._huge: bytes | None = None
        # More bad input (replicas/bad_inputs.py), for the fault tests only.
        self.bad = None
        if bad_inputs:
            from replicas.bad_inputs import BadInputs

            self.bad = BadInputs(self)

    # ---- URLs -----------------------------------------------------------------------------
    def path_of(self, article: ReplicaArticle) -> str:
        return self.config["article_url"].format(
            id=article.id, slug=quote(article.slug), yyyy=f"{article.published.year:04d}",
            mm=f"{article.published.month:02d}", dd=f"{article.published.day:02d}")

    def url_of(self, article: ReplicaArticle) -> str:
        return self.base_url + self.path_of(article)

    def _trouble_paths(self) -> dict[str, str]:
        """Kind -> path. Trouble articles take ids the real articles never use."""
        base = self.config["first_generated_id"] + 90000
        when = self.articles[-1].published
        paths = {}
        for offset, kind in enumerate(TROUBLE):
            fake = ReplicaArticle(id=base + offset, slug=f"trouble-{kind.replace('_', '-')}",
                                  title=kind, page_title=kind, published=when, paragraphs=())
            paths[kind] = self.path_of(fake)
        paths["loop_b"] = paths["redirect_loop"].rstrip("/") + "-b"
        paths["chain_1"] = paths["redirect_chain"].rstrip("/") + "-1"
        paths["tracking_duplicate"] = self.path_of(self.articles[-2]) + (
            "?utm_source=telegram&utm_medium=social")
        return paths

    def trouble_links(self) -> list[str]:
        """The paths a listing links to besides real articles: every trouble kind, a tag page."""
        kinds = [k for k in TROUBLE if k != "tracking_duplicate"]
        return [self.trouble[k] for k in kinds] + [self.trouble["tracking_duplicate"],
                                                   self.config["tag_url"]]

    # ---- pages ----------------------------------------------------------------------------
    def article_page(self, article: ReplicaArticle) -> str:
        e = html.escape
        return self.article_template.substitute(
            page_title=e(article.page_title), title=e(article.title),
            published=article.published.isoformat(),
            published_display=article.published.strftime("%Y-%m-%d %H:%M"),
            canonical=e(self.url_of(article), quote=True),
            ticker=e(self.articles[-1].title),
            paragraphs="\n".join(f"<p>{e(p)}</p>" for p in article.paragraphs),
            related="\n".join(
                f'<li><a href="{e(self.path_of(r), quote=True)}">{e(r.title)}</a></li>'
                for r in self._related(article)),
            views=str(100 + article.id % 5000),
        )

    def _related(self, article: ReplicaArticle) -> list[ReplicaArticle]:
        """The related block links real articles; its headlines are the article's related list."""
        by_title = {a.title: a for a in self.articles}
        found = [by_title[t] for t in article.related if t in by_title]
        missing = [t for t in article.related if t not in by_title]
        found += [ReplicaArticle(id=self.config["first_generated_id"] + 80000 + n, slug=f"r{n}",
                                 title=t, page_title=t, published=article.published,
                                 paragraphs=()) for n, t in enumerate(missing)]
        return found

    def listing(self, page: int) -> tuple[int, str]:
        per_page = self.config["per_page"]
        newest = list(reversed(self.articles))
        pages = max(1, -(-len(newest) // per_page))
        if page < 1 or page > pages:
            return 404, self.not_found()
        chunk = newest[(page - 1) * per_page:page * per_page]
        # Outlets with short links use them in some listings: the crawl must follow the redirect.
        links = [(self.short_path(a) if "short_url" in self.config and n % 2 else
                  self.path_of(a), a.title) for n, a in enumerate(chunk)]
        if page == 1 and self.with_trouble:
            links += [(p, "…") for p in self.trouble_links()]
        if page == 1 and self.bad:
            links += [(p, "…") for p in self.bad.article_links()]
        e = html.escape
        items = "\n".join(f'<li><a href="{e(p, quote=True)}">{e(t)}</a></li>' for p, t in links)
        nav = []
        if page > 1:
            nav.append(f'<a class="prev" href="{e(self._listing_path(page - 1))}">السابق</a>')
        if page < pages:
            nav.append(f'<a class="next" rel="next" href="{e(self._listing_path(page + 1))}">'
                       "التالي</a>")
        return 200, self.listing_template.substitute(items=items, pagination=" ".join(nav))

    def _listing_path(self, page: int) -> str:
        if page == 1:
            return self.config["listing"]
        return self.config["listing_page"].format(page=page)

    def rss(self) -> str:
        items = "".join(
            f"<item><title>{html.escape(a.title)}</title>"
            f"<link>{html.escape(self.url_of(a))}</link>"
            f"<guid>{html.escape(self.url_of(a))}</guid>"
            f"<pubDate>{format_datetime(a.published)}</pubDate></item>"
            for a in list(reversed(self.articles))[:20])
        return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                f"<title>{html.escape(self.config['name_ar'])}</title>"
                f"<link>{self.base_url}/</link>{items}</channel></rss>")

    def sitemap_index(self) -> str:
        count = -(-len(self.articles) // self.config["sitemap_size"])
        entries = "".join(
            f"<sitemap><loc>{self.base_url}{self.config['sitemap'].format(page=n)}</loc>"
            f"<lastmod>{self._chunk(n)[-1].published.isoformat()}</lastmod></sitemap>"
            for n in range(1, count + 1))
        if self.bad:
            entries += self.bad.sitemap_entries()
        return ('<?xml version="1.0" encoding="UTF-8"?>'
                '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"{entries}</sitemapindex>")

    def _chunk(self, n: int) -> list[ReplicaArticle]:
        size = self.config["sitemap_size"]
        return self.articles[(n - 1) * size:n * size]

    def sitemap(self, n: int) -> str | None:
        chunk = self._chunk(n)
        if not chunk:
            return None
        urls = "".join(f"<url><loc>{html.escape(self.url_of(a))}</loc>"
                       f"<lastmod>{a.published.isoformat()}</lastmod></url>" for a in chunk)
        return ('<?xml version="1.0" encoding="UTF-8"?>'
                f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')

    def not_found(self) -> str:
        return '<html lang="ar"><body><h1>404 - الصفحة غير موجودة</h1></body></html>'

    def huge_page(self) -> bytes:
        if self._huge is None:
            filler = "<p>" + "حشو " * 2000 + "</p>\n"
            body = filler * (HUGE_BYTES // len(filler.encode()) + 1)
            self._huge = f"<html><body>{body}</body></html>".encode()
        return self._huge

    # ---- dispatch -------------------------------------------------------------------------
    def respond(self, raw_path: str, headers: dict[str, str] | None = None) -> Response:
        """The response to a GET of raw_path (path and query)."""
        headers = headers or {}
        self.hits[raw_path] += 1
        path = urlsplit(raw_path).path
        html_type = "text/html; charset=utf-8"
        cfg = self.config
        if path == "/robots.txt":
            disallowed = [*cfg.get("robots_disallow", []), self.trouble["disallowed"]]
            rules = "".join(f"Disallow: {p}\n" for p in disallowed)
            return Response(200, "text/plain", (
                f"User-agent: *\n{rules}Sitemap: {self.base_url}{cfg['sitemap_index']}\n"
            ).encode())
        bad = self.bad.respond(path) if self.bad else None
        if bad is not None:
            return bad
        if path == cfg["feed"]:
            return Response(200, "application/rss+xml; charset=utf-8", self.rss().encode())
        if path == cfg["sitemap_index"]:
            return Response(200, "application/xml", self.sitemap_index().encode())
        n = _page_number(cfg["sitemap"], path)
        if n is not None:
            body = self.sitemap(n)
            return Response(200, "application/xml", body.encode()) if body else self._404()
        listing = self._listing_number(raw_path)
        if listing is not None:
            status, page = self.listing(listing)
            return Response(status, html_type, page.encode())
        if path == cfg["tag_url"]:
            return Response(200, html_type, self.listing(1)[1].encode())
        short = self._short_link(path)
        if short is not None:
            return short
        trouble = self._trouble(raw_path, path, headers) if self.with_trouble else None
        if trouble is not None:
            return trouble
        article = self._by_path.get(path)
        if article is None:
            return self._404()
        body = self.article_page(article).encode()
        return self._conditional(body, article.published, headers)

    def _short_link(self, path: str) -> Response | None:
        """SY24-style short links (/<id>) answer with a permanent redirect to the article."""
        if "short_url" not in self.config:
            return None
        match = re.fullmatch(re.escape(self.config["short_url"]).replace(r"\{id\}", r"(\d+)"),
                             path.rstrip("/") or "/")
        article = self._by_id.get(int(match.group(1))) if match else None
        if article is None:
            return None
        return Response(301, None, b"", {"Location": self.path_of(article)})

    def short_path(self, article: ReplicaArticle) -> str:
        return self.config["short_url"].format(id=article.id)

    def _listing_number(self, raw_path: str) -> int | None:
        if urlsplit(raw_path).path == self.config["listing"] and "page=" not in raw_path:
            return 1
        return _page_number(self.config["listing_page"], raw_path)

    def _404(self) -> Response:
        return Response(404, "text/html; charset=utf-8", self.not_found().encode())

    def _conditional(self, body: bytes, modified: datetime, headers: dict[str, str],
                     content_type: str = "text/html; charset=utf-8") -> Response:
        """ETag and Last-Modified, and 304 when the client already has this version."""
        etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
        last_modified = format_datetime(modified.astimezone(UTC), usegmt=True)
        extra = {"ETag": etag, "Last-Modified": last_modified}
        if headers.get("if-none-match") == etag:
            return Response(304, None, b"", extra)
        since = headers.get("if-modified-since")
        if since and "if-none-match" not in headers:
            try:
                if parsedate_to_datetime(since) >= modified.replace(microsecond=0):
                    return Response(304, None, b"", extra)
            except (TypeError, ValueError):
                pass
        return Response(200, content_type, body, extra)

    def _trouble(self, raw_path: str, path: str, headers: dict[str, str]) -> Response | None:
        t = self.trouble
        html_type = "text/html; charset=utf-8"

        def stand_in(kind: str) -> Response:
            article = self._stand_in(kind)
            return self._conditional(self.article_page(article).encode(), article.published,
                                     headers)

        if path == t["canonical_duplicate"]:  # another URL, its canonical link the real one
            article = self.articles[-4]
            return self._conditional(self.article_page(article).encode(), article.published,
                                     headers)
        if raw_path == t["tracking_duplicate"]:
            return self._conditional(self.article_page(self.articles[-2]).encode(),
                                     self.articles[-2].published, headers)
        if path == t["missing"]:
            return self._404()
        if path == t["flaky"]:
            if self.hits[raw_path] == 1:  # fails once, then works: a retry must recover it
                return Response(500, html_type, b"<html><body>Internal Server Error</body></html>")
            return stand_in("flaky")
        if path == t["slow"]:
            time.sleep(SLOW_SECONDS)
            return stand_in("slow")
        if path == t["redirect_chain"]:
            return Response(301, None, b"", {"Location": t["chain_1"]})
        if path == t["chain_1"]:
            return Response(302, None, b"", {"Location": self.path_of(self.articles[-3])})
        if path == t["redirect_loop"]:
            return Response(302, None, b"", {"Location": t["loop_b"]})
        if path == t["loop_b"]:
            return Response(302, None, b"", {"Location": t["redirect_loop"]})
        if path == t["disallowed"]:
            return stand_in("disallowed")
        if path == t["legacy_encoding"]:
            article = self._stand_in("legacy_encoding")
            page = self.article_page(article).replace('charset="utf-8"',
                                                      'charset="windows-1256"')
            return self._conditional(page.encode("cp1256", errors="xmlcharrefreplace"),
                                     article.published, headers,
                                     "text/html; charset=windows-1256")
        if path == t["empty"]:
            return Response(200, html_type, b"")
        if path == t["huge"]:
            return Response(200, html_type, self.huge_page())
        return None

    def copied_article(self, kind: str) -> ReplicaArticle:
        """The older article whose text a trouble path serves."""
        return self.articles[len(TROUBLE) - TROUBLE.index(kind)]

    def _stand_in(self, kind: str) -> ReplicaArticle:
        """A real-looking article for a trouble path: the text of an older article."""
        source = self.copied_article(kind)
        return ReplicaArticle(
            id=self.config["first_generated_id"] + 90000 + TROUBLE.index(kind),
            slug=f"trouble-{kind.replace('_', '-')}", title=source.title,
            page_title=source.page_title,
            published=source.published, paragraphs=source.paragraphs, related=source.related,
            own_text=source.own_text)


def _page_number(template: str, path: str) -> int | None:
    """The page number in a path made from a template with a {page} slot, or None."""
    pattern = re.escape(template).replace(r"\{page\}", r"(\d+)")
    match = re.fullmatch(pattern, path)
    return int(match.group(1)) if match else None


class Response:
    def __init__(self, status: int, content_type: str | None, body: bytes,
                 headers: dict[str, str] | None = None, cut_after: int | None = None) -> None:
        self.status, self.content_type, self.body = status, content_type, body
        self.headers = headers or {}
        self.cut_after = cut_after  # bytes sent before the connection drops, when set


class _Server(ThreadingHTTPServer):
    # socketserver's default backlog of 5 drops the SYNs of a crawler that opens more
    # connections at once, and each dropped one costs a second before it is sent again.
    request_queue_size = 128
    daemon_threads = True


class ReplicaServer:
    """One replica on its own loopback port, served from a background thread."""

    def __init__(self, site_id: str, host: str = "127.0.0.1", port: int = 0, **options) -> None:
        holder: list[Replica] = []

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in two writes: without TCP_NODELAY, Nagle's algorithm
            # and delayed ACKs hold every keep-alive response about 40 ms.
            disable_nagle_algorithm = True

            def do_GET(self) -> None:
                headers = {k.lower(): v for k, v in self.headers.items()}
                response = holder[0].respond(self.path, headers)
                holder[0].served.append((self.path, response.status))
                # The client may give up (a size limit, a timeout): that is its business.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.send_response(response.status)
                    if response.content_type:
                        self.send_header("Content-Type", response.content_type)
                    for name, value in response.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(response.body)))
                    self.end_headers()
                    if response.cut_after is None:
                        self.wfile.write(response.body)
                    else:  # a server that dies mid-body: less than Content-Length, then close
                        self.wfile.write(response.body[:response.cut_after])
                        self.wfile.flush()
                        self.close_connection = True

            def log_message(self, format: str, *args) -> None:  # tests read their own logs
                pass

        self.httpd = _Server((host, port), Handler)
        self.base_url = f"http://{host}:{self.httpd.server_address[1]}"
        self.replica = Replica(site_id, self.base_url, **options)
        holder.append(self.replica)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> ReplicaServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def replica_sites() -> list[str]:
    """The ids of every outlet that has a replica."""
    return sorted(p.parent.name for p in SITES_DIR.glob("*/replica.yaml"))


@contextlib.contextmanager
def serve_replicas(sites: list[str] | None = None) -> Iterator[dict[str, ReplicaServer]]:
    """Serve the named outlets' replicas (all of them by default), each on its own port."""
    with contextlib.ExitStack() as stack:
        yield {site: stack.enter_context(ReplicaServer(site))
               for site in (replica_sites() if sites is None else sites)}
