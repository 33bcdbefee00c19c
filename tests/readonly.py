"""A folder the command cannot write, for a subprocess: a plain ``chmod`` for a user, and for
root (whom permissions do not stop) a read-only bind mount in a mount namespace of its own
(``unshare -m``); the test is skipped where neither is possible."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

_MOUNT = 'F=$1; shift; mount --bind "$F" "$F" && mount -o remount,bind,ro "$F" && exec "$@"'


def _namespace_works(folder: Path) -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", _MOUNT, "sh", str(folder), "true"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


def run_read_only(folder: Path, code: str, env: dict[str, str] | None = None,
                  timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``python -c code`` with ``folder`` read-only (see the module's docstring)."""
    command = [sys.executable, "-c", code]
    if os.geteuid() != 0:
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)
        finally:
            folder.chmod(mode)
    if not _namespace_works(folder):
        pytest.skip("running as root without mount namespaces: no way to make a folder read-only")
    return subprocess.run(["unshare", "-m", "sh", "-c", _MOUNT, "sh", str(folder), *command],
                          capture_output=True, text=True, timeout=timeout, env=env)
