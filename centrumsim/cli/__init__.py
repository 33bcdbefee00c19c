"""Command line: ``centrumsim run | compare | breakeven | prices | goalseek | validate | sweep | export |
sensitivity | discover | patterns | calibrate | report | app``.

Bad input never shows a traceback: every problem is printed on its own line to stderr as
``file: dotted.key: message`` (or ``--option: message``) and the command exits with status 2.
Everything is checked — the options, the scenario and the output folder — before anything is
simulated; files are written atomically (:mod:`centrumsim.results.folder`). While runs run, a
progress bar (runs done, failures, time left) shows on the standard error when it is a terminal.
``-q`` prints nothing but errors. The commands live in :mod:`.runs` (one scenario); what they share in
:mod:`.common`; the sweep in :mod:`.sweeps`; what reads a run store in :mod:`.studies`.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from typing import Any

from ..analysis.breakeven import BREAKEVEN_DRAWS
from ..analysis.goalseek import GOALSEEK_DRAWS
from ..analysis.runner import WorkerError
from ..analysis.uncertainty import DRAWS
from ..present.language import LANGS
from ..results import OutputError
from ..scenario import ScenarioError
from ..scenario.controls import visible
from ..version import __version__
from . import app, calibration, report, studies, sweeps, validation
from .common import EXIT_BAD_INPUT, Parser, Terminated, add_workers, drawn, print_problems
from .runs import cmd_breakeven, cmd_compare, cmd_goalseek, cmd_prices, cmd_run, cmd_validate
from .studies import run_format


def _parser() -> argparse.ArgumentParser:
    p = Parser(prog="centrumsim",
               description="Agent-based simulation of a neighbourhood centre and its social centre enterprise.")
    p.add_argument("--version", action="version", version=f"centrumsim {__version__}")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    sub = p.add_subparsers(dest="command", required=True, parser_class=Parser)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                        help="print nothing but errors")
        sp.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                        help="override a scenario value by its dotted key, e.g. units.cafe.price_sek=45 (repeatable)")

    def runs(sp: argparse.ArgumentParser, seeds_help: str = "number of seeds (default 20)") -> None:
        sp.add_argument("scenario", help="scenario TOML file")
        sp.add_argument("--seeds", type=int, default=20, help=seeds_help)
        sp.add_argument("--years", type=int, default=None, help="horizon in years (default: the scenario's)")
        sp.add_argument("--out", default=None, help="output folder (default runs/<scenario>[-<command>]-<time>)")
        sp.add_argument("--overwrite", action="store_true", help="replace an earlier result in --out")
        add_workers(sp)
        sp.add_argument("--lang", choices=LANGS, default="en",
                        help="language of the plots and the printed text (default en)")
        common(sp)

    run_p = sub.add_parser("run", help="run a scenario over several seeds and summarise")
    runs(run_p)
    drawn(run_p, DRAWS, "run the --seeds at the assumed values only (chance alone), not drawn over the assumptions")
    run_p.add_argument("--no-plots", action="store_true", help="write the tables only, no plots")
    run_p.add_argument("--format", type=run_format, default="csv", metavar="csv|parquet|xlsx",
                       help="format of the tables (default csv; parquet keeps the types, needs the [parquet] extra; "
                            "xlsx: one Excel workbook with an income statement, needs the [xlsx] extra)")
    runs(sub.add_parser("compare", help="the enterprise's units run by the enterprise vs by profit-seeking tenants"))
    be = sub.add_parser("breakeven", help="rank every mix of candidate units by probability of breaking even")
    runs(be, "seeds for the contenders (default 20)")
    be.add_argument("--candidates", required=True, help="comma-separated unit names, e.g. cafe,gym,studio")
    be.add_argument("--screen-seeds", type=int, default=2, help="seeds per mix when screening (default 2)")
    be.add_argument("--contenders", type=int, default=8, help="mixes re-run with all seeds (default 8)")
    drawn(be, BREAKEVEN_DRAWS, "contenders over --seeds at the assumed values only (chance alone)")
    be.add_argument("--need", type=float, default=0.8, metavar="P",
                    help="what the closest mix would need for P(break even) >= P: goal seek on the grant "
                         "(default 0.8; 0: skip)")
    pr = sub.add_parser("prices", help="one unit's price over a range: visits, sales, contribution, break-even")
    runs(pr)
    pr.add_argument("--unit", required=True, help="the unit whose price is scanned, e.g. cafe")
    pr.add_argument("--range", default="0.5:2.0:7",
                    help="multipliers of today's price LOW:HIGH:COUNT (default 0.5:2.0:7)")
    pr.add_argument("--fee", action="store_true", help="scan the membership fee instead of the price per visit")
    gs = sub.add_parser("goalseek", help="the value of a lever at which P(break even) reaches a target")
    runs(gs, "seeds with --fixed (default 20)")
    drawn(gs, GOALSEEK_DRAWS, "over --seeds at the assumed values only (chance alone), not over the assumptions")
    gs.add_argument("--lever", required=True, help="a numeric scenario key, e.g. enterprise.grant_sek_per_month")
    gs.add_argument("--target", type=float, required=True, help="the probability of breaking even sought, e.g. 0.8")
    gs.add_argument("--range", default=None, metavar="LOW:HIGH",
                    help="values to search (default: the key's bounds, else 0 to 10 × today's value)")
    val = sub.add_parser("validate", help="check scenario, sweep and history files; report every problem")
    val.add_argument("files", nargs="+", help="scenario TOML files")
    val.add_argument("--lang", choices=LANGS, default="en", help="language of the printed lines (default en)")
    common(val)
    for module in (sweeps, studies, validation, calibration, report, app):
        module.add_parsers(sub)
    return p


COMMANDS = {"validate": cmd_validate, "run": cmd_run, "compare": cmd_compare, "breakeven": cmd_breakeven,
            "prices": cmd_prices, "goalseek": cmd_goalseek, **sweeps.COMMANDS, **studies.COMMANDS,
            **validation.COMMANDS, **calibration.COMMANDS, **report.COMMANDS, **app.COMMANDS}


def _terminate(signum: int, frame: Any) -> None:
    raise Terminated(128 + signum)


def _negative_values_joined(argv: list[str]) -> list[str]:
    """``--threshold -1e6`` → ``--threshold=-1e6``: argparse takes a negative number in exponent
    form for an option of its own; a value after an option is a value."""
    out: list[str] = []
    for token in argv:
        if out and out[-1].startswith("--") and "=" not in out[-1] and token.startswith("-"):
            try:
                float(token)
            except ValueError:
                pass
            else:
                out[-1] = f"{out[-1]}={token}"
                continue
        out.append(token)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; returns the exit status (0 done, 1 failed, 2 bad input, 130
    interrupted, 143 terminated)."""
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show "ö" gets "?" rather than a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = _parser().parse_args(_negative_values_joined(sys.argv[1:] if argv is None else list(argv)))
    previous = {}
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            try:
                previous[sig] = signal.signal(sig, _terminate)
            except ValueError:  # not the main thread: leave signals alone
                pass
    try:
        code = COMMANDS[args.command](args)
        if getattr(args, "output_failed", None):
            print(f"cannot print to the standard output ({args.output_failed}); the files are written",
                  file=sys.stderr)
            return 1
        return code
    except (ScenarioError, OutputError) as exc:
        print_problems(exc.lines)
        return EXIT_BAD_INPUT
    except WorkerError as exc:
        print(visible(f"{exc} ({getattr(args, 'kept', None) or 'no partial result folder is left'})"), file=sys.stderr)
        return 1
    except (KeyboardInterrupt, Terminated) as exc:
        written = getattr(args, "written", None)
        what = "interrupted" if isinstance(exc, KeyboardInterrupt) else "terminated"
        after = (getattr(args, "kept", None) or
                 (f"the result in {written} is complete" if written else "no partial result folder is left"))
        print(visible(f"{what} ({after})"), file=sys.stderr)
        return 130 if isinstance(exc, KeyboardInterrupt) else exc.code
    except BrokenPipeError:  # output piped into e.g. `head`
        sys.stderr.close()
        return 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
