"""Units in the centre — enterprise units, commercial tenants, public houses — as Mesa agents.

A unit accumulates its month (days open or paused, visits, spend, damage) and closes its books
at month end into integer-öre lines (see :mod:`centrumsim.ledger`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa
import numpy as np

from .ledger import LINE_INDEX, LINES, ore, result
from .scenario import Premises, Unit

if TYPE_CHECKING:  # pragma: no cover
    from .model import CentreModel

OPEN, PAUSED, CLOSED, PLANNED = "open", "paused", "closed", "planned"
STATUSES = (OPEN, PAUSED, CLOSED, PLANNED)


def rent_sek_per_month(premises: Premises, discount: float) -> float:
    """Monthly rent of a premises after the housing company's discount."""
    return premises.area_m2 * premises.rent_sek_per_m2_year / 12.0 * (1.0 - discount)


def wage_cost_sek_per_fte(spec: Unit) -> float:
    """Monthly cost of one FTE: gross wage plus the employer's social fees."""
    return spec.wage_sek_per_month * (1.0 + spec.employer_fee_share)


def fixed_costs_sek_per_month(spec: Unit, premises: Premises, discount: float) -> float:
    """A unit's costs in a month it is open that do not depend on visits: rent, staff,
    upkeep, other costs and insurance."""
    return (rent_sek_per_month(premises, discount) + spec.staff_fte * wage_cost_sek_per_fte(spec)
            + spec.upkeep_sek_per_month + spec.other_costs_sek_per_month + spec.insurance_sek_per_month)


class UnitAgent(mesa.Agent):
    """One unit occupying one premises; its own monthly books."""

    def __init__(
        self,
        model: "CentreModel",
        name: str,
        spec: Unit,
        premises_name: str,
        premises: Premises,
        ledger_col: int,
        status: str,
        day: int = 0,
    ):
        super().__init__(model)
        self.name = name
        self.spec = spec
        self.premises_name = premises_name
        self.premises = premises
        self.ledger_col = ledger_col
        self.status = status
        self.trust = 1.0  # partners' trust, 0..1
        self.upkeep_level = 1.0  # share of planned upkeep actually spent
        self.rent_discount = premises.rent_discount_share
        self.grant_sek_per_month = spec.grant_sek_per_month
        self.sponsorship_withdrawn = False
        self.pause_reason = ""
        self.months_paused = 0  # months in the current pause
        self.months_paused_total = 0  # months paused since the unit last ran a month without loss
        self.deficit_months = 0  # enterprise: months in deficit the rest could not carry
        self.loss_months = 0  # commercial: consecutive loss months
        self.recent_results: list[int] = []  # öre, last months
        self.months_open = 0
        self.last_days_open = 0  # days open in the month last closed
        # month accumulators
        self._mark = day
        self.days_open = 0
        self.days_paused = 0
        self.visits = 0
        self.spend_units = 0.0  # Σ of visitors' spend factors (sales = price × this)
        self.damage_ore = 0

    # ---- state
    @property
    def operator(self) -> str:
        return self.spec.operator

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def is_open(self) -> bool:
        return self.status == OPEN

    @property
    def occupies_premises(self) -> bool:
        return self.status in (OPEN, PAUSED)

    def _tally(self, day: int) -> None:
        n = day - self._mark
        if n > 0:
            if self.status == OPEN:
                self.days_open += n
            elif self.status == PAUSED:
                self.days_paused += n
        self._mark = day

    def set_status(self, status: str, day: int, reason: str = "") -> None:
        """Change state from the start of ``day`` (days before it keep the old state)."""
        if status == self.status:
            return
        self._tally(day)
        self.status = status
        if status == PAUSED:
            self.pause_reason = reason
            self.months_paused = 0  # this pause spell
        elif status == OPEN:
            self.pause_reason = ""
            self.deficit_months = 0
            self.loss_months = 0

    # ---- books
    def close_month(self, month: int, next_day: int, days_in_month: int) -> np.ndarray:
        """The month's book lines in öre (int64, in :data:`LINES` order); resets the month."""
        self._tally(next_day)
        s = self.spec
        f_open = self.days_open / days_in_month
        f_hold = (self.days_open + self.days_paused) / days_in_month
        wage_cost = wage_cost_sek_per_fte(s)
        subsidy_per_fte = min(s.wage_subsidy_share * wage_cost, s.wage_subsidy_cap_sek_per_month)
        served = self.served_share()
        sales = s.price_sek * self.spend_units * served
        sek = {
            "sales": sales,
            "fees": s.members * s.membership_fee_sek_per_month * f_open,
            "service_contracts": s.service_contract_sek_per_month * f_open,
            "grants": self.grant_sek_per_month * f_open,
            "sponsorship": 0.0 if self.sponsorship_withdrawn else s.sponsorship_sek_per_month * f_open,
            "wage_subsidies": s.subsidised_fte * subsidy_per_fte * f_open,
            "trainee_payments": s.work_integration_posts * s.trainee_payment_sek_per_post_month * f_open,
            "rent": rent_sek_per_month(self.premises, self.rent_discount) * f_hold,
            "staff": s.staff_fte * wage_cost * f_open,
            "goods": sales * (1.0 - s.gross_margin_share),
            "upkeep": s.upkeep_sek_per_month * self.upkeep_level * f_open,
            "other": s.other_costs_sek_per_month * f_open,
            "insurance": s.insurance_sek_per_month * f_hold,
        }
        lines = np.zeros(len(LINES), dtype=np.int64)
        for key, value in sek.items():
            lines[LINE_INDEX[key]] = ore(value)
        lines[LINE_INDEX["repairs"]] = self.damage_ore
        if self.spec.operator == "public":
            # Public houses are funded by their owner (municipality / housing company): the
            # funder's grant covers whatever their own revenue does not.
            gap = -int(result(lines))
            if gap > 0:
                lines[LINE_INDEX["grants"]] += gap
        if self.days_open > 0:
            self.months_open += 1
        self.last_days_open = self.days_open
        self.days_open = self.days_paused = 0
        self.visits = 0
        self.spend_units = 0.0
        self.damage_ore = 0
        return lines

    def served_share(self) -> float:
        """Share of this month's visitors the unit could serve: with a capacity, visitors beyond
        ``capacity_visits_per_day`` × days open are turned away and buy nothing."""
        cap = self.spec.capacity_visits_per_day
        if cap <= 0 or self.visits == 0:
            return 1.0
        return min(1.0, cap * self.days_open / self.visits)

    def remember(self, result_ore: int, keep: int = 12) -> None:
        self.recent_results.append(result_ore)
        del self.recent_results[:-keep]
