"""The report as PDF, through a converter found on the machine: Chromium (headless, printing the
page with the network-off flags) or LibreOffice. The HTML is converted in a temporary folder and
the PDF returned as bytes, so the caller writes both files atomically; the converter gets its
own throwaway profile, and everything it starts is ended when it returns (or on a timeout).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import NamedTuple

__all__ = ["CONVERTERS", "Converter", "PdfError", "find_converter", "html_to_pdf"]

CONVERTERS = ("chromium", "chromium-browser", "google-chrome", "libreoffice", "soffice")
"""The programs looked for, in this order."""
TIMEOUT_S = 300
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-first-run", "--no-default-browser-check", "--disable-default-apps", "--disable-extensions")
"""Chromium prints the page with nothing fetched and no header or footer."""


class PdfError(Exception):
    """A converter that failed: the reason in a few words."""


class Converter(NamedTuple):
    name: str
    path: str

    @property
    def chromium(self) -> bool:
        return self.name not in ("libreoffice", "soffice")


def find_converter() -> Converter | None:
    """The first converter of :data:`CONVERTERS` on the PATH, or None."""
    for name in CONVERTERS:
        path = shutil.which(name)
        if path:
            return Converter(name, path)
    return None


def html_to_pdf(page: str, converter: Converter, timeout: float = TIMEOUT_S) -> bytes:
    """The HTML document ``page`` printed to PDF by ``converter``; :class:`PdfError` if it fails."""
    with tempfile.TemporaryDirectory(prefix="centrumsim-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "report.html"
        source.write_text(page, encoding="utf-8")
        if converter.chromium:
            target = folder / "report.pdf"
            cmd = [converter.path, *CHROMIUM_FLAGS, f"--user-data-dir={folder / 'profile'}",
                   f"--print-to-pdf={target}", source.as_uri()]
        else:
            target = folder / "out" / "report.pdf"
            cmd = [converter.path, "--headless", "--norestore", "--nologo",
                   f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                   "--convert-to", "pdf:writer_web_pdf_Export", "--outdir", str(folder / "out"), str(source)]
        _run(cmd, timeout, folder)
        try:
            data = target.read_bytes()
        except OSError:
            raise PdfError("it wrote no PDF") from None
        if not data.startswith(b"%PDF"):
            raise PdfError("what it wrote is not a PDF")
        return data


def _run(cmd: list[str], timeout: float, cwd: Path) -> None:
    """Run ``cmd`` in a session of its own; end whatever it started when it returns."""
    try:
        proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, start_new_session=True)
    except OSError as exc:
        raise PdfError(exc.strerror or str(exc)) from None
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise PdfError(f"no PDF after {timeout:.0f} s") from None
    finally:
        try:  # the converter's own helpers (Chromium leaves some) are in its session
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        proc.wait()
    if proc.returncode != 0:
        last = next((line for line in reversed(err.decode("utf-8", "replace").splitlines()) if line.strip()), "")
        raise PdfError(f"exit status {proc.returncode}" + (f": {last.strip()[:200]}" if last else ""))
