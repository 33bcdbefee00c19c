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

from ..model import RunOutput, Status
from ..model.ledger import LINE_INDEX, result
from ..results import Results
from ..results.measures import unit_columns
from ..scenario import CENTRAL, Scenario
from .runner import run_variants

SUPPORT_LINES = ("grants", "sponsorship", "wage_subsidies", "trainee_payments")


def as_tenants(scenario: Scenario) -> Scenario:
    """The scenario with every enterprise unit run by an independent commercial tenant."""
    return scenario.with_overrides({f"units.{n}.operator": "commercial" for n in scenario.enterprise_units})


def _variant_row(name: str, res: Results, units: list[str]) -> dict:
    share_open, first_gap, open_at_end, operators, support = [], [], [], [], []
    for r in res.runs:
        status = r.status[:, unit_columns(r, units)] == Status.OPEN.code
        share_open.append(status.mean())
        opened = status.any(axis=0)
        started = status.argmax(axis=0)  # a unit's first open month
        # months from a unit's opening until it first stops (the horizon if it never does)
        gaps = [int(np.argmax(~status[s:, k])) if (~status[s:, k]).any() else status.shape[0] - s
                for k, s in enumerate(started) if opened[k]]
        first_gap.append(min(gaps) if gaps else 0)
        open_at_end.append(int(status[-1].sum()))
        books = r.books[:, _ledger_columns(r, units), :]
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


def _ledger_columns(r: RunOutput, units: list[str]) -> list[int]:
    """The ledger columns of the compared units and, when the enterprise runs them, its own."""
    return [i for i, n in enumerate(r.ledger_names) if n in units or n == CENTRAL]


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
