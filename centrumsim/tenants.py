"""Commercial tenants: profit-seekers that cut upkeep when losing and leave early.

After each month's books a commercial tenant updates its loss streak; while its last three months
lose money it spends only ``1 − upkeep_cut_share`` of its upkeep (a shabbier shop draws fewer
visitors); after ``leave_after_loss_months`` consecutive loss months it leaves and the premises
fall vacant. A vacant premises meets a prospective tenant ``entry_attempts_per_year`` times a year
on average; the prospect signs when its expected monthly profit, from the centre's recent foot
traffic and the area's purchasing power, clears ``entry_hurdle_sek_per_month``.
"""

from __future__ import annotations

import numpy as np

from .scenario import Premises, TenantSection, Unit
from .units import CLOSED, UnitAgent, fixed_costs_sek_per_month


def review_tenant(unit: UnitAgent, result_ore: int, policy: TenantSection, day: int) -> str | None:
    """Update a commercial tenant after its month; returns 'left' when it leaves."""
    unit.remember(result_ore)
    unit.loss_months = unit.loss_months + 1 if result_ore < 0 else 0
    losing = sum(unit.recent_results[-3:]) < 0
    unit.upkeep_level = 1.0 - policy.upkeep_cut_share if losing else 1.0
    if unit.loss_months >= policy.leave_after_loss_months:
        unit.set_status(CLOSED, day, "losses")
        return "left"
    return None


def expected_profit_sek(
    spec: Unit,
    premises: Premises,
    unit_visits_per_day: float,
    open_attraction: float,
    spend_factor: float,
) -> float:
    """A prospect's expected monthly profit: its Huff share of recent unit visits × spend ×
    margin − fixed costs. ``open_attraction`` is the summed attraction of open units."""
    share = spec.attraction / (open_attraction + spec.attraction) if spec.attraction > 0 else 0.0
    per_day = unit_visits_per_day * share
    if spec.capacity_visits_per_day > 0:
        per_day = min(per_day, spec.capacity_visits_per_day)
    visits = per_day * 30.4
    gross = visits * spec.price_sek * spend_factor * spec.gross_margin_share
    fixed = fixed_costs_sek_per_month(spec, premises, premises.rent_discount_share)
    income = spec.service_contract_sek_per_month + spec.grant_sek_per_month
    return gross + income - fixed


def prospect(
    rng: np.random.Generator, policy: TenantSection, months: float = 1.0
) -> str | None:
    """Does a prospective tenant turn up this month, and of which kind?"""
    if not policy.entry_kinds or policy.entry_attempts_per_year <= 0:
        return None
    if rng.random() >= 1.0 - np.exp(-policy.entry_attempts_per_year * months / 12.0):
        return None
    return policy.entry_kinds[int(rng.integers(len(policy.entry_kinds)))]
