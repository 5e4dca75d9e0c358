"""Email that goes out exactly once: messages, SMTP delivery, and the per-day loop that marks
rows sent only after the server accepted their message (alerts, data-quality findings)."""

from __future__ import annotations

import smtplib
from collections import defaultdict
from collections.abc import Callable, Sequence
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from pipeline import storage
from pipeline.config import SmtpSettings
from pipeline.errors import RasdError


def new_message(smtp: SmtpSettings, subject: str, to: Sequence[str]) -> EmailMessage:
    """An empty message with Rasd's headers."""
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = smtp.sender
    message["To"] = ", ".join(to)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="rasd.local")
    return message


def send(smtp: SmtpSettings, message: EmailMessage) -> None:
    """Hand one message to the SMTP server; RasdError when it cannot be delivered."""
    try:
        with smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout) as client:
            if smtp.starttls:
                client.starttls()
            if smtp.user:
                client.login(smtp.user, smtp.password or "")
            client.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise RasdError(f"cannot send mail through {smtp.host}:{smtp.port}: {exc}") from exc


def deliver_by_day(conn, smtp: SmtpSettings, pending: list[dict], id_key: str,
                   compose: Callable[[object, list[dict]], EmailMessage],
                   sent_query: str, failed_query: str) -> tuple[int, int, list[str]]:
    """Send one message per day of pending rows; mark them sent, or failed with the error.

    Commits after each day, so a failure later does not resend what went out. Returns
    (emails sent, rows kept unsent, errors)."""
    by_day: dict = defaultdict(list)
    for row in pending:
        by_day[row["day"]].append(row)
    sent, kept, errors = 0, 0, []
    for day, rows in sorted(by_day.items()):
        ids = [row[id_key] for row in rows]
        try:
            send(smtp, compose(day, rows))
        except RasdError as exc:
            storage.execute(conn, failed_query, {"ids": ids, "error": str(exc)})
            conn.commit()
            kept += len(ids)
            errors.append(str(exc))
            continue
        storage.execute(conn, sent_query, {"ids": ids})
        conn.commit()
        sent += 1
    return sent, kept, errors
