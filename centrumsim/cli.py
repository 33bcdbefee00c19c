"""Command line: ``centrumsim run | validate``.

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


def cmd_run(args: argparse.Namespace) -> int:
    from .runner import run
    from .textreport import format_summary

    problems = []
    if args.seeds < 1:
        problems.append(f"--seeds: must be >= 1 (got {args.seeds})")
    if args.years is not None and not 1 <= args.years <= 50:
        problems.append(f"--years: must be in 1..50 (got {args.years})")
    if args.workers < 1:
        problems.append(f"--workers: must be >= 1 (got {args.workers})")
    if problems:
        raise ScenarioError(problems)
    scenario = _load(args.scenario, _overrides(args.overrides))
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = Path(args.out) if args.out else Path("runs") / f"{Path(args.scenario).stem}-{stamp}"
    try:  # before the runs, so that a bad folder costs nothing
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ScenarioError([f"--out: cannot use {str(out)!r} as the output folder ({exc.strerror})"]) from None
    results = run(scenario, seeds=args.seeds, years=args.years, workers=args.workers)
    written = results.save(out, lang=args.lang)
    print(format_summary(results.summary()))
    print(f"\nWrote {len(written)} files to {out}/: " + ", ".join(p.name for p in written))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "validate":
            return cmd_validate(args)
        return cmd_run(args)
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
