"""Tidy frames from runs: one row per observation, plain columns, exact öre beside SEK."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..model import RunOutput, Status
from ..model.indicators import DAILY_SERIES
from ..model.ledger import LINES, N_REVENUE, result
from ..model.public_ledger import PUBLIC_LINES, RECEIPTS
from ..scenario import IndicatorSection, Scenario
from .measures import operators, police_list_flags


def timeseries(runs: Sequence[RunOutput]) -> pd.DataFrame:
    """Monthly series per seed (one row per seed and month)."""
    frames = []
    for r in runs:
        df = pd.DataFrame(r.monthly)
        df.insert(0, "month", list(r.month_labels))
        df.insert(0, "seed", r.seed)
        frames.append(df)
    return pd.concat(frames, ignore_index=True)


def daily(runs: Sequence[RunOutput]) -> pd.DataFrame:
    """Daily series per seed (one row per seed and day)."""
    frames = []
    for r in runs:
        n = r.daily[DAILY_SERIES[0]].size
        df = pd.DataFrame({k: r.daily[k] for k in DAILY_SERIES})
        df.insert(0, "date", pd.date_range(r.start_date, periods=n, freq="D"))
        df.insert(0, "seed", r.seed)
        frames.append(df)
    return pd.concat(frames, ignore_index=True)


def books(runs: Sequence[RunOutput]) -> pd.DataFrame:
    """The ledger: one row per seed, month, unit and non-zero line; ``amount_ore`` exact,
    ``amount_sek`` for reading; revenue and cost lines both positive (``kind`` says which)."""
    frames = []
    for r in runs:
        months, cols, lines = np.nonzero(r.books)
        ops = operators(r)
        names = np.array(r.ledger_names, dtype=object)
        amounts = r.books[months, cols, lines]
        frames.append(pd.DataFrame({
            "seed": r.seed,
            "month": np.array(r.month_labels, dtype=object)[months],
            "unit": names[cols],
            "operator": [ops[n] for n in names[cols]],
            "line": np.array(LINES, dtype=object)[lines],
            "kind": np.where(lines < N_REVENUE, "revenue", "cost"),
            "amount_ore": amounts,
            "amount_sek": amounts / 100,
        }))
    return pd.concat(frames, ignore_index=True)


def public_ledger(runs: Sequence[RunOutput]) -> pd.DataFrame:
    """The public ledger: one row per seed, month, payer and non-zero line; ``amount_ore``
    exact (payments and receipts both positive; ``kind`` says which)."""
    frames = []
    for r in runs:
        months, payers, lines = np.nonzero(r.public_books)
        amounts = r.public_books[months, payers, lines]
        names = np.array(r.payer_names, dtype=object)
        frames.append(pd.DataFrame({
            "seed": r.seed,
            "month": np.array(r.month_labels, dtype=object)[months],
            "payer": names[payers],
            "public": np.array(r.payer_public, dtype=bool)[payers],
            "line": np.array(PUBLIC_LINES, dtype=object)[lines],
            "kind": np.where(np.isin(np.array(PUBLIC_LINES)[lines], RECEIPTS), "receipt", "payment"),
            "amount_ore": amounts,
            "amount_sek": amounts / 100,
        }))
    return pd.concat(frames, ignore_index=True)


def cross_subsidy(runs: Sequence[RunOutput]) -> pd.DataFrame:
    """Who carried whom inside the enterprise: one row per seed, month, carrier and carried
    unit, the amount of the carrier's surplus that covered the carried unit's deficit."""
    rows = [
        {"seed": r.seed, "month": r.month_labels[m], "year": int(r.month_labels[m][:4]),
         "carrier": a, "carried": b, "amount_ore": amount, "amount_sek": amount / 100}
        for r in runs for m, a, b, amount in r.flow_rows
    ]
    columns = ["seed", "month", "year", "carrier", "carried", "amount_ore", "amount_sek"]
    return pd.DataFrame(rows, columns=columns)


def cross_subsidy_by_year(cs: pd.DataFrame, seeds: Sequence[int]) -> pd.DataFrame:
    """Yearly who-carries-whom table: median over seeds of SEK carried, per year, carrier
    and carried unit (seeds where a pair did not occur count as zero)."""
    if cs.empty:
        return pd.DataFrame(columns=["year", "carrier", "carried", "median_sek"])
    per_seed = cs.groupby(["seed", "year", "carrier", "carried"])["amount_sek"].sum().unstack("seed")
    per_seed = per_seed.reindex(columns=list(seeds), fill_value=0.0).fillna(0.0)
    return per_seed.median(axis=1).rename("median_sek").reset_index()


def events(runs: Sequence[RunOutput]) -> pd.DataFrame:
    """Unrest events: seed, date, type, actor (the resident's person id), damage, target unit."""
    frames = []
    for r in runs:
        e = r.events
        start = np.datetime64(r.start_date, "D")
        names = np.array([u["name"] for u in r.units] + [""], dtype=object)
        frames.append(pd.DataFrame({
            "seed": r.seed,
            "date": start + e["day"].astype("timedelta64[D]"),
            "type": np.array(r.event_types, dtype=object)[e["type"]] if e.size else [],
            "actor": e["actor"],
            "damage_sek": e["damage_ore"] / 100,
            "target_unit": names[e["unit"]] if e.size else [],
            "daypart": np.where(e["daypart"] == 0, "day", "evening") if e.size else [],
            "displaced": e["displaced"],
        }))
    return pd.concat(frames, ignore_index=True)


def unit_table(runs: Sequence[RunOutput], scenario: Scenario) -> pd.DataFrame:
    """One row per (seed, unit): contribution SEK/year, share of months open, visits/day and
    work-integration posts (as set in the scenario; entrants have none) × share open."""
    rows = []
    for r in runs:
        res = result(r.books)  # [month, col]
        col = {n: i for i, n in enumerate(r.ledger_names)}
        days = r.years * 365.25
        for j, u in enumerate(r.units):
            spec = scenario.units.get(u["name"])
            share_open = (r.status[:, j] == Status.OPEN.code).mean()
            rows.append({
                "seed": r.seed, **u,
                "contribution_sek_per_year": res[:, col[u["name"]]].sum() / 100 / r.years,
                "share_of_months_open": float(share_open),
                "visits_per_day": r.unit_visits[:, j].sum() / days,
                "posts_work_integration": float((spec.work_integration_posts if spec else 0) * share_open),
            })
    return pd.DataFrame(rows)


def police_list(runs: Sequence[RunOutput], ind: IndicatorSection) -> pd.DataFrame:
    """Per seed and calendar year: unrest events (per year), safety index and willingness to
    report, and whether the area would be on the police list of vulnerable areas: events ≥
    ``police_list_min_events_per_year`` and (safety index < ``police_list_max_safety_index``
    or willingness < ``police_list_max_willingness_to_report``). An area leaves the list in
    the year after ``police_list_exit_years`` consecutive years without meeting the criteria
    (a lag: the police follow an area for years before removing it)."""
    rows = []
    for r in runs:
        years = np.array([int(m[:4]) for m in r.month_labels])
        yearly_rows: list[dict[str, Any]] = []
        for year in np.unique(years):
            sel = years == year
            n_events = r.monthly["events"][sel].sum() * 12 / sel.sum()
            safety = r.monthly["safety_index"][sel].mean()
            willing = r.monthly["willingness_to_report"][sel].mean()
            bad = n_events >= ind.police_list_min_events_per_year and (
                safety < ind.police_list_max_safety_index or willing < ind.police_list_max_willingness_to_report)
            yearly_rows.append({"seed": r.seed, "year": int(year), "events_per_year": float(n_events),
                                "safety_index": float(safety), "willingness_to_report": float(willing),
                                "meets_criteria": bool(bad)})
        flags = police_list_flags([row["meets_criteria"] for row in yearly_rows], ind.police_list_exit_years)
        rows += [row | {"on_police_list": flag} for row, flag in zip(yearly_rows, flags)]
    return pd.DataFrame(rows)
