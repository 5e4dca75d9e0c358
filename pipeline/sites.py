"""Per-outlet knowledge, read from the YAML site files in spiders/sites/ and checked on load."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from cssselect import ExpressionError, SelectorSyntaxError
from lxml.cssselect import CSSSelector

from pipeline.errors import RasdError

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Site:
    id: str
    name: str
    domain: str
    base_url: str
    enabled: bool = True
    verified: bool = True
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    listing_pages: tuple[str, ...] = ()
    listing_max_pages: int = 5  # how far back a crawl pages through a listing
    article_patterns: tuple[str, ...] = ()
    concurrency: int = 2
    delay: float = 1.0
    timeout: float = 30.0
    window_margin_days: int = 2  # articles this far outside the run's interval still count
    content_selector: str | None = None  # CSS: the element holding the article's paragraphs
    title_selector: str | None = None  # CSS: the article's headline
    prune_xpaths: tuple[str, ...] = ()
    boilerplate_lines: tuple[str, ...] = ()
    boilerplate_patterns: tuple[str, ...] = ()
    related_headings: tuple[str, ...] = ()
    title_suffixes: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict, compare=False, hash=False)


def _strings(data: dict, key: str, path: Path) -> tuple[str, ...]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RasdError(f"{path}: '{key}' must be a list of strings")
    return tuple(value)


def _number(data: dict, key: str, default, kind, path: Path):
    value = data.get(key, default)
    try:
        number = kind(value)
    except (TypeError, ValueError):
        raise RasdError(f"{path}: '{key}' must be a number, got {value!r}") from None
    if number < 0:
        raise RasdError(f"{path}: '{key}' must not be negative")
    return number


def load_site(path: Path) -> Site:
    """Read and check one site file; the file's stem is the site id."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RasdError(f"cannot read site file {path}: {exc}".splitlines()[0]) from exc
    if not isinstance(data, dict):
        raise RasdError(f"{path}: a site file must be a mapping")
    site_id = path.stem
    if not _ID.match(site_id):
        raise RasdError(f"{path}: site id {site_id!r} must be lowercase letters, digits and '-'")
    for key in ("name", "domain", "base_url"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise RasdError(f"{path}: '{key}' is required")
    discovery = data.get("discovery") or {}
    crawl = data.get("crawl") or {}
    text = data.get("text") or {}
    selectors = data.get("selectors") or {}
    for key, value in selectors.items():
        if key not in ("content", "title") or not isinstance(value, str):
            raise RasdError(f"{path}: selectors are 'content' and 'title', each a CSS string")
        try:
            CSSSelector(value)
        except (SelectorSyntaxError, ExpressionError) as exc:
            raise RasdError(f"{path}: bad CSS selector {value!r}: {exc}") from exc
    site = Site(
        id=site_id,
        name=data["name"],
        domain=data["domain"],
        base_url=data["base_url"].rstrip("/"),
        enabled=bool(data.get("enabled", True)),
        verified=bool(data.get("verified", True)),
        feeds=_strings(discovery, "feeds", path),
        sitemaps=_strings(discovery, "sitemaps", path),
        listing_pages=_strings(discovery, "listing_pages", path),
        listing_max_pages=_number(discovery, "listing_max_pages", 5, int, path),
        article_patterns=_strings(data, "article_patterns", path),
        concurrency=_number(crawl, "concurrency", 2, int, path),
        delay=_number(crawl, "delay", 1.0, float, path),
        timeout=_number(crawl, "timeout", 30.0, float, path),
        window_margin_days=_number(crawl, "window_margin_days", 2, int, path),
        content_selector=selectors.get("content"),
        title_selector=selectors.get("title"),
        prune_xpaths=_strings(text, "prune_xpaths", path),
        boilerplate_lines=_strings(text, "boilerplate_lines", path),
        boilerplate_patterns=_strings(text, "boilerplate_patterns", path),
        related_headings=_strings(text, "related_headings", path),
        title_suffixes=_strings(text, "title_suffixes", path),
        extra={k: v for k, v in data.items() if k not in {"name", "domain", "base_url"}},
    )
    for pattern in site.article_patterns + site.boilerplate_patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise RasdError(f"{path}: bad regular expression {pattern!r}: {exc}") from exc
    if site.enabled and not (site.feeds or site.sitemaps or site.listing_pages):
        raise RasdError(f"{path}: an enabled site needs feeds, sitemaps or listing_pages")
    if site.enabled and not site.article_patterns:
        raise RasdError(f"{path}: an enabled site needs article_patterns")
    return site


def load_sites(sites_dir: Path) -> dict[str, Site]:
    """Every site file in sites_dir, by id."""
    if not sites_dir.is_dir():
        raise RasdError(f"site directory {sites_dir} does not exist")
    return {site.id: site for site in map(load_site, sorted(sites_dir.glob("*.yaml")))}


def merged_text_rules(sites: dict[str, Site]) -> Site:
    """One pseudo-site carrying every site's text rules, for pages whose outlet is unknown."""
    def union(attr: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v for s in sites.values() for v in getattr(s, attr)))

    return Site(
        id="any", name="any", domain="", base_url="", enabled=False,
        prune_xpaths=union("prune_xpaths"),
        boilerplate_lines=union("boilerplate_lines"),
        boilerplate_patterns=union("boilerplate_patterns"),
        related_headings=union("related_headings"),
        title_suffixes=union("title_suffixes"),
    )


def site_for_url(sites: dict[str, Site], url: str) -> Site | None:
    """The site whose domain the URL's host is, or ends with."""
    host = re.sub(r"^[a-z]+://", "", url.lower()).split("/", 1)[0].split(":", 1)[0]
    for site in sites.values():
        if host == site.domain or host.endswith("." + site.domain):
            return site
    return None
