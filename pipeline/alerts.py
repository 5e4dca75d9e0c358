"""Alert emails: one message per day with spikes, in HTML (with a chart of the top spike, inline)
and plain text, sent exactly once.

Every scraped string is escaped before it reaches the HTML. An alert is marked sent only after
the SMTP server accepted the message; when the server is down the alert stays unsent, its
error recorded, and the next run sends it.
"""

from __future__ import annotations

import html
import logging
from datetime import date, timedelta
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from string import Template

from pipeline import storage
from pipeline.chart import DAYS_SHOWN, Marked, spike_chart
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


def top_alert(alerts: list[dict]) -> dict:
    """The alert that stands out most: the largest excess over its expected count."""
    return max(alerts, key=lambda a: a["observed"] - a["expected"])


def subject(day, alerts: list[dict]) -> str:
    """Say what spiked and where: the largest excess first."""
    top = top_alert(alerts)
    more = f" and {len(alerts) - 1} more" if len(alerts) > 1 else ""
    return (f"Rasd alert {day}: {top['observed']} {METRIC_NAMES[top['metric']][1]} in "
            f"{_scope_name(top['scope'])}, expected {top['expected']:.1f}{more}")


def _figure(ev: dict, name: str) -> str:
    """A figure as counted, with the range its reports gave when they disagree."""
    value, low, high = ev[name], ev.get(f"{name}_min"), ev.get(f"{name}_max")
    if value is None:
        return "—"
    return f"{value} ({low}–{high})" if low is not None and low != high else str(value)


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


def events_behind(conn, day: date, alerts: list[dict]) -> list[dict]:
    """The events behind a day's alerts: the canonical incidents counted in its trends, each
    with its reports ({name, url, title, evidence}), earliest first. The one place that says
    what an alert email lists."""
    incidents: dict[str, dict] = {}
    for row in storage.fetch_all(conn, "incidents_for_alert",
                                 {"day": day, "scopes": sorted({a["scope"] for a in alerts})}):
        report = {"name": row.pop("source_name"), "url": row.pop("url"),
                  "title": row.pop("title"), "evidence": row.pop("evidence")}
        incidents.setdefault(row["incident_id"], {**row, "sources": []})["sources"].append(
            report)
    return list(incidents.values())


def chart(conn, day: date, alert: dict) -> bytes:
    """PNG of the alert's scope and metric over the DAYS_SHOWN days up to its day, spikes
    marked with their expected count and threshold (from rasd.alerts)."""
    first = day - timedelta(days=DAYS_SHOWN - 1)
    series = storage.fetch_all(conn, "daily_series",
                               {"first": first, "last": day, "scope": alert["scope"]})
    marked = [Marked(r["day"], r["observed"], r["expected"], r["threshold"])
              for r in storage.fetch_all(conn, "alerts_in_range", {
                  "scope": alert["scope"], "metric": alert["metric"], "first": first,
                  "last": day})]
    arabic_name = GOVERNORATE_NAMES.get(alert["scope"], (alert["scope"], ""))[0]
    metric = METRIC_NAMES[alert["metric"]][0]
    return spike_chart([r["day"] for r in series], [r[alert["metric"]] for r in series],
                       marked, f"{metric} يومياً في {arabic_name}، آخر {DAYS_SHOWN} يوماً",
                       f"عدد ال{metric}")


def _where(ev: dict) -> str:
    return " / ".join(filter(None, [ev["place"], _scope_name(ev["governorate"])]))


def _event_text(ev: dict) -> str:
    reports = "".join(f"\n  «{src['evidence']}»\n  {src['name']}: {src['url']}"
                      for src in ev["sources"])
    return (f"* {ev['type']} by {ev['perpetrator']} on {ev['target'] or 'unknown'} — "
            f"{_where(ev)}; killed {_figure(ev, 'killed')}, wounded "
            f"{_figure(ev, 'wounded')}; {len(ev['sources'])} report(s){reports}")


