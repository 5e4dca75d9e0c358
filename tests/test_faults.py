"""Faults and bad input, with real services: every bad page, feed and sitemap a site can serve
is recorded with its reason and never stops the day; a crawl killed halfway loses and
duplicates nothing; PostgreSQL going away fails a stage with one clear line, and a retry
once it is back succeeds."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date

import pytest
import yaml

from pipeline import daily
from pipeline.crawl import run_crawl
from pipeline.urls import clean_url
from replicas.bad_inputs import ARTICLES, DISCOVERY
from replicas.server import TROUBLE, ReplicaServer

SITE = "baladi-news"


def _rows(conn, sql: str, *params) -> list[tuple]:
    with conn.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


@pytest.fixture(scope="module")
def bad_server():
    """The Baladi News replica with every bad input on top of the usual trouble."""
    with ReplicaServer(SITE, bad_inputs=True) as server:
        yield server


@pytest.fixture
def bad_config(config, bad_server, tmp_path):
    """The site files, Baladi News's naming the bad feeds and listing as well."""
    sites = tmp_path / "sites"
    shutil.copytree(config.sites_dir, sites)
    path = sites / f"{SITE}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    bad = bad_server.replica.bad
    data["discovery"]["feeds"] += bad.discovery_paths("feed")
    data["discovery"]["listing_pages"] += bad.discovery_paths("listing")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return replace(config, sites_dir=sites,
                   site_base_urls={**config.site_base_urls, SITE: bad_server.base_url})


# What Rasd must record for each bad input: where, and what.
#   fetch: the article fetch's (outcome, reason) and the page row's failure_reason
#   extract_error: the page was stored, and the text stage says why it holds no article
#   article: extracted; the check names what must hold of the article row
#   feed/sitemap/listing: the discovery fetch's (outcome, reason fragment)
EXPECTED = {
    # the trouble every replica serves
    "missing": ("fetch", "failed", "http 404"),
    "slow": ("fetch", "failed", "timeout"),
    "redirect_loop": ("fetch", "failed", "redirect loop"),
    "disallowed": ("fetch", "failed", "disallowed by robots.txt"),
    "empty": ("fetch", "failed", "empty body"),
    "huge": ("fetch", "failed", "too large"),
    "flaky": ("article", "arabic"),
    "legacy_encoding": ("article", "arabic"),
    "redirect_chain": ("stored_as", "redirect target"),
    "tracking_duplicate": ("stored_as", "article without tracking"),
    "canonical_duplicate": ("stored_as", "canonical article"),
    # bad article pages
    "whitespace_only": ("fetch", "failed", "empty body"),
    "png_as_html": ("fetch", "failed", "binary content (PNG image)"),
    "pdf_as_html": ("fetch", "failed", "binary content (PDF document)"),
    "zip_as_html": ("fetch", "failed", "binary content (ZIP archive)"),
    "gzip_bomb": ("fetch", "failed", "too large"),
    "gone_410": ("fetch", "failed", "http 410"),
    "forbidden_403": ("fetch", "failed", "http 403"),
    "error_500_always": ("fetch", "failed", "http 500"),
    "unavailable_503": ("fetch", "failed", "http 503"),
    "reset_mid_body": ("fetch", "failed", "connection lost"),
    "offsite_redirect": ("fetch", "failed", "redirected off-site to localhost"),
    "redirect_without_location": ("fetch", "failed", "http 301"),
    "image_content_type": ("fetch", "failed", "not a text page (image/png)"),
    "plain_text": ("extract_error", "not an HTML page (no markup)"),
    "garbage_bytes": ("extract_error", "not an HTML page (no markup)"),
    "navigation_only": ("extract_error", "no article text found"),
    "wrong_declared_charset": ("article", "arabic"),
    "undeclared_windows_1256": ("article", "arabic"),
    "truncated_markup": ("article", "first paragraph"),
    "mojibake": ("article", "arabic"),
    "deep_nesting": ("extract_error", "markup nested too deeply"),
    "english_article": ("article", "not arabic"),
    "no_title": ("article", "no title"),
    "no_date": ("article", "no date"),
    # feeds, sitemaps, listings
    "feed_not_xml": ("feed", "failed", "malformed feed"),
    "feed_bad_dates": ("feed", "discovery", "3 unreadable dates"),
    "feed_empty": ("feed", "discovery", "no items"),
    "feed_invalid_links": ("feed", "discovery", "3 invalid links"),
    "feed_truncated": ("feed", "discovery", "malformed XML"),
    "sitemap_html": ("sitemap", "failed", "malformed sitemap"),
    "sitemap_missing": ("sitemap", "failed", "http 404"),
    "sitemap_bad_lastmod": ("sitemap", "discovery", "3 unreadable dates"),
    "listing_500": ("listing", "failed", "http 500"),
}


