"""Serve a replica of an outlet over HTTP on 127.0.0.1: article pages in the outlet's markup,
an RSS feed, a listing page, robots.txt, and a dead link, all built from sites/<id>/ data."""

from __future__ import annotations

import html
import threading
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from string import Template

import yaml

SITES_DIR = Path(__file__).parent / "sites"


@dataclass(frozen=True)
class ReplicaArticle:
    path: str
    title: str
    page_title: str
    published: datetime
    paragraphs: tuple[str, ...]
    related: tuple[str, ...]


def _from_dump(text: str) -> tuple[str, str, list[str], list[str]]:
    """(page title, title, paragraphs, related headlines) of a seed page dump."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    page_title, title, rest = lines[0], lines[1], lines[2:]
    if "مقالات ذات صلة" in rest:
        cut = rest.index("مقالات ذات صلة")
        return page_title, title, rest[:cut], rest[cut + 1:]
    return page_title, title, rest, []


def load_articles(site_id: str) -> list[ReplicaArticle]:
    """The replica's articles, oldest first."""
    folder = SITES_DIR / site_id
    articles = []
    for entry in yaml.safe_load((folder / "articles.yaml").read_text(encoding="utf-8")):
        if "seed" in entry:
            page_title, title, body, related = _from_dump(
                (folder / entry["seed"]).read_text(encoding="utf-8"))
        else:
            title, body, related = entry["title"], entry["body"], entry.get("related", [])
            page_title = f"{title} - بلدي نيوز"
        articles.append(ReplicaArticle(
            path=f"/ar/articles/{entry['id']}/{entry['slug']}", title=title,
            page_title=page_title, published=datetime.fromisoformat(entry["published"]),
            paragraphs=tuple(body), related=tuple(related)))
    return sorted(articles, key=lambda a: a.published)


class Replica:
    """The pages of one outlet's replica, by path."""

    def __init__(self, site_id: str, base_url: str) -> None:
        self.site_id = site_id
        self.base_url = base_url
        self.articles = load_articles(site_id)
        self.template = Template((SITES_DIR / site_id / "article.html").read_text(encoding="utf-8"))

    def article_page(self, article: ReplicaArticle) -> str:
        e = html.escape
        return self.template.substitute(
            page_title=e(article.page_title), title=e(article.title),
            published=article.published.isoformat(),
            published_display=article.published.strftime("%Y-%m-%d %H:%M"),
            canonical=e(self.base_url + article.path, quote=True),
            ticker=e(self.articles[-1].title),
            paragraphs="\n".join(f"    <p>{e(p)}</p>" for p in article.paragraphs),
            related="\n".join(f'    <li><a href="/ar/articles/1/related">{e(r)}</a></li>'
                              for r in article.related),
        )

    def rss(self) -> str:
        items = "".join(
            f"<item><title>{html.escape(a.title)}</title><link>{self.base_url}{a.path}</link>"
            f"<pubDate>{format_datetime(a.published)}</pubDate></item>"
            for a in reversed(self.articles))
        return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                f"<title>بلدي نيوز</title><link>{self.base_url}/ar</link>{items}</channel></rss>")

    def listing(self) -> str:
        links = "".join(f'<li><a href="{a.path}">{html.escape(a.title)}</a></li>'
                        for a in reversed(self.articles))
        # A dead link, as real listings have: the crawl must record it and go on.
        links += '<li><a href="/ar/articles/139999/removed-story">خبر محذوف</a></li>'
        return (f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
                f"<title>أخبار - بلدي نيوز</title></head><body><ul>{links}</ul>"
                '<a href="/ar/tag/economy">اقتصاد</a></body></html>')

    def respond(self, path: str) -> tuple[int, str, bytes]:
        """(status, content type, body) for a request path."""
        path = path.split("?", 1)[0]
        html_type = "text/html; charset=utf-8"
        if path == "/robots.txt":
            return 200, "text/plain", b"User-agent: *\nDisallow: /ar/private/\n"
        if path == "/ar/rss":
            return 200, "application/rss+xml; charset=utf-8", self.rss().encode()
        if path == "/ar/news":
            return 200, html_type, self.listing().encode()
        for article in self.articles:
            if path == article.path:
                return 200, html_type, self.article_page(article).encode()
        return 404, html_type, "<html><body><h1>404 - الصفحة غير موجودة</h1></body></html>".encode()


class ReplicaServer:
    """One replica on its own loopback port, served from a background thread."""

    def __init__(self, site_id: str, host: str = "127.0.0.1", port: int = 0) -> None:
        replica_holder: list[Replica] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                status, content_type, body = replica_holder[0].respond(self.path)
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args) -> None:  # quiet: tests read their own logs
                pass

        self.httpd = ThreadingHTTPServer((host, port), Handler)
        self.base_url = f"http://{host}:{self.httpd.server_address[1]}"
        self.replica = Replica(site_id, self.base_url)
        replica_holder.append(self.replica)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> ReplicaServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
