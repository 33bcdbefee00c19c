"""Scenario discovery: the parameter ranges where an outcome stays above (or below) a threshold,
found as a box by PRIM (Friedman & Fisher 1999, the EMA Workbench's implementation, the
optional ``[ema]`` extra).

A point is *of interest* when its mean outcome over its done replicates is above the threshold
(``above``: mean > X) or below it (mean < X); points without a value are left out. PRIM peels
the parameter space step by step (``peel_alpha`` of the points each step) down to ``mass_min``
of them; each box on this *peeling trajectory* has a **coverage** (the share of all points of
interest that lie inside it) and a **density** (the share of the points inside that are of
interest). The box reported is, unless one is asked for by number, the one with the highest
harmonic mean of coverage and density among those whose density reaches ``min_density`` (the
densest when none does): a box that is both pure and catches most of the cases.
"""

from __future__ import annotations

import inspect
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..results import OutputError
from .points import open_sweep, point_outcomes, sweep_identity

EMA_MISSING = 'the EMA Workbench is not installed; pip install -e ".[ema]"'


@dataclass(frozen=True)
class Discovery:
    """The result of PRIM: ``trajectory`` one row per box on the peeling trajectory (box,
    coverage, density, mass — the share of all points inside —, res_dim — how many parameters
    the box restricts —, n points inside, k of interest), ``chosen`` the reported box's number,
    ``limits`` its limits (parameter, lower, upper, restricted, quasi-p values ``qp_lower`` /
    ``qp_upper`` of each restricted side — small: unlikely to be chance), and how many of how
    many points were of interest."""

    trajectory: pd.DataFrame
    chosen: int
    limits: pd.DataFrame
    cases: int
    points: int

    @property
    def coverage(self) -> float:
        return float(self.trajectory.loc[self.chosen, "coverage"])

    @property
    def density(self) -> float:
        return float(self.trajectory.loc[self.chosen, "density"])


def _prim() -> Any:
    try:
        with warnings.catch_warnings():  # ipyparallel, altair: optional parts we do not use
            warnings.simplefilter("ignore")
            from ema_workbench.analysis import prim
    except ImportError:
        raise OutputError([f"discover: {EMA_MISSING}"]) from None
    return prim


def _accept_any_box(prim: Any) -> dict[str, float]:
    """The keyword that makes the workbench keep the box it peeled, whatever its density.

    The EMA Workbench 2.5's ``Prim`` takes a ``threshold`` that does two things: a point is of
    interest when its y reaches it, and a box whose mean stays below it is replaced by the whole
    space. 3.0 removed it (its #418): y is the flag and the box is always kept. Here y is 0 or 1
    and the box is chosen on the whole trajectory (:func:`choose_box`), so 2.5 gets the smallest
    positive threshold: the points of interest are those with y = 1, and every box with one of
    them inside is kept, as in 3.0.
    """
    has_threshold = "threshold" in inspect.signature(prim.Prim.__init__).parameters
    return {"threshold": float(np.finfo(float).tiny)} if has_threshold else {}


def _quasi_p(box: Any) -> list[dict[str, Any]]:
    """Each box's quasi-p values ({parameter: [lower side, upper side]}): ``qp`` in the EMA
    Workbench 2.5, ``p_values`` in 3.0."""
    return box.p_values if hasattr(box, "p_values") else box.qp


def choose_box(trajectory: pd.DataFrame, min_density: float) -> int:
    """The box on the trajectory with the highest harmonic mean of coverage and density among
    those with density ≥ ``min_density`` (the densest, then the widest, when none reaches it)."""
    ok = trajectory[trajectory["density"] >= min_density]
    if ok.empty:
        return int(trajectory.sort_values(["density", "coverage"], ascending=False, kind="stable").index[0])
    c, d = ok["coverage"], ok["density"]
    f = (2 * c * d / (c + d)).where(c + d > 0, 0.0)
    return int(f.idxmax())


