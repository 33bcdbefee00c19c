"""Command line: ``centrumsim run | compare | breakeven | prices | validate``.

Bad input never shows a traceback: every problem is printed on its own line to stderr as
``file: dotted.key: message`` (or ``--option: message``) and the command exits with status 2.
Everything is checked — the options, the scenario and the output folder — before anything is
simulated; files are written atomically (:mod:`centrumsim.results.folder`). ``-q`` prints
nothing but errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import signal
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence

from .analysis.breakeven import Plan, check_candidates, find_breakeven, mixes
from .analysis.compare import compare_operators
from .analysis.prices import parse_range, price_scan, priced_field
from .analysis.runner import MAX_RUNS, WorkerError, check_workers, cpu_count, run
from .present.plots import figure_png, plot_breakeven, plot_compare, plot_prices
from .present.save import write_run
from .present.textreport import format_breakeven, format_comparison, format_prices, format_summary
from .results import FolderTaken, OutputError, OutputFolder, identity, write_csv
from .scenario import Scenario, ScenarioError, TimeSection, load_scenario, parse_override
from .version import __version__

EXIT_BAD_INPUT = 2
MAX_LINES = 100  # problems printed at most (the rest are counted)
_YEARS = {f.name: f.metadata for f in TimeSection.__dataclass_fields__.values()}["years"]


class Parser(argparse.ArgumentParser):
    """argparse, but a bad option is one line (``centrumsim run: --seeds: …``), exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message} (see {self.prog} --help)\n")


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
        sp.add_argument("--workers", type=int, default=None,
                        help=f"parallel processes (default and most: the CPUs, here {cpu_count()})")
        sp.add_argument("--lang", choices=("en", "sv"), default="en", help="language of the plots")
        common(sp)

    runs(sub.add_parser("run", help="run a scenario over several seeds and summarise"))
    runs(sub.add_parser("compare", help="the enterprise's units run by the enterprise vs by profit-seeking tenants"))
    be = sub.add_parser("breakeven", help="rank every mix of candidate units by probability of breaking even")
    runs(be, "seeds for the contenders (default 20)")
    be.add_argument("--candidates", required=True, help="comma-separated unit names, e.g. cafe,gym,studio")
    be.add_argument("--screen-seeds", type=int, default=2, help="seeds per mix when screening (default 2)")
    be.add_argument("--contenders", type=int, default=8, help="mixes re-run with all seeds (default 8)")
    pr = sub.add_parser("prices", help="one unit's price over a range: visits, sales, contribution, break-even")
    runs(pr)
    pr.add_argument("--unit", required=True, help="the unit whose price is scanned, e.g. cafe")
    pr.add_argument("--range", default="0.5:2.0:7", help="multipliers of today's price LOW:HIGH:COUNT (default 0.5:2.0:7)")
    pr.add_argument("--fee", action="store_true", help="scan the membership fee instead of the price per visit")
    val = sub.add_parser("validate", help="check scenario files; report every problem")
    val.add_argument("files", nargs="+", help="scenario TOML files")
    common(val)
    return p


class Terminated(SystemExit):
    """SIGTERM or SIGHUP, turned into an exception so that workers and temporary files are
    cleaned up."""


def _say(args: argparse.Namespace, text: str, err: bool = False) -> None:
    """Print unless quiet; a standard output that cannot be written (a full disk) is noted."""
    if getattr(args, "quiet", False):
        return
    try:
        print(text, file=sys.stderr if err else sys.stdout, flush=True)
    except BrokenPipeError:
        raise
    except OSError as exc:
        args.output_failed = exc.strerror or str(exc)


