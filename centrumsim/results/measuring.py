"""The kinds of measure the outcome registry (:mod:`centrumsim.outcomes`) names, and the
statistics over seeds: :func:`value` turns one declared :class:`~centrumsim.outcomes.Outcome`
and a set of runs into the summary's value.

A kind in :data:`PER_RUN` measures one run (a number, or a truth for a share of seeds) and the
outcome's ``over`` summarises it over the seeds; a kind in :data:`WHOLE` takes all the runs and
returns the value itself (a family: one entry per unit, event type, …); a kind in
:data:`PER_UNIT` measures one unit over the seeds from the unit table.
"""

from __future__ import annotations

import functools
import math
import operator
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

import numpy as np
import pandas as pd

from .. import outcomes as registry
from ..model import RunOutput
from ..model.public_ledger import PUBLIC_LINES
from ..scenario import AGE_BANDS, Scenario
from ..scenario.vocabulary import GENDERS, N_BANDS
from .measures import actors_gini, enterprise_result_sek, events_per_actor, fano_factor, public_cost_by_payer, quantiles


class Results(Protocol):
    """What a summary reads of :class:`.results.Results`: a protocol, so that ``results`` (which
    makes its summary through :mod:`.summary` and this module) and these do not import each other."""

    scenario: Scenario
    runs: list[RunOutput]

    @property
    def years(self) -> float: ...

    @property
    def police_list(self) -> pd.DataFrame: ...

    def identity(self) -> dict[str, Any]: ...

    def unit_table(self) -> pd.DataFrame: ...

    @property
    def uncertainty(self) -> Mapping[str, Any]: ...

RunMeasure = Callable[[RunOutput, tuple[str, ...]], Any]


def _daily(r: RunOutput, of: tuple[str, ...]) -> np.ndarray:
    return functools.reduce(operator.add, (r.daily[k] for k in of))


def _evenness(r: RunOutput, of: tuple[str, ...]) -> float:
    e = r.monthly[of[0]]
    return np.nanmean(e) if np.isfinite(e).any() else np.nan


def _changes(r: RunOutput, of: tuple[str, ...]) -> float:
    """Tenants' changes for the reason ``of[0]`` ('entered', 'notice') per year."""
    return sum(1 for _, _, _, why in r.changes if why == of[0]) / r.years


PER_RUN: dict[str, RunMeasure] = {
    "daily_mean": lambda r, of: _daily(r, of).mean(),
    "daily_per_year": lambda r, of: _daily(r, of).sum() / r.years,
    "monthly_mean": lambda r, of: r.monthly[of[0]].mean(),
    "monthly_nanmean": _evenness,
    "monthly_per_year": lambda r, of: r.monthly[of[0]].sum() / r.years,
    "last": lambda r, of: r.monthly[of[0]][-1],
    "fano_factor": lambda r, of: fano_factor(r.monthly[of[0]]),
    "actors": lambda r, of: events_per_actor(r).size,
    "actors_gini": lambda r, of: actors_gini(r),
    "monthly_changes_per_year": lambda r, of: int(np.count_nonzero(np.diff(r.monthly[of[0]]))) / r.years,
    "enterprise_result_per_year": lambda r, of: enterprise_result_sek(r) / r.years,
    "breaks_even": lambda r, of: enterprise_result_sek(r) >= 0,
    "stays_solvent": lambda r, of: r.min_cash_ore / 100 >= -(r.overdraft_ore / 100),
    "lowest_cash": lambda r, of: r.min_cash_ore / 100,
    "public_cost": lambda r, of: math.fsum(public_cost_by_payer(r, *of).values()),
    "market_changes": _changes,
}
"""Measures of one run, by name; ``of`` is what the outcome declares it reads."""

SERIES_KINDS: dict[str, str] = {"daily_mean": registry.DAY, "daily_per_year": registry.DAY,
                                "monthly_mean": registry.MONTH, "monthly_nanmean": registry.MONTH,
                                "monthly_per_year": registry.MONTH, "last": registry.MONTH,
                                "fano_factor": registry.MONTH, "monthly_changes_per_year": registry.MONTH}
