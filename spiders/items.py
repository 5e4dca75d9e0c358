"""What the spider hands to the storage pipeline: one fetch and what came of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime


@dataclass
class FetchItem:
    source_id: str
    kind: str  # article, feed, sitemap, listing
    requested_url: str
    url: str | None = None
    http_status: int | None = None
    # stored (a body to keep), unchanged (304), skipped, failed, discovery (a feed or listing)
    outcome: str = "stored"
    reason: str | None = None
    body: bytes | None = None
    encoding: str | None = None
    canonical_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    size: int | None = None
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
