"""Data-quality checks for operators, after each day's run: a site with no new article for two
days, a site whose pages mostly fail extraction, a day with no events where the baseline
expects several. Each finding is recorded once and emailed to the operators once."""

from __future__ import annotations

import logging
import math
from datetime import date, datetime, time, timedelta
from email.message import EmailMessage
from zoneinfo import ZoneInfo

from pipeline import storage
from pipeline.config import SmtpSettings
from pipeline.errors import RasdError
from pipeline.outbox import deliver_by_day, new_message

log = logging.getLogger(__name__)

QUIET_DAYS = 2
FAILING_SHARE = 0.5
MIN_PAGES = 5  # too few pages say nothing about a site's extraction
NO_EVENTS_BELOW = 0.05  # a day without events must be this improbable to be flagged
BASELINE_DAYS = 28
REPEAT_AFTER_DAYS = 7  # a problem still there is emailed again after a week
DAMASCUS = ZoneInfo("Asia/Damascus")


def run_checks(conn, day: date, sites: list[str]) -> list[dict]:
    """Record the day's findings; return the new ones."""
    findings = []
    end_of_day = datetime.combine(day + timedelta(days=1), time(0), DAMASCUS)
    for row in storage.fetch_all(conn, "last_publication_by_site", {"day": day,
                                                                    "sites": sites}):
        last = row["last_published"]
        if last is None or end_of_day - last > timedelta(days=QUIET_DAYS):
            since = last.astimezone(DAMASCUS).date().isoformat() if last else "never"
            findings.append(("site_quiet", row["source_id"],
                             f"no new article for {QUIET_DAYS} days (last published: {since})"))
    for row in storage.fetch_all(conn, "extraction_failure_share"):
        if row["pages"] >= MIN_PAGES and row["failed"] / row["pages"] > FAILING_SHARE:
            findings.append(("extraction_failing", row["source_id"],
                             f"{row['failed']} of {row['pages']} pages stored this week gave "
                             "no article: its markup may have changed (see pages.extract_error)"))
    series = storage.fetch_all(conn, "daily_series", {
        "first": day - timedelta(days=BASELINE_DAYS), "last": day, "scope": "SY"})
    *history, today = series
    expected = sum(r["events"] for r in history) / len(history) if history else 0.0
    if today["events"] == 0 and math.exp(-expected) < NO_EVENTS_BELOW:
        findings.append(("no_events", "SY", f"no event at all, where the last {BASELINE_DAYS} "
                                            f"days averaged {expected:.1f} a day"))
    new = []
    ongoing = {(r["check_name"], r["subject"]) for r in storage.fetch_all(
        conn, "recent_findings", {"first": day - timedelta(days=REPEAT_AFTER_DAYS),
                                  "last": day - timedelta(days=1)})}
    for check, subject, detail in findings:
        if (check, subject) in ongoing:
            continue  # the same problem, still there: operators heard of it this week
        row = storage.fetch_one(conn, "insert_finding", {
            "day": day, "check_name": check, "subject": subject, "detail": detail})
        if row:
            new.append({"finding_id": row["finding_id"], "check_name": check,
                        "subject": subject, "detail": detail})
            log.warning("data quality on %s: %s %s: %s", day, check, subject, detail)
    return new


def send_findings(conn, smtp: SmtpSettings) -> dict[str, int]:
    """Email unsent findings to the operators, one message per day, each exactly once."""
    pending = storage.fetch_all(conn, "unsent_findings")

    def compose(day, findings: list[dict]) -> EmailMessage:
        subject = f"Rasd data quality {day}: " + ", ".join(
            sorted({f"{f['check_name']} ({f['subject']})" for f in findings}))
        message = new_message(smtp, subject, smtp.operators)
        message.set_content("\n".join(
            [f"Rasd's data-quality checks for {day}:", ""]
            + [f"- {f['check_name']} / {f['subject']}: {f['detail']}" for f in findings]) + "\n")
        return message

    sent, _, errors = deliver_by_day(conn, smtp, pending, "finding_id", compose,
                                     "mark_findings_sent", "mark_findings_failed")
    if errors:
        raise RasdError(f"data-quality email kept unsent: {errors[0]}")
    return {"findings": len(pending), "emails": sent}
