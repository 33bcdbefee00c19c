"""The ``sweep`` command: a sweep file's runs into a durable run store, resumable, on a local
process pool or a Dask cluster."""

from __future__ import annotations

import argparse
from contextlib import ExitStack
from pathlib import Path

from ..present.progress import ProgressBar, progress_enabled
from ..results import OutputError
from ..sweeps.cluster import dask_executor
from ..sweeps.design import expected_points
from ..sweeps.execute import open_store, pending_jobs
from ..sweeps.execute import sweep as run_sweep
from ..sweeps.spec import load_sweep
from ..sweeps.store import STORE
from .common import add_workers, say, workers_for, workers_problems


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """The ``sweep`` command's options."""
    sp = sub.add_parser("sweep", help="run a sweep file into a durable, resumable run store")
    sp.add_argument("sweep", help="sweep TOML file (see sweeps/)")
    sp.add_argument("--out", required=True, help="folder of the run store (DIR/runs.sqlite)")
    sp.add_argument("--resume", action="store_true", help="continue the sweep in --out: run only what is missing")
    add_workers(sp, more="; with --scheduler local, the cluster's workers")
    sp.add_argument("--scheduler", default=None, metavar="ADDRESS|local",
                    help="run on a Dask distributed cluster: 'local' starts one on 127.0.0.1, or give the "
                         "scheduler's address, e.g. tcp://10.0.0.5:8786 (needs the [distributed] extra)")
    sp.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="print nothing but errors")


def cmd_sweep(args: argparse.Namespace) -> int:
    problems = []
    problems += workers_problems(args)
    if not args.out.strip():
        problems.append("--out: give a folder name")
    elif Path(args.out).exists() and not Path(args.out).is_dir():
        problems.append(f"--out: '{args.out}' is a file, not a folder")
    if problems:
        raise OutputError(problems)
    spec = load_sweep(args.sweep)
    total = expected_points(spec) * spec.design.seeds_per_point
    with ExitStack() as stack:
        executor, workers = None, None
        if args.scheduler:  # reached (or started) before the store is made, so that a failure leaves nothing
            local_workers = workers_for(args) if args.scheduler == "local" else None
            executor = stack.enter_context(dask_executor(args.scheduler, local_workers))
        else:
            workers = workers_for(args)
        store = open_store(spec, args.out, args.resume)  # checked (and locked) before anything runs
        if args.resume and store.created:
            say(args, f"--resume: no sweep in {args.out} yet; starting it", err=True)
        already = len(store.recorded())
        missing = len(pending_jobs(spec, store))
        store.close()
        args.kept = f"the runs done are kept in {args.out}; continue with --resume"
        what = f"{spec.design.method}, {expected_points(spec)} points × {spec.design.seeds_per_point} seeds"
        say(args, f"{spec.source}: {total} runs ({what}, {spec.base.time.years} years of {spec.base.name})"
                  + (f"; {already} recorded, {missing} to run" if already else ""))
        bar = stack.enter_context(ProgressBar(missing, "runs", enabled=progress_enabled(getattr(args, "quiet", False))))
        frame = run_sweep(spec, args.out, executor=executor, workers=workers, resume=True, progress=bar)
    failed = int((frame["status"] == "failed").sum())
    say(args, f"{len(frame)} of {total} runs recorded in {Path(args.out) / STORE}"
              + (f"; {failed} failed (their errors are in the store: centrumsim export {args.out} ...)"
                 if failed else ""))
    if failed:
        first = frame.loc[frame["status"] == "failed", "error"].iloc[0]
        say(args, f"first failure: {first}", err=True)
    return 0


COMMANDS = {"sweep": cmd_sweep}
