"""Per-outlet knowledge, read from the YAML site files in spiders/sites/ and checked on load."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

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
    listing_pages: tuple[str, ...] = ()
    article_patterns: tuple[str, ...] = ()
    concurrency: int = 2
    delay: float = 1.0
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
    site = Site(
        id=site_id,
        name=data["name"],
        domain=data["domain"],
        base_url=data["base_url"].rstrip("/"),
        enabled=bool(data.get("enabled", True)),
        verified=bool(data.get("verified", True)),
        feeds=_strings(discovery, "feeds", path),
        listing_pages=_strings(discovery, "listing_pages", path),
        article_patterns=_strings(data, "article_patterns", path),
        concurrency=int(crawl.get("concurrency", 2)),
        delay=float(crawl.get("delay", 1.0)),
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
    if site.enabled and not (site.feeds or site.listing_pages):
        raise RasdError(f"{path}: an enabled site needs discovery feeds or listing_pages")
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
