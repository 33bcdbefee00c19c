"""How sure the answer is: the facts of the summary's ``uncertainty`` section and the intervals of
the enterprise's probability of breaking even.

Runs drawn over the assumptions (:mod:`centrumsim.analysis.uncertainty`) bring these facts with
them; runs at the assumed values only (``--fixed``, or any seeds-only run) get them here: the
probability over chance alone, its Wilson interval, a chance share of 1 and no drivers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from scipy import special

from ..model import RunOutput
from .measures import enterprise_result_sek, quantiles

LEVEL = 0.90
"""The intervals of a probability: 90 %, the 5–95 % of the bands."""


def wilson(k: int, n: int, level: float = LEVEL) -> tuple[float, float]:
    """Wilson interval of a share k/n (``level`` 90 % unless said; two-sided, no continuity
    correction): Newcombe's (1998) formulas as ``scipy.stats.binomtest(k, n).proportion_ci``
    computes them, without importing ``scipy.stats`` (a third of a second) for one formula."""
    z = float(special.ndtri(0.5 + 0.5 * level))
    p = k / n
    denom = 2 * (n + z**2)
    center = (2 * n * p + z**2) / denom
    delta = z / denom * math.sqrt(4 * n * p * (1 - p) + z**2)
    return (0.0 if k == 0 else center - delta), (1.0 if k == n else center + delta)


def breaks_even(runs: Sequence[RunOutput]) -> np.ndarray:
    """Per run: whether the enterprise's accumulated operating result is ≥ 0."""
    return np.array([enterprise_result_sek(r) >= 0 for r in runs])


def chance_only(runs: Sequence[RunOutput]) -> dict[str, Any]:
    """The facts of runs at the assumed values: P(break even) over chance alone, its interval,
    the result's band; a chance share of 1 (nothing else varies) and no drivers."""
    ok = breaks_even(runs)
    p = float(ok.mean())
    interval = list(wilson(int(ok.sum()), len(ok)))
    years = runs[0].years
    return {
        "assumptions_drawn": False,
        "method": "seeds at the assumed values (chance only)",
        "runs": len(runs),
        "p_break_even_interval": interval,
        "p_break_even_chance_only": p,
        "p_break_even_chance_only_interval": [*interval],
        "result_sek_per_year_chance_only": quantiles([enterprise_result_sek(r) / years for r in runs]),
        "chance_share": 1.0,
        "drivers": [],
        "drivers_r2": 0.0,
        "assumptions": [],
        "design": {"draws": 0, "replicates": 1, "seed": None, "ranges": {},
                   "chance_only_seeds": [r.seed for r in runs]},
    }


def facts(drawn: Mapping[str, Any] | None, runs: Sequence[RunOutput]) -> dict[str, Any]:
    """The uncertainty facts: those the drawn runs brought, else the chance-only ones."""
    return dict(drawn) if drawn is not None else chance_only(runs)
