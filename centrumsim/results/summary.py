"""The summary of many seeds (the contents of ``summary.json``), built from tables of measures.

Quantile triples are ``{"p05", "median", "p95"}`` over seeds. Break-even: the enterprise's
accumulated operating result over the horizon is ≥ 0 (grants and subsidies count as income,
starting capital does not). Solvent: its cash never fell below minus the overdraft limit.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Protocol

import numpy as np
import pandas as pd

from ..model import RunOutput
from ..model.public_ledger import PUBLIC_LINES
from ..scenario import AGE_BANDS, Scenario
from ..scenario.vocabulary import GENDERS, N_BANDS
from .measures import enterprise_result_sek, fano_factor, public_cost_by_payer, quantiles, share_top_actors


class Results(Protocol):
    """What a summary reads of :class:`.results.Results`: a protocol, so that ``results`` (which
    makes its summary here) and this module do not import each other."""

    scenario: Scenario
    runs: list[RunOutput]

    @property
    def years(self) -> float: ...

    @property
    def police_list(self) -> pd.DataFrame: ...

    def identity(self) -> dict[str, Any]: ...

    def unit_table(self) -> pd.DataFrame: ...


Measure = Callable[[RunOutput], float]


def daily_mean(key: str) -> Measure:
    return lambda r: r.daily[key].mean()


def monthly_mean(key: str) -> Measure:
    return lambda r: r.monthly[key].mean()


def per_year(key: str) -> Measure:
    """A monthly count summed over the run, per year."""
    return lambda r: r.monthly[key].sum() / r.years


def _evenness(r: RunOutput) -> float:
    e = r.monthly["evenness"]
    return np.nanmean(e) if np.isfinite(e).any() else np.nan


CENTRE_MEASURES: tuple[tuple[str, Measure], ...] = (
    ("visitors_per_day", lambda r: (r.daily["visitors_day"] + r.daily["visitors_evening"]).mean()),
    ("visitors_per_evening", daily_mean("visitors_evening")),
    ("unrest_events_per_year", lambda r: r.daily["events"].sum() / r.years),
    ("safety_index", monthly_mean("safety_index")),
    ("vacancy_rate", monthly_mean("vacancy_rate")),
    ("activities_per_year", per_year("activities")),
    ("guard_cost_sek_per_year", per_year("guard_cost_sek")),
    ("share_events_top_actors", share_top_actors),
    ("burstiness", lambda r: fano_factor(r.monthly["events"])),
    ("displaced_events_per_year", per_year("displaced_events")),
    ("willingness_to_report", monthly_mean("willingness_to_report")),
    ("visitors_per_daytime", daily_mean("visitors_day")),
    ("unique_visitors_per_month", monthly_mean("unique_visitors")),
    ("evenness", _evenness),
    ("public_events_per_year", per_year("public_events")),
    ("club_active_share", monthly_mean("club_active_share")),
    ("satisfaction_index", monthly_mean("satisfaction_index")),
    ("residents_at_end", lambda r: r.monthly["residents"][-1]),
)
"""The centre's indicators: name → the measure of one run, summarised as quantiles over seeds."""


def _by_age(r: RunOutput) -> tuple[np.ndarray, np.ndarray]:
    return (r.visitors_by_group.sum(axis=1).reshape(-1, N_BANDS, 2).sum(axis=2),
            r.residents_by_group.reshape(-1, N_BANDS, 2).sum(axis=2))


def _by_gender(r: RunOutput) -> tuple[np.ndarray, np.ndarray]:
    return (r.visitors_by_group.sum(axis=1).reshape(-1, N_BANDS, 2).sum(axis=1),
            r.residents_by_group.reshape(-1, N_BANDS, 2).sum(axis=1))


def _by_zone(r: RunOutput) -> tuple[np.ndarray, np.ndarray]:
    return r.visitors_by_zone.sum(axis=1), r.residents_by_zone


def visitors_by(runs: list[RunOutput], split: Callable, names) -> dict[str, dict[str, Any]]:
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
    per_day, share, res_share = map(np.array, (per_day, share, res_share))
    return {
        str(name): {
            "per_day": quantiles(per_day[:, i]),
            "share_of_visitors": quantiles(share[:, i]),
            "share_of_residents": quantiles(res_share[:, i])["median"],
        }
        for i, name in enumerate(names)
    }


