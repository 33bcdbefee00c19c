"""Global sensitivity of one outcome to a sweep's parameters (SALib's analysers).

Sobol (a ``sobol`` sweep, Saltelli's N(2D+2) or N(D+2) points): the first-order index S1 (the
share of the outcome's variance a parameter explains alone) and the total index ST (alone and in
interactions), each with the half-width of its 95 % bootstrap confidence interval. Morris (a
``morris`` sweep, r trajectories of D+1 points): μ* (the mean absolute elementary effect, in the
outcome's units per change over the parameter's whole range), its 95 % half-width, μ and σ (the
spread of the effects: non-linearity or interactions). The outcome at a point is the mean over
its done replicates, so the indices are those of the expected outcome; the analysis needs every
point of the design.

Stability (warned, not refused): Sobol indices are taken as unstable when the base sample N is
below 64 or any 95 % confidence interval (S1 or ST) reaches further than ±0.1 — wide enough to
change the ranking of indices a tenth apart; Morris
screening when there are fewer than 10 trajectories (Campolongo et al. 2007 use 10–20).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..results import OutputError
from .points import Points, check_outcome, open_sweep, point_outcomes, sweep_identity

METHODS = ("sobol", "morris")
SOBOL_MIN_N = 64
SOBOL_MAX_CI_HALF_WIDTH = 0.1
MORRIS_MIN_TRAJECTORIES = 10


@dataclass(frozen=True)
class Sensitivity:
    """The indices of one outcome: ``table`` one row per parameter, most influential first —
    sobol: parameter, S1, S1_conf, ST, ST_conf (conf: half-width of the 95 % interval, in the
    index's own units, shares of variance); morris: parameter, mu_star, mu_star_conf, mu, sigma
    (the outcome's units per parameter range). ``samples`` is N (sobol) or the trajectories
    (morris); ``warnings`` one line each."""

    method: str
    outcome: str
    table: pd.DataFrame
    samples: int
    warnings: tuple[str, ...] = field(default=())


def problem_of(names: Sequence[str], bounds: Mapping[str, Sequence[float]]) -> dict[str, Any]:
    """The SALib problem of parameters ``names`` with ``bounds`` {name: [min, max]} — the same
    as :func:`.design.problem` of the sweep that was run."""
    return {"num_vars": len(names), "names": list(names), "bounds": [list(map(float, bounds[n])) for n in names]}


def analyse(problem: Mapping[str, Any], X: np.ndarray, Y: np.ndarray, method: str, *, second_order: bool = True,
            levels: int = 4, seed: int = 0, outcome: str = "outcome") -> Sensitivity:
    """Sensitivity indices of ``Y`` (one value per design row of ``X``, in the design's order)
    by ``method`` (sobol or morris); ``second_order`` and ``levels`` as the design was made,
    ``seed`` for the bootstrap of the confidence intervals. Raises ValueError when ``X`` and
    ``Y`` do not fit the design or ``Y`` does not vary."""
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    k = int(problem["num_vars"])
    if X.ndim != 2 or X.shape != (len(Y), k):
        raise ValueError(f"X must have one row per value of Y and {k} columns (got {X.shape} for {len(Y)} values)")
    if not np.isfinite(Y).all():
        raise ValueError(f"{int((~np.isfinite(Y)).sum())} values of {outcome} are missing or not finite")
    if np.ptp(Y) == 0:
        raise ValueError(f"{outcome} is {Y[0]:g} at every point: there is no variation to attribute")
    names = list(problem["names"])
    if method == "sobol":
        from SALib.analyze import sobol

        per = 2 * k + 2 if second_order else k + 2
        if len(Y) % per:
            raise ValueError(f"a Sobol design of {k} parameters has a multiple of {per} points (got {len(Y)})")
        n = len(Y) // per
        si = sobol.analyze(dict(problem), Y, calc_second_order=second_order, seed=seed)
        table = pd.DataFrame({"parameter": names, "S1": si["S1"], "S1_conf": si["S1_conf"], "ST": si["ST"],
                              "ST_conf": si["ST_conf"]}).sort_values("ST", ascending=False, kind="stable")
        found = []
        if n < SOBOL_MIN_N:
            found.append(f"the base sample N = {n} is below {SOBOL_MIN_N}")
        widest = float(np.nanmax(np.r_[si["S1_conf"], si["ST_conf"]]))  # SALib's conf: the half-width
        if widest > SOBOL_MAX_CI_HALF_WIDTH:
            found.append(f"the widest 95 % interval is ±{widest:.2f} (wider than ±{SOBOL_MAX_CI_HALF_WIDTH})")
        advice = "raise design.points (N) or, for noisy outcomes, design.seeds_per_point"
    elif method == "morris":
        from SALib.analyze import morris

        if len(Y) % (k + 1):
            raise ValueError(f"a Morris design of {k} parameters has a multiple of {k + 1} points (got {len(Y)})")
        n = len(Y) // (k + 1)
        si = morris.analyze(dict(problem), X, Y, num_levels=levels, seed=seed)
        table = pd.DataFrame({"parameter": names, "mu_star": si["mu_star"], "mu_star_conf": si["mu_star_conf"],
                              "mu": si["mu"], "sigma": si["sigma"]}).sort_values("mu_star", ascending=False,
                                                                                  kind="stable")
        found = [f"{n} trajectories (fewer than {MORRIS_MIN_TRAJECTORIES})"] if n < MORRIS_MIN_TRAJECTORIES else []
        advice = "raise design.points (trajectories) in the sweep file"
    else:
        raise ValueError(f"method must be sobol or morris (got {method!r})")
    warnings = (f"warning: {method} indices of {outcome} may be unstable: {' and '.join(found)}; {advice}",) \
        if found else ()
    table = table.reset_index(drop=True).astype({c: "float64" for c in table.columns if c != "parameter"})
    return Sensitivity(method, outcome, table, n, warnings)


def store_method(meta: Mapping[str, Any], method: str | None) -> str:
    """The method for a sweep: by default its design's; refuses one the design cannot serve."""
    design = meta.get("method")
    if method is None:
        if design not in METHODS:
            raise OutputError([f"--method: this sweep's design is {design}; sensitivity indices need a sobol "
                               "or morris design (method in the sweep file's [design])"])
        return str(design)
    if method not in METHODS:
        raise OutputError([f"--method: must be sobol or morris (got {method!r})"])
    if method != design:
        raise OutputError([f"--method: {method} needs a {method} design; this sweep's design is {design}"])
    return method


def complete_points(folder: str | Path, points: Points) -> None:
    """Refuse a design with points that have no value (failed or not yet run)."""
    if points.missing:
        raise OutputError([f"{folder}: sensitivity needs the complete design: {points.missing} of {len(points.y)} "
                           f"points have no done run with a value of {points.outcome} (failed, or not run yet: "
                           "resume the sweep with --resume)"])


def analyse_store(folder: str | Path, outcome: str, method: str | None = None) -> tuple[Sensitivity, dict[str, Any]]:
    """The sensitivity of ``outcome`` in the sweep in ``folder`` (the command's and the tests'
    one path from a run store to indices). Returns the indices and the identity of the
    analysis (the sweep's, the outcome, the method, the runs used). Raises OutputError."""
    with open_sweep(folder) as store:
        meta = store.meta()
        check_outcome(meta, outcome)
        method = store_method(meta, method)
        points = point_outcomes(store, outcome)
    complete_points(folder, points)
    problem = problem_of(meta["parameters"], meta["bounds"])
    try:
        result = analyse(problem, points.x.to_numpy(dtype=float), points.y, method,
                         second_order=bool(meta.get("second_order", True)), levels=int(meta.get("levels", 4)),
                         seed=int(meta.get("seed", 0)), outcome=outcome)
    except ValueError as exc:
        raise OutputError([f"--outcome: {exc}"]) from None
    ident = {**sweep_identity(meta), "analysis": "sensitivity", "method": method, "outcome": outcome,
             "points": len(points.y), "runs": int(points.runs.sum())}
    return result, ident
