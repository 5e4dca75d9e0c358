"""`rasd benchmark crawl`: crawl a large generated replica on loopback twice in one run, with
storage and without, and print pages per second and their ratio (storage's cost).

Runs on the embedded PostgreSQL in a fresh database, so it needs nothing set up and touches
no data of yours.
"""

from __future__ import annotations

import time
from dataclasses import replace

from pipeline.config import Config
from pipeline.crawl import LOOPBACK_SCRAPY_SETTINGS, run_crawl
from pipeline.embedded import embedded_database_url

SITE = "baladi-news"
# Loopback: as fast as the machine allows, the same for both runs.
FAST = {**LOOPBACK_SCRAPY_SETTINGS, "CONCURRENT_REQUESTS": "16",
        "CONCURRENT_REQUESTS_PER_DOMAIN": "16", "LOG_LEVEL": "WARNING"}


def _crawl(config: Config, database: str, store: bool) -> float:
    """Seconds of one full crawl (the scrapy process included) into a fresh database."""
    url = embedded_database_url(config.data_dir, database, fresh=True)
    settings = {**FAST, "RASD_STORAGE_ENABLED": str(store)}
    started = time.perf_counter()
    run_crawl(replace(config, database_url=url), SITE, extra_settings=settings)
    return time.perf_counter() - started


def run_benchmark(config: Config, pages: int, out=print) -> dict:
    from replicas.server import ReplicaServer

    with ReplicaServer(SITE, generated=pages, trouble=False) as server:
        total = len(server.replica.articles)
        config = replace(config, site_base_urls={SITE: server.base_url},
                         scrapy_settings={})
        results = {}
        # Without storage first, so that any warm-up favours the baseline, not Rasd.
        for label, store in (("without storage", False), ("with storage", True)):
            before = len(server.replica.served)
            seconds = _crawl(config, f"rasd_bench_{int(store)}", store)
            articles = sum(1 for path, status in server.replica.served[before:]
                           if status == 200 and path.startswith("/ar/articles/"))
            results[label] = {"pages": articles, "seconds": round(seconds, 2),
                              "pages_per_second": round(articles / seconds, 1)}
            out(f"{label:>16}: {articles} article pages in {seconds:.1f} s = "
                f"{articles / seconds:.1f} pages/s")
    ratio = (results["with storage"]["pages_per_second"]
             / results["without storage"]["pages_per_second"])
    out(f"replica of {total} articles; storage keeps {ratio:.2f} of the bare crawl's speed "
        "(goal: at least 0.8)")
    return {**results, "ratio": round(ratio, 3), "articles": total}
