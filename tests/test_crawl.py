"""Real Scrapy crawls of the outlets' replicas into PostgreSQL: trouble, increments, windows."""

from dataclasses import replace
from datetime import timedelta

import pytest

from pipeline.crawl import describe, run_crawl
from pipeline.errors import RasdError
from pipeline.urls import clean_url

SITES = ["baladi-news", "nedaa-post", "radio-alkul", "north-pulse", "sy24"]


def _rows(conn, sql: str, *params) -> list[tuple]:
    with conn.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def _stored_urls(conn, site: str) -> set[str]:
    return {r[0] for r in _rows(conn, "SELECT url FROM rasd.pages WHERE source_id = %s AND "
                                      "raw_html IS NOT NULL", site)}


def _expected_urls(server) -> set[str]:
    """Every article, plus the trouble pages that do give an article in the end."""
    replica = server.replica
    stand_ins = {replica.base_url + replica.trouble[k] for k in ("flaky", "legacy_encoding")}
    return {clean_url(replica.url_of(a)) for a in replica.articles} | {
        clean_url(u) for u in stand_ins}


@pytest.mark.parametrize("site", SITES)
def test_each_outlet_crawl_stores_every_article_once(config, db, replicas, site) -> None:
    counts = run_crawl(config, site)
    assert _stored_urls(db, site) == _expected_urls(replicas[site])
    assert counts["new"] == len(_expected_urls(replicas[site]))
    assert counts["failed"] == 6 and counts["discovered"] >= counts["new"]


def test_every_trouble_case_leaves_a_row_with_its_reason(config, db, replica) -> None:
    counts = run_crawl(config, "baladi-news")
    trouble = replica.replica.trouble
    base = replica.base_url
    reasons = {requested: (outcome, reason) for requested, outcome, reason in _rows(
        db, "SELECT requested_url, outcome, reason FROM rasd.fetches WHERE kind = 'article'")}
    assert reasons[base + trouble["missing"]] == ("failed", "http 404")
    assert reasons[base + trouble["slow"]] == ("failed", "timeout")
    assert reasons[base + trouble["redirect_loop"]] == ("failed", "redirect loop")
    assert reasons[base + trouble["disallowed"]] == ("failed", "disallowed by robots.txt")
    assert reasons[base + trouble["empty"]] == ("failed", "empty body")
    assert reasons[base + trouble["huge"]] == ("failed", "too large")
    assert reasons[base + trouble["flaky"]][0] == "new"  # a 500, then a retry that worked
    assert replica.replica.hits[trouble["flaky"]] >= 2
    assert reasons[base + trouble["legacy_encoding"]][0] == "new"
    # The redirect chain ends at an article stored under its own URL, not the old one.
    final = replica.replica.url_of(replica.replica.articles[-3])
    assert reasons[base + trouble["redirect_chain"]][0] in ("new", "unchanged")
    assert base + trouble["redirect_chain"] not in _stored_urls(db, "baladi-news")
    assert final in _stored_urls(db, "baladi-news")
    # The tracking-parameter copy is the same article: no second page.
    assert not [u for u in _stored_urls(db, "baladi-news") if "utm_" in u]
    # A second URL whose canonical link names a real article is stored as that article.
    canonical_copy = base + trouble["canonical_duplicate"]
    assert reasons[canonical_copy][0] in ("new", "unchanged")
    assert canonical_copy not in _stored_urls(db, "baladi-news")
    # The tag page is no article: never requested.
    assert replica.replica.hits[replica.replica.config["tag_url"]] == 0
    assert counts["failures"] == {"http 404": 1, "timeout": 1, "redirect loop": 1,
                                  "disallowed by robots.txt": 1, "empty body": 1,
                                  "too large": 1}
    # Each failure is also on the page's own row.
    assert ("http 404",) in _rows(db, "SELECT failure_reason FROM rasd.pages WHERE url = %s",
                                  base + trouble["missing"])


def test_windows_1256_page_is_stored_with_its_encoding_and_extracts(config, db, replica) -> None:
    from pipeline.daily import text_stage

    run_crawl(config, "baladi-news")
    url = replica.base_url + replica.replica.trouble["legacy_encoding"]
    ((encoding,),) = _rows(db, "SELECT encoding FROM rasd.pages WHERE url = %s", url)
    assert encoding.lower() in ("cp1256", "windows-1256")
    text_stage(config)
    ((title, text),) = _rows(db, "SELECT title, clean_text FROM rasd.articles WHERE url = %s",
                             url)
    stand_in = replica.replica._stand_in("legacy_encoding")
    assert title == stand_in.title and stand_in.own_text[0] in text


