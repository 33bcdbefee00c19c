"""The ``calibrate`` command: history matching in waves over a parameters file, resumable."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..present.language import LANGS
from ..present.study_text import format_calibration
from ..present.textreport import wrote
from ..results import OutputError, jsonable
from ..results.files import OutputFiles
from ..results.manifest import file_record, manifest_record
from ..results.writing import write_frame
from ..validation import History, load_history
from ..validation.matching import (
    OUTPUTS,
    Calibration,
    calibrate,
    calibration_identity,
    check_folder,
    defaults_inside,
    defaults_point,
    held_out_check,
    kept_ranges,
    load_parameters,
)
from .common import add_workers, progress_bar, say, workers_for


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
    add_workers(sp)
    sp.add_argument("--lang", choices=LANGS, default="en",
                    help="language of the printed summary and calibration.txt (default en)")
    sp.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="print nothing but errors")


MAX_WAVES = 100
"""Waves at most: each samples the box the one before kept, which has long stopped shrinking."""


def cmd_calibrate(args: argparse.Namespace) -> int:
    problems = []
    for opt, value, lo, hi in (("--waves", args.waves, 1, MAX_WAVES), ("--held-out-sets", args.held_out_sets, 0, 1000),
                               ("--held-out-seeds", args.held_out_seeds, 1, 100_000)):
        if not lo <= value <= hi:
            problems.append(f"{opt}: must be in {lo}..{hi} (got {value})")
    if problems:
        raise OutputError(problems)
    history = load_history(args.history)
    cal = load_parameters(args.parameters, history)
    out = Path(args.out)
    with OutputFiles([out / name for name in OUTPUTS], overwrite=True, label="--out") as targets:
        check_folder(out)  # with the outputs locked: no other calibration is writing here
        return _calibrate(args, history, cal, targets)


def _calibrate(args: argparse.Namespace, history: History, cal: Calibration, targets: OutputFiles) -> int:
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
    seeds = min(w.seeds_per_point, history.seeds.calibration_count)
    inside = defaults_inside(history, cal, ranges)
    with progress_bar(args, len(history.scenarios) * seeds, "defaults") as bar:
        judged = defaults_point(history, cal, workers, bar)
    held = pd.DataFrame()
    if args.held_out_sets:
        with progress_bar(args, args.held_out_sets * len(history.scenarios) * args.held_out_seeds, "held out") as bar:
            held = held_out_check(history, cal, tables[-1], args.held_out_sets, args.held_out_seeds, workers, bar)
    block = list(history.seeds.block("held_out"))[: args.held_out_seeds]
    text = format_calibration(history, w, seeds, tables, ranges, inside, judged, held, block, args.lang)
    ident = jsonable({**calibration_identity(history, cal), "waves": len(tables),
                      "held_out_sets": args.held_out_sets, "held_out_seeds": args.held_out_seeds})
    sha = ident["calibration_sha256"]
    defaults = {n: v for n, (v, _) in inside.items()}
    from ..present.calibration_plots import plot_pairs  # drawn: the plotting library is imported here
    from ..present.style import figure_png

    png = figure_png(plot_pairs(tables[-1], list(cal.names), defaults, lang=args.lang), ident)
    tagged = {name: frame.assign(calibration_sha256=sha) for name, frame in
              (("waves.csv", all_points), ("kept_ranges.csv", ranges), ("held_out.csv", held)) if not frame.empty}
    contents = {name: _csv_bytes(frame) for name, frame in tagged.items()}
    contents["calibration.txt"] = (text + "\n").encode("utf-8")
    contents["pairs.png"] = png
    manifest = manifest_record({**ident, "run_id": sha[:16]}, "calibrate",
                               [file_record(name, data) for name, data in contents.items()])
    contents["manifest.json"] = json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")
    # an earlier held-out table is not this result's; the old manifest goes first, the new one last
    gone = [out / "manifest.json"] + ([] if "held_out.csv" in contents else [out / "held_out.csv"])
    targets.commit({out / name: data for name, data in contents.items()}, remove=gone)
    say(args, text)
    say(args, "\n" + wrote(list(contents), out, args.lang))
    return 0


def _csv_bytes(frame) -> bytes:
    import io

    buffer = io.BytesIO()
    write_frame(buffer, frame)
    return buffer.getvalue()


COMMANDS = {"calibrate": cmd_calibrate}
