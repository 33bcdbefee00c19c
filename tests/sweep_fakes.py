"""Sweeps whose outcomes are known functions: a real sweep file and design (the sweep's own
design_matrix and store), with every run's outcome computed from its point instead of simulated.
So the analyses are tested on the path the command takes, from a run store to the indices."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Callable

import numpy as np

from centrumsim.sweeps import RunStore, load_sweep
from centrumsim.sweeps.design import design_matrix, overrides_of
from centrumsim.sweeps.execute import store_meta
from centrumsim.version import __version__

from .conftest import ROOT

BASE = (ROOT / "scenarios" / "klockaretorpet.toml").as_posix()
OUTCOME = "enterprise.result_sek_per_year"
# three real (not whole-number) scenario keys and bounds valid for them
PARAMETERS = {"units.cafe.price_sek": (40.0, 90.0), "unrest.legitimacy": (0.70, 0.85),
              "footfall.same_kind_dissimilarity": (0.2, 0.9)}


def sweep_spec(tmp_path: Path, method: str, points: int, design: str = "", parameters=None):
    """A sweep file over ``parameters`` (default :data:`PARAMETERS`), loaded and validated."""
    parameters = parameters or PARAMETERS
    params = "".join(f'[parameters."{k}"]\nmin = {lo}\nmax = {hi}\n' for k, (lo, hi) in parameters.items())
    path = tmp_path / f"{method}.toml"
    path.write_text(f'base = "{BASE}"\nyears = 1\n[design]\nmethod = "{method}"\npoints = {points}\n'
                    f'seeds_per_point = 1\nseed = 11\n{design}\n{params}\n'
                    f'[outcomes]\nkeep = ["{OUTCOME}", "centre.visitors_per_day"]\n', encoding="utf-8")
    return load_sweep(path)


def unit_cube(spec, x: np.ndarray) -> np.ndarray:
    """The points scaled to [0, 1] per parameter (by the sweep's bounds)."""
    lo = np.array([spec.parameters[n].min for n in spec.names])
    hi = np.array([spec.parameters[n].max for n in spec.names])
    return (x - lo) / (hi - lo)


def fake_store(folder: Path, spec, f: Callable[[np.ndarray], np.ndarray], replicates: int = 1,
               noise: float = 0.0, fail: set[tuple[int, int]] = frozenset()) -> np.ndarray:
    """A run store for ``spec`` in ``folder`` whose runs' :data:`OUTCOME` is ``f(points)`` (plus
    normal noise of sd ``noise`` per replicate); the runs in ``fail`` (point, replicate) are
    recorded as failed. Returns the design's points."""
    x = design_matrix(spec)
    y = np.asarray(f(x), dtype=float)
    meta = {**store_meta(spec), "seeds_per_point": replicates}
    rng = np.random.default_rng(0)
    with RunStore.create(folder, meta, x, [overrides_of(spec, row) for row in x]) as store:
        for point, value in enumerate(y):
            for rep in range(replicates):
                failed = (point, rep) in fail
                row = {"point": point, "replicate": rep, "status": "failed" if failed else "done",
                       "outcomes": {} if failed else {OUTCOME: value + noise * rng.standard_normal(),
                                                      "centre.visitors_per_day": 500.0},
                       "error": "RuntimeError: made to fail" if failed else None,
                       "scenario_sha256": spec.base.sha256, "seconds": 0.0}
                store.record(row, rep, __version__)
    return x


def store_rows(store_path) -> int:
    """Runs recorded in a run store, read while its sweep may still be writing (0 before it exists)."""
    try:
        with sqlite3.connect(f"file:{store_path}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
