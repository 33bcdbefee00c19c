"""A sweep's points with one outcome each, read from its run store: what sensitivity analysis
and scenario discovery start from.

A point's outcome is the mean over its replicates that are ``done`` and have a value (a failed
run, or an outcome a run could not compute, counts as missing); the parameters are the point's
overrides in the sweep file's order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..results import OutputError
from ..scenario import suggest
from .store import RunStore

IDENTITY_KEYS = ("sweep", "sweep_sha256", "scenario", "scenario_file", "scenario_sha256", "version")
"""The keys of a store's meta that identify the sweep (see :meth:`SweepSpec.identity`)."""


def sweep_identity(meta: Mapping[str, Any]) -> dict[str, Any]:
    """The sweep's identity from a store's meta."""
    return {k: meta.get(k) for k in IDENTITY_KEYS}


def open_sweep(folder: str | Path) -> RunStore:
    """The run store in the sweep folder ``folder``, read-only; :class:`OutputError` (one line)
    when ``folder`` is not a folder or holds no store."""
    path = Path(folder)
    if not path.exists():
        raise OutputError([f"{folder}: no such folder (give the --out folder of a sweep)"])
    if not path.is_dir():
        raise OutputError([f"{folder}: not a folder (give the --out folder of a sweep)"])
    return RunStore.open(path)


def check_outcome(meta: Mapping[str, Any], outcome: str, option: str = "--outcome") -> None:
    """Refuse an outcome the sweep did not keep (with "did you mean")."""
    kept = list(meta.get("outcomes", []))
    if outcome not in kept:
        hint = suggest(outcome, kept) or f" (it kept {', '.join(kept)})"
        raise OutputError([f"{option}: {outcome!r} is not an outcome of this sweep{hint}"])


@dataclass(frozen=True)
class Points:
    """Every point of a sweep with one outcome: ``x`` the parameter values (one row per point,
    indexed by point, columns the dotted keys in file order), ``y`` the mean outcome over the
    point's done replicates (NaN where there is none), ``runs`` how many replicates that mean
    is over."""

    x: pd.DataFrame
    y: np.ndarray
    runs: np.ndarray
    outcome: str

    @property
    def missing(self) -> int:
        """Points without a value."""
        return int(np.isnan(self.y).sum())


def point_outcomes(store: RunStore, outcome: str) -> Points:
    """The sweep's points and the mean of ``outcome`` at each (see :class:`Points`)."""
    meta = store.meta()
    check_outcome(meta, outcome)
    names = list(meta["parameters"])
    overrides = store.point_overrides()
    points = sorted(overrides)
    x = pd.DataFrame([[overrides[p].get(n) for n in names] for p in points], index=pd.Index(points, name="point"),
                     columns=names)
    for name in names:
        col = x[name]
        whole = len(col) and col.map(lambda v: isinstance(v, int) and not isinstance(v, bool)).all()
        x[name] = col.astype("int64" if whole else "float64")
    sums = pd.Series(0.0, index=x.index)
    counts = pd.Series(0, index=x.index)
    for point, _, value in store.iter_done(outcome):
        if np.isfinite(value):
            sums[point] += value
            counts[point] += 1
    y = np.where(counts > 0, sums / counts.where(counts > 0, 1), np.nan)
    return Points(x, y.astype("float64"), counts.to_numpy(), outcome)