def _overrides(items: Sequence[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    errors: list[str] = []
    for item in items:
        try:
            key, value = parse_override(item)
            out.pop(key, None)  # given again: the later one applies, after the others
            out[key] = value
        except ScenarioError as exc:
            errors += exc.lines
    if errors:
        raise ScenarioError(errors)
    return out


def cmd_validate(args: argparse.Namespace) -> int:
    overrides = _overrides(args.overrides)
    errors: list[str] = []
    for f in args.files:
        try:
            sc = load_scenario(f, overrides)
            _say(args, f"{f}: ok ({sc.name}; {len(sc.units)} units, {sc.time.years} years)")
        except ScenarioError as exc:
            errors += exc.lines
    if errors:
        raise ScenarioError(errors)
    return 0


def _scenario(args: argparse.Namespace, extra: list[str] | None = None) -> Scenario:
    """Check the run options, the scenario and the output folder (without touching it); raises
    ScenarioError with every problem."""
    problems = list(extra or [])
    if not 1 <= args.seeds <= MAX_RUNS:
        problems.append(f"--seeds: must be in 1..{MAX_RUNS} (got {args.seeds})")
    years_ok = args.years is None or _YEARS["min"] <= args.years <= _YEARS["max"]
    if not years_ok:
        problems.append(f"--years: must be in {_YEARS['min']}..{_YEARS['max']} (got {args.years})")
    if args.workers is not None and args.workers < 1:
        problems.append(f"--workers: must be >= 1 (got {args.workers})")
    if args.out is not None and not args.out.strip():
        problems.append("--out: give a folder name (or leave --out out for a new folder under runs/)")
    elif args.out is not None:
        problems += OutputFolder.precheck(args.out, args.overwrite)
    try:
        overrides = _overrides(args.overrides)
        if args.years is not None and years_ok:
            overrides["time.years"] = args.years
        scenario = load_scenario(args.scenario, overrides)
    except ScenarioError as exc:
        raise ScenarioError(problems + exc.lines) from None
    if problems:
        raise ScenarioError(problems)
    return scenario


def _workers(args: argparse.Namespace) -> int:
    workers = check_workers(args.workers)
    if args.workers is not None and workers < args.workers:
        _say(args, f"--workers {args.workers}: using {workers}, the CPUs available", err=True)
    return workers


@contextmanager
def _output(args: argparse.Namespace, command: str) -> Iterator[OutputFolder]:
    """The output folder, checked and locked before any simulation; removed if the command
    does not finish. Without --out, a new folder under runs/ (the next free name)."""
    if args.out:
        folder = OutputFolder(args.out, overwrite=args.overwrite)
    else:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        base = f"{Path(args.scenario).stem}{'' if command == 'run' else '-' + command}-{stamp}"
        for n in range(1, 1000):
            try:
                folder = OutputFolder(Path("runs") / (base if n == 1 else f"{base}-{n}"), label="output folder")
                break
            except FolderTaken:  # another command started in the same second
                continue
        else:  # pragma: no cover
            raise OutputError([f"output folder: no free name for runs/{base}"])
    with folder:
        yield folder


def _done(args: argparse.Namespace, target: Path) -> Path:
    args.written = target
    return target


def cmd_run(args: argparse.Namespace) -> int:
    scenario = _scenario(args)
    workers = _workers(args)
    with _output(args, "run") as folder:
        results = run(scenario, seeds=args.seeds, workers=workers)
        names = write_run(folder, results, lang=args.lang)
        target = _done(args, folder.commit(results.identity(), "run"))
    _say(args, format_summary(results.summary()))
    _say(args, f"\nWrote {len(names) + 1} files to {target}/: " + ", ".join([*names, "manifest.json"]))
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    scenario = _scenario(args)
    if not scenario.enterprise_units:
        raise ScenarioError([f"{args.scenario}: units: no unit has operator = 'enterprise'; nothing to compare"])
    workers = _workers(args)
    with _output(args, "compare") as folder:
        table, results = compare_operators(scenario, args.seeds, workers=workers)
        ident = identity(scenario, results["enterprise"].seeds, command="compare",
                         variants={name: res.identity()["run_id"] for name, res in results.items()})
        write_csv(folder, "compare.csv", table, ident["run_id"])
        folder.write_bytes("compare.png", figure_png(
            plot_compare(results, lang=args.lang, units=list(scenario.enterprise_units)), ident))
        target = _done(args, folder.commit(ident, "compare"))
    _say(args, format_comparison(table, args.seeds, scenario.time.years))
    _say(args, f"\nWrote compare.csv, compare.png and manifest.json to {target}/")
    return 0


def cmd_breakeven(args: argparse.Namespace) -> int:
    candidates = [c.strip() for c in args.candidates.split(",") if c.strip()]
    extra = []
    if args.screen_seeds < 1:
        extra.append(f"--screen-seeds: must be >= 1 (got {args.screen_seeds})")
    if args.contenders < 1:
        extra.append(f"--contenders: must be >= 1 (got {args.contenders})")
    scenario = _scenario(args, extra)
    problems = check_candidates(scenario, candidates)
    if problems:
        raise ScenarioError(problems)
    plan = Plan(seeds=args.seeds, screen_seeds=min(args.screen_seeds, args.seeds), contenders=args.contenders)
    workers = _workers(args)
    with _output(args, "breakeven") as folder:
        table = find_breakeven(scenario, candidates, plan, workers=workers)
        ident = identity(scenario, list(range(plan.seeds)), command="breakeven", candidates=candidates,
                         screen_seeds=plan.screen_seeds, contenders=plan.contenders)
        write_csv(folder, "breakeven.csv", table, ident["run_id"])
        folder.write_bytes("breakeven.png", figure_png(plot_breakeven(table, lang=args.lang), ident))
        target = _done(args, folder.commit(ident, "breakeven"))
    _say(args, format_breakeven(table, plan, len(mixes(candidates))))
    _say(args, f"\nWrote breakeven.csv, breakeven.png and manifest.json to {target}/")
    return 0


def cmd_prices(args: argparse.Namespace) -> int:
    extra = []
    try:
        multipliers = parse_range(args.range)
    except ValueError as exc:
        extra.append(f"--range: {exc}")
    scenario = _scenario(args, extra)
    field = priced_field(scenario, args.unit, args.fee)
    workers = _workers(args)
    with _output(args, "prices") as folder:
        table, results = price_scan(scenario, args.unit, multipliers, args.seeds, workers, fee=args.fee)
        ident = identity(scenario, list(range(args.seeds)), command="prices", unit=args.unit, field=field,
                         multipliers=multipliers)
        label = scenario.units[args.unit].label or args.unit
        write_csv(folder, "prices.csv", table, ident["run_id"])
        folder.write_bytes("prices.png", figure_png(plot_prices(table, lang=args.lang, label=label), ident))
        target = _done(args, folder.commit(ident, "prices"))
    _say(args, format_prices(table, args.unit, label, args.seeds, scenario.time.years))
    _say(args, f"\nWrote prices.csv, prices.png and manifest.json to {target}/")
    return 0


COMMANDS = {"validate": cmd_validate, "run": cmd_run, "compare": cmd_compare, "breakeven": cmd_breakeven,
            "prices": cmd_prices}


def _terminate(signum: int, frame: Any) -> None:
    raise Terminated(128 + signum)


def _print_problems(lines: list[str]) -> None:
    shown = lines if len(lines) <= MAX_LINES else [*lines[:MAX_LINES], f"… and {len(lines) - MAX_LINES} more problems"]
    print("\n".join(shown), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; returns the exit status (0 done, 1 failed, 2 bad input, 130
    interrupted, 143 terminated)."""
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show "ö" gets "?" rather than a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = _parser().parse_args(argv)
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
        _print_problems(exc.lines)
        return EXIT_BAD_INPUT
    except WorkerError as exc:
        print(f"{exc} (no partial result folder is left)", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, Terminated) as exc:
        written = getattr(args, "written", None)
        what = "interrupted" if isinstance(exc, KeyboardInterrupt) else "terminated"
        after = f"the result in {written} is complete" if written else "no partial result folder is left"
        print(f"{what} ({after})", file=sys.stderr)
        return 130 if isinstance(exc, KeyboardInterrupt) else int(exc.code)
    except BrokenPipeError:  # output piped into e.g. `head`
        sys.stderr.close()
        return 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
