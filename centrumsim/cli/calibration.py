"""The ``calibrate`` command: history matching in waves over a parameters file, resumable."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..analysis.runner import cpu_count
from ..present.plots import figure_png
from ..present.calibration_plots import plot_pairs
from ..results import OutputError, jsonable
from ..results.writing import write_atomically, write_frame
from ..validation import load_history
from ..validation.matching import calibrate, defaults_inside, held_out_check, kept_ranges, load_parameters
from .common import progress_bar, say, workers_for


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """The ``calibrate`` command's options."""
    sp = sub.add_parser("calibrate", help="history matching in waves: the parameter region that reproduces the history")
    sp.add_argument("history", help="history TOML file, e.g. histories/klockaretorpet.toml")
    sp.add_argument("--parameters", required=True, help="parameters TOML file: ranges and the waves' budget")
    sp.add_argument("--out", required=True, help="folder for the waves' run stores and the results (resumable)")
    sp.add_argument("--waves", type=int, default=2, help="number of waves (default 2)")
    sp.add_argument("--held-out-sets", type=int, default=4,
                    help="parameter sets drawn from the kept region, checked on held-out seeds (default 4; 0: none)")
    sp.add_argument("--held-out-seeds", type=int, default=8, help="held-out seeds per set (default 8)")
    sp.add_argument("--workers", type=int, default=None,
                    help=f"parallel processes (default and most: the CPUs, here {cpu_count()})")
    sp.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="print nothing but errors")


def cmd_calibrate(args: argparse.Namespace) -> int:
    problems = []
    for opt, value, lo in (("--waves", args.waves, 1), ("--held-out-sets", args.held_out_sets, 0),
                           ("--held-out-seeds", args.held_out_seeds, 1)):
        if value < lo:
            problems.append(f"{opt}: must be >= {lo} (got {value})")
    if Path(args.out).exists() and not Path(args.out).is_dir():
        problems.append(f"--out: '{args.out}' is a file, not a folder")
    if problems:
        raise OutputError(problems)
    history = load_history(args.history)
    cal = load_parameters(args.parameters, history)
    workers = workers_for(args)
    args.kept = f"the runs done are kept in {args.out}; run the same command again to go on"
    w = cal.file.waves
    total = args.waves * w.points * min(w.seeds_per_point, history.seeds.calibration_count)
    with progress_bar(args, total, "waves") as bar:
        tables = calibrate(history, cal, args.out, args.waves, workers, progress=bar)
    out = Path(args.out)
    import pandas as pd

    all_points = pd.concat(tables, ignore_index=True)
    ranges = kept_ranges(tables, cal)
    lines = [f"History matching: {history.name}, {len(tables)} wave(s) of {w.points} points × "
             f"{min(w.seeds_per_point, history.seeds.calibration_count)} calibration seeds; cut-off {w.cutoff:g}, "
             f"model discrepancy {w.discrepancy:g} (share of seeds)", ""]
    for t in tables:
        lines.append(f"wave {int(t['wave'].iloc[0])}: {int(t['kept'].sum())} of {len(t)} points not implausible")
    lines += ["", f"{'parameter':44} {'prior':>19}  {'kept after the last wave':>26}  default"]
    last = f"wave_{int(tables[-1]['wave'].iloc[0])}"
    inside = defaults_inside(history, cal, ranges)
    for _, r in ranges.iterrows():
        value, ok = inside[r["parameter"]]
        lines.append(f"{r['parameter']:44} {r['prior_min']:>9.4g} – {r['prior_max']:<7.4g}  "
                     f"{r[last + '_min']:>11.4g} – {r[last + '_max']:<12.4g}  {value:g} "
                     f"({'inside' if ok else 'OUTSIDE'})")
    held = pd.DataFrame()
    if args.held_out_sets:
        with progress_bar(args, args.held_out_sets * len(history.scenarios) * args.held_out_seeds, "held out") as bar:
            held = held_out_check(history, cal, tables[-1], args.held_out_sets, args.held_out_seeds, workers, bar)
        block = list(history.seeds.block("held_out"))[: args.held_out_seeds]
        lines += ["", f"parameter sets from the kept region on held-out seeds {block[0]}–{block[-1]}: "
                      "share of seeds showing each pattern"]
        pids = list(history.patterns)
        lines.append("set  " + "  ".join(f"{p:>5}" for p in pids) + "   passed")
        for i, row in held.iterrows():
            lines.append(f"{i + 1:>3}  " + "  ".join(f"{100 * row[f'share.{p}']:4.0f}%" for p in pids)
                         + f"   {int(row['patterns_passed'])} of {int(row['patterns'])}")
    text = "\n".join(lines)
    ident = jsonable({"history": history.source, "parameters": cal.source, "parameters_sha256": cal.sha256})
    defaults = {n: v for n, (v, _) in inside.items()}
    png = figure_png(plot_pairs(tables[-1], list(cal.names), defaults), ident)
    files = [(out / "waves.csv", lambda fh: write_frame(fh, all_points)),
             (out / "kept_ranges.csv", lambda fh: write_frame(fh, ranges)),
             (out / "calibration.txt", lambda fh: fh.write((text + "\n").encode("utf-8"))),
             (out / "pairs.png", lambda fh: fh.write(png))]
    if not held.empty:
        files.append((out / "held_out.csv", lambda fh: write_frame(fh, held)))
    write_atomically(files, label="--out")
    say(args, text)
    say(args, f"\nWrote waves.csv, kept_ranges.csv, {'held_out.csv, ' if not held.empty else ''}calibration.txt "
              f"and pairs.png to {out}/")
    return 0


COMMANDS = {"calibrate": cmd_calibrate}
