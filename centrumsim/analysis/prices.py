"""A price scan for project leads: one unit's price over a range, under common random numbers.

``price_scan(scenario, "cafe", multipliers)`` runs the scenario with the unit's price (or, for a
unit that sells memberships and nothing per visit, its membership fee) at each multiple of the
scenario's, all over the same seeds, and returns one row per price: the unit's demand at that
price apart from whether it stays open (visits per day and sales per year over the months it was
open throughout), its visits per day, sales and contribution per year as run (a unit the
enterprise pauses sells nothing while paused), and the enterprise's probability of breaking even
and yearly result. The best price is the one with the highest median contribution.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from ..model.ledger import LINE_INDEX, result
from ..model.units import Status
from ..results import Results
from ..scenario import Scenario, ScenarioError, suggest
from .bars import ProgressArg
from .runner import run_variants

MAX_PRICES = 50
OPEN = Status.OPEN.code


def parse_range(text: str) -> list[float]:
    """``"0.5:2.0:7"`` → seven multipliers from 0.5 to 2.0; raises ValueError with the rule."""
    parts = text.split(":")
    try:
        lo, hi, n = float(parts[0]), float(parts[1]), int(parts[2])
        if len(parts) != 3:
            raise ValueError
    except (ValueError, IndexError):
        raise ValueError(f"expected LOW:HIGH:COUNT, e.g. 0.5:2.0:7 (got {text!r})") from None
    if not (np.isfinite(lo) and np.isfinite(hi)) or not 0 < lo < hi <= 100:
        raise ValueError(f"LOW and HIGH must be multipliers with 0 < LOW < HIGH <= 100 (got {text!r})")
    if not 2 <= n <= MAX_PRICES:
        raise ValueError(f"COUNT must be in 2..{MAX_PRICES} (got {n})")
    return [float(round(m, 6)) for m in np.linspace(lo, hi, n)]


def priced_field(scenario: Scenario, unit: str, fee: bool = False) -> str:
    """Which of the unit's prices the scan varies: its price per visit, or (``fee``, or a unit
    that sells nothing per visit) its membership fee. Raises ScenarioError when it has none."""
    if unit not in scenario.units:
        what = "is disabled in the scenario" if unit in scenario.disabled_units else "does not exist"
        raise ScenarioError([f"--unit: unit {unit!r} {what}{suggest(unit, scenario.units)}"])
    spec = scenario.units[unit]
    has_fee = spec.membership_fee_sek_per_month > 0 and spec.member_share_at_door > 0 and spec.member_fees_to_unit
    if fee or (spec.price_sek <= 0 and has_fee):
        if not has_fee:
            raise ScenarioError([f"--fee: unit {unit!r} has no members paying a fee"])
        return "membership_fee_sek_per_month"
    if spec.price_sek > 0:
        return "price_sek"
    raise ScenarioError([f"--unit: unit {unit!r} charges nothing (price_sek and membership_fee_sek_per_month are 0)"])


def price_scan(
    scenario: Scenario, unit: str, multipliers: Sequence[float], seeds: int | Iterable[int] = 20,
    workers: int | None = None, fee: bool = False, progress: ProgressArg = None,
) -> tuple[pd.DataFrame, dict[float, Results]]:
    """The scan's table (one row per price, best price marked) and each price's Results.
    ``progress`` (optional) is called once per finished run (prices × seeds runs)."""
    field = priced_field(scenario, unit, fee)
    base = getattr(scenario.units[unit], field)
    variants = {m: scenario.with_overrides({f"units.{unit}.{field}": round(base * m, 2)}) for m in multipliers}
    results = run_variants(variants, seeds, workers, progress)
    rows = [_row(unit, field, m, res) for m, res in results.items()]
    table = pd.DataFrame(rows)
    table["best"] = table["contribution_sek_per_year"] == table["contribution_sek_per_year"].max()
    return table, results


def _row(unit: str, field: str, multiplier: float, res: Results) -> dict:
    visits, sales, contribution, demand, demand_sales = [], [], [], [], []
    line = LINE_INDEX["sales" if field == "price_sek" else "fees"]
    for r in res.runs:
        j = [u["name"] for u in r.units].index(unit)
        col = r.ledger_names.index(unit)
        visits.append(r.unit_visits[:, j].sum() / (r.years * 365.25))
        books = r.books[:, col, :]
        sales.append(books[:, line].sum() / 100 / r.years)
        contribution.append(result(books).sum() / 100 / r.years)
        # demand apart from whether the unit stays open: the months it was open throughout (open
        # at the month's end and at the one before), per day and per year
        status = r.status[:, j]
        whole = (status == OPEN) & (np.concatenate([[OPEN], status[:-1]]) == OPEN)
        if whole.any():
            demand.append(r.unit_visits[whole, j].mean() / (365.25 / 12))
            demand_sales.append(books[whole, line].mean() / 100 * 12)
    e = res.summary()["enterprise"]
    return {
        "multiplier": multiplier,
        field: getattr(res.scenario.units[unit], field),
        "visits_per_day": float(np.median(visits)),
        "visits_per_open_day": float(np.median(demand)) if demand else float("nan"),
        ("sales" if field == "price_sek" else "fees") + "_sek_per_year_open": (
            float(np.median(demand_sales)) if demand_sales else float("nan")),
        ("sales" if field == "price_sek" else "fees") + "_sek_per_year": float(np.median(sales)),
        "contribution_sek_per_year": float(np.median(contribution)),
        "p_break_even": e["p_break_even"] if e["present"] else float("nan"),
        "enterprise_result_sek_per_year": e["result_sek_per_year"]["median"] if e["present"] else float("nan"),
    }