def _source_html(src: dict) -> str:
    e = html.escape
    return (f"<li><blockquote>{e(src['evidence'])}</blockquote>"
            f"<a href=\"{e(src['url'], quote=True)}\">{e(src['name'])}: "
            f"<bdi>{e(src['title'] or src['url'])}</bdi></a></li>")


def _event_html(ev: dict) -> str:
    e = html.escape
    # <bdi> keeps Latin ids and mixed names from reordering the Arabic line around them.
    return (f"<li><b><bdi>{e(ev['type'])}</bdi></b> — <bdi>{e(ev['perpetrator'])} → "
            f"{e(ev['target'] or '?')}</bdi> — <bdi>{e(_where(ev))}</bdi> — قتلى: "
            f"<bdi>{e(_figure(ev, 'killed'))}</bdi>، جرحى: "
            f"<bdi>{e(_figure(ev, 'wounded'))}</bdi> — التقارير: {len(ev['sources'])}"
            f"<ul class=\"sources\">{''.join(map(_source_html, ev['sources']))}</ul></li>")


def render(day, alerts: list[dict], events: list[dict], counts: list[dict],
           chart_src: str | None = None) -> tuple[str, str]:
    """(plain text, HTML) of the alert email for one day; `chart_src` is the chart's image
    address (a cid: URL in the email), None for no chart."""
    text = "\n".join([f"رصد — تنبيه {day}", "", *map(_alert_text, alerts), "",
                      "Counts by governorate:", *map(_count_text, counts), "",
                      f"Events ({len(events)}):", *map(_event_text, events)]) + "\n"
    top = top_alert(alerts)
    figure = "" if chart_src is None else (
        f'<p><img src="{html.escape(chart_src, quote=True)}" width="720" height="320" '
        f'alt="{html.escape(_scope_name(top["scope"]), quote=True)}: '
        f'{METRIC_NAMES[top["metric"]][1]}, {DAYS_SHOWN} days"></p>')
    body = TEMPLATE.substitute(
        title=html.escape(subject(day, alerts)), day=html.escape(str(day)), chart=figure,
        alerts="".join(map(_alert_html, alerts)), counts="".join(map(_count_html, counts)),
        event_count=len(events), events="".join(map(_event_html, events)))
    return text, body


def build_message(smtp: SmtpSettings, day, alerts, events, counts,
                  chart_png: bytes | None = None) -> EmailMessage:
    """The alert email: text and HTML alternatives, the chart inline beside the HTML
    (multipart/related, referenced by its Content-ID)."""
    cid = make_msgid(domain="rasd.local")
    text, body = render(day, alerts, events, counts,
                        None if chart_png is None else "cid:" + cid[1:-1])
    message = new_message(smtp, subject(day, alerts), smtp.recipients)
    message.set_content(text)
    message.add_alternative(body, subtype="html")
    if chart_png is not None:
        message.get_payload()[1].add_related(chart_png, "image", "png", cid=cid,
                                              filename="chart.png", disposition="inline")
    return message


def send_pending_alerts(conn, smtp: SmtpSettings) -> dict[str, int]:
    """Email every unsent alert, one message per day, and record what was sent. Raises
    RasdError after trying every day if any could not be sent."""
    pending = storage.fetch_all(conn, "unsent_alerts")

    def compose(day, alerts: list[dict]) -> EmailMessage:
        counts_by_gov = storage.fetch_all(conn, "counts_by_governorate", {"day": day})
        return build_message(smtp, day, alerts, events_behind(conn, day, alerts), counts_by_gov,
                             chart(conn, day, top_alert(alerts)))

    sent, kept, errors = deliver_by_day(conn, smtp, pending, "alert_id", compose,
                                        "mark_alert_sent", "mark_alert_failed")
    if errors:
        raise RasdError(f"{kept} alert(s) kept unsent: {errors[0]}")
    log.info("%d alert email(s) sent to %s", sent, ", ".join(smtp.recipients))
    return {"alerts": len(pending), "emails": sent, "failed": kept}
