"""ISO 8601 timestamps as pages, feeds and sitemaps give them; light to import, for the
spider (a crawl starts a process of its own, and the text stage's imports take seconds)."""

from __future__ import annotations

from datetime import UTC, datetime


def parse_published(value: str | None) -> datetime | None:
    """An ISO date or timestamp as an aware datetime (UTC when the page gives no zone)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
