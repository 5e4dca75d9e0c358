"""What the spider hands to the storage pipeline: one fetched (or failed) page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass
class PageItem:
    source_id: str
    url: str
    fetched_at: datetime
    http_status: int | None = None
    raw_html: bytes | None = None
    encoding: str | None = None
    canonical_url: str | None = None
    failure_reason: str | None = None
