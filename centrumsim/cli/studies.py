"""The commands that read a sweep's run store: ``export``, ``sensitivity`` and ``discover``.

``export DIR --to PATH [--format csv|parquet] [--series]`` writes the runs as one table;
``sensitivity DIR --outcome KEY [--method sobol|morris]`` the Sobol or Morris indices (table,
CSV, bar plot, and a heatmap of the mean outcome over the two most influential parameters);
``discover DIR --outcome KEY --threshold X [--above|--below]`` PRIM's box (table, CSV,
peeling-trajectory plot). The analyses write into a folder with a manifest (by
default inside DIR); all read the store without locking it, so they may run beside the sweep.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
from typing import Any

from ..present.language import LANGS
from ..present.study_text import format_box, format_sensitivity
from ..present.textreport import wrote
from ..results import OutputError, OutputFolder, jsonable
from ..results.writing import FORMATS, RUN_FORMATS, Format, format_problem, write_table
from ..sweeps.discovery import discover_store
from ..sweeps.export import export
from ..sweeps.points import open_sweep, point_outcomes
from ..sweeps.sensitivity import METHODS, analyse_store
from ..sweeps.store import RunStore
from .common import done, say


def table_format(value: str, allowed: tuple[Format, ...] = FORMATS) -> str:
    """``--format``: csv or parquet (or one of ``allowed``), each only with its library installed
    (checked before any run)."""
    problem = format_problem(value, allowed)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return value


def run_format(value: str) -> str:
    """``run --format``: csv, parquet or xlsx (:data:`~centrumsim.results.writing.RUN_FORMATS`)."""
    return table_format(value, RUN_FORMATS)


def _analysis_out(sp: argparse.ArgumentParser, default: str) -> None:
    sp.add_argument("--lang", choices=LANGS, default="en",
                    help="language of the plots and the printed table (default en)")
    sp.add_argument("--out", default=None, help=f"output folder (default DIR/{default}-<outcome>)")
    sp.add_argument("--overwrite", action="store_true", help="replace an earlier result in --out")
    sp.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="print nothing but errors")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """The options of ``export``, ``sensitivity`` and ``discover``."""
    ex = sub.add_parser("export", help="a sweep's runs as one CSV or Parquet table (one row per run)")
    ex.add_argument("dir", metavar="DIR", help="the sweep's folder (its --out)")
    ex.add_argument("--to", required=True, metavar="PATH", help="the file to write, e.g. runs.csv or runs.parquet")
    ex.add_argument("--format", type=table_format, default=None, metavar="csv|parquet",
                    help="table format (default: from PATH's suffix, else csv)")
    ex.add_argument("--series", action="store_true",
                    help="also the kept monthly series, beside PATH with a _series suffix (runs_series.csv)")
    ex.add_argument("--overwrite", action="store_true", help="replace PATH (and its _series file) if it exists")
    ex.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="print nothing but errors")

    se = sub.add_parser("sensitivity", help="Sobol or Morris sensitivity indices of one outcome of a sweep")
    se.add_argument("dir", metavar="DIR", help="the sweep's folder (a sobol or morris design)")
    se.add_argument("--outcome", required=True, metavar="KEY", help="one of the sweep's outcomes (a summary path)")
    se.add_argument("--method", choices=METHODS, default=None, help="default: the sweep's design method")
    _analysis_out(se, "sensitivity")

    di = sub.add_parser("discover", help="PRIM: the parameter ranges where an outcome stays above/below a threshold")
    di.add_argument("dir", metavar="DIR", help="the sweep's folder")
    di.add_argument("--outcome", required=True, metavar="KEY", help="one of the sweep's outcomes (a summary path)")
    di.add_argument("--threshold", required=True, type=float, metavar="X",
                    help="in the outcome's units (negative values as they are: --threshold -1e6)")
    side = di.add_mutually_exclusive_group()
    side.add_argument("--above", dest="above", action="store_true", default=True,
                      help="points of interest: mean outcome > X (default)")
    side.add_argument("--below", dest="above", action="store_false", help="points of interest: mean outcome < X")
    di.add_argument("--min-density", type=float, default=0.8,
                    help="the density a reported box must reach (PRIM's threshold; default 0.8)")
    di.add_argument("--mass-min", type=float, default=0.05,
                    help="peel no further than this share of the points (default 0.05)")
    di.add_argument("--box", type=int, default=None, help="report this box of the peeling trajectory instead")
    _analysis_out(di, "discover")


def cmd_export(args: argparse.Namespace) -> int:
    written = export(args.dir, args.to, args.format, series=args.series, overwrite=args.overwrite)
    with RunStore.open(args.dir) as store:
        meta, counts = store.meta(), store.counts()
    planned = int(meta.get("points", 0)) * int(meta.get("seeds_per_point", 1))
    recorded = sum(counts.values())
    state = (f"{recorded} of {planned} planned runs"
             + (f", {counts.get('failed', 0)} failed" if counts.get("failed") else "")
             + ("" if recorded >= planned else " — the sweep is not complete (still running, or resume it)"))
    say(args, "Wrote " + " and ".join(str(p) for p in written) + f" ({state})")
    return 0


def _identity(ident: dict[str, Any]) -> dict[str, Any]:
    """An analysis' identity with its ``run_id`` (a short hash of it, as a run's)."""
    key = jsonable({k: v for k, v in ident.items() if k != "scenario_file"})
    return {**ident, "run_id": hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]}


def _target(args: argparse.Namespace, default: str) -> Path:
    """The analysis' output folder (``--out``, or DIR/<default>-<outcome>), checked — after the
    sweep folder, before anything is computed."""
    open_sweep(args.dir).close()
    safe = args.outcome.replace("/", "_").replace("\\", "_")
    target = Path(args.out) if args.out else Path(args.dir) / f"{default}-{safe}"
    problems = OutputFolder.precheck(target, args.overwrite)
    if problems:
        raise OutputError(problems)
    return target


def cmd_sensitivity(args: argparse.Namespace) -> int:
    sens, ident = analyse_store(args.dir, args.outcome, args.method)  # a wrong method or outcome first
    target = _target(args, "sensitivity")
    ident = _identity(ident)
    from ..present.style import figure_png  # drawn: the plotting library is imported here
    from ..present.sweep_plots import plot_sensitivity, plot_sweep_heatmap

    with OutputFolder(target, overwrite=args.overwrite) as folder:
        write_table(folder, "sensitivity", sens.table.assign(method=sens.method, outcome=sens.outcome,
                                                             samples=sens.samples), ident["run_id"], lang=args.lang)
        folder.write_bytes("sensitivity.png", figure_png(plot_sensitivity(sens, lang=args.lang), ident))
        names = ["sensitivity.csv", "sensitivity.png"]
        if len(sens.table) >= 2:  # the mean outcome over the two parameters that matter most
            with open_sweep(args.dir) as store:
                points = point_outcomes(store, args.outcome)
            x, y = list(sens.table["parameter"][:2])
            folder.write_bytes("heatmap.png", figure_png(plot_sweep_heatmap(points, x, y, lang=args.lang), ident))
            names.append("heatmap.png")
        target = done(args, folder.commit(ident, "sensitivity"))
    for line in sens.warnings:
        say(args, line, err=True)
    say(args, format_sensitivity(sens, args.lang))
    say(args, "\n" + wrote([*names, "manifest.json"], target, args.lang))
    return 0


def cmd_discover(args: argparse.Namespace) -> int:
    target = _target(args, "discover")
    with OutputFolder(target, overwrite=args.overwrite) as folder:  # locked and proved writable before PRIM runs
        disc, ident = discover_store(args.dir, args.outcome, args.threshold, args.above, args.min_density,
                                     args.mass_min, args.box)
        ident = _identity(ident)
        from ..present.style import figure_png  # drawn: the plotting library is imported here
        from ..present.sweep_plots import plot_peeling

        write_table(folder, "box", disc.limits, ident["run_id"], lang=args.lang)
        write_table(folder, "peeling_trajectory", disc.trajectory.assign(chosen=disc.trajectory["box"] == disc.chosen),
                    ident["run_id"], lang=args.lang)
        peeling = plot_peeling(disc, args.outcome, args.threshold, args.above, lang=args.lang)
        folder.write_bytes("peeling_trajectory.png", figure_png(peeling, ident))
        target = done(args, folder.commit(ident, "discover"))
    if ident["left_out"]:
        say(args, f"warning: {ident['left_out']} points have no done run with a value of {args.outcome} "
                    "and were left out", err=True)
    say(args, format_box(disc, args.outcome, args.threshold, args.above, args.lang))
    say(args, "\n" + wrote(["box.csv", "peeling_trajectory.csv", "peeling_trajectory.png", "manifest.json"], target,
                           args.lang))
    return 0


COMMANDS = {"export": cmd_export, "sensitivity": cmd_sensitivity, "discover": cmd_discover}
