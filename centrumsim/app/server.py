"""Serving the page: Solara's server (``solara run centrumsim.app.page``) in a child process,
bound to 127.0.0.1 unless told otherwise; the address is printed once it answers. The child
ends with this process — on Ctrl-C, on SIGTERM, and (on Linux) when this process is killed.
Nothing here imports Solara: the child does.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .inputs import SEEDS_ENV
from .levers import SCENARIOS_ENV

PAGE_MODULE = "centrumsim.app.page"
NEEDS = ("solara", "altair", "networkx")  # Solara, and what Mesa's visualization imports with it
INSTALL = 'pip install -e ".[app]"'
READY_TIMEOUT_S = 120.0


def missing_extra() -> str | None:
    """One line saying what to install when the ``[app]`` extra is missing, else None."""
    missing = [name for name in NEEDS if importlib.util.find_spec(name) is None]
    if missing:
        return f"centrumsim app: needs the [app] extra ({', '.join(missing)} not installed): {INSTALL}"
    return None


def port_problem(host: str, port: int) -> str | None:
    """Why the page cannot listen on ``host:port`` (a line), or None."""
    if not 0 <= port <= 65535:
        return f"--port: must be in 0..65535 (got {port})"
    try:
        with socket.create_server((host, port)):
            return None
    except socket.gaierror:
        return f"--host: cannot listen on {host!r}: no such address on this machine"
    except OSError as exc:
        if port == 0:
            return f"--host: cannot listen on {host!r}: {exc.strerror or exc}"
        return f"--port: {host}:{port} is taken ({exc.strerror or exc}); choose another port with --port"


def free_port(host: str) -> int:
    """A port on ``host`` that is free now."""
    with socket.create_server((host, 0)) as s:
        return s.getsockname()[1]


def url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def command(host: str, port: int) -> list[str]:
    """The child's command line: Solara's server in production mode, no browser, no version check."""
    return [sys.executable, "-m", "solara", "run", PAGE_MODULE, "--host", host, "--port", str(port), "--production",
            "--no-open", "--no-check-version", "--no-access-log", "--log-level-uvicorn", "warning"]


def environment(scenarios: Path, seeds: int | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env[SCENARIOS_ENV] = str(scenarios)
    if seeds is not None:
        env[SEEDS_ENV] = str(seeds)
    env.setdefault("MPLBACKEND", "Agg")
    env["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] = "False"  # the page sends nothing anywhere
    env["SOLARA_THEME_SHOW_BANNER"] = "False"  # Solara's "This website runs on Solara" covered a plot
    return env


def _end_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except Exception:  # noqa: BLE001 - whatever an unusual libc does, the page must still start
            pass


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def serve(host: str, port: int, scenarios: Path, seeds: int | None = None, say: Callable[[str], None] = print) -> int:
    """Run the page's server until it stops (or this process is interrupted); the exit status."""
    proc = subprocess.Popen(command(host, port), env=environment(scenarios, seeds), preexec_fn=_end_with_parent)
    try:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not _answers(host, port):
            if proc.poll() is not None:
                print(f"centrumsim app: the server stopped before it answered (status {proc.returncode})",
                      file=sys.stderr)
                return 1
            if time.monotonic() > deadline:
                print(f"centrumsim app: the server did not answer within {READY_TIMEOUT_S:.0f} s", file=sys.stderr)
                return 1
            time.sleep(0.2)
        say(f"centrumsim app: open {url(host, port)} in a browser (Ctrl-C stops it)")
        code = proc.wait()
        return 0 if code in (0, -signal.SIGINT, -signal.SIGTERM) else 1
    finally:
        stop(proc)


def stop(proc: subprocess.Popen) -> None:
    """End the server: SIGTERM, then SIGKILL after 10 s."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
