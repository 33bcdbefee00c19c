"""What every command shares: the option parser that fails in one line, printing unless quiet,
a progress bar unless quiet, the scenario and output folder checked before anything runs, and
the worker count."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from ..analysis.runner import MAX_RUNS, WORKERS_ENV, check_workers, cpu_count, default_workers
from ..analysis.uncertainty import REPLICATES
from ..present.progress import ProgressBar, progress_enabled
from ..results import FolderTaken, OutputError, OutputFolder
from ..scenario import Scenario, ScenarioError, TimeSection, load_scenario, parse_override
from ..scenario.controls import visible

EXIT_BAD_INPUT = 2
MAX_LINES = 100  # problems printed at most (the rest are counted)
_YEARS = {f.name: f.metadata for f in TimeSection.__dataclass_fields__.values()}["years"]


class Parser(argparse.ArgumentParser):
    """argparse, but a bad option is one line (``centrumsim run: --seeds: …``), exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, visible(f"{self.prog}: {message} (see {self.prog} --help)") + "\n")


class Terminated(SystemExit):
    """SIGTERM or SIGHUP, turned into an exception so that workers and temporary files are
    cleaned up."""

    code: int  # the exit status: 128 + the signal's number


def drawn(sp: argparse.ArgumentParser, draws: int, fixed_help: str) -> None:
    """The options of a command that draws the assumptions: ``--fixed``, ``--draws``, ``--replicates``."""
    sp.add_argument("--fixed", action="store_true", help=fixed_help)
    sp.add_argument("--draws", type=int, default=draws,
                    help=f"futures drawn over the assumptions (default {draws}), each run --replicates times")
    sp.add_argument("--replicates", type=int, default=REPLICATES,
                    help=f"seeds per drawn future, to measure chance (default {REPLICATES})")


def design_problems(args: argparse.Namespace) -> list[str]:
    """Problems with --draws and --replicates."""
    out = [f"--{name}: must be a whole number >= 2 (got {value})"
           for name, value in (("draws", args.draws), ("replicates", args.replicates)) if value < 2]
    if args.draws * args.replicates > MAX_RUNS:
        out.append(f"--draws × --replicates: at most {MAX_RUNS} runs (got {args.draws * args.replicates})")
    return out


def say(args: argparse.Namespace, text: str, err: bool = False) -> None:
    """Print unless quiet (control characters escaped: what a file or an option gave cannot act
    on the terminal); a standard output that cannot be written (a full disk) is noted."""
    if getattr(args, "quiet", False):
        return
    try:
        print(visible(text, keep_newlines=True), file=sys.stderr if err else sys.stdout, flush=True)
    except BrokenPipeError:
        raise
    except OSError as exc:
        args.output_failed = exc.strerror or str(exc)


def print_problems(lines: list[str]) -> None:
    """Error lines on the standard error, one per problem (at most :data:`MAX_LINES`), each one
    line whatever it quotes: control characters (a newline included) are escaped."""
    shown = lines if len(lines) <= MAX_LINES else [*lines[:MAX_LINES], f"… and {len(lines) - MAX_LINES} more problems"]
    print("\n".join(visible(line) for line in shown), file=sys.stderr)


def progress_bar(args: argparse.Namespace, total: int, label: str) -> ProgressBar:
    """A progress bar of ``total`` runs on the standard error; it writes nothing with ``-q`` or
    when the standard error is not a terminal."""
    return ProgressBar(total, label, enabled=progress_enabled(getattr(args, "quiet", False)))


def parse_overrides(items: Sequence[str]) -> dict[str, Any]:
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


def checked_scenario(args: argparse.Namespace, extra: list[str] | None = None,
                     more: Callable[[Scenario], list[str]] | None = None) -> Scenario:
    """Check the run options, the scenario and the output folder (without touching it), and
    ``more`` — the command's own checks that need the scenario; raises ScenarioError with every
    problem."""
    problems = list(extra or [])
    if not 1 <= args.seeds <= MAX_RUNS:
        problems.append(f"--seeds: must be in 1..{MAX_RUNS} (got {args.seeds})")
    years_ok = args.years is None or _YEARS["min"] <= args.years <= _YEARS["max"]
    if not years_ok:
        problems.append(f"--years: must be in {_YEARS['min']}..{_YEARS['max']} (got {args.years})")
    problems += workers_problems(args)
    if args.out is not None and not args.out.strip():
        problems.append("--out: give a folder name (or leave --out out for a new folder under runs/)")
    elif args.out is not None:
        problems += OutputFolder.precheck(args.out, args.overwrite)
    try:
        overrides = parse_overrides(args.overrides)
        given = overrides.get("time.years", args.years)
        if args.years is not None and not (type(given) is int and given == args.years):
            # two horizons for one run: neither silently wins
            problems.append(f"--set time.years: {_shown(given)} conflicts with --years {args.years}; give one of them")
            overrides.pop("time.years")
        elif args.years is not None and years_ok:
            overrides["time.years"] = args.years
        scenario = load_scenario(args.scenario, overrides)
    except ScenarioError as exc:
        raise ScenarioError(problems + exc.lines) from None
    if more is not None:
        problems += more(scenario)
    if problems:
        raise ScenarioError(problems)
    return scenario


def _shown(value: Any) -> str:
    """An override's value as a message shows it (text quoted)."""
    return repr(value) if isinstance(value, str) else str(value)


def add_workers(parser: argparse.ArgumentParser, more: str = "") -> None:
    """The ``--workers`` option (``more``: what else the help says)."""
    parser.add_argument("--workers", type=int, default=None,
                        help=f"parallel processes (default: ${WORKERS_ENV} if set, else the CPUs, here {cpu_count()}; "
                             f"at most the CPUs){more}")


def workers_problems(args: argparse.Namespace) -> list[str]:
    """What is wrong with ``--workers`` (or, without it, ``$CENTRUMSIM_WORKERS``), one line each."""
    if args.workers is not None:
        return [f"--workers: must be >= 1 (got {args.workers})"] if args.workers < 1 else []
    try:
        default_workers()
    except ValueError as exc:
        return [str(exc)]
    return []


def workers_for(args: argparse.Namespace) -> int:
    workers = check_workers(args.workers)
    if args.workers is not None and workers < args.workers:
        say(args, f"--workers {args.workers}: using {workers}, the CPUs available", err=True)
    return workers


@contextmanager
def output_folder(args: argparse.Namespace, command: str) -> Iterator[OutputFolder]:
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


def done(args: argparse.Namespace, target: Path) -> Path:
    args.written = target
    return target


