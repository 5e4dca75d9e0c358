"""An email as a reader sees it: its HTML part with inline images turned into data: URIs (so a
browser opens it from a file), and a screenshot of that page by headless Chromium."""

from __future__ import annotations

import base64
import shutil
import subprocess
import tempfile
from email.message import EmailMessage
from pathlib import Path

from pipeline.errors import RasdError

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
WINDOW = (900, 1400)


def standalone_html(message: EmailMessage) -> str | None:
    """The message's HTML part, each cid: reference replaced by its inline part as a data:
    URI; None when the message has no HTML part."""
    part = message.get_body(preferencelist=("html",))
    if part is None:
        return None
    page = part.get_content()
    for inline in message.walk():
        cid = inline.get("Content-ID")
        if not cid or inline.get_content_maintype() == "multipart":
            continue
        data = base64.b64encode(inline.get_payload(decode=True)).decode("ascii")
        page = page.replace(f"cid:{cid.strip('<>')}",
                            f"data:{inline.get_content_type()};base64,{data}")
    return page


def find_chromium() -> str | None:
    """Path of a Chromium executable, or None."""
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def screenshot(html_file: Path, png_file: Path, chromium: str | None = None,
               window: tuple[int, int] = WINDOW) -> Path:
    """Render an HTML file with headless Chromium into a PNG; RasdError when it cannot."""
    chromium = chromium or find_chromium()
    if chromium is None:
        raise RasdError("Chromium is not installed (Debian: apt-get install chromium)")
    png_file.unlink(missing_ok=True)
    # A profile of its own: a shared one is locked by any other Chromium running.
    with tempfile.TemporaryDirectory(prefix="rasd-chromium-") as profile:
        command = [chromium, "--headless", "--no-sandbox", "--disable-gpu",
                   "--hide-scrollbars", "--no-first-run", "--disable-extensions",
                   f"--user-data-dir={profile}", f"--window-size={window[0]},{window[1]}",
                   f"--screenshot={png_file.resolve()}", html_file.resolve().as_uri()]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=120,
                                    check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise RasdError(f"Chromium could not render {html_file}: {exc}") from exc
    if result.returncode != 0 or not png_file.is_file():
        raise RasdError(f"Chromium could not render {html_file}: "
                        f"{(result.stderr.strip().splitlines() or ['no output'])[-1]}")
    return png_file
