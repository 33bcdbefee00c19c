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

from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from .. import outcomes as registry
from ..model import RunOutput, Status
from ..model.ledger import LINE_INDEX, result
from ..model.public_ledger import PUBLIC_LINE_INDEX
from ..results import Results
from ..results.measures import unit_columns
from ..results.measuring import STATISTICS, run_value
from ..scenario import CENTRAL, Scenario
from .bars import ProgressArg
from .runner import Workers, run_variants

PUBLIC_SUPPORT_LINES = ("grants", "wage_subsidies", "trainee_payments")
"""A unit's public support lines (sponsorship is private; a service contract buys a service)."""
VARIANTS = ("enterprise", "tenants", "tenants_without_support")


def as_tenants(scenario: Scenario, support: bool = True) -> Scenario:
    """The scenario with every enterprise unit run by an independent commercial tenant; without
    ``support``, those units also lose their public support lines."""
    overrides: dict[str, str | int] = {f"units.{n}.operator": "commercial" for n in scenario.enterprise_units}
    if not support:
        for n in scenario.enterprise_units:
            overrides |= {f"units.{n}.grant_sek_per_month": 0, f"units.{n}.subsidised_fte": 0,
                          f"units.{n}.trainee_payment_sek_per_post_month": 0}
    return scenario.with_overrides(overrides)


def _open(r: RunOutput, units: list[str]) -> np.ndarray:
    """[month, unit]: whether each of ``units`` was open."""
    return np.asarray(r.status[:, unit_columns(r, units)] == Status.OPEN.code)


def _first_gap(r: RunOutput, units: list[str]) -> int:
    """Months from a unit's opening until a unit first stops (the horizon if none does)."""
    status = _open(r, units)
    opened = np.any(status, axis=0)
    started = status.argmax(axis=0)  # a unit's first open month
    gaps = [int(np.argmax(~status[s:, k])) if (~status[s:, k]).any() else status.shape[0] - s
            for k, s in enumerate(started) if opened[k]]
    return min(gaps) if gaps else 0


def _books(r: RunOutput, units: list[str]) -> np.ndarray:
    return r.books[:, _ledger_columns(r, units), :]


MEASURES: dict[str, Callable[[RunOutput, list[str]], float]] = {
    "share_of_unit_months_open": lambda r, units: _open(r, units).mean(),
    "months_until_first_gap": _first_gap,
    "units_open_at_end": lambda r, units: int(_open(r, units)[-1].sum()),
    "operators_result_sek_per_year": lambda r, units: result(_books(r, units)).sum() / 100 / r.years,
    "units_public_support_sek_per_year": lambda r, units: sum(
        _books(r, units)[:, :, LINE_INDEX[line]].sum() for line in PUBLIC_SUPPORT_LINES) / 100 / r.years,
    "centre_public_support_sek_per_year": lambda r, units: _public_support(r) / 100 / r.years,
}
"""The measures of one run that the registry's ``compare`` outcomes name (:mod:`centrumsim.outcomes`)."""

COMPARED: tuple[registry.Outcome, ...] = tuple(registry.shown(registry.COMPARE))
"""The outcomes of the comparison, in order: compare's own and some of the summary's."""


def column(outcome: registry.Outcome) -> str:
    """An outcome's column in the comparison's tables: its key (a summary outcome outside the
    centre named with its section: ``public_cost_sek_per_year``)."""
    return outcome.key if outcome.section in ("compare", "centre") else f"{outcome.section}_{outcome.key}"


def seed_rows(res: Results, units: list[str]) -> pd.DataFrame:
    """One row per seed of a variant: each compared outcome (:data:`COMPARED`) of its run — the
    share of the units' months open, the months until a unit first stops, the units open at the
    end, the operators' result, the units' and the centre's public support (SEK a year), and the
    summary's measures of visitors, unrest, safety, vacancy and the public purse's net cost."""
    rows = []
    for r in res.runs:
        rows.append({"seed": r.seed} | {
            column(o): MEASURES[o.key](r, units) if o.section == "compare" else run_value(o, r) for o in COMPARED})
    return pd.DataFrame(rows)


def seed_table(results: dict[str, Results], units: list[str]) -> pd.DataFrame:
    """:func:`seed_rows` of every variant, with its name in ``variant``: the same seeds in each
    (common random numbers), so differences between variants can be taken seed by seed."""
    return pd.concat([seed_rows(res, units).assign(variant=name) for name, res in results.items()],
                     ignore_index=True)


def _variant_row(name: str, res: Results, units: list[str]) -> dict:
    """A variant's row: compare's own outcomes summarised over its seeds (their statistic), the
    summary's outcomes at the summary's median."""
    seeds = seed_rows(res, units)
    s = res.summary()
    row: dict = {"variant": name, "units": ", ".join(units)}
    for o in COMPARED:
        if o.section == "compare":
            assert o.measure is not None
            row[column(o)] = STATISTICS[o.measure.over](list(seeds[column(o)]))
        else:
            row[column(o)] = s[o.section][o.key]["median"]
    return row


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
    scenario: Scenario, seeds: int | Iterable[int] = 20, years: int | None = None, workers: int | Workers | None = None,
    progress: ProgressArg = None,
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
