"""Command line: ``centrumsim run | compare | breakeven | validate``.

Bad input never shows a traceback: every problem is printed on its own line to stderr as
``file: dotted.key: message`` (or ``--option: message``) and the command exits with status 2.
Everything is checked — the options, the scenario and the output folder — before anything is
simulated; files are written atomically (:mod:`centrumsim.results.writing`). ``-q`` prints
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
from .analysis.runner import check_workers, cpu_count, run
from .present.plots import figure_png, plot_breakeven, plot_compare
from .present.save import write_run
from .present.textreport import format_breakeven, format_comparison, format_summary
from .results import OutputError, OutputFolder, identity
from .scenario import Scenario, ScenarioError, load_scenario, parse_override
from .version import __version__

EXIT_BAD_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="centrumsim",
        description="Agent-based simulation of a neighbourhood centre and its social centre enterprise.",
    )
    p.add_argument("--version", action="version", version=f"centrumsim {__version__}")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    sub = p.add_subparsers(dest="command", required=True)

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
    val = sub.add_parser("validate", help="check scenario files; report every problem")
    val.add_argument("files", nargs="+", help="scenario TOML files")
    common(val)
    return p


class Terminated(SystemExit):
    """SIGTERM, turned into an exception so that workers and temporary files are cleaned up."""


def _say(args: argparse.Namespace, text: str, err: bool = False) -> None:
    if not getattr(args, "quiet", False):
        print(text, file=sys.stderr if err else sys.stdout)


def _overrides(items: Sequence[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    errors: list[str] = []
    for item in items:
        try:
            key, value = parse_override(item)
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
    """Check the run options and the scenario; raises ScenarioError with every problem."""
    problems = list(extra or [])
    if args.seeds < 1:
        problems.append(f"--seeds: must be >= 1 (got {args.seeds})")
    if args.years is not None and not 1 <= args.years <= 50:
        problems.append(f"--years: must be in 1..50 (got {args.years})")
    if args.workers is not None and args.workers < 1:
        problems.append(f"--workers: must be >= 1 (got {args.workers})")
    try:
        overrides = _overrides(args.overrides)
        if args.years is not None and 1 <= args.years <= 50:
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
    does not finish."""
    if args.out:
        target = Path(args.out)
    else:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        tag = "" if command == "run" else f"-{command}"
        target = Path("runs") / f"{Path(args.scenario).stem}{tag}-{stamp}"
        n = 2
        while target.exists():
            target = target.with_name(f"{Path(args.scenario).stem}{tag}-{stamp}-{n}")
            n += 1
    with OutputFolder(target, overwrite=args.overwrite) as folder:
        yield folder


def cmd_run(args: argparse.Namespace) -> int:
    scenario = _scenario(args)
    workers = _workers(args)
    with _output(args, "run") as folder:
        results = run(scenario, seeds=args.seeds, workers=workers)
        names = write_run(folder, results, lang=args.lang)
        target = folder.commit(results.identity(), "run")
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
        folder.write_csv("compare.csv", table, ident["run_id"])
        folder.write_bytes("compare.png", figure_png(
            plot_compare(results, lang=args.lang, units=list(scenario.enterprise_units)), ident))
        target = folder.commit(ident, "compare")
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
        folder.write_csv("breakeven.csv", table, ident["run_id"])
        folder.write_bytes("breakeven.png", figure_png(plot_breakeven(table, lang=args.lang), ident))
        target = folder.commit(ident, "breakeven")
    _say(args, format_breakeven(table, plan, len(mixes(candidates))))
    _say(args, f"\nWrote breakeven.csv, breakeven.png and manifest.json to {target}/")
    return 0


COMMANDS = {"validate": cmd_validate, "run": cmd_run, "compare": cmd_compare, "breakeven": cmd_breakeven}


def _terminate(signum: int, frame: Any) -> None:
    raise Terminated(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; returns the exit status (0 done, 2 bad input, 130 interrupted, 143
    terminated)."""
    args = _parser().parse_args(argv)
    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread: leave signals alone
        previous = None
    try:
        return COMMANDS[args.command](args)
    except (ScenarioError, OutputError) as exc:
        print("\n".join(exc.lines), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted (no partial result folder is left)", file=sys.stderr)
        return 130
    except Terminated as exc:
        print("terminated (no partial result folder is left)", file=sys.stderr)
        return int(exc.code)
    except BrokenPipeError:  # output piped into e.g. `head`
        sys.stderr.close()
        return 0
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
