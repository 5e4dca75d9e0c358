"""Alert emails: one message per day with spikes, in HTML and plain text, sent exactly once.

Every scraped string is escaped before it reaches the HTML. An alert is marked sent only after
the SMTP server accepted the message; when the server is down the alert stays unsent, its
error recorded, and the next run sends it.
"""

from __future__ import annotations

import html
import logging
from email.message import EmailMessage
from pathlib import Path
from string import Template

from pipeline import storage
from pipeline.config import SmtpSettings
from pipeline.errors import RasdError
from pipeline.outbox import deliver_by_day, new_message
from pipeline.places import GOVERNORATE_NAMES

log = logging.getLogger(__name__)

TEMPLATE = Template((Path(__file__).parent / "templates" / "alert.html").read_text("utf-8"))
METRIC_NAMES = {"events": ("هجمات", "attacks"), "killed": ("قتلى", "killed")}


def _scope_name(code: str | None) -> str:
    arabic, english = GOVERNORATE_NAMES.get(code or "", (code or "غير معروف", code or "unknown"))
    return f"{english} ({arabic})"


def subject(day, alerts: list[dict]) -> str:
    """Say what spiked and where: the largest excess first."""
    top = max(alerts, key=lambda a: a["observed"] - a["expected"])
    more = f" and {len(alerts) - 1} more" if len(alerts) > 1 else ""
    return (f"Rasd alert {day}: {top['observed']} {METRIC_NAMES[top['metric']][1]} in "
            f"{_scope_name(top['scope'])}, expected {top['expected']:.1f}{more}")


def _figure(value) -> str:
    return "—" if value is None else str(value)


def _alert_text(alert: dict) -> str:
    return (f"- {_scope_name(alert['scope'])}: {alert['observed']} "
            f"{METRIC_NAMES[alert['metric']][1]} (expected {alert['expected']:.1f}, "
            f"threshold {alert['threshold']:.1f})")


def _alert_html(alert: dict) -> str:
    return (f"<li><bdi>{html.escape(_scope_name(alert['scope']))}</bdi>: "
            f"<b>{alert['observed']}</b> "
            f"{METRIC_NAMES[alert['metric']][0]} (المتوقع {alert['expected']:.1f}، العتبة "
            f"{alert['threshold']:.1f})</li>")


def _count_text(row: dict) -> str:
    return (f"  {_scope_name(row['governorate'])}: {row['events']} events, "
            f"{row['killed']} killed, {row['wounded']} wounded")


def _count_html(row: dict) -> str:
    cells = [_scope_name(row["governorate"]), row["events"], row["killed"], row["wounded"]]
    return "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells) + "</tr>"


def _where(ev: dict) -> str:
    return " / ".join(filter(None, [ev["place"], _scope_name(ev["governorate"])]))


def _event_text(ev: dict) -> str:
    return (f"* {ev['type']} by {ev['perpetrator']} on {ev['target'] or 'unknown'} — "
            f"{_where(ev)}; killed {_figure(ev['killed'])}, wounded {_figure(ev['wounded'])}\n"
            f"  «{ev['evidence']}»\n  {ev['source_name']}: {ev['url']}")


def _event_html(ev: dict) -> str:
    e = html.escape
    # <bdi> keeps Latin ids and mixed names from reordering the Arabic line around them.
    return (f"<li><b><bdi>{e(ev['type'])}</bdi></b> — <bdi>{e(ev['perpetrator'])} → "
            f"{e(ev['target'] or '?')}</bdi> — <bdi>{e(_where(ev))}</bdi> — قتلى: "
            f"{e(_figure(ev['killed']))}، جرحى: "
            f"{e(_figure(ev['wounded']))}<blockquote>{e(ev['evidence'])}</blockquote>"
            f"<a href=\"{e(ev['url'], quote=True)}\">{e(ev['source_name'])}: "
            f"{e(ev['title'] or ev['url'])}</a></li>")


def render(day, alerts: list[dict], events: list[dict], counts: list[dict]) -> tuple[str, str]:
    """(plain text, HTML) of the alert email for one day."""
    text = "\n".join([f"رصد — تنبيه {day}", "", *map(_alert_text, alerts), "",
                      "Counts by governorate:", *map(_count_text, counts), "", "Events:",
                      *map(_event_text, events)]) + "\n"
    body = TEMPLATE.substitute(
        title=html.escape(subject(day, alerts)), day=html.escape(str(day)),
        alerts="".join(map(_alert_html, alerts)), counts="".join(map(_count_html, counts)),
        events="".join(map(_event_html, events)))
    return text, body


def build_message(smtp: SmtpSettings, day, alerts, events, counts) -> EmailMessage:
    text, body = render(day, alerts, events, counts)
    message = new_message(smtp, subject(day, alerts), smtp.recipients)
    message.set_content(text)
    message.add_alternative(body, subtype="html")
    return message


def send_pending_alerts(conn, smtp: SmtpSettings) -> dict[str, int]:
    """Email every unsent alert, one message per day, and record what was sent. Raises
    RasdError after trying every day if any could not be sent."""
    pending = storage.fetch_all(conn, "unsent_alerts")

    def compose(day, alerts: list[dict]) -> EmailMessage:
        scopes = {a["scope"] for a in alerts}
        events = storage.fetch_all(conn, "events_for_alert",
                                   {"day": day, "scope": "SY" if "SY" in scopes else min(scopes)})
        counts_by_gov = storage.fetch_all(conn, "counts_by_governorate", {"day": day})
        return build_message(smtp, day, alerts, events, counts_by_gov)

    sent, kept, errors = deliver_by_day(conn, smtp, pending, "alert_id", compose,
                                        "mark_alert_sent", "mark_alert_failed")
    if errors:
        raise RasdError(f"{kept} alert(s) kept unsent: {errors[0]}")
    log.info("%d alert email(s) sent to %s", sent, ", ".join(smtp.recipients))
    return {"alerts": len(pending), "emails": sent, "failed": kept}