"""The kinds that read series, and whether daily or monthly ones (the registry's test checks the
series they name are declared)."""

STATISTICS: dict[str, Callable[[list[Any]], Any]] = {
    registry.QUANTILES: quantiles,
    registry.SHARE_OF_SEEDS: lambda v: float(np.array(v, dtype=bool).mean()),
    registry.MEAN: lambda v: float(np.mean(v)),
    registry.MEDIAN: lambda v: float(np.median(v)),
}


# ---------------------------------------------------------------------------- families
def visitors_by(runs: Sequence[RunOutput], split: Callable, names: Sequence[Any]) -> dict[str, dict[str, Any]]:
    """Resident visitors per day in each category (e.g. age band) with their share of all
    resident visits, beside that category's share of the residents; quantiles over seeds.
    ``split(run)`` → (visits [month, category], residents [month, category])."""
    per_day, share, res_share = [], [], []
    for r in runs:
        visits, residents = split(r)
        v = visits.sum(axis=0).astype(float)  # over months: [categories]
        res = residents.sum(axis=0).astype(float)
        per_day.append(v / (r.years * 365.25))
        share.append(v / v.sum() if v.sum() else np.full(v.size, np.nan))
        res_share.append(res / res.sum() if res.sum() else np.full(res.size, np.nan))
    per_day_a, share_a, res_share_a = map(np.array, (per_day, share, res_share))
    return {
        str(name): {
            "per_day": quantiles(per_day_a[:, i]),
            "share_of_visitors": quantiles(share_a[:, i]),
            "share_of_residents": quantiles(res_share_a[:, i])["median"],
        }
        for i, name in enumerate(names)
    }


def _by_age(r: RunOutput) -> tuple[np.ndarray, np.ndarray]:
    return (r.visitors_by_group.sum(axis=1).reshape(-1, N_BANDS, 2).sum(axis=2),
            r.residents_by_group.reshape(-1, N_BANDS, 2).sum(axis=2))


def _by_gender(r: RunOutput) -> tuple[np.ndarray, np.ndarray]:
    return (r.visitors_by_group.sum(axis=1).reshape(-1, N_BANDS, 2).sum(axis=1),
            r.residents_by_group.reshape(-1, N_BANDS, 2).sum(axis=1))


def _by_zone(r: RunOutput) -> tuple[np.ndarray, np.ndarray]:
    return r.visitors_by_zone.sum(axis=1), r.residents_by_zone


def cross_subsidy(runs: Sequence[RunOutput]) -> dict[str, dict[str, Any]]:
    """Per enterprise unit: SEK/year it carried of others' deficits and was carried by others
    (medians over seeds), and the median who-carries-whom flows."""
    flows = [r.flows for r in runs]
    names = sorted({n for f in flows for pair in f for n in pair})
    out: dict[str, dict[str, Any]] = {}
    for name in names:
        carried = [sum(v for (a, _), v in f.items() if a == name) / 100 / r.years for f, r in zip(flows, runs)]
        was = [sum(v for (_, b), v in f.items() if b == name) / 100 / r.years for f, r in zip(flows, runs)]
        whom = {other: float(np.median([f.get((name, other), 0) / 100 / r.years for f, r in zip(flows, runs)]))
                for other in names if other != name}
        out[name] = {
            "carried_others_sek_per_year": float(np.median(carried)),
            "was_carried_sek_per_year": float(np.median(was)),
            "carries_sek_per_year": {k: v for k, v in whom.items() if v > 0},
        }
    return out


def _events_by_type(res: Results, of: tuple[str, ...] = ()) -> dict[str, dict[str, float]]:
    runs = res.runs
    return {name: quantiles([(r.events["type"][~r.events["displaced"]] == i).sum() / r.years for r in runs])
            for i, name in enumerate(runs[0].event_types)}


def _police_list(res: Results, of: tuple[str, ...] = ()) -> dict[str, float]:
    return {str(y): float(v) for y, v in res.police_list.groupby("year")["on_police_list"].mean().items()}


