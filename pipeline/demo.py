"""`rasd demo`: the daily job end to end on the embedded default, with nothing to set up.

Replica sites are served on loopback, a fresh database is made on the embedded PostgreSQL, and
mail is caught in files under the data directory.
"""

from __future__ import annotations

import email
import email.policy
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date
from pathlib import Path

from pipeline import storage
from pipeline.config import Config
from pipeline.crawl import LOOPBACK_SCRAPY_SETTINGS, describe, run_crawl
from pipeline.daily import enabled_sites, process_day, text_stage
from pipeline.email_view import find_chromium, screenshot
from pipeline.embedded import embedded_database_url
from pipeline.errors import RasdError
from pipeline.mailcatcher import MailCatcher
from pipeline.places import GOVERNORATE_NAMES


def _published_days(config: Config) -> list[date]:
    with storage.connection(config) as conn:
        return [row["day"] for row in storage.fetch_all(conn, "published_days")]


def run_demo(config: Config, out=print) -> dict:
    """Crawl the replicas, process every day they cover, and say what was found and mailed."""
    # The demo's own dependency, not the pipeline's.
    from replicas.server import replica_sites, serve_replicas

    demo_dir = config.data_dir / "demo"
    mail_dir = demo_dir / "mail"
    shutil.rmtree(mail_dir, ignore_errors=True)
    url = embedded_database_url(config.data_dir, "rasd_demo", fresh=True)
    sites = sorted(set(enabled_sites(config)) & set(replica_sites()))
    with MailCatcher(mail_dir) as mail, serve_replicas(sites) as replicas:
        servers = list(replicas.values())
        config = replace(
            config, database_url=url,
            smtp=replace(config.smtp, host=mail.host, port=mail.port, starttls=False,
                         user=None, password=None),
            site_base_urls={site: server.base_url for site, server in replicas.items()},
            scrapy_settings=LOOPBACK_SCRAPY_SETTINGS)
        out(f"Embedded PostgreSQL database: {url}")
        # Crawls wait on the network more than on the processor: run them side by side.
        with ThreadPoolExecutor(max_workers=len(servers) or 1) as pool:
            runs = list(pool.map(lambda s: run_crawl(config, s.replica.site_id), servers))
        for server, counts in zip(servers, runs, strict=True):
            out(f"Crawled the replica at {server.base_url}: {describe(counts)}")
        text_stage(config)  # publication dates come from the pages
        days = _published_days(config)
        if not days:
            out("No articles were stored; nothing to process.")
            return {"emails": []}
        for day in days:
            process_day(config, day)
        summary = _summary(config)
    out(f"Processed {len(days)} days from {days[0]} to {days[-1]}: {summary['articles']} "
        f"articles, {len(summary['events'])} events, {summary['alerts']} alerts.")
    out("The last events found:")
    for event in summary["events"][-10:]:
        where = GOVERNORATE_NAMES.get(event["governorate"] or "", ("?", "unknown"))[1]
        out(f"  {event['day']}  {where:<12} {event['type']:<13} by {event['perpetrator']:<8} "
            f"killed {event['killed'] if event['killed'] is not None else '-':>3}  "
            f"wounded {event['wounded'] if event['wounded'] is not None else '-':>3}")
    quality, alerts = 0, []
    for path in mail.saved:
        subject = str(email.message_from_bytes(path.read_bytes(),
                                               policy=email.policy.default)["Subject"] or "?")
        if subject.startswith("Rasd data quality"):
            quality += 1  # the replicas cover different years: each is "quiet" most days
            continue
        alerts.append(path)
        out(f"Alert email caught: {path} ({subject.strip()[:70]})")
    if quality:
        out(f"Also {quality} data-quality emails to operators (Subject: Rasd data quality ...).")
    if mail.saved:
        out(f"Open the .html beside each .eml in {mail_dir} to read an email as analysts do.")
    else:
        out("No alert email was sent.")
    images = _screenshots(alerts, out)
    out(f"Query the results: psql '{url}' -c 'SELECT * FROM rasd.events'"
        " (tables: docs/schema.md)")
    return {"emails": list(mail.saved), "images": images, **summary}


def _screenshots(alerts: list[Path], out) -> list[Path]:
    """Each alert email's HTML as Chromium draws it, NNN.png beside NNN.html, when Chromium is
    installed (the demo works without it)."""
    html_files = [p.with_suffix(".html") for p in alerts if p.with_suffix(".html").is_file()]
    if not html_files:
        return []
    if find_chromium() is None:
        out("Install Chromium (Debian: apt-get install chromium) to get each alert email as "
            "an image too.")
        return []
    images = []
    for page in html_files:
        try:
            images.append(screenshot(page, page.with_suffix(".png")))
        except RasdError as exc:
            out(f"No image of {page.name}: {exc}")
    if images:
        out(f"Alert emails as Chromium renders them: {', '.join(map(str, images))}")
    return images


def _summary(config: Config) -> dict:
    with storage.connection(config) as conn:
        events = storage.fetch_all(conn, "demo_events")
        row = storage.fetch_one(conn, "demo_counts")
    return {"events": events, **row}