def test_the_table_covers_every_bad_input() -> None:
    assert set(EXPECTED) == set(TROUBLE) | set(ARTICLES) | set(DISCOVERY)
    assert len(EXPECTED) >= 30


def _check(kind: str, expected: tuple, replica, db) -> str | None:
    """None when the bad input left what it should; else what went wrong."""
    base = replica.base_url
    path = replica.trouble.get(kind) or replica.bad.paths.get(kind)
    url = base + path
    where = expected[0]
    if where in ("feed", "sitemap", "listing"):
        rows = _rows(db, "SELECT outcome, reason FROM rasd.fetches WHERE kind = %s "
                         "AND requested_url = %s", where, url)
        ok = rows and all(o == expected[1] and expected[2] in (r or "") for o, r in rows)
        return None if ok else f"{where} fetch rows {rows}"
    fetches = _rows(db, "SELECT outcome, reason FROM rasd.fetches WHERE kind = 'article' "
                        "AND requested_url = %s", clean_url(url))
    page = _rows(db, """SELECT p.failure_reason, p.extract_error, a.language, a.title,
                               a.published_at, a.clean_text
                        FROM rasd.pages p LEFT JOIN rasd.articles a USING (page_id)
                        WHERE p.url = %s""", clean_url(url))
    if where == "fetch":
        ok = (len(fetches) == 1 and fetches[0][0] == expected[1]
              and fetches[0][1].startswith(expected[2]) and len(page) == 1
              and page[0][0] == fetches[0][1] and page[0][1:] == (None,) * 5)
        return None if ok else f"fetch {fetches}, page {page}"
    if where == "stored_as":
        stored = [o for o, _ in fetches]
        ok = stored and all(o in ("new", "unchanged") for o in stored) and not (
            page and page[0][0] is None and kind != "tracking_duplicate")
        return None if ok else f"fetch {fetches}, page {page}"
    if not page or page[0][0] is not None:
        return f"no stored page: fetch {fetches}, page {page}"
    _, error, language, title, published, text = page[0]
    if where == "extract_error":
        return None if error and expected[1] in error and language is None else (
            f"extract_error {error!r}, language {language!r}")
    if error or text is None:
        return f"no article: extract_error {error!r}"
    stand_in = (replica.bad.stand_in(kind) if kind in ARTICLES else replica._stand_in(kind))
    check = expected[1]
    if check == "arabic":
        ok = language == "ar" and stand_in.own_text[-1] in text and title == stand_in.title
    elif check == "first paragraph":
        ok = language == "ar" and stand_in.own_text[0] in text
    elif check == "not arabic":
        ok = language == "other" and "road repairs" in text
    elif check == "no title":
        ok = title is None and language == "ar" and stand_in.own_text[0] in text
    elif check == "no date":
        ok = published is None and title == stand_in.title
    else:
        raise AssertionError(check)
    return None if ok else (f"article language {language!r}, title {title!r}, published "
                            f"{published}, text {text[:120]!r}")


def test_every_bad_input_is_recorded_with_its_reason_and_the_day_finishes(
        bad_config, db, bad_server) -> None:
    replica = bad_server.replica
    counts = run_crawl(bad_config, SITE)
    text = daily.text_stage(bad_config)
    day = replica.articles[-1].published.date()
    daily.process_day(bad_config, day)

    problems = {kind: problem for kind, expected in EXPECTED.items()
                if (problem := _check(kind, expected, replica, db))}
    assert problems == {}
    # The good articles of the same site were all stored and extracted, each once.
    good = {clean_url(replica.url_of(a)) for a in replica.articles}
    extracted = dict(_rows(db, "SELECT url, language FROM rasd.articles"))
    assert {u: extracted.get(u) for u in good} == {u: "ar" for u in good}
    assert _rows(db, "SELECT url FROM rasd.pages GROUP BY url HAVING count(*) > 1") == []
    failed_fetches = sum(1 for e in EXPECTED.values() if e[0] == "fetch")
    assert counts["failures"]["http 500"] == 2  # an article and a listing
    assert counts["failed"] == failed_fetches + sum(
        1 for e in EXPECTED.values() if e[0] in ("feed", "sitemap", "listing")
        and e[1] == "failed")
    assert text["failed"] == sum(1 for e in EXPECTED.values() if e[0] == "extract_error")
    assert date(2020, 12, 31) == day