def test_second_crawl_fetches_no_article_body_again(config, db, replicas) -> None:
    server = replicas["sy24"]  # short links too: redirects must not cost bodies either
    run_crawl(config, "sy24")
    before = len(server.replica.served)
    stored = _stored_urls(db, "sy24")
    counts = run_crawl(config, "sy24")
    bodies = [path for path, status in server.replica.served[before:]
              if status == 200 and server.base_url + path in stored]
    assert bodies == []
    assert counts["new"] == 0 and counts["changed"] == 0
    assert counts["unchanged"] + counts["skipped"] >= len(stored)
    assert _stored_urls(db, "sy24") == stored


def test_window_keeps_only_articles_published_in_it(config, db, replica) -> None:
    articles = replica.replica.articles
    middle = articles[len(articles) // 2].published
    since, until = middle - timedelta(days=1), middle + timedelta(days=1)
    run_crawl(config, "baladi-news", since=since, until=until)
    margin = timedelta(days=2)  # the site file's window_margin_days
    inside = {replica.replica.url_of(a) for a in articles
              if since - margin <= a.published <= until + margin}
    stored = _stored_urls(db, "baladi-news")
    assert inside and inside <= stored
    outside = {replica.replica.url_of(a) for a in articles} - inside
    assert not (outside & stored)
    skipped = _rows(db, "SELECT count(*) FROM rasd.fetches WHERE outcome = 'skipped' "
                        "AND reason = 'published outside the window'")[0][0]
    assert skipped >= len(outside)


def test_run_counts_are_stored_and_described(config, db) -> None:
    counts = run_crawl(config, "nedaa-post")
    ((status, new, failures, seconds),) = _rows(
        db, "SELECT status, new, failures, duration_seconds FROM rasd.crawl_runs")
    assert status == "finished" and new == counts["new"] and failures == counts["failures"]
    assert seconds > 0
    line = describe(counts)
    assert line.startswith(f"nedaa-post: discovered {counts['discovered']}, fetched ")
    assert "http 404 1" in line and "timeout 1" in line


def test_a_site_that_is_down_is_recorded_and_does_not_crash(config, db) -> None:
    down = replace(config, site_base_urls={**config.site_base_urls,
                                           "baladi-news": "http://127.0.0.1:9"})
    counts = run_crawl(down, "baladi-news")
    assert counts["new"] == 0
    rows = _rows(db, "SELECT kind, outcome, reason FROM rasd.fetches")
    assert rows and all(outcome == "failed" and reason == "connection refused"
                        for _, outcome, reason in rows)


def test_unknown_site_fails_with_its_name(config, db) -> None:
    with pytest.raises(RasdError, match="unknown site 'nowhere'"):
        run_crawl(config, "nowhere")


def test_a_crawl_that_dies_is_marked_failed(config, db) -> None:
    with pytest.raises(RasdError, match="did not finish within"):
        run_crawl(config, "baladi-news", timeout=0.5)
    assert _rows(db, "SELECT status, error FROM rasd.crawl_runs")[0][0] == "failed"


def test_bad_window_argument_is_refused() -> None:
    from spiders.site_spider import SiteSpider

    with pytest.raises(ValueError, match="ISO dates"):
        SiteSpider(site="baladi-news", since="yesterday")


def test_crawler_is_polite_by_default() -> None:
    from spiders import settings

    assert settings.ROBOTSTXT_OBEY and settings.AUTOTHROTTLE_ENABLED
    assert settings.USER_AGENT.startswith("RasdBot/") and "+https://" in settings.USER_AGENT
    assert settings.CONCURRENT_REQUESTS_PER_DOMAIN <= 2


def test_site_file_sets_politeness_and_the_loopback_override_is_explicit(config) -> None:
    from pipeline.crawl import LOOPBACK_SCRAPY_SETTINGS
    from pipeline.sites import load_sites

    sites = load_sites(config.sites_dir)
    assert all(s.delay >= 0.5 and 1 <= s.concurrency <= 2 for s in sites.values())
    # Only tests and the demo, against our own replicas, turn the delays off.
    assert LOOPBACK_SCRAPY_SETTINGS["DOWNLOAD_DELAY"] == "0"
    from pipeline.config import load_config

    assert "DOWNLOAD_DELAY" not in load_config({}).scrapy_settings
