"""The design of a sweep: the points (parameter values) and every run's seed.

``lhs`` and ``grid``/``factorial`` come from scipy.stats.qmc and itertools; ``sobol`` is
Saltelli's scheme (SALib: N(2D+2) points with second-order indices, N(D+2) without) and
``morris`` Morris' trajectories (SALib: (D+1) points per trajectory), in the order SALib's
analysers expect. Whole-number scenario keys are rounded.

Seeds: replicate r of every point runs with the same seed, derived with
``numpy.random.SeedSequence`` from (sweep seed, r) — common random numbers across points, so a
difference between points is the parameters', not the dice's; any run can be re-run alone
from its row (its overrides and seed).
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from ..analysis.sampling import lhs_points
from .spec import SweepSpec, planned_points


def problem(spec: SweepSpec) -> dict[str, Any]:
    """The SALib problem of a ranged sweep: names and bounds."""
    return {"num_vars": len(spec.names), "names": list(spec.names),
            "bounds": [[spec.parameters[n].min, spec.parameters[n].max] for n in spec.names]}


def design_matrix(spec: SweepSpec) -> np.ndarray:
    """The points of the sweep, one row per point and one column per parameter (file order)."""
    d, names = spec.design, spec.names
    if d.method == "lhs":
        bounds = np.array([[spec.parameters[n].min, spec.parameters[n].max] for n in names], dtype=float)
        x = lhs_points(bounds, d.points, np.random.default_rng(d.seed))
    elif d.method == "sobol":
        from SALib.sample import sobol

        x = sobol.sample(problem(spec), d.points, calc_second_order=d.second_order, seed=d.seed)
    elif d.method == "morris":
        from SALib.sample import morris

        x = morris.sample(problem(spec), d.points, num_levels=d.levels, seed=d.seed)
    else:
        axes = []
        for n in names:
            p = spec.parameters[n]
            axes.append(list(p.levels) if p.levels is not None else list(np.linspace(*p.bounds(), d.levels)))
        x = np.array(list(itertools.product(*axes)), dtype=float)
    x = np.asarray(x, dtype=float).reshape(-1, len(names))
    for j, is_int in enumerate(spec.integer):
        if is_int:
            x[:, j] = np.round(x[:, j])
    return x


def expected_points(spec: SweepSpec) -> int:
    """How many points the design has (N(2D+2) for Saltelli with second order, etc.)."""
    return planned_points(spec.file)


def run_seed(sweep_seed: int, replicate: int) -> int:
    """The seed of replicate ``replicate`` at every point of a sweep seeded ``sweep_seed``."""
    return int(np.random.SeedSequence(sweep_seed, spawn_key=(replicate,)).generate_state(1, dtype=np.uint32)[0])


def overrides_of(spec: SweepSpec, row: np.ndarray) -> dict[str, Any]:
    """A design row as dotted overrides (whole numbers as int)."""
    return {n: int(v) if is_int else float(v) for n, v, is_int in zip(spec.names, row, spec.integer)}
