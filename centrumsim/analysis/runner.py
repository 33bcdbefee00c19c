"""Running replications: one run is a pure function of (scenario, seed); many run in a process
pool whose workers end with their parent.

``run(scenario, seeds=20)`` runs seeds 0…19 of a scenario and returns :class:`Results`;
``run_variants`` runs several scenarios over the same seeds (common random numbers). The results
are the same for any number of workers.

Each of them takes ``progress`` (:mod:`.bars`): None (the default) shows a bar in a notebook
and nothing elsewhere, True or False one or none, and a callback (:data:`Progress`) is called
in the parent process once per finished run, as each run finishes, with ``True`` when the run
failed (its exception is then raised). The command line's bar
(:class:`centrumsim.present.progress.ProgressBar`) is one.
"""

from __future__ import annotations

import gc
import multiprocessing
import numbers
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..model import CentreModel, RunOutput
from ..model.inputs import check_seed, scenario_of
from ..results import Results
from ..scenario import Scenario
from .bars import Progress, ProgressArg, reporting


def cpu_count() -> int:
    """CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


WORKERS_ENV = "CENTRUMSIM_WORKERS"
"""The environment variable that sets how many processes run when none is given (the command
line's ``--workers`` and the Python API's ``workers=None``): on a shared machine, or in a test
suite that already runs on every core."""


def default_workers() -> int:
    """Worker processes when none is given: ``$CENTRUMSIM_WORKERS`` when set, else one per CPU
    (at most the CPU count); ValueError naming the variable when it is not a whole number ≥ 1."""
    given = os.environ.get(WORKERS_ENV, "").strip()
    if not given:
        return cpu_count()
    if not given.isdigit() or int(given) < 1:
        raise ValueError(f"${WORKERS_ENV}: must be a whole number >= 1 (got {given!r})")
    return min(int(given), cpu_count())


def check_workers(workers: Any) -> int:
    """Worker processes: a whole number ≥ 1 (None: :func:`default_workers`), capped at the CPU
    count."""
    if workers is None:
        return default_workers()
    if isinstance(workers, bool) or not isinstance(workers, numbers.Integral):
        raise TypeError(f"workers must be a whole number (got {workers!r})")
    if workers < 1:
        raise ValueError(f"workers must be >= 1 (got {workers})")
    return min(int(workers), cpu_count())


MAX_RUNS = 1_000_000
"""Runs in one call at most (a sweep with a run store is for more)."""


def seed_list(seeds: Any) -> list[int]:
    """A count N (→ seeds 0…N−1) or distinct non-negative integer seeds in order (a list, a
    tuple, a range, an array), as a list of ints."""
    if isinstance(seeds, bool):
        raise TypeError(f"seeds must be a count or a list of seeds (got {seeds!r})")
    if isinstance(seeds, numbers.Integral):
        if not 1 <= int(seeds) <= MAX_RUNS:
            raise ValueError(f"seeds must be in 1..{MAX_RUNS} (got {seeds})")
        return list(range(int(seeds)))
    if isinstance(seeds, (str, bytes, Mapping, set, frozenset)) or not isinstance(seeds, Iterable):
        raise TypeError(f"seeds must be a count or a list of seeds (got {seeds!r})")
    out = []
    for s in seeds:
        out.append(check_seed(s, "each seed"))
        if len(out) > MAX_RUNS:
            raise ValueError(f"seeds: at most {MAX_RUNS} in one call")
    if not out:
        raise ValueError("seeds: give at least one seed")
    if len(set(out)) != len(out):
        twice = sorted({s for s in out if out.count(s) > 1})[:5]
        raise ValueError(f"seeds must be distinct (given more than once: {twice})")
    return out


def run_one(scenario: Scenario, seed: int) -> RunOutput:
    """Run one seed of ``scenario`` to its horizon and return the compact output. ``seed`` is a
    non-negative whole number: a run is a pure function of (scenario, seed), so none is drawn
    here (TypeError for None, ValueError for a negative one)."""
    return CentreModel(scenario, rng=check_seed(seed, "seed")).run()


def _run_job(job: tuple[Scenario, int]) -> RunOutput:
    return run_one(*job)


def run(
    scenario: Scenario | str | Path,
    seeds: int | Iterable[int] = 20,
    years: int | None = None,
    overrides: Mapping[str, Any] | None = None,
    workers: int | Workers | None = None,
    progress: ProgressArg = None,
) -> Results:
    """Run ``scenario`` (a file or a :class:`Scenario`) over ``seeds`` (a count → seeds
    0…N−1, or explicit distinct seeds).

    ``years`` and ``overrides`` change the scenario first (validated like the file); both
    giving the horizon (``overrides["time.years"]``) is a ValueError unless they agree.
    ``workers``: how many processes run the seeds (None, the default: one per CPU, as the
    command line, or ``$CENTRUMSIM_WORKERS``; 1 runs them here, one after another), or a
    :class:`Workers` whose processes are kept between calls; the results are the same either way. Raises
    ScenarioError for bad scenario input, TypeError or ValueError for bad arguments.
    ``progress`` (optional) is called once per finished run (see :data:`Progress`).
    """
    sc, seed_values, workers = checked(scenario, seeds, years, overrides, workers)
    return Results(sc, run_many([(sc, s) for s in seed_values], workers, progress))


def checked(scenario: Scenario | str | Path, seeds: Any, years: int | None, overrides: Mapping[str, Any] | None,
            workers: Any) -> tuple[Scenario, list[int], int | Workers]:
    """The arguments of a run checked, in this order: the seeds, the workers (a count, or a
    :class:`Workers` as it is), the scenario with its overrides and horizon (:func:`seed_list`,
    :func:`check_workers`, :func:`prepared`)."""
    seed_values = seed_list(seeds)
    workers = workers if isinstance(workers, Workers) else check_workers(workers)
    return prepared(scenario, years, overrides), seed_values, workers


def prepared(scenario: Scenario | str | Path, years: int | None, overrides: Mapping[str, Any] | None) -> Scenario:
    """The scenario a run runs: loaded (a file) or taken, with ``overrides`` and the horizon
    ``years`` (TypeError, ValueError when they are not a whole number or disagree)."""
    if years is not None and (isinstance(years, bool) or not isinstance(years, numbers.Integral)):
        raise TypeError(f"years must be a whole number (got {years!r})")
    if years is not None and overrides and "time.years" in overrides and overrides["time.years"] != years:
        raise ValueError(f"years={years} and overrides['time.years']={overrides['time.years']!r} disagree; give one")
    sc = scenario_of(scenario, overrides)
    return sc.with_years(int(years)) if years is not None else sc


Finished = Callable[[int, RunOutput], None]
"""Told each run's output as it finishes: the job's index and the output (before ``progress``)."""


def run_many(
    jobs: list[tuple[Scenario, int]], workers: int | Workers | None = None, progress: ProgressArg = None,
    finished: Finished | None = None,
) -> list[RunOutput]:
    """Run (scenario, seed) jobs, in parallel processes when ``workers`` > 1 (a pool for this
    call) or in a :class:`Workers`' processes; same order out.

    ``progress`` (optional) is called in this process once per run as it finishes (in the order
    they finish), with True for a run that failed; the first failure then ends the call with
    that run's exception. ``finished`` (optional) is told each output as it arrives (a page that
    shows results as runs finish). Raises :class:`WorkerError` when a worker process dies."""
    with reporting(progress, len(jobs)) as report:
        if isinstance(workers, Workers):
            return workers.run(jobs, report, finished)
        return _run_jobs(jobs, min(check_workers(workers), len(jobs)), report, finished)


def _run_jobs(jobs: list[tuple[Scenario, int]], workers: int, report: Progress,
              finished: Finished | None) -> list[RunOutput]:
    if workers > 1:
        with worker_pool(workers) as pool:
            futures = {pool.submit(_run_job, job): i for i, job in enumerate(jobs)}
            return _collect(futures, report, finished)
    out = []
    for i, (sc, seed) in enumerate(jobs):
        try:
            out.append(run_one(sc, seed))
        except Exception:
            report(True)
            raise
        if finished is not None:
            finished(i, out[-1])
        report(False)
    return out


def _collect(futures: dict[Future, int], report: Progress, finished: Finished | None = None) -> list[RunOutput]:
    """The futures' results in job order, reporting each as it arrives."""
    out: list[Any] = [None] * len(futures)
    for future in as_completed(futures):
        try:
            out[futures[future]] = future.result()
        except BrokenProcessPool:
            report(True)
            raise WorkerError("a worker process died before it finished its run (was it killed, "
                              "or out of memory?)") from None
        except Exception:
            report(True)
            raise
        if finished is not None:
            finished(futures[future], out[futures[future]])
        report(False)
    return out


