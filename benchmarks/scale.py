"""`rasd benchmark scale`: one whole day of many sites, as the DAG runs it, at several sizes.

For each size, 50 synthetic sites (site files written to a temporary folder, each in the markup
of one of the five outlets) are served on loopback with that many article pages published on
one day, and a child process runs the day into a fresh database: every site's crawl (two at a
time, each `scrapy crawl` in its own process), then every stage after the crawl. The table
gives wall time per stage, pages per second and peak memory (the day's Python process, and the
largest scrapy process), and the ratio of the largest size's time to the smallest's.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psycopg2
import psycopg2.extensions
import yaml

from pipeline import storage
from pipeline.config import PROJECT_DIR, Config
from pipeline.errors import RasdError

SIZES = (2500, 5000, 10000)
SITES = 50
DAY = date(2026, 11, 20)
OUTLETS = ("baladi-news", "nedaa-post", "north-pulse", "radio-alkul", "sy24")
CRAWLS_AT_ONCE = 2  # one per core
STAGES = ("migrate", "crawl", "text", "events", "merging", "trends", "spikes", "alerts",
          "quality")
_RESULT = "scale-result: "


# ---- the harness: sites, replicas, database, one child per size -----------------------------
def write_sites(folder: Path, count: int) -> list[tuple[str, str]]:
    """Write `count` site files into folder, each a copy of an outlet's under a new id and
    domain; return (site id, outlet) pairs."""
    made = []
    for n in range(count):
        outlet = OUTLETS[n % len(OUTLETS)]
        data = yaml.safe_load((PROJECT_DIR / "spiders" / "sites" / f"{outlet}.yaml").read_text(
            encoding="utf-8"))
        site_id = f"{outlet}-{n:02d}"
        data.update(name=f"{data['name']} {n:02d}", domain=f"s{n:02d}.{data['domain']}",
                    base_url=f"https://s{n:02d}.{data['domain']}", enabled=True)
        (folder / f"{site_id}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                                encoding="utf-8")
        made.append((site_id, outlet))
    return made


def _publish(replica, articles: list) -> None:
    """Make an outlet's replica (markup, URL scheme, feed, sitemaps, listings) serve `articles`
    instead of its own. The replica is changed in place, since its server holds it."""
    replica.articles = articles
    replica.modified = articles[-1].published
    replica._by_path = {replica.path_of(a): a for a in articles}
    replica._by_id = {a.id: a for a in articles}


@contextlib.contextmanager
def serve_day(sites: list[tuple[str, str]], pages: int):
    """Serve each site on its own loopback port with its share of `pages` articles, all
    published on DAY (no trouble pages: the crawl tests cover those); yield {site id: URL}."""
    from replicas.corpus import one_day
    from replicas.server import ReplicaServer

    with contextlib.ExitStack() as stack:
        urls = {}
        for n, (site_id, outlet) in enumerate(sites):
            share = pages // len(sites) + (n < pages % len(sites))
            server = ReplicaServer(outlet, trouble=False)
            _publish(server.replica, one_day(outlet, max(share, 1), DAY, site_id))
            urls[site_id] = stack.enter_context(server).base_url
        yield urls


def _server_url(config: Config) -> str:
    """A connection string to the configured server (else the embedded one)."""
    if config.database_url is not None:
        return config.database_url
    from pipeline.embedded import embedded_database_url

    return embedded_database_url(config.data_dir, "postgres")


@contextlib.contextmanager
def fresh_database(config: Config):
    """A database made for one run on the configured server, dropped after it."""
    with storage.scratch_database(_server_url(config), "rasd_scale") as url:
        yield url, psycopg2.extensions.parse_dsn(url)["dbname"]


def run_size(config: Config, pages: int, sites: int) -> dict:
    """One day of `pages` article pages over `sites` sites, run by a child process."""
    from pipeline.crawl import LOOPBACK_SCRAPY_SETTINGS
    from pipeline.mailcatcher import MailCatcher

    with tempfile.TemporaryDirectory(prefix="rasd-scale-") as tmp:
        folder = Path(tmp)
        (folder / "sites").mkdir()
        made = write_sites(folder / "sites", sites)
        with serve_day(made, pages) as urls, fresh_database(config) as (url, name), \
                MailCatcher(folder / "mail") as mail:
            env = {**os.environ, "DATABASE_URL": url, "RASD_SITES_DIR": str(folder / "sites"),
                   "RASD_DATA_DIR": str(folder / "data"),
                   "RASD_SITE_BASE_URLS": ",".join(f"{k}={v}" for k, v in urls.items()),
                   "RASD_SCRAPY_SETTINGS": ",".join(
                       f"{k}={v}" for k, v in LOOPBACK_SCRAPY_SETTINGS.items()),
                   "RASD_SMTP_HOST": mail.host, "RASD_SMTP_PORT": str(mail.port)}
            env.pop("PGDATABASE", None)
            result = subprocess.run([sys.executable, "-m", "benchmarks.scale", DAY.isoformat()],
                                    cwd=PROJECT_DIR, env=env, capture_output=True, text=True,
                                    timeout=3 * 3600, check=False)
    lines = [line for line in result.stdout.splitlines() if line.startswith(_RESULT)]
    if result.returncode != 0 or not lines:
        raise RasdError(f"the day of {pages} pages failed (exit {result.returncode}): "
                        + (result.stderr.strip().splitlines() or ["no output"])[-1])
    return {"pages": pages, "sites": sites, "database": name,
            **json.loads(lines[-1][len(_RESULT):])}


def run_benchmark(config: Config, sizes=SIZES, sites: int = SITES, out=print) -> list[dict]:
    """Run each size and print the table; return the rows."""
    rows = []
    for pages in sizes:
        row = run_size(config, pages, sites)
        rows.append(row)
        out(f"{pages} pages: {row['total']:.1f} s, database {row['database']} dropped")
    out("")
    out(table(rows))
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        out(f"time({last['pages']})/time({first['pages']}) = "
            f"{last['total'] / first['total']:.2f} (linear: {last['pages'] / first['pages']:.1f})")
    return rows


def table(rows: list[dict]) -> str:
    head = ["pages", "sites", "stored", "n events", *STAGES, "total s", "pages/s",
            "peak MiB rasd", "peak MiB scrapy"]
    lines = [head]
    for row in rows:
        lines.append([str(row["pages"]), str(row["sites"]), str(row["stored"]),
                      str(row["events"]), *(f"{row['seconds'][s]:.1f}" for s in STAGES),
                      f"{row['total']:.1f}", f"{row['pages'] / row['total']:.1f}",
                      f"{row['peak_mib']:.0f}", f"{row['peak_scrapy_mib']:.0f}"])
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    return "\n".join("  ".join(cell.rjust(w) for cell, w in zip(line, widths, strict=True))
                     for line in lines)


# ---- the child: the day itself, as the DAG runs it -------------------------------------------
def run_day(config: Config, day: date) -> dict:
    """Crawl every enabled site for `day`, then every stage after the crawl; time each."""
    from pipeline import daily
    from pipeline.crawl import run_crawl

    since = datetime.combine(day, datetime.min.time(), UTC)
    until = since + timedelta(days=1)
    seconds: dict[str, float] = {}
    results: dict[str, dict] = {}

    def timed(name: str, step) -> None:
        started = time.perf_counter()
        results[name] = step()
        seconds[name] = time.perf_counter() - started

    timed("migrate", lambda: {"applied": len(daily.migrate(config))})
    sites = daily.enabled_sites(config)

    def crawl_all() -> dict:
        def one(site: str) -> dict:
            try:
                return run_crawl(config, site, since=since, until=until)
            except RasdError as exc:  # one site down must not stop the others
                return {"error": str(exc), "new": 0}

        with ThreadPoolExecutor(max_workers=CRAWLS_AT_ONCE) as pool:
            runs = list(pool.map(one, sites))
        failed = [r["error"] for r in runs if "error" in r]
        return {"new": sum(r["new"] or 0 for r in runs), "failed_sites": failed}

    timed("crawl", crawl_all)
    timed("text", lambda: daily.text_stage(config))
    timed("events", lambda: daily.events_stage(config, day))
    timed("merging", lambda: daily.merge_stage(config, day))
    timed("trends", lambda: daily.trends_stage(config, day))
    timed("spikes", lambda: daily.spikes_stage(config, day))
    timed("alerts", lambda: daily.alerts_stage(config))
    timed("quality", lambda: daily.quality_stage(config, day))
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child
    return {"seconds": seconds, "total": sum(seconds.values()),
            "stored": results["crawl"]["new"], "failed_sites": results["crawl"]["failed_sites"],
            "articles": results["text"].get("articles", 0),
            "events": results["events"].get("events", 0),
            "peak_mib": own / 1024, "peak_scrapy_mib": children / 1024}


def _child(argv: list[str]) -> int:
    from pipeline.config import load_config

    result = run_day(load_config(), date.fromisoformat(argv[0]))
    print(_RESULT + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1:]))
