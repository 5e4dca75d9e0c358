"""Bad input, beyond the trouble every replica serves, for a replica started with
bad_inputs=True: broken bodies, encodings and markup at article URLs, HTTP errors, a reset
connection, an off-site redirect, and malformed feeds, sitemaps and listings.

Each kind is one entry of ARTICLES or DISCOVERY; the fault tests hold what Rasd must record
for each.
"""

from __future__ import annotations

import gzip
import html
import re
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from replicas.corpus import ReplicaArticle
from replicas.server import Response

if TYPE_CHECKING:
    from replicas.server import Replica

HTML = "text/html; charset=utf-8"
# Served at article URLs, linked from the first listing page.
ARTICLES = (
    "whitespace_only", "png_as_html", "pdf_as_html", "zip_as_html", "gzip_bomb",
    "wrong_declared_charset", "undeclared_windows_1256", "truncated_markup", "navigation_only",
    "english_article", "mojibake", "gone_410", "forbidden_403", "error_500_always",
    "unavailable_503", "reset_mid_body", "offsite_redirect", "redirect_without_location",
    "no_title", "no_date", "plain_text", "image_content_type", "garbage_bytes",
    "deep_nesting",
)
# Feeds and listings a site file may name; sitemaps the replica's sitemap index lists.
DISCOVERY = {
    "feed_not_xml": ("feed", "/bad/feed-not-xml"),
    "feed_bad_dates": ("feed", "/bad/feed-bad-dates"),
    "feed_empty": ("feed", "/bad/feed-empty"),
    "feed_invalid_links": ("feed", "/bad/feed-invalid-links"),
    "feed_truncated": ("feed", "/bad/feed-truncated"),
    "sitemap_html": ("sitemap", "/bad/sitemap-html.xml"),
    "sitemap_missing": ("sitemap", "/bad/sitemap-missing.xml"),
    "sitemap_bad_lastmod": ("sitemap", "/bad/sitemap-bad-lastmod.xml"),
    "listing_500": ("listing", "/bad/listing"),
}
GZIP_BOMB_BYTES = 12 * 1024 * 1024  # past the crawler's 10 MB once inflated; 12 KB on the wire
OFFSITE_PATH = "/elsewhere/page"
ENGLISH = (
    "The city council approved a new budget for road repairs on Tuesday after a long debate.",
    "Officials said the work would start next month and last until the end of the year.",
    "Residents welcomed the decision but asked for better street lighting in the old quarter.",
)


@cache
def _gzip_bomb() -> bytes:
    return gzip.compress(b" " * GZIP_BOMB_BYTES, compresslevel=9)