def run_variants(
    variants: Mapping[Any, Scenario], seeds: int | Iterable[int], workers: int | Workers | None = None,
    progress: ProgressArg = None,
) -> dict[Any, Results]:
    """Several scenarios over the same seeds (common random numbers), one pool for all;
    ``progress`` (optional) is called once per finished run (see :data:`Progress`)."""
    seed_values = seed_list(seeds)
    jobs = [(sc, s) for sc in variants.values() for s in seed_values]
    outputs = run_many(jobs, workers, progress)
    n = len(seed_values)
    return {name: Results(sc, outputs[i * n:(i + 1) * n]) for i, (name, sc) in enumerate(variants.items())}


# ---------------------------------------------------------------------- the process pool
class WorkerError(RuntimeError):
    """A worker process died before it returned its run (killed, or out of memory)."""


def start_method() -> str:
    """How a pool's workers start: forked where the platform can and this process runs no other
    thread (cheap: they inherit the loaded model, and need no ``if __name__ == "__main__"``
    guard); else from a fork server, else spawned. A notebook's kernel and a test runner have
    threads, which a fork copies in whatever state they are (Python 3.12+ warns of deadlocks)."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


@contextmanager
def worker_pool(processes: int) -> Iterator[ProcessPoolExecutor]:
    """A process pool (a ``concurrent.futures`` executor) whose workers ignore Ctrl-C (the
    parent handles it), end when the parent dies, and are terminated when the ``with`` block
    ends with an exception. Started as :func:`start_method` says."""
    method = start_method()
    # a fork server's workers are its children, not ours: they watch this process's pid instead
    pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context(method), initializer=_worker_started,
                               initargs=(os.getpid(), method != "forkserver"))
    try:
        yield pool
    except BaseException:
        _end_workers(pool)
        raise
    else:
        pool.shutdown(wait=True)


class Workers:
    """Worker processes kept between calls, for a program that runs again and again (the page):
    pass one as ``workers`` to :func:`run`, :func:`run_many`, :func:`run_variants` or
    :func:`.uncertainty.run`. Its processes import the model once and then take run after run.
    They are started from a fork server where the platform has one — the caller may have
    threads (a web server does), which a plain fork copies in whatever state they are — else
    spawned, and they end with this process. A call that fails or is superseded (its
    ``progress`` raises) cancels its runs that have not started; the processes stay, unless one
    died, when the next call starts new ones. ``close()`` (or the end of a ``with`` block) ends
    them."""

    def __init__(self, processes: int | None = None):
        """``processes``: how many (None: one per CPU; at most one per CPU)."""
        self.processes = check_workers(processes)
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the processes now, each loading the model, without waiting for them (else the
        first call starts them)."""
        pool = self._executor()
        for _ in range(self.processes):
            pool.submit(_ready)

    def run(self, jobs: list[tuple[Scenario, int]], report: Progress,
            finished: Finished | None = None) -> list[RunOutput]:
        """The jobs' outputs in job order (:func:`run_many`)."""
        pool = self._executor()
        futures = {pool.submit(_run_job, job): i for i, job in enumerate(jobs)}
        try:
            return _collect(futures, report, finished)
        except BaseException as exc:
            for future in futures:
                future.cancel()
            if isinstance(exc, WorkerError):
                self._discard(pool)
            raise

    def close(self) -> None:
        """End the processes (runs not started are cancelled; a run under way is waited for)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                methods = multiprocessing.get_all_start_methods()
                ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
                self._pool = ProcessPoolExecutor(self.processes, mp_context=ctx, initializer=_worker_started,
                                                 initargs=(os.getpid(), False))
            return self._pool

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        """Forget a broken pool (a worker died): the next call starts a new one."""
        with self._lock:
            if self._pool is pool:
                self._pool = None
        _end_workers(pool)


def _ready() -> None:
    """A worker's first job: nothing beyond loading this module, and with it the model."""


