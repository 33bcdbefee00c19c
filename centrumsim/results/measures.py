"""Measures of one run (or one array) that the summary and the analyses share."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..model import RunOutput
from ..model.ledger import result
from ..model.public_ledger import incremental_cost, net_cost, unrest_cost
from ..scenario import CENTRAL


def quantiles(values: Any) -> dict[str, float]:
    """{p05, median, p95} of ``values`` over seeds; seeds where it is undefined (NaN) are left out."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if v.size == 0:
        return {"p05": float("nan"), "median": float("nan"), "p95": float("nan")}
    p05, med, p95 = np.percentile(v, [5, 50, 95])
    return {"p05": float(p05), "median": float(med), "p95": float(p95)}


def police_list_flags(meets: Sequence[bool], exit_years: int) -> list[bool]:
    """On the list in a year that meets the criteria; once on, off only from the year after
    ``exit_years`` consecutive years that did not."""
    out, on, good = [], False, 0
    for m in meets:
        if m:
            on, good = True, 0
        else:
            if on and good >= exit_years:
                on = False
            good += 1
        out.append(on)
    return out


def fano_factor(counts: np.ndarray) -> float:
    """Variance / mean of counts (1 for a Poisson process; > 1 = bursty). NaN if the mean is 0."""
    counts = np.asarray(counts, dtype=float)
    mean = counts.mean() if counts.size else 0.0
    return float(counts.var(ddof=1) / mean) if mean > 0 and counts.size > 1 else float("nan")


def share_top_actors(run: RunOutput, top_share: float = 0.02) -> float:
    """Share of a run's events caused by the most active ``top_share`` of young residents
    (NaN when there were no events)."""
    actors = run.events["actor"][~run.events["displaced"]]
    if actors.size == 0 or run.n_youth == 0:
        return float("nan")
    counts = np.sort(np.bincount(actors))[::-1]
    top = max(1, int(np.ceil(top_share * run.n_youth)))
    return float(counts[:top].sum() / counts.sum())


def events_per_actor(run: RunOutput) -> np.ndarray:
    """Events (not displaced) each youth who acted caused, over the run (one entry per actor)."""
    actors = run.events["actor"][~run.events["displaced"]]
    return np.unique(actors, return_counts=True)[1] if actors.size else np.zeros(0, dtype=np.int64)


def actors_gini(run: RunOutput) -> float:
    """Gini coefficient of the events over the youths who acted: 0 when each caused as many,
    towards 1 when a few caused most (NaN with fewer than two actors). Unlike "the share of the
    most active 2 % of youths", it does not read 100 % whenever events are few."""
    x = np.sort(events_per_actor(run)).astype(float)
    n = x.size
    if n < 2:
        return float("nan")
    ranks = np.arange(1, n + 1)
    return float(2.0 * math.fsum(ranks * x) / (n * math.fsum(x)) - (n + 1) / n)


def operators(run: RunOutput) -> dict[str, str]:
    """Ledger column name → operator, the enterprise's own column included."""
    return {u["name"]: u["operator"] for u in run.units} | {CENTRAL: "enterprise"}


def enterprise_columns(run: RunOutput) -> list[int]:
    """The ledger columns of the enterprise: its units and its own (central) column."""
    ops = operators(run)
    return [i for i, n in enumerate(run.ledger_names) if ops.get(n) == "enterprise"]


def enterprise_result_sek(run: RunOutput) -> float:
    """The enterprise's accumulated operating result over the horizon, SEK."""
    return result(run.books[:, enterprise_columns(run), :]).sum() / 100


def unit_columns(run: RunOutput, names: Sequence[str]) -> list[int]:
    """The positions (in ``run.units`` and the status and visit arrays) of the named units."""
    return [j for j, u in enumerate(run.units) if u["name"] in names]


PUBLIC_COSTS = {"gross": net_cost, "incremental": incremental_cost, "unrest": unrest_cost}
"""The public purse's costs: ``gross`` (payments less receipts), ``incremental`` (the lines spent
because of the centre), ``unrest`` (police, fire service, damage, clean-up): model/public_ledger.py."""


def public_cost_by_payer(run: RunOutput, cost: str = "gross") -> dict[str, float]:
    """Each public payer's cost of the centre in one run (``cost``: one of :data:`PUBLIC_COSTS`),
    SEK a year."""
    of = PUBLIC_COSTS[cost]
    return {p: of(run.public_books[:, i, :]).sum() / 100 / run.years
            for i, p in enumerate(run.payer_names) if run.payer_public[i]}