def find_box(x: pd.DataFrame, interest: np.ndarray, min_density: float = 0.8, mass_min: float = 0.05,
             peel_alpha: float = 0.05, box: int | None = None) -> Discovery:
    """PRIM on the points ``x`` (one row per point, a numeric column per parameter) with
    ``interest`` (bool, one per point); ``box`` picks a box on the trajectory by number instead
    of :func:`choose_box`. Raises ValueError when no point or every point is of interest."""
    interest = np.asarray(interest, dtype=bool)
    if len(interest) != len(x):
        raise ValueError(f"one flag per point is needed (got {len(interest)} for {len(x)} points)")
    cases = int(interest.sum())
    if cases == 0 or cases == len(interest):
        raise ValueError(f"{'no' if cases == 0 else 'every'} point of {len(interest)} is of interest: "
                         "there is no boundary to find; choose another threshold")
    prim = _prim()
    x = x.reset_index(drop=True).astype({c: "float64" for c in x.columns if not np.issubdtype(x[c].dtype, np.integer)})
    with warnings.catch_warnings():  # the workbench's own deprecation warnings (pandas) are not the user's
        warnings.simplefilter("ignore")
        finder = prim.Prim(x, interest.astype(int), peel_alpha=peel_alpha, mass_min=mass_min, **_accept_any_box(prim))
        found = finder.find_box()
    traj = found.peeling_trajectory[["coverage", "density", "mass", "res_dim", "n", "k"]].reset_index(drop=True)
    traj = traj.astype({"coverage": "float64", "density": "float64", "mass": "float64", "res_dim": "int64",
                        "n": "int64", "k": "int64"})
    traj.insert(0, "box", np.arange(len(traj), dtype="int64"))
    if box is None:
        chosen = choose_box(traj, min_density)
    elif 0 <= box < len(traj):
        chosen = box
    else:
        raise ValueError(f"--box: the peeling trajectory has boxes 0..{len(traj) - 1} (got {box})")
    lims, init, qp = found.box_lims[chosen], finder.box_init, _quasi_p(found)[chosen]
    rows = []
    for name in x.columns:
        lo, hi = float(lims.loc[0, name]), float(lims.loc[1, name])
        q = [np.nan if v is None or v < 0 else float(v) for v in qp.get(name, [np.nan, np.nan])]
        rows.append({"parameter": name, "lower": lo, "upper": hi,
                     "restricted": bool(lo > float(init.loc[0, name]) or hi < float(init.loc[1, name])),
                     "qp_lower": q[0], "qp_upper": q[1]})
    limits = pd.DataFrame(rows).sort_values("restricted", ascending=False, kind="stable").reset_index(drop=True)
    return Discovery(traj, chosen, limits, cases, len(interest))


def discover_store(folder: str | Path, outcome: str, threshold: float, above: bool = True, min_density: float = 0.8,
                   mass_min: float = 0.05, box: int | None = None) -> tuple[Discovery, dict[str, Any]]:
    """PRIM on the sweep in ``folder``: the points whose mean ``outcome`` is above (below)
    ``threshold`` (in the outcome's units). Returns the result and the analysis' identity; the
    limits gain the sweep's bounds (``sweep_min``, ``sweep_max``). Raises OutputError."""
    if not 0 < min_density <= 1:
        raise OutputError([f"--min-density: must be in (0, 1] (got {min_density:g})"])
    if not 0 < mass_min < 1:
        raise OutputError([f"--mass-min: must be in (0, 1) (got {mass_min:g})"])
    if not np.isfinite(threshold):
        raise OutputError([f"--threshold: must be a number (got {threshold})"])
    with open_sweep(folder) as store:
        meta = store.meta()
        points = point_outcomes(store, outcome)
    have = ~np.isnan(points.y)
    if have.sum() < 2:
        raise OutputError([f"{folder}: {int(have.sum())} points have a value of {outcome}; discovery needs a run "
                           "sweep (resume it with --resume)"])
    interest = points.y[have] > threshold if above else points.y[have] < threshold
    try:
        result = find_box(points.x[have], interest, min_density=min_density, mass_min=mass_min, box=box)
    except ValueError as exc:
        values = points.y[have]
        where = f"; {outcome} ranges {values.min():g} to {values.max():g}" if "point" in str(exc) else ""
        option = "--box" if str(exc).startswith("--box") else "--threshold"
        raise OutputError([f"{option}: {str(exc).removeprefix('--box: ')}{where}"]) from None
    bounds = meta.get("bounds", {})
    limits = result.limits.copy()
    for side, col in ((0, "sweep_min"), (1, "sweep_max")):  # factorial designs have levels, no bounds
        limits[col] = [np.nan if (b := (bounds.get(n) or [None, None])[side]) is None else float(b)
                       for n in limits["parameter"]]
    result = Discovery(result.trajectory, result.chosen, limits, result.cases, result.points)
    ident = {**sweep_identity(meta), "analysis": "discover", "outcome": outcome, "threshold": threshold,
             "direction": "above" if above else "below", "min_density": min_density, "mass_min": mass_min,
             "box": result.chosen, "points": result.points, "left_out": int((~have).sum())}
    return result, ident
