"""Sweeps: many runs over a design of scenario parameters, kept in a durable run store.

    import centrumsim
    frame = centrumsim.sweep("sweeps/small.toml", out="runs/small")        # a process pool
    frame = centrumsim.sweep(spec, out="runs/small", executor=client.get_executor())  # Dask

Modules: :mod:`.spec` (sweep files), :mod:`.design` (points and seeds), :mod:`.outcomes` (one
run's compact result), :mod:`.store` (SQLite run store), :mod:`.execute` (running and
resuming), :mod:`.export` (Parquet and CSV), :mod:`.sensitivity` (SALib), :mod:`.discovery`
(PRIM), :mod:`.cluster` (Dask).
"""

from __future__ import annotations

from concurrent.futures import Executor
from pathlib import Path

import pandas as pd

from ..analysis.bars import ProgressArg
from .execute import sweep as _sweep
from .spec import SweepSpec, load_sweep
from .store import RunStore

__all__ = ["RunStore", "SweepSpec", "load_sweep", "sweep"]


def sweep(spec: SweepSpec | str | Path, out: str | Path, executor: Executor | None = None,
          workers: int | None = None, resume: bool = False,
          progress: ProgressArg = None) -> pd.DataFrame:
    """Run a sweep (a :class:`SweepSpec` or a sweep file) into the run store in ``out`` and
    return its tidy DataFrame, one row per run. See :func:`.execute.sweep`."""
    if not isinstance(spec, SweepSpec):
        spec = load_sweep(spec)
    return _sweep(spec, out, executor=executor, workers=workers, resume=resume, progress=progress)

