"""Every stage that works on one page, with no database: what `rasd extract` prints."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from pipeline.errors import RasdError
from pipeline.events import extract_events
from pipeline.extract import extract_dump, extract_html
from pipeline.sites import Site, merged_text_rules, site_for_url

DAMASCUS = ZoneInfo("Asia/Damascus")


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise RasdError("no such file") from None
    except IsADirectoryError:
        raise RasdError("is a directory, not a page") from None
    except OSError as exc:
        raise RasdError(f"cannot read: {exc.strerror}") from None


def extract_file(path: Path, sites: dict[str, Site], published: date | None = None) -> dict:
    """{url, title, published, text, events, tallies} for one HTML page or .txt page dump;
    `sites` is load_sites()'s answer, read once by the caller for all its files."""
    data = _read(path)
    rules = merged_text_rules(sites)
    fallback = datetime.combine(published, time(12), DAMASCUS) if published else None
    if path.suffix.lower() == ".txt":
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise RasdError("not a UTF-8 text page dump") from None
        article, url = extract_dump(text, rules, fallback), None
    else:
        article = extract_html(data, None, rules)
        url = article.canonical_url
        site = site_for_url(sites, url) if url else None
        if site is not None:  # the outlet's own rules are sharper than everyone's at once
            article = extract_html(data, url, site)
    when = article.published or fallback
    found = extract_events(article.text, when.astimezone(DAMASCUS).date() if when else None,
                           article.title)
    return {
        "url": url,
        "title": article.title,
        "published": when.isoformat() if when else None,
        "language": article.language,
        "text": article.text,
        "events": [e.to_json() for e in found.events],
        "tallies": [t.to_json() for t in found.tallies],
    }