def _by_payer(res: Results, of: tuple[str, ...] = ()) -> dict[str, dict[str, float]]:
    per_payer = [public_cost_by_payer(r) for r in res.runs]
    return {p: quantiles([pp[p] for pp in per_payer]) for p in per_payer[0]}


def _by_line(res: Results, of: tuple[str, ...] = ()) -> dict[str, float]:
    runs = res.runs
    by_line = {line: float(np.median([r.public_books[:, np.array(r.payer_public, bool), j].sum() / 100 / r.years
                                      for r in runs]))
               for j, line in enumerate(PUBLIC_LINES)}
    return {k: v for k, v in by_line.items() if v}


def _cross_subsidy(res: Results, of: tuple[str, ...] = ()) -> dict[str, dict[str, Any]]:
    return cross_subsidy(res.runs)


def _visitors_by_age(res: Results, of: tuple[str, ...] = ()) -> dict[str, dict[str, Any]]:
    return visitors_by(res.runs, _by_age, AGE_BANDS)


def _visitors_by_gender(res: Results, of: tuple[str, ...] = ()) -> dict[str, dict[str, Any]]:
    return visitors_by(res.runs, _by_gender, GENDERS)


def _visitors_by_zone(res: Results, of: tuple[str, ...] = ()) -> dict[str, dict[str, Any]]:
    return visitors_by(res.runs, _by_zone, res.runs[0].zone_names)


def _uncertainty(res: Results, of: tuple[str, ...] = ()) -> Any:
    return res.uncertainty[of[0]]


WHOLE: dict[str, Callable[[Results, tuple[str, ...]], Any]] = {
    "uncertainty": _uncertainty,
    "cross_subsidy": _cross_subsidy,
    "visitors_by_age": _visitors_by_age,
    "visitors_by_gender": _visitors_by_gender,
    "visitors_by_zone": _visitors_by_zone,
    "events_by_type": _events_by_type,
    "police_list": _police_list,
    "public_cost_by_payer": _by_payer,
    "public_by_line": _by_line,
}
"""Measures of all the runs that return the summary's value (a family), by name."""

PER_UNIT: dict[str, Callable[[pd.DataFrame, int, tuple[str, ...]], Any]] = {
    # a column of the unit table, one value per seed; a seed the unit was absent from counts as zero
    "unit_column": lambda rows, n_runs, of: list(rows[of[0]]) + [0.0] * (n_runs - len(rows)),
    "unit_presence": lambda rows, n_runs, of: len(rows) / n_runs,
}
"""Measures of one unit from its rows of the unit table (one per seed it appeared in), by name."""


def value(outcome: registry.Outcome, res: Results) -> Any:
    """The summary's value of a declared outcome over ``res``'s runs."""
    m = _measure(outcome)
    if m.over == registry.WHOLE_RESULTS:
        return WHOLE[m.kind](res, m.of)
    return STATISTICS[m.over]([PER_RUN[m.kind](r, m.of) for r in res.runs])


def run_value(outcome: registry.Outcome, run: RunOutput) -> Any:
    """A per-run outcome's measure of one run (before the statistic over seeds)."""
    m = _measure(outcome)
    return PER_RUN[m.kind](run, m.of)


def unit_value(outcome: registry.Outcome, rows: pd.DataFrame, n_runs: int) -> Any:
    """The summary's value of a per-unit outcome from that unit's rows of the unit table."""
    m = _measure(outcome)
    values = PER_UNIT[m.kind](rows, n_runs, m.of)
    return values if m.over == registry.WHOLE_RESULTS else STATISTICS[m.over](values)


def _measure(outcome: registry.Outcome) -> registry.Measure:
    if outcome.measure is None:
        raise ValueError(f"{outcome.path}: declares no measure")
    return outcome.measure


def kinds() -> set[str]:
    """Every kind of measure defined here."""
    return {*PER_RUN, *WHOLE, *PER_UNIT}
