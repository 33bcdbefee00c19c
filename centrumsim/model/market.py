"""The letting market: commercial tenants that cut upkeep when losing and leave early, and
prospective tenants that take vacant premises when they expect a profit.

After each month's books a commercial tenant updates its streak of months below the profit it
requires (``required_profit_sek_per_month``: a profit-seeker wants a return, not just to break
even); while its last three months lose money it spends only ``1 − upkeep_cut_share`` of its
upkeep (a shabbier shop draws fewer visitors); after ``leave_after_loss_months`` such months in a
row it leaves and the premises fall vacant. A vacant premises meets a prospective tenant ``entry_attempts_per_year`` times a year
on average; the prospect signs when its expected monthly profit, from the centre's recent foot
traffic and the area's purchasing power, clears ``entry_hurdle_sek_per_month``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

import numpy as np

from ..exact import ore
from ..scenario import UNIT_KINDS, Premises, Scenario, TenantSection, Unit, build, kind_defaults
from .interventions import reserved_premises
from .units import Status, UnitAgent, fixed_costs_sek_per_month, occupied_premises

if TYPE_CHECKING:  # pragma: no cover
    from .model import CentreModel


class TenantUnit(UnitAgent):
    """A unit let to a commercial, profit-seeking tenant."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.loss_months = 0  # consecutive loss months
        self.recent_results: list[int] = []  # öre, the last months

    @property
    def policy(self) -> TenantSection:
        """How tenants in this centre behave (the scenario's ``[tenants]``)."""
        return self.model.scenario.tenants

    def set_status(self, status: Status, day: int, reason: str = "") -> None:
        if status == Status.OPEN and self.status != Status.OPEN:
            self.loss_months = 0
        super().set_status(status, day, reason)

    def review(self, result_ore: int, day: int, keep: int = 12) -> str | None:
        """Update the tenant after its month; returns 'losses' when it leaves from ``day``."""
        self.recent_results.append(result_ore)
        del self.recent_results[:-keep]
        short = result_ore < ore(self.policy.required_profit_sek_per_month)  # below its required return
        self.loss_months = self.loss_months + 1 if short else 0
        losing = sum(self.recent_results[-3:]) < 0
        self.upkeep_level = 1.0 - self.policy.upkeep_cut_share if losing else 1.0
        if self.loss_months >= self.policy.leave_after_loss_months:
            self.set_status(Status.CLOSED, day)
            return "losses"
        return None


def expected_profit_sek(
    spec: Unit, premises: Premises, unit_visits_per_day: float, open_attraction: float, spend_factor: float,
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


def prospect(rng: np.random.Generator, policy: TenantSection) -> str | None:
    """Does a prospective tenant turn up this month, and of which kind?"""
    if not policy.entry_kinds or policy.entry_attempts_per_year <= 0:
        return None
    if rng.random() >= 1.0 - np.exp(-policy.entry_attempts_per_year / 12.0):
        return None
    return policy.entry_kinds[int(rng.integers(len(policy.entry_kinds)))]


class Market:
    """Prospective tenants for the vacant premises of one run."""

    def __init__(self, scenario: Scenario, rng: np.random.Generator):
        self.policy = scenario.tenants
        self.premises = scenario.premises
        self.rng = rng
        self._specs: dict[tuple[str, str], Unit] = {}

    def vacant(self, units: Iterable[UnitAgent], held: set[str]) -> list[str]:
        """Premises a prospect may take: no unit in them and not ``held`` (for a pending or a
        scheduled opening)."""
        taken = occupied_premises(units) | held
        return [p for p in self.premises if p not in taken]

    def entrants(
        self, vacant: Iterable[str], visits_per_day: float, open_attraction: float, spend_factor: float,
        taken_names: Iterable[str],
    ) -> list[tuple[str, Unit]]:
        """The tenants that sign for vacant premises this month: (unit name, spec) each, a
        name ``kind@premises`` (with ``#2``, ``#3``… when taken)."""
        names = set(taken_names)
        out = []
        for p in vacant:
            kind = prospect(self.rng, self.policy)
            if kind is None:
                continue
            spec = self.entrant_spec(kind, p)
            profit = expected_profit_sek(spec, self.premises[p], visits_per_day, open_attraction, spend_factor)
            if profit > self.policy.entry_hurdle_sek_per_month:
                name = _unique(f"{kind}@{p}", names)
                names.add(name)
                out.append((name, spec))
                open_attraction += spec.attraction
        return out

    def entrant_spec(self, kind: str, premises: str) -> Unit:
        """A commercial tenant of ``kind`` with the catalogue's defaults, on ``premises``."""
        key = (kind, premises)
        if key not in self._specs:
            label = f"{UNIT_KINDS[kind].get('label', kind)} ({premises})"
            raw = kind_defaults(kind) | {"kind": kind, "operator": "commercial", "premises": premises, "label": label}
            problems: list = []
            spec = build(Unit, raw, f"units.{kind}", problems)
            if spec is None:  # pragma: no cover - the catalogue is validated by the tests
                raise ValueError(f"catalogue kind {kind!r} is invalid: {problems}")
            self._specs[key] = spec
        return self._specs[key]


def _unique(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base}#{n}" in taken:
        n += 1
    return f"{base}#{n}"


def let_vacant(model: "CentreModel", visits_row: np.ndarray, days: int, next_day: int) -> list[tuple[str, Status, str]]:
    """Prospective commercial tenants may take vacant premises from ``next_day`` (premises held
    for a pending or a scheduled opening are not let)."""
    held = {u.premises_name for u in model.pending_openings}
    held |= reserved_premises(model.scenario, model.unit_by_name, model.calendar)
    vacant = model.market.vacant(model.units, held)
    if not vacant:
        return []
    visits_per_day = float(visits_row.sum()) / max(days, 1)
    open_attraction = sum(u.spec.attraction for u in model.open_units())
    spend_factor = float(model.footfall.spend_factor.mean()) if model.pop.n else 1.0
    changes = []
    for name, spec in model.market.entrants(vacant, visits_per_day, open_attraction, spend_factor, model.unit_by_name):
        model.add_unit(name, spec, Status.OPEN, day=next_day)
        changes.append((name, Status.OPEN, "entered"))
    return changes
