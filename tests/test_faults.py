"""Faults and bad input, with real services: every bad page, feed and sitemap a site can serve
is recorded with its reason and never stops the day; a crawl killed halfway loses and
duplicates nothing; PostgreSQL going away fails a stage with one clear line, and a retry
once it is back succeeds."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import dag_runs
import psycopg2
import pytest
import yaml

from pipeline import daily, storage
from pipeline.crawl import INTERRUPTED, run_crawl, site_lock
from pipeline.errors import RasdError
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


@pytest.fixture(scope="module")
def calm_server():
    """The Baladi News replica without its trouble pages: quick crawls to interrupt."""
    with ReplicaServer(SITE, trouble=False) as server:
        yield server


@pytest.fixture
def calm_config(config, calm_server):
    return replace(config, site_base_urls={**config.site_base_urls, SITE: calm_server.base_url})


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


# ---- a crawl killed halfway --------------------------------------------------------------

def _stored(conn) -> list[str]:
    return [r[0] for r in _rows(conn, "SELECT url FROM rasd.pages WHERE source_id = %s "
                                      "AND raw_html IS NOT NULL", SITE)]


def _wait_for(predicate, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


def test_a_crawl_killed_halfway_loses_and_duplicates_nothing(calm_config, db,
                                                            calm_server) -> None:
    """`rasd crawl` (its run_crawl and the scrapy child) killed at once, mid-crawl, leaves
    its run 'running'; the next crawl marks it failed and stores every article once."""
    config, replica = calm_config, calm_server
    env = {**os.environ, "DATABASE_URL": config.database_url,
           "RASD_SITE_BASE_URLS": f"{SITE}={replica.base_url}",
           # slow enough to be killed halfway: one request at a time, 0.1 s apart
           "RASD_SCRAPY_SETTINGS": ",".join(f"{k}={v}" for k, v in {
               **config.scrapy_settings, "DOWNLOAD_DELAY": "0.1",
               "CONCURRENT_REQUESTS_PER_DOMAIN": "1"}.items())}
    crawl = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "crawl", "--site", SITE],
                             env=env, cwd=Path(__file__).parent.parent, start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(lambda: len(_stored(db)) >= 10, 60, "ten stored pages")
    finally:
        os.killpg(crawl.pid, signal.SIGKILL)  # the CLI and its scrapy child, mid-write or not
        crawl.wait()
    before = set(_stored(db))
    articles = {clean_url(replica.replica.url_of(a)) for a in replica.replica.articles}
    assert 10 <= len(before & articles) < len(articles)  # halfway
    assert _rows(db, "SELECT status FROM rasd.crawl_runs") == [("running",)]

    counts = run_crawl(config, SITE)
    after = _stored(db)
    assert len(after) == len(set(after))  # no URL twice
    assert before <= set(after) and articles <= set(after)  # nothing lost, nothing missing
    assert counts["new"] == len(set(after) - before)
    assert _rows(db, "SELECT status, error FROM rasd.crawl_runs ORDER BY run_id") == [
        ("failed", INTERRUPTED), ("finished", None)]
    daily.text_stage(config)
    by_url = _rows(db, "SELECT url, count(*) FROM rasd.articles GROUP BY url")
    assert {u for u, _ in by_url} >= articles and all(n == 1 for _, n in by_url)


def test_a_second_crawl_of_a_site_waits_for_none_and_fails_clearly(config, db) -> None:
    with site_lock(config, SITE), pytest.raises(RasdError, match="already running"):
        run_crawl(config, SITE)
    assert _rows(db, "SELECT count(*) FROM rasd.crawl_runs") == [(0,)]


# ---- PostgreSQL stopped during a stage ---------------------------------------------------

class OwnServer:
    """A PostgreSQL server of the test's own (initdb, pg_ctl) on a free port, run as the
    unprivileged postgres user: it may be stopped and started at will."""

    def __init__(self) -> None:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                       key=lambda p: float(Path(p).parent.parent.name))
        assert found, "no PostgreSQL server binaries under /usr/lib/postgresql"
        self.bin = Path(found[-1]).parent  # the newest
        self.root = Path(tempfile.mkdtemp(prefix="rasd-pg-"))
        if os.geteuid() == 0:  # the server refuses to run as root: it runs as postgres
            shutil.chown(self.root, "postgres", "postgres")
        self.data = self.root / "data"
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self._as_postgres(self.bin / "initdb", "-D", self.data, "-A", "trust", "-U",
                          "postgres", "--no-sync", "-E", "UTF8")
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _as_postgres(self, *command) -> None:
        run = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*run, *map(str, command)], check=True, capture_output=True,
                       timeout=60)

    def start(self) -> None:
        self._as_postgres(self.bin / "pg_ctl", "-D", self.data, "-l", self.root / "log", "-o",
                          f"-k {self.root} -p {self.port} -c listen_addresses=127.0.0.1 "
                          "-c fsync=off", "-w", "start")

    def stop(self) -> None:
        self._as_postgres(self.bin / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def own_server():
    server = OwnServer()
    server.start()
    yield server
    server.remove()


def _waiting_on_a_lock(url: str) -> bool:
    conn = psycopg2.connect(url)
    try:
        return bool(_rows(conn, "SELECT 1 FROM pg_stat_activity WHERE application_name = "
                                "'rasd' AND wait_event_type = 'Lock'"))
    finally:
        conn.close()


def test_postgres_stopped_during_the_text_stage_fails_clearly_and_a_retry_succeeds(
        calm_config, own_server) -> None:
    config = replace(calm_config, database_url=own_server.url)
    run_crawl(config, SITE)
    # Hold the articles table so the stage stops mid-transaction, then stop the server under
    # it: the stage is surely in the middle of its work when the server goes.
    holder = psycopg2.connect(own_server.url)
    with holder.cursor() as cur:
        cur.execute("LOCK TABLE rasd.articles IN ACCESS EXCLUSIVE MODE")
    outcome: list = []
    stage = threading.Thread(target=lambda: outcome.append(_attempt(daily.text_stage, config)))
    stage.start()
    _wait_for(lambda: _waiting_on_a_lock(own_server.url), 30, "the stage to block")
    own_server.stop()
    stage.join(30)
    holder.close()
    (error,) = outcome
    assert isinstance(error, RasdError), repr(error)
    message = str(error)
    assert "\n" not in message and message.startswith(
        f"PostgreSQL at {own_server.url} became unreachable: ")
    # While it is down, every stage says so in one line too.
    with pytest.raises(RasdError, match="cannot connect to PostgreSQL at"):
        daily.text_stage(config)

    own_server.start()
    counts = daily.text_stage(config)
    conn = storage.connect(config)
    try:
        pages = _rows(conn, "SELECT count(*) FROM rasd.pages WHERE raw_html IS NOT NULL")[0][0]
        articles = _rows(conn, "SELECT count(*), count(DISTINCT page_id) FROM rasd.articles")
        failed = _rows(conn, "SELECT count(*) FROM rasd.pages WHERE extract_error IS NOT NULL")
    finally:
        conn.close()
    assert counts["pages"] == pages  # the failed attempt kept nothing half-done
    assert articles == [(counts["articles"], counts["articles"])]
    assert counts["articles"] + failed[0][0] == pages


def test_postgres_stopped_during_a_crawl_stops_it_clearly_and_the_next_crawl_completes(
        calm_config, own_server, calm_server) -> None:
    config = replace(calm_config, database_url=own_server.url)
    storage.connect(config).close()  # the schema, before the crawl and the clock start
    slow = {"DOWNLOAD_DELAY": "0.1", "CONCURRENT_REQUESTS_PER_DOMAIN": "1"}
    outcome: list = []
    crawl = threading.Thread(target=lambda: outcome.append(_attempt(
        lambda c: run_crawl(c, SITE, extra_settings=slow), config)))
    crawl.start()

    def stored() -> int:
        conn = psycopg2.connect(own_server.url)
        try:
            return _rows(conn, "SELECT count(*) FROM rasd.pages")[0][0]
        finally:
            conn.close()

    _wait_for(lambda: stored() >= 5, 60, "five stored pages")
    own_server.stop()
    crawl.join(60)
    assert not crawl.is_alive()  # the crawl stopped instead of fetching on for nothing
    (error,) = outcome
    assert isinstance(error, RasdError) and "\n" not in str(error), repr(error)
    assert str(error).startswith(f"crawl of {SITE} stopped: PostgreSQL became unreachable: ")

    own_server.start()
    counts = run_crawl(config, SITE)
    conn = storage.connect(config)
    try:
        urls = [u for (u,) in _rows(conn, "SELECT url FROM rasd.pages WHERE raw_html IS NOT "
                                          "NULL")]
        runs = _rows(conn, "SELECT status, error FROM rasd.crawl_runs ORDER BY run_id")
    finally:
        conn.close()
    articles = {clean_url(calm_server.replica.url_of(a)) for a in calm_server.replica.articles}
    assert len(urls) == len(set(urls)) and set(urls) == articles  # none lost, none twice
    assert 0 < counts["new"] < len(articles)  # what the first crawl stored was kept
    assert runs == [("failed", INTERRUPTED), ("finished", None)]


# ---- the same through Airflow: the task fails, and its retry succeeds ----------------------

def _task_state(home: Path, task_id: str) -> str | None:
    try:
        conn = sqlite3.connect(home / "airflow.db", timeout=1)
        try:
            row = conn.execute("SELECT state FROM task_instance WHERE task_id = ?",
                               (task_id,)).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:  # not created yet, or busy: ask again
        return None
    return row[0] if row else None


def test_postgres_down_fails_the_airflow_task_and_its_retry_succeeds_once_back(
        calm_config, own_server, calm_server, mail_server, tmp_path) -> None:
    project = Path(__file__).parent.parent
    home = tmp_path / "airflow"
    sites = tmp_path / "sites"  # one site, for a quick run
    sites.mkdir()
    shutil.copy(calm_config.sites_dir / f"{SITE}.yaml", sites)
    env = dag_runs.airflow_env(
        home, AIRFLOW_CONN_RASD_POSTGRES=own_server.url,
        AIRFLOW_CONN_SMTP_DEFAULT=dag_runs.smtp_uri(mail_server),
        RASD_SITES_DIR=str(sites), RASD_SITE_BASE_URLS=f"{SITE}={calm_server.base_url}",
        RASD_SCRAPY_SETTINGS=",".join(f"{k}={v}"
                                      for k, v in calm_config.scrapy_settings.items()),
        RASD_TASK_RETRIES="1", RASD_RETRY_DELAY_SECONDS="2")
    own_server.stop()  # down when the run starts
    run = subprocess.Popen([sys.executable, "-c", dag_runs.RUN], env=env,
                           cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
    try:
        _wait_for(lambda: _task_state(home, "migrate") == "up_for_retry", 120,
                  "the migrate task to fail and wait for its retry")
        own_server.start()
        stdout, stderr = run.communicate(timeout=300)
    finally:
        if run.poll() is None:
            run.kill()
    outcome = dag_runs.outcome(stdout, stderr)
    assert outcome["state"] == "success", outcome
    assert outcome["tries"]["migrate"] == ["success", 2]  # failed once, then worked
    assert {state for state, _ in outcome["tries"].values()} == {"success"}
    # The failed try's error is Rasd's one line, naming the server.
    assert f"RasdError: cannot connect to PostgreSQL at {own_server.url}" in stdout + stderr
    conn = psycopg2.connect(own_server.url)
    try:
        stored = _rows(conn, "SELECT count(*) FROM rasd.pages WHERE raw_html IS NOT NULL")
        runs = _rows(conn, "SELECT status FROM rasd.crawl_runs")
    finally:
        conn.close()
    assert stored[0][0] > 0 and runs == [("finished",)]


def _attempt(stage, config):
    try:
        return stage(config)
    except Exception as exc:  # the test inspects what the stage raised
        return exc
