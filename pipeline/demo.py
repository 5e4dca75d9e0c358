"""`rasd demo`: the daily job end to end on the embedded default, with nothing to set up.

Replica sites are served on loopback, a fresh database is made on the embedded PostgreSQL, and
mail is caught in files under the data directory.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from pipeline import storage
from pipeline.config import Config
from pipeline.crawl import LOOPBACK_SCRAPY_SETTINGS, run_crawl
from pipeline.daily import enabled_sites, process_day, text_stage
from pipeline.embedded import embedded_database_url
from pipeline.mailcatcher import MailCatcher
from pipeline.places import GOVERNORATE_NAMES


def _published_days(config: Config) -> tuple[date, date] | None:
    with storage.connection(config) as conn, conn.cursor() as cur:
        cur.execute(storage.queries()["published_range"])
        first, last = cur.fetchone()
    return (first, last) if first else None


def run_demo(config: Config, out=print) -> dict:
    """Crawl the replicas, process every day they cover, and say what was found and mailed."""
    from replicas.server import ReplicaServer  # the demo's own dependency, not the pipeline's

    demo_dir = config.data_dir / "demo"
    mail_dir = demo_dir / "mail"
    shutil.rmtree(mail_dir, ignore_errors=True)
    url = embedded_database_url(config.data_dir, "rasd_demo", fresh=True)
    sites = [s for s in enabled_sites(config) if (Path(__file__).parent.parent / "replicas"
                                                 / "sites" / s).is_dir()]
    servers = [ReplicaServer(site) for site in sites]
    with MailCatcher(mail_dir) as mail:
        for server in servers:
            server.__enter__()
        try:
            config = replace(
                config, database_url=url,
                smtp=replace(config.smtp, host=mail.host, port=mail.port, starttls=False,
                             user=None, password=None),
                site_base_urls={s.replica.site_id: s.base_url for s in servers},
                scrapy_settings=LOOPBACK_SCRAPY_SETTINGS)
            out(f"Embedded PostgreSQL database: {url}")
            for server in servers:
                counts = run_crawl(config, server.replica.site_id)
                out(f"Crawled replica of {server.replica.site_id} at {server.base_url}: "
                    f"{counts['stored']} pages stored, {counts['failed']} failed")
            text_stage(config)  # publication dates come from the pages
            span = _published_days(config)
            if span is None:
                out("No articles were stored; nothing to process.")
                return {"emails": []}
            day = span[0]
            while day <= span[1]:
                process_day(config, day)
                day += timedelta(days=1)
            summary = _summary(config)
        finally:
            for server in servers:
                server.__exit__(None, None, None)
    out(f"Processed {span[0]} to {span[1]}: {summary['articles']} articles, "
        f"{len(summary['events'])} events, {summary['alerts']} alerts.")
    for event in summary["events"]:
        where = GOVERNORATE_NAMES.get(event["governorate"] or "", ("?", "unknown"))[1]
        out(f"  {event['day']}  {where:<12} {event['type']:<13} by {event['perpetrator']:<8} "
            f"killed {event['killed'] if event['killed'] is not None else '-':>3}  "
            f"wounded {event['wounded'] if event['wounded'] is not None else '-':>3}")
    for path in mail.saved:
        html_file = path.with_suffix(".html")
        out(f"Alert email caught: {path} (open {html_file} in a browser)")
    if not mail.saved:
        out("No alert email was sent.")
    out(f"Query the results: psql '{url}' -c 'SELECT * FROM rasd.events'"
        " (tables: docs/schema.md)")
    return {"emails": list(mail.saved), **summary}


def _summary(config: Config) -> dict:
    with storage.connection(config) as conn:
        events = storage.fetch_all(conn, "demo_events")
        row = storage.fetch_one(conn, "demo_counts")
    return {"events": events, **row}
