"""A local SMTP server that keeps what it receives as files, so the demo needs no mail server."""

from __future__ import annotations

import email
import email.policy
import socket
from pathlib import Path

from aiosmtpd.controller import Controller

from pipeline.email_view import standalone_html


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on now (aiosmtpd cannot bind port 0 itself)."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


class _SaveToFolder:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.saved: list[Path] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        number = len(self.saved) + 1
        raw = envelope.original_content or envelope.content
        eml = self.folder / f"{number:03d}.eml"
        eml.write_bytes(raw)
        message = email.message_from_bytes(raw, policy=email.policy.default)
        page = standalone_html(message)
        if page is not None:
            (self.folder / f"{number:03d}.html").write_text(page, encoding="utf-8")
        self.saved.append(eml)
        return "250 Message accepted for delivery"


class MailCatcher:
    """SMTP on loopback; each message lands in folder as NNN.eml, its HTML part as NNN.html
    (inline images included, so a browser shows it whole)."""

    def __init__(self, folder: Path, host: str = "127.0.0.1") -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.handler = _SaveToFolder(folder)
        self.host, self.port = host, free_port(host)
        self.controller = Controller(self.handler, hostname=host, port=self.port)

    @property
    def saved(self) -> list[Path]:
        return self.handler.saved

    def __enter__(self) -> MailCatcher:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()