def _end_workers(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: cancel what has not started and terminate the workers."""
    workers = list((getattr(pool, "_processes", None) or {}).values())  # no public API before 3.14
    pool.shutdown(wait=False, cancel_futures=True)
    for w in workers:
        if w.is_alive():
            w.terminate()
    for w in workers:
        w.join(timeout=5)


def _worker_started(parent: int, child: bool = True) -> None:
    """A worker's set-up: it ends with the process ``parent`` (``child``: its parent; else the
    program whose fork server started it — the fork server lives as long as its workers)."""
    gc.freeze()  # what the worker inherits is never garbage: collections then only look at its own runs
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent decides
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the command's handler, inherited by fork
    if child:
        _end_with(parent)
    else:
        _watch(lambda: _alive(parent))


def _end_with(parent: int) -> None:
    """End this process when ``parent`` dies: on Linux the kernel sends SIGTERM; everywhere a
    watchdog thread checks twice a second."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except Exception:  # noqa: BLE001  # pragma: no cover - whatever an unusual libc does, the watchdog still works
            pass
    _watch(lambda: os.getppid() == parent)


def _watch(parent_alive: Callable[[], bool]) -> None:
    """End this process as soon as ``parent_alive()`` is false: now, and then twice a second."""
    if not parent_alive():  # the parent died before the watch began
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if not parent_alive():
                os._exit(1)

    threading.Thread(target=watch, daemon=True, name="centrumsim-parent-watch").start()


def _alive(pid: int) -> bool:
    """Is process ``pid`` alive (a zombie is not)?"""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - another user's process of that number
        return True
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except OSError:  # no /proc: the signal's answer
        return True