def centre(res: "Results") -> dict[str, Any]:
    """The centre's indicators, quantiles over seeds."""
    runs = res.runs
    out = {name: quantiles([measure(r) for r in runs]) for name, measure in CENTRE_MEASURES}
    out["unrest_by_type"] = {
        name: quantiles([(r.events["type"][~r.events["displaced"]] == i).sum() / r.years for r in runs])
        for i, name in enumerate(runs[0].event_types)
    }
    pl = res.police_list
    out["years_on_police_list"] = {str(y): float(v) for y, v in pl.groupby("year")["on_police_list"].mean().items()}
    out["visitors_by_age"] = visitors_by(runs, _by_age, AGE_BANDS)
    out["visitors_by_gender"] = visitors_by(runs, _by_gender, GENDERS)
    out["visitors_by_zone"] = visitors_by(runs, _by_zone, runs[0].zone_names)
    return out


def enterprise(res: "Results") -> dict[str, Any]:
    """The enterprise's result, break-even and solvency, and who carried whom."""
    sc, runs = res.scenario, res.runs
    out: dict[str, Any] = {"name": sc.enterprise.name, "present": runs[0].has_enterprise}
    if not out["present"]:
        return out | {"p_break_even": None, "p_solvent": None, "result_sek_per_year": None,
                      "min_cash_sek": None, "end_cash_sek": None, "cross_subsidy": {}}
    total = np.array([enterprise_result_sek(r) for r in runs])
    min_cash = np.array([r.min_cash_ore / 100 for r in runs])
    overdraft = np.array([r.overdraft_ore / 100 for r in runs])
    return out | {
        "p_break_even": float((total >= 0).mean()),
        "p_solvent": float((min_cash >= -overdraft).mean()),
        "result_sek_per_year": quantiles(total / res.years),
        "min_cash_sek": quantiles(min_cash),
        "end_cash_sek": quantiles([r.monthly["cash_sek"][-1] for r in runs]),
        "cross_subsidy": cross_subsidy(runs),
    }


def cross_subsidy(runs: list[RunOutput]) -> dict[str, dict[str, Any]]:
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


PER_UNIT = ("contribution_sek_per_year", "share_of_months_open", "visits_per_day", "posts_work_integration")


def units(res: "Results") -> list[dict[str, Any]]:
    """Per unit: contribution, share of months open, visits per day, posts; an entrant that did
    not appear in every seed counts as zero where it did not."""
    table = res.unit_table()
    n_runs = len(res.runs)
    out = []
    for name, grp in table.groupby("name", sort=False):
        pad = [0.0] * (n_runs - len(grp))
        v = {key: list(grp[key]) + pad for key in PER_UNIT}
        first = grp.iloc[0]
        out.append({
            "name": name, "label": first["label"], "kind": first["kind"],
            "operator": first["operator"], "premises": first["premises"],
            "contribution_sek_per_year": quantiles(v["contribution_sek_per_year"]),
            "share_of_months_open": float(np.mean(v["share_of_months_open"])),
            "visits_per_day": quantiles(v["visits_per_day"]),
            "posts_work_integration": quantiles(v["posts_work_integration"]),
            "share_of_seeds_present": len(grp) / n_runs,
        })
    return out


def public(res: "Results") -> dict[str, Any]:
    """What the centre costs the public purse, SEK a year: net of the rent the premises' owners
    receive; in all, by payer and (medians) by line."""
    runs = res.runs
    per_payer = [public_cost_by_payer(r) for r in runs]
    payers = list(per_payer[0])
    by_line = {line: float(np.median([r.public_books[:, np.array(r.payer_public, bool), j].sum() / 100 / r.years
                                      for r in runs]))
               for j, line in enumerate(PUBLIC_LINES)}
    return {
        "cost_sek_per_year": quantiles([math.fsum(pp.values()) for pp in per_payer]),
        "by_payer": {p: quantiles([pp[p] for pp in per_payer]) for p in payers},
        "by_line_sek_per_year": {k: v for k, v in by_line.items() if v},
        "labels": {p: res.scenario.payers[p].label for p in payers},
    }


def market(res: "Results") -> dict[str, Any]:
    """The letting market: tenants entering vacant premises and tenants leaving (closing their
    shop on notice), per year."""
    def count(why: str) -> list[float]:
        return [sum(1 for _, _, _, w in r.changes if w == why) / r.years for r in res.runs]
    return {"entries_per_year": quantiles(count("entered")), "exits_per_year": quantiles(count("notice"))}


def summary(res: "Results") -> dict[str, Any]:
    """The whole summary dict: identity, enterprise, units, centre, public."""
    sc = res.scenario
    return res.identity() | {
        "years": sc.time.years,
        "start_date": str(sc.time.start_date),
        "enterprise": enterprise(res),
        "units": units(res),
        "centre": centre(res),
        "public": public(res),
        "market": market(res),
    }
