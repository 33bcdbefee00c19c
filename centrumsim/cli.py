"""Command line: ``centrumsim run | compare | breakeven | validate``.

Bad input never shows a traceback: every problem is printed on its own line to stderr as
``file: dotted.key: message`` and the command exits with status 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any, Sequence

from . import __version__
from .scenario import Scenario, ScenarioError, load_scenario, parse_override

EXIT_BAD_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="centrumsim",
        description="Agent-based simulation of a neighbourhood centre and its social centre enterprise.",
    )
    p.add_argument("--version", action="version", version=f"centrumsim {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    def add_set(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
            help="override a scenario value by its dotted key, e.g. units.cafe.price_sek=45 (repeatable)",
        )

    run = sub.add_parser("run", help="run a scenario over several seeds and summarise")
    run.add_argument("scenario", help="scenario TOML file")
    run.add_argument("--seeds", type=int, default=20, help="number of seeds (default 20)")
    run.add_argument("--years", type=int, default=None, help="horizon in years (default: the scenario's)")
    run.add_argument("--out", default=None, help="output folder (default runs/<scenario>-<time>)")
    run.add_argument("--workers", type=int, default=1, help="parallel processes (default 1)")
    run.add_argument("--lang", choices=("en", "sv"), default="en", help="language of the plots")
    add_set(run)

    def add_runs(sp: argparse.ArgumentParser, seeds_help: str = "number of seeds (default 20)") -> None:
        sp.add_argument("scenario", help="scenario TOML file")
        sp.add_argument("--seeds", type=int, default=20, help=seeds_help)
        sp.add_argument("--years", type=int, default=None, help="horizon in years (default: the scenario's)")
        sp.add_argument("--out", default=None, help="output folder (default runs/<scenario>-<command>-<time>)")
        sp.add_argument("--workers", type=int, default=1, help="parallel processes (default 1)")
        sp.add_argument("--lang", choices=("en", "sv"), default="en", help="language of the plots")
        add_set(sp)

    cmp_ = sub.add_parser("compare", help="the enterprise's units run by the enterprise vs by profit-seeking tenants")
    add_runs(cmp_)

    be = sub.add_parser("breakeven", help="rank every mix of candidate units by probability of breaking even")
    add_runs(be, "seeds for the contenders (default 20)")
    be.add_argument("--candidates", required=True, help="comma-separated unit names, e.g. cafe,gym,studio")
    be.add_argument("--screen-seeds", type=int, default=2, help="seeds per mix when screening (default 2)")
    be.add_argument("--contenders", type=int, default=8, help="mixes re-run with all seeds (default 8)")

    val = sub.add_parser("validate", help="check scenario files; report every problem")
    val.add_argument("files", nargs="+", help="scenario TOML files")
    add_set(val)
    return p


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


def _load(path: str, overrides: dict[str, Any]) -> Scenario:
    return load_scenario(path, overrides)


def cmd_validate(args: argparse.Namespace) -> int:
    overrides = _overrides(args.overrides)
    errors: list[str] = []
    for f in args.files:
        try:
            sc = _load(f, overrides)
            print(f"{f}: ok ({sc.name}; {len(sc.units)} units, {sc.time.years} years)")
        except ScenarioError as exc:
            errors += exc.lines
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0


def _prepare(args: argparse.Namespace, extra: list[str] | None = None) -> tuple[Scenario, Path]:
    """Check the run options and the scenario, and make the output folder — all before any run,
    so that bad input costs nothing. Raises ScenarioError with every problem."""
    problems = list(extra or [])
    if args.seeds < 1:
        problems.append(f"--seeds: must be >= 1 (got {args.seeds})")
    if args.years is not None and not 1 <= args.years <= 50:
        problems.append(f"--years: must be in 1..50 (got {args.years})")
    if args.workers < 1:
        problems.append(f"--workers: must be >= 1 (got {args.workers})")
    try:
        scenario = _load(args.scenario, _overrides(args.overrides))
    except ScenarioError as exc:
        raise ScenarioError(problems + exc.lines) from None
    if problems:
        raise ScenarioError(problems)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    tag = "" if args.command == "run" else f"-{args.command}"
    out = Path(args.out) if args.out else Path("runs") / f"{Path(args.scenario).stem}{tag}-{stamp}"
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ScenarioError([f"--out: cannot use {str(out)!r} as the output folder ({exc.strerror})"]) from None
    return scenario, out


def cmd_compare(args: argparse.Namespace) -> int:
    from .compare import compare_operators, format_comparison
    from .plots import plot_compare, save_figure

    scenario, out = _prepare(args)
    if not scenario.enterprise_units:
        raise ScenarioError([f"{args.scenario}: units: no unit has operator = 'enterprise'; nothing to compare"])
    table, results = compare_operators(scenario, args.seeds, args.years, args.workers)
    table.to_csv(out / "compare.csv", index=False)
    ident = results["enterprise"].identity()
    save_figure(plot_compare(results, lang=args.lang, units=list(scenario.enterprise_units)), out / "compare.png", ident)
    years = results["enterprise"].scenario.time.years
    print(format_comparison(table, args.seeds, years))
    print(f"\nWrote compare.csv and compare.png to {out}/")
    return 0


def cmd_breakeven(args: argparse.Namespace) -> int:
    from .breakeven import Plan, check_candidates, find_breakeven, format_breakeven, mixes
    from .plots import plot_breakeven, save_figure

    candidates = [c.strip() for c in args.candidates.split(",") if c.strip()]
    extra = []
    if args.screen_seeds < 1:
        extra.append(f"--screen-seeds: must be >= 1 (got {args.screen_seeds})")
    if args.contenders < 1:
        extra.append(f"--contenders: must be >= 1 (got {args.contenders})")
    scenario, out = _prepare(args, extra)
    problems = check_candidates(scenario, candidates)
    if problems:
        raise ScenarioError(problems)
    plan = Plan(seeds=args.seeds, screen_seeds=min(args.screen_seeds, args.seeds), contenders=args.contenders)
    table = find_breakeven(scenario, candidates, plan, args.years, args.workers)
    table.to_csv(out / "breakeven.csv", index=False)
    save_figure(plot_breakeven(table, lang=args.lang), out / "breakeven.png")
    print(format_breakeven(table, plan, len(mixes(candidates))))
    print(f"\nWrote breakeven.csv and breakeven.png to {out}/")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from .runner import run
    from .textreport import format_summary

    scenario, out = _prepare(args)
    results = run(scenario, seeds=args.seeds, years=args.years, workers=args.workers)
    written = results.save(out, lang=args.lang)
    print(format_summary(results.summary()))
    print(f"\nWrote {len(written)} files to {out}/: " + ", ".join(p.name for p in written))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        commands = {"validate": cmd_validate, "run": cmd_run, "compare": cmd_compare, "breakeven": cmd_breakeven}
        return commands[args.command](args)
    except ScenarioError as exc:
        print("\n".join(exc.lines), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into e.g. `head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
