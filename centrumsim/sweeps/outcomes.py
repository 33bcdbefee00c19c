"""What one run of a sweep returns: named numbers from its summary and, when asked, monthly
series — compact plain data, never the model.

A summary path is the dotted path of a number in :meth:`Results.summary` for that one run: a
band (``{p05, median, p95}``) is read at its median (all three are equal for one seed), units
are addressed by name (``units.cafe.contribution_sek_per_year``).
"""

from __future__ import annotations

import gc
import math
import time
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..analysis.runner import run_one
from ..outcomes import MONTH, series_names
from ..results import Results
from ..scenario import Scenario

SERIES = series_names(MONTH)
"""The monthly series a sweep can keep (the columns of :attr:`Results.timeseries`; declared in
:mod:`centrumsim.outcomes`)."""

_BAND = {"p05", "median", "p95"}


def flatten(summary: Mapping[str, Any], prefix: str = "") -> dict[str, float]:
    """Every number in a summary by its dotted path (bands at their median, units by name)."""
    out: dict[str, float] = {}
    for key, value in summary.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping) and set(value) == _BAND:
            value = value["median"]
        if isinstance(value, Mapping):
            out.update(flatten(value, path + "."))
        elif isinstance(value, list) and value and all(isinstance(v, Mapping) and "name" in v for v in value):
            for item in value:
                out.update(flatten({k: v for k, v in item.items() if k != "name"}, f"{path}.{item['name']}."))
        elif isinstance(value, bool):
            out[path] = float(value)
        elif isinstance(value, (int, float)) or value is None:
            out[path] = math.nan if value is None else float(value)
    return out


def failure_text(exc: BaseException) -> str:
    """A failed run's error as recorded: type, message and where it was raised."""
    last = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    where = f" (at {last[0].filename.rsplit('/', 1)[-1]}:{last[0].lineno})" if last else ""
    return f"{type(exc).__name__}: {exc}{where}"


@dataclass(frozen=True)
class Job:
    """One run of a sweep: the point's scenario overrides on the base, its seed, what to keep."""

    point: int
    replicate: int
    seed: int
    overrides: Mapping[str, Any]
    base: Scenario
    keep: tuple[str, ...]
    series: tuple[str, ...] = ()


def run_job(job: Job) -> dict[str, Any]:
    """Run one job and return plain data: ``status`` ``done`` with ``outcomes`` (path → number)
    and ``series`` (name → monthly values), or ``failed`` with the ``error`` text. Never raises
    for a failure of the run itself, so that a sweep records it and goes on."""
    started = time.perf_counter()
    try:
        scenario = job.base.with_overrides(job.overrides)
        output = run_one(scenario, job.seed)
        res = Results(scenario, [output])
        numbers = flatten(res.summary())
        outcomes = {k: numbers.get(k, math.nan) for k in job.keep}
        series: dict[str, list[Any]] = {}
        if job.series:
            frame = res.timeseries
            series = {"month": [str(m) for m in frame["month"]],
                      **{name: [float(v) for v in frame[name]] for name in job.series}}
        return result_row(job, started, scenario.sha256, outcomes, series)
    except Exception as exc:  # noqa: BLE001 - a failing run is data: recorded with its error, the sweep goes on
        return result_row(job, started, job.base.sha256, error=failure_text(exc))


def result_row(job: Any, started: float, scenario_sha256: str, outcomes: Mapping[str, float] | None = None,
               series: Mapping[str, list] | None = None, error: str | None = None) -> dict[str, Any]:
    """The plain row a job returns to the run store: ``done`` with its outcomes (and series), or
    ``failed`` with its ``error``; ``started`` is the job's ``time.perf_counter()`` at its start."""
    return {"point": job.point, "replicate": job.replicate, "status": "failed" if error else "done",
            "outcomes": dict(outcomes or {}), "series": dict(series or {}), "error": error,
            "seconds": time.perf_counter() - started, "scenario_sha256": scenario_sha256}


def collected(fn: Callable[[Any], dict[str, Any]], job: Any) -> dict[str, Any]:
    """Run ``fn(job)`` and then collect garbage: a model is a web of cycles (Mesa's agents and
    their model) that the collector reaches only now and then, so a worker that runs job after
    job collects after each to keep its memory flat."""
    try:
        return fn(job)
    finally:
        gc.collect()
