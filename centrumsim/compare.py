"""The same units run by the enterprise, or by independent profit-seeking tenants.

``compare_operators`` runs a scenario twice over the same seeds (common random numbers): (a) as
written, with the enterprise running its units as one entity that carries deficits, and (b) with
each enterprise unit run instead by a commercial tenant that leaves after sustained losses (and
without the enterprise's central costs and grant). The table shows how long each keeps the units
— and so the centre — open, and at what cost.
"""

from __future__ import annotations

from typing import Iterable

import numpy as np
import pandas as pd

from .ledger import LINE_INDEX, result
from .results import Results
from .runner import run_variants
from .scenario import Scenario
from .units import OPEN, STATUSES

SUPPORT_LINES = ("grants", "sponsorship", "wage_subsidies", "trainee_payments")


def as_tenants(scenario: Scenario) -> Scenario:
    """The scenario with every enterprise unit run by an independent commercial tenant."""
    return scenario.with_overrides({f"units.{n}.operator": "commercial" for n in scenario.enterprise_units})


def _variant_row(name: str, res: Results, units: list[str]) -> dict:
    open_code = STATUSES.index(OPEN)
    share_open, first_gap, open_at_end, operators, support = [], [], [], [], []
    for r in res.runs:
        cols = [j for j, u in enumerate(r.units) if u["name"] in units]
        status = r.status[:, cols] == open_code
        share_open.append(status.mean())
        opened = status.any(axis=0)
        started = status.argmax(axis=0)  # a unit's first open month
        # months from a unit's opening until it first stops (the horizon if it never does)
        gaps = [int(np.argmax(~status[s:, k])) if (~status[s:, k]).any() else status.shape[0] - s
                for k, s in enumerate(started) if opened[k]]
        first_gap.append(min(gaps) if gaps else 0)
        open_at_end.append(int(status[-1].sum()))
        ledger = [i for i, n in enumerate(r.ledger_names) if n in units or n == "central"]
        books = r.books[:, ledger, :]
        operators.append(result(books).sum() / 100 / r.years)
        support.append(sum(books[:, :, LINE_INDEX[line]].sum() for line in SUPPORT_LINES) / 100 / r.years)
    c = res.summary()["centre"]
    return {
        "variant": name,
        "units": ", ".join(units),
        "share_of_unit_months_open": float(np.mean(share_open)),
        "months_until_first_gap": float(np.median(first_gap)),
        "units_open_at_end": float(np.median(open_at_end)),
        "operators_result_sek_per_year": float(np.median(operators)),
        "support_received_sek_per_year": float(np.median(support)),
        "vacancy_rate": c["vacancy_rate"]["median"],
        "visitors_per_day": c["visitors_per_day"]["median"],
        "unrest_events_per_year": c["unrest_events_per_year"]["median"],
        "safety_index": c["safety_index"]["median"],
    }


def compare_operators(
    scenario: Scenario, seeds: int | Iterable[int] = 20, years: int | None = None, workers: int = 1
) -> tuple[pd.DataFrame, dict[str, Results]]:
    """Run (a) the enterprise and (b) independent tenants over the same seeds; return the
    comparison table (one row per variant) and both Results."""
    if years is not None:
        scenario = scenario.with_years(years)
    units = list(scenario.enterprise_units)
    if not units:
        raise ValueError("the scenario has no enterprise units to compare")
    variants = {"enterprise": scenario, "tenants": as_tenants(scenario)}
    results = run_variants(variants, seeds, workers)
    table = pd.DataFrame([_variant_row(name, res, units) for name, res in results.items()])
    return table, results


def format_comparison(table: pd.DataFrame, seeds: int, years: int) -> str:
    """The comparison as a readable text table."""
    labels = {
        "share_of_unit_months_open": ("units open (share of unit-months)", lambda v: f"{100 * v:.0f}%"),
        "months_until_first_gap": ("months until a unit first stops (median)", lambda v: f"{v:.0f}"),
        "units_open_at_end": ("units open at the end (median)", lambda v: f"{v:.0f}"),
        "operators_result_sek_per_year": ("operators' result, SEK/year (median)", lambda v: f"{v:,.0f}".replace(",", " ")),
        "support_received_sek_per_year": ("grants, subsidies, sponsorship, SEK/year", lambda v: f"{v:,.0f}".replace(",", " ")),
        "vacancy_rate": ("vacancy rate (median)", lambda v: f"{100 * v:.0f}%"),
        "visitors_per_day": ("visitors per day (median)", lambda v: f"{v:,.0f}".replace(",", " ")),
        "unrest_events_per_year": ("unrest events per year (median)", lambda v: f"{v:.1f}"),
        "safety_index": ("safety index (median)", lambda v: f"{v:.1f}"),
    }
    rows = table.set_index("variant")
    out = [f"The same units ({table['units'].iloc[0]}), {seeds} seeds × {years} years, common random numbers",
           f"{'':44s}{'enterprise':>16s}{'tenants':>16s}"]
    for key, (label, fmt) in labels.items():
        out.append(f"  {label:42s}{fmt(rows.loc['enterprise', key]):>16s}{fmt(rows.loc['tenants', key]):>16s}")
    return "\n".join(out)