def _mojibake(text: str) -> str:
    """UTF-8 bytes read as windows-1252 (latin-1 where 1252 has no character), as a
    misconfigured CMS or database stores Arabic."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b)
                   for b in text.encode("utf-8"))


class BadInputs:
    """The bad-input paths of one replica, and their responses."""

    def __init__(self, replica: Replica) -> None:
        self.replica = replica
        base = replica.config["first_generated_id"] + 95000
        self.paths: dict[str, str] = {}
        for offset, kind in enumerate(ARTICLES):
            fake = ReplicaArticle(id=base + offset, slug=f"bad-{kind.replace('_', '-')}",
                                  title=kind, page_title=kind,
                                  published=replica.articles[-1].published, paragraphs=())
            self.paths[kind] = replica.path_of(fake)
        self.paths.update({kind: path for kind, (_, path) in DISCOVERY.items()})
        # Stand-ins copy articles that report no attack: bad input must not change the counts.
        self._calm = [a for a in replica.articles if not a.expect]

    def article_links(self) -> list[str]:
        return [self.paths[k] for k in ARTICLES]

    def discovery_paths(self, kind: str) -> list[str]:
        """The bad feeds, sitemaps or listings, for a site file to name."""
        return [path for k, (where, path) in DISCOVERY.items() if where == kind]

    def stand_in(self, kind: str) -> ReplicaArticle:
        """A real-looking article at a bad path: the text of an older article."""
        source = self._calm[ARTICLES.index(kind) % len(self._calm)]
        return replace(source, id=self.replica.config["first_generated_id"] + 95000
                       + ARTICLES.index(kind), slug=f"bad-{kind.replace('_', '-')}")

    def page(self, kind: str) -> str:
        return self.replica.article_page(self.stand_in(kind))

    # ---- responses ------------------------------------------------------------------------
    def respond(self, path: str) -> Response | None:
        kind = next((k for k, p in self.paths.items() if p == path), None)
        if path == OFFSITE_PATH:
            return Response(200, HTML, b"<html><body><p>elsewhere</p></body></html>")
        if kind is None:
            return None
        if kind in DISCOVERY:
            return self._discovery(kind)
        return self._article(kind)

    def _article(self, kind: str) -> Response:
        page = self.page(kind)
        simple = {
            "whitespace_only": (200, HTML, b" \r\n\t \n" * 50),
            "png_as_html": (200, HTML, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64),
            "pdf_as_html": (200, HTML, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n"
                            + b"stream\n" + bytes(range(1, 256)) * 8 + b"\nendstream\n"),
            "zip_as_html": (200, HTML, b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 64),
            "gone_410": (410, HTML, b"<html><body>Gone</body></html>"),
            "forbidden_403": (403, HTML, b"<html><body>Forbidden</body></html>"),
            "error_500_always": (500, HTML, b"<html><body>Internal Server Error</body></html>"),
            "plain_text": (200, "text/plain; charset=utf-8",
                           "\n".join(self.stand_in(kind).paragraphs).encode()),
            "image_content_type": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
            "garbage_bytes": (200, HTML, bytes((b * 37 + 11) % 128 + 128 for b in range(4096))),
        }
        if kind in simple:
            return Response(*simple[kind])
        if kind == "gzip_bomb":
            return Response(200, HTML, _gzip_bomb(), {"Content-Encoding": "gzip"})
        if kind == "wrong_declared_charset":  # says UTF-8, is windows-1256, no meta tag
            body = page.replace('<meta charset="utf-8">', "")
            return Response(200, HTML, body.encode("cp1256", errors="xmlcharrefreplace"))
        if kind == "undeclared_windows_1256":  # no charset anywhere
            body = page.replace('<meta charset="utf-8">', "")
            return Response(200, "text/html",
                            body.encode("cp1256", errors="xmlcharrefreplace"))
        if kind == "truncated_markup":  # cut after the article's first paragraphs
            cut = page.index('class="news-content"')
            for _ in range(3):
                cut = page.index("</p>", cut) + len("</p>")
            return Response(200, HTML, (page[:cut] + "\n<p>نهاية مبتورة <b><i").encode())
        if kind == "navigation_only":
            links = "".join(f'<li><a href="{html.escape(self.replica.path_of(a))}">'
                            f"{html.escape(a.title)}</a></li>"
                            for a in self.replica.articles[-6:])
            return Response(200, HTML, ('<html lang="ar"><head><title>أخبار</title></head>'
                                        f'<body><nav class="main-menu"><ul>{links}</ul></nav>'
                                        "</body></html>").encode())
        if kind == "english_article":
            paragraphs = "".join(f"<p>{p}</p>" for p in ENGLISH)
            body = re.sub(r'(<div class="news-content">).*?(</div>)',
                          lambda m: m.group(1) + paragraphs + m.group(2), page, flags=re.S)
            body = re.sub(r'(<h1 class="news-title">).*?(</h1>)',
                          r"\1City council approves road budget\2", body)
            return Response(200, HTML, body.replace('lang="ar" dir="rtl"', 'lang="en"').encode())
        if kind == "mojibake":
            return Response(200, HTML, _mojibake(page).encode("utf-8"))
        if kind == "unavailable_503":
            return Response(503, HTML, b"<html><body>Service Unavailable</body></html>",
                            {"Retry-After": "120"})
        if kind == "reset_mid_body":
            return Response(200, HTML, page.encode(), cut_after=1024)
        if kind == "offsite_redirect":
            port = self.replica.base_url.rsplit(":", 1)[1]
            return Response(302, None, b"", {"Location": f"http://localhost:{port}{OFFSITE_PATH}"})
        if kind == "redirect_without_location":
            return Response(301, HTML, b"<html><body>Moved</body></html>")
        if kind == "no_title":
            body = re.sub(r"<title>.*?</title>|<meta property=\"og:title\"[^>]*>|"
                          r"<h1 class=\"news-title\">.*?</h1>", "", page, flags=re.S)
            return Response(200, HTML, body.encode())
        if kind == "no_date":
            body = re.sub(r'<meta property="article:published_time"[^>]*>|<time[^>]*>.*?</time>',
                          "", page, flags=re.S)
            return Response(200, HTML, body.encode())
        if kind == "deep_nesting":  # thousands of open elements around the text
            depth = 5000
            body = re.sub(r'(<div class="news-content">)(.*?)(</div>)',
                          lambda m: m.group(1) + "<div>" * depth + m.group(2) + "</div>" * depth
                          + m.group(3), page, flags=re.S)
            return Response(200, HTML, body.encode())
        raise KeyError(kind)

    def _discovery(self, kind: str) -> Response:
        r = self.replica
        rss = "application/rss+xml; charset=utf-8"
        xml = "application/xml"
        newest = list(reversed(r.articles))

        def items(entries: list[tuple[str, str]]) -> str:
            return "".join(f"<item><title>x</title><link>{html.escape(link)}</link>"
                           f"<pubDate>{html.escape(when)}</pubDate></item>"
                           for link, when in entries)

        def channel(body: str) -> bytes:
            return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                    f"<title>bad</title>{body}</channel></rss>").encode()

        if kind == "feed_not_xml":
            return Response(200, rss, b"Warning: mysql_connect(): Too many connections in "
                                      b"/var/www/feed.php on line 12\n")
        if kind == "feed_bad_dates":
            return Response(200, rss, channel(items([
                (r.url_of(newest[0]), "yesterday"), (r.url_of(newest[1]), "32/13/2020"),
                (r.url_of(newest[2]), "Mon, 99 Foo 2020 25:61:00")])))
        if kind == "feed_empty":
            return Response(200, rss, channel(""))
        if kind == "feed_invalid_links":
            return Response(200, rss, channel(items([
                ("http://[::1/broken", "Tue, 29 Dec 2020 10:00:00 +0200"),
                ("javascript:void(0)", "Tue, 29 Dec 2020 10:00:00 +0200"),
                ("", "Tue, 29 Dec 2020 10:00:00 +0200"),
                (r.url_of(newest[3]), "Tue, 29 Dec 2020 10:00:00 +0200")])))
        if kind == "feed_truncated":  # cut mid-item: the items before the cut still count
            whole = r.rss()
            return Response(200, rss, whole[:whole.index("</item>", 1000) + 40].encode())
        if kind == "sitemap_html":
            return Response(200, HTML, r.not_found().replace("404", "200").encode())
        if kind == "sitemap_missing":
            return Response(404, HTML, r.not_found().encode())
        if kind == "sitemap_bad_lastmod":
            entries = "".join(f"<url><loc>{html.escape(r.url_of(a))}</loc>"
                              f"<lastmod>{bad}</lastmod></url>"
                              for a, bad in zip(newest[4:7], ("not-a-date", "2020-13-45",
                                                              "31/12/2020"), strict=True))
            return Response(200, xml, (
                '<?xml version="1.0" encoding="UTF-8"?><urlset '
                f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
            ).encode())
        if kind == "listing_500":
            return Response(500, HTML, b"<html><body>Internal Server Error</body></html>")
        raise KeyError(kind)

    def sitemap_entries(self) -> str:
        """Index entries for the bad sitemaps."""
        return "".join(f"<sitemap><loc>{self.replica.base_url}{path}</loc></sitemap>"
                       for path in self.discovery_paths("sitemap"))
