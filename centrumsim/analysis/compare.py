"""The same units run by the enterprise, or by independent profit-seeking tenants.

``compare_operators`` runs a scenario over the same seeds (common random numbers) three ways:
(a) as written, with the enterprise running its units as one entity that carries deficits; (b)
with each enterprise unit run instead by a commercial tenant that leaves when it earns too
little (and without the enterprise's central costs and grant), keeping the units' public support
lines (grants, wage subsidies, payments for trainee places); (c) the same tenants without that
public support. Both kinds of operator meet unrest alike (damage to the deductible, insurers that
remember claims, customers' and staff's fear, shorter evenings, partners who withdraw their
money); the differences that remain are the operators' own logic (docs/ODD.md lists them). The
table shows how long each keeps the units — and so the centre — open, and at what cost to whom.
"""

from __future__ import annotations

import math
from typing import Iterable

import numpy as np
import pandas as pd

from ..model import RunOutput, Status
from ..model.ledger import LINE_INDEX, result
from ..model.public_ledger import PUBLIC_LINE_INDEX
from ..results import Results
from ..results.measures import public_cost_by_payer, unit_columns
from ..results.summary import CENTRE_MEASURES
from ..scenario import CENTRAL, Scenario
from .runner import Progress, run_variants

PUBLIC_SUPPORT_LINES = ("grants", "wage_subsidies", "trainee_payments")
"""A unit's public support lines (sponsorship is private; a service contract buys a service)."""
VARIANTS = ("enterprise", "tenants", "tenants_without_support")


def as_tenants(scenario: Scenario, support: bool = True) -> Scenario:
    """The scenario with every enterprise unit run by an independent commercial tenant; without
    ``support``, those units also lose their public support lines."""
    overrides = {f"units.{n}.operator": "commercial" for n in scenario.enterprise_units}
    if not support:
        for n in scenario.enterprise_units:
            overrides |= {f"units.{n}.grant_sek_per_month": 0, f"units.{n}.subsidised_fte": 0,
                          f"units.{n}.trainee_payment_sek_per_post_month": 0}
    return scenario.with_overrides(overrides)


def seed_rows(res: Results, units: list[str]) -> pd.DataFrame:
    """One row per seed of a variant: the share of the units' months open, the months until a
    unit first stops, the units open at the end, the operators' result, the units' and the
    centre's public support and the public purse's net cost (SEK a year), vacancy, visitors per
    day, unrest events per year and the safety index (the measures of the summary)."""
    centre = dict(CENTRE_MEASURES)
    rows = []
    for r in res.runs:
        status = r.status[:, unit_columns(r, units)] == Status.OPEN.code
        opened = status.any(axis=0)
        started = status.argmax(axis=0)  # a unit's first open month
        # months from a unit's opening until it first stops (the horizon if it never does)
        gaps = [int(np.argmax(~status[s:, k])) if (~status[s:, k]).any() else status.shape[0] - s
                for k, s in enumerate(started) if opened[k]]
        books = r.books[:, _ledger_columns(r, units), :]
        rows.append({
            "seed": r.seed,
            "share_of_unit_months_open": status.mean(),
            "months_until_first_gap": min(gaps) if gaps else 0,
            "units_open_at_end": int(status[-1].sum()),
            "operators_result_sek_per_year": result(books).sum() / 100 / r.years,
            "units_public_support_sek_per_year":
                sum(books[:, :, LINE_INDEX[line]].sum() for line in PUBLIC_SUPPORT_LINES) / 100 / r.years,
            "centre_public_support_sek_per_year": _public_support(r) / 100 / r.years,
            "public_cost_sek_per_year": math.fsum(public_cost_by_payer(r).values()),
            **{key: centre[key](r) for key in ("vacancy_rate", "visitors_per_day", "unrest_events_per_year",
                                               "safety_index")},
        })
    return pd.DataFrame(rows)


def seed_table(results: dict[str, Results], units: list[str]) -> pd.DataFrame:
    """:func:`seed_rows` of every variant, with its name in ``variant``: the same seeds in each
    (common random numbers), so differences between variants can be taken seed by seed."""
    return pd.concat([seed_rows(res, units).assign(variant=name) for name, res in results.items()],
                     ignore_index=True)


def _variant_row(name: str, res: Results, units: list[str]) -> dict:
    seeds = seed_rows(res, units)
    s = res.summary()
    c = s["centre"]
    return {
        "variant": name,
        "units": ", ".join(units),
        "share_of_unit_months_open": float(np.mean(seeds["share_of_unit_months_open"])),
        "months_until_first_gap": float(np.median(seeds["months_until_first_gap"])),
        "units_open_at_end": float(np.median(seeds["units_open_at_end"])),
        "operators_result_sek_per_year": float(np.median(seeds["operators_result_sek_per_year"])),
        "units_public_support_sek_per_year": float(np.median(seeds["units_public_support_sek_per_year"])),
        "centre_public_support_sek_per_year": float(np.median(seeds["centre_public_support_sek_per_year"])),
        "public_cost_sek_per_year": s["public"]["cost_sek_per_year"]["median"],
        "vacancy_rate": c["vacancy_rate"]["median"],
        "visitors_per_day": c["visitors_per_day"]["median"],
        "unrest_events_per_year": c["unrest_events_per_year"]["median"],
        "safety_index": c["safety_index"]["median"],
    }


def _public_support(r: RunOutput) -> int:
    """Öre the public purse paid to the centre's units and enterprise in support: grants, the
    houses' funding, wage subsidies and trainee places."""
    public = np.array(r.payer_public, dtype=bool)
    lines = [PUBLIC_LINE_INDEX[line] for line in ("grants", "house_funding", "wage_subsidies", "trainee_payments")]
    return int(r.public_books[:, public][:, :, lines].sum())


def _ledger_columns(r: RunOutput, units: list[str]) -> list[int]:
    """The ledger columns of the compared units and, when the enterprise runs them, its own."""
    return [i for i, n in enumerate(r.ledger_names) if n in units or n == CENTRAL]


def compare_operators(
    scenario: Scenario, seeds: int | Iterable[int] = 20, years: int | None = None, workers: int = 1,
    progress: Progress | None = None,
) -> tuple[pd.DataFrame, dict[str, Results]]:
    """Run the enterprise, tenants and tenants without public support over the same seeds;
    return the comparison table (one row per variant) and each variant's Results.
    ``progress`` (optional) is called once per finished run (3 × seeds runs)."""
    if years is not None:
        scenario = scenario.with_years(years)
    units = list(scenario.enterprise_units)
    if not units:
        raise ValueError("the scenario has no enterprise units to compare")
    variants = {"enterprise": scenario, "tenants": as_tenants(scenario),
                "tenants_without_support": as_tenants(scenario, support=False)}
    results = run_variants(variants, seeds, workers, progress)
    table = pd.DataFrame([_variant_row(name, res, units) for name, res in results.items()])
    return table, results
