"""The ``patterns`` command: a history file's patterns checked over a block of seeds."""

from __future__ import annotations

import argparse

from ..present.language import LANGS
from ..present.study_text import format_knockouts, format_patterns
from ..scenario import ScenarioError
from ..validation import judge, judge_knockout, load_history, run_history
from .common import add_workers, parse_overrides, progress_bar, say, workers_for, workers_problems


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """The ``patterns`` command's options."""
    sp = sub.add_parser("patterns", help="check a history file's patterns; exit 1 when one fails")
    sp.add_argument("history", help="history TOML file, e.g. histories/klockaretorpet.toml")
    sp.add_argument("--seeds", type=int, default=None, help="number of seeds (default: the held-out block's)")
    sp.add_argument("--first-seed", type=int, default=None,
                    help="the block's first seed (default: the history file's held-out block)")
    sp.add_argument("--block", choices=("held_out", "calibration", "ci"), default="held_out",
                    help="a block the history file names (default held_out); --first-seed overrides it")
    sp.add_argument("--rule", choices=("share", "binomial"), default=None,
                    help="share: pass at the need as a share (default); binomial: fail only when significantly "
                         "below it (default for --block ci)")
    sp.add_argument("--knockouts", action="store_true",
                    help="run each pattern with its knock-out instead: exit 0 when every knock-out makes its "
                         "pattern fail")
    add_workers(sp)
    sp.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                    help="override a value in every scenario of the history (repeatable)")
    sp.add_argument("--lang", choices=LANGS, default="en",
                    help="language of the printed table (default en; names and criteria as the history writes them)")
    sp.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="print nothing but errors")


def cmd_patterns(args: argparse.Namespace) -> int:
    problems = []
    if args.seeds is not None and not 1 <= args.seeds <= 100_000:
        problems.append(f"--seeds: must be in 1..100000 (got {args.seeds})")
    if args.first_seed is not None and args.first_seed < 0:
        problems.append(f"--first-seed: must be >= 0 (got {args.first_seed})")
    problems += workers_problems(args)
    try:
        overrides = parse_overrides(args.overrides)
        history = load_history(args.history).with_overrides(overrides)
    except ScenarioError as exc:
        raise ScenarioError(problems + exc.lines) from None
    if problems:
        raise ScenarioError(problems)
    block = history.seeds.block(args.block)
    first = block.start if args.first_seed is None else args.first_seed
    seeds = range(first, first + (args.seeds or len(block)))
    rule = args.rule or ("binomial" if args.block == "ci" else "share")
    workers = workers_for(args)
    if args.knockouts:
        return _knockouts(args, history, seeds, workers)
    with progress_bar(args, len(history.scenarios) * len(seeds), "patterns") as bar:
        results = run_history(history, seeds, workers, bar)
    rows = judge(history, results, rule)
    say(args, format_patterns(history, rows, seeds, args.lang))
    return 0 if all(r.passed for r in rows) else 1


def _knockouts(args: argparse.Namespace, history, seeds: range, workers: int) -> int:
    """Each pattern with its knock-out: does switching its mechanism off make it fail?"""
    pids = [p for p in history.patterns if p in history.knockouts]
    total = sum(len(history.patterns[p].scenarios()) for p in pids) * len(seeds)
    judged = []
    with progress_bar(args, total, "knock-outs") as bar:
        for pid in pids:
            judged.append((pid, judge_knockout(history, pid, seeds, workers, bar), history.knockouts[pid]))
    missing = [p for p in history.patterns if p not in history.knockouts]
    say(args, format_knockouts(history, seeds, judged, missing, args.lang))
    return 0 if all(not r.passed for _, r, _ in judged) and not missing else 1


COMMANDS = {"patterns": cmd_patterns}
