"""Running a sweep into its run store: every (point, replicate) not yet recorded, on any
``concurrent.futures`` executor, each result committed as it arrives.

At most a few runs per worker are in flight at once, so memory stays flat however many runs a
sweep has; workers return compact outcomes (:func:`.outcomes.run_job`), never models. A run
that raises is recorded as ``failed`` with its error and the sweep goes on. Resuming runs only
what is missing, with the seeds and overrides the store recorded for each point.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from pathlib import Path
from typing import Any

import pandas as pd

from ..analysis.bars import Progress, ProgressArg, reporting
from ..analysis.runner import WorkerError, check_workers, worker_pool
from ..results import OutputError
from ..version import __version__
from .design import design_matrix, expected_points, overrides_of, run_seed
from .outcomes import Job, collected, run_job
from .spec import SweepSpec
from .store import RunStore

"""Called once per finished run with ``failed``."""

IN_FLIGHT_PER_WORKER = 2


def store_meta(spec: SweepSpec) -> dict[str, Any]:
    """What the store records about the sweep (and checks on resume)."""
    d = spec.design
    return {**spec.identity(), "method": d.method, "seeds_per_point": d.seeds_per_point, "seed": d.seed,
            "parameters": list(spec.names), "outcomes": list(spec.outcomes), "series": list(spec.series),
            "bounds": {n: [spec.parameters[n].min, spec.parameters[n].max] for n in spec.names},
            "second_order": d.second_order, "levels": d.levels, "base_years": spec.base.time.years}


def open_store(spec: SweepSpec, out: str | Path, resume: bool) -> RunStore:
    """The store for ``spec`` in ``out``, locked: a new one (in a new or empty folder), or — with
    ``resume`` — the one there, which must have been made by the same sweep (same content, same
    package version). A folder that holds anything else is refused, with ``resume`` too."""
    out = Path(out)

    def design() -> tuple[dict[str, Any], list[dict[str, Any]]]:
        points = design_matrix(spec)
        if len(points) != expected_points(spec):  # pragma: no cover - a SALib change would show here
            raise RuntimeError(f"design has {len(points)} points, expected {expected_points(spec)}")
        return store_meta(spec), [overrides_of(spec, row) for row in points]

    store = RunStore.prepare(out, design, resume)
    if store.created:
        return store
    meta = store.meta()
    problems = []
    if meta.get("sweep_sha256") != spec.sha256:
        problems.append(f"--resume: '{out}' was made by another sweep ({meta.get('sweep')}, or the same file "
                        "changed since, or its base scenario); resume it with that file or choose another folder")
    elif meta.get("version") != __version__:
        problems.append(f"--resume: '{out}' was made by centrumsim {meta.get('version')}, this is {__version__}; "
                        "its runs would not be comparable")
    if problems:
        store.close()
        raise OutputError(problems)
    return store


def pending_jobs(spec: SweepSpec, store: RunStore) -> list[Job]:
    """The runs the store does not hold yet, point by point."""
    done = store.recorded()
    overrides = store.point_overrides()
    jobs = []
    for point in sorted(overrides):
        for rep in range(spec.design.seeds_per_point):
            if (point, rep) not in done:
                jobs.append(Job(point, rep, run_seed(spec.design.seed, rep), overrides[point], spec.base,
                                spec.outcomes, spec.series))
    return jobs


def execute(jobs: Sequence[Any], store: RunStore, executor: Executor, in_flight: int,
            progress: Progress | None = None, fn: Callable[[Any], dict[str, Any]] = run_job) -> None:
    """Submit ``jobs`` (each with ``point``, ``replicate`` and ``seed``) to ``fn`` with at most
    ``in_flight`` outstanding and record each result as it finishes. ``fn`` returns the plain
    row :func:`.outcomes.run_job` returns, and never raises for a failing run."""
    seeds = {(j.point, j.replicate): j.seed for j in jobs}
    queue: Iterator[Any] = iter(jobs)
    running: set[Future] = set()

    def top_up() -> None:
        for job in queue:
            running.add(executor.submit(collected, fn, job))
            if len(running) >= in_flight:
                break

    top_up()
    while running:
        finished, _ = wait(running, return_when=FIRST_COMPLETED)
        for fut in finished:
            running.discard(fut)
            row = fut.result()
            store.record(row, seeds[(row["point"], row["replicate"])], __version__)
            if progress is not None:
                progress(row["status"] == "failed")
        top_up()


def sweep(spec: SweepSpec, out: str | Path, executor: Executor | None = None, workers: int | None = None,
          resume: bool = False, progress: ProgressArg = None) -> pd.DataFrame:
    """Run the sweep ``spec`` into the run store in ``out`` and return its tidy DataFrame (one
    row per run; see :meth:`RunStore.frame`).

    ``executor``: any ``concurrent.futures`` executor (a Dask ``client.get_executor()``, a
    thread pool, ...), left open; without one, a process pool of ``workers`` (≤ the CPUs)
    whose workers end with their parent. ``resume``: continue the sweep already in ``out``.
    The outcomes are the same for any executor and any number of workers.
    """
    store = open_store(spec, out, resume)
    with store:
        run_jobs(pending_jobs(spec, store), store, executor, workers, progress)
        return store.frame()


def run_jobs(jobs: Sequence[Any], store: RunStore, executor: Executor | None = None, workers: int | None = None,
             progress: ProgressArg = None, fn: Callable[[Any], dict[str, Any]] = run_job) -> None:
    """Run ``jobs`` into ``store`` on ``executor`` or, without one, a process pool of
    ``workers`` whose workers end with their parent (``progress``: :mod:`..analysis.bars`)."""
    if not jobs:
        return
    with reporting(progress, len(jobs)) as report:
        _run_jobs(jobs, store, executor, workers, report, fn)


def _run_jobs(jobs: Sequence[Any], store: RunStore, executor: Executor | None, workers: int | None,
              progress: Progress, fn: Callable[[Any], dict[str, Any]]) -> None:
    if executor is not None:
        execute(jobs, store, executor, IN_FLIGHT_PER_WORKER * max(1, _width(executor)), progress, fn)
        return
    n = min(check_workers(workers), len(jobs))
    with worker_pool(n) as pool:
        try:
            execute(jobs, store, pool, IN_FLIGHT_PER_WORKER * n, progress, fn)
        except Exception as exc:
            if type(exc).__name__ == "BrokenProcessPool":
                raise WorkerError("a worker process died before it finished its run (killed, or "
                                  "out of memory?)") from None
            raise


def _width(executor: Executor) -> int:
    """How many runs an executor can work on at once, as far as it says."""
    for attr in ("_max_workers", "max_workers"):
        n = getattr(executor, attr, None)
        if isinstance(n, int) and n > 0:
            return n
    client = getattr(executor, "_client", None)
    if client is not None:
        try:
            return max(1, sum(client.nthreads().values()))
        except Exception:  # noqa: BLE001  # pragma: no cover - an unreachable scheduler fails on submit anyway
            return 4
    return 4
