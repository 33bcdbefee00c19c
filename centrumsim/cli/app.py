"""The ``app`` command: the interactive page in a browser, served on 127.0.0.1 (the ``[app]``
extra; without it, one line saying what to install and status 2)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import EXIT_BAD_INPUT, print_problems, say

DEFAULT_PORT = 8765


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """The ``app`` command's options."""
    sp = sub.add_parser("app", help="the interactive page: scenario, units and levers, runs and plots "
                                    "(needs the [app] extra)")
    sp.add_argument("--host", default="127.0.0.1",
                    help="address to listen on (default 127.0.0.1: this machine only)")
    sp.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0: a free one)")
    sp.add_argument("--seeds", type=int, default=None,
                    help="the number of seeds the page starts with (default 10)")
    sp.add_argument("--scenarios", default=None, metavar="DIR",
                    help="folder of the scenario files the page offers (default: ./scenarios)")
    sp.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="print nothing but errors")


def cmd_app(args: argparse.Namespace) -> int:
    from ..app import server  # the page and Solara load in the server's own process
    from ..app.inputs import MAX_SEEDS
    from ..app.levers import scenario_files, scenario_folder

    missing = server.missing_extra()
    if missing:
        print(missing, file=sys.stderr)
        return EXIT_BAD_INPUT
    problems = []
    folder = scenario_folder(args.scenarios)
    if args.scenarios is not None and not Path(args.scenarios).is_dir():
        problems.append(f"--scenarios: no such folder: {args.scenarios}")
    elif not scenario_files(folder):
        problems.append(f"--scenarios: no scenario files (*.toml) in {folder}")
    if args.seeds is not None and not 1 <= args.seeds <= MAX_SEEDS:
        problems.append(f"--seeds: must be in 1..{MAX_SEEDS} (got {args.seeds})")
    port_problem = server.port_problem(args.host, args.port)
    if port_problem:
        problems.append(port_problem)
    if problems:
        print_problems(problems)
        return EXIT_BAD_INPUT
    port = args.port or server.free_port(args.host)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        say(args, f"centrumsim app: listening on {args.host}: other machines may reach the page", err=True)
    args.kept = "the page's server is stopped"
    return server.serve(args.host, port, folder, args.seeds, say=lambda text: say(args, text))


COMMANDS = {"app": cmd_app}
