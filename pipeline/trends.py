"""Daily trends: events, killed, wounded and sources per day, governorate, perpetrator, target.

Tallies are never counted. A run rewrites a window of days, since reports of an event can
arrive a few days after it.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from pipeline import storage

log = logging.getLogger(__name__)


def compute_trends(conn, day: date, lookback_days: int) -> dict[str, int]:
    """Rewrite the trend rows of [day - lookback_days, day]. Returns the rows written."""
    first = day - timedelta(days=lookback_days)
    storage.execute(conn, "delete_trends", {"first": first, "last": day})
    with conn.cursor() as cur:
        cur.execute(storage.queries()["insert_trends"], {"first": first, "last": day})
        rows = cur.rowcount
    log.info("trends %s..%s: %d rows", first, day, rows)
    return {"rows": rows}
