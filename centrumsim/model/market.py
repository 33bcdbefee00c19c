"""The letting market: commercial tenants on leases, who cut upkeep when losing and leave early,
and prospective tenants who take vacant premises when the model's own foot traffic promises a
profit.

A tenant's lease runs ``lease_term_months`` from its start and renews for another term unless
notice is given ``notice_months`` before its end (Swedish commercial leases, 12 kap. 4 §
jordabalken). After each month's books a tenant counts its months in a row below the profit it
requires (``required_profit_sek_per_month``: a profit-seeker wants a return, not just to break
even); while its last three months lose money it spends only ``1 − upkeep_cut_share`` of its
upkeep. After ``leave_after_loss_months`` such months it closes its shop and gives notice: it
pays rent and insurance, no more, until the lease ends (status ``paused``, reason "notice"),
then the premises falls vacant. A vacant premises meets a prospective tenant
``entry_attempts_per_year`` times a year on average, at an asking rent that falls the longer it
stands empty (``vacant_rent_cut_share_per_year``, down to ``vacant_rent_floor_share`` of the
list rent); a prospect of a kind that needs more floor space (``min_premises_m2``) passes it by;
otherwise it signs when its expected monthly result (:mod:`.prospects`) clears
``entry_hurdle_sek_per_month``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Iterable

import numpy as np

from ..exact import ore
from ..scenario import UNIT_KINDS, Scenario, TenantSection, Unit, build, kind_defaults
from .economy import index_at
from .interventions import reserved_premises
from .prospects import expected_result_sek
from .units import Status, UnitAgent, occupied_premises

if TYPE_CHECKING:  # pragma: no cover
    from .model import CentreModel


class TenantUnit(UnitAgent):
    """A unit let to a commercial, profit-seeking tenant."""

    def __init__(self, *args, lease_start: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.loss_months = 0  # consecutive months below its required profit
        self.recent_results: list[int] = []  # öre, the last months
        # month index its lease began (negative: before the run; None: not yet signed)
        self.lease_start = lease_start
        self.lease_ends: int | None = None  # with notice given: the month its lease ends

    @property
    def policy(self) -> TenantSection:
        """How tenants in this centre behave (the scenario's ``[tenants]``)."""
        return self.model.spec.tenants

    def set_status(self, status: Status, day: int, reason: str = "") -> None:
        if status == Status.OPEN and self.status != Status.OPEN:
            self.loss_months = 0
            if self.lease_start is None:  # a planned tenant signs its lease as it opens
                cal = self.model.calendar
                self.lease_start = int(cal.month[min(day, cal.n_days - 1)])
        super().set_status(status, day, reason)

    def lease_end_after_notice(self, month: int) -> int:
        """The first month after the lease's end that notice given at the end of ``month`` can
        reach: a term boundary at least ``notice_months`` ahead."""
        term, earliest = self.policy.lease_term_months, month + 1 + self.policy.notice_months
        start = month if self.lease_start is None else self.lease_start
        k = max(1, math.ceil((earliest - start) / term))
        return start + k * term

    def review(self, result_ore: int, day: int, month: int = 0, keep: int = 12) -> str | None:
        """Update the tenant after month ``month``; returns why its status changes from ``day``
        ("notice": it closes the shop and serves out the lease; "lease ended"), else None."""
        if self.lease_ends is not None:  # serving out its notice
            if month + 1 >= self.lease_ends:
                self.set_status(Status.CLOSED, day)
                return "lease ended"
            return None
        self.recent_results.append(result_ore)
        del self.recent_results[:-keep]
        required = self.policy.required_profit_sek_per_month * index_at(self.model.spec.economy, month).prices
        short = result_ore < ore(required)  # below its required return (in today's money)
        self.loss_months = self.loss_months + 1 if short else 0
        losing = sum(self.recent_results[-3:]) < 0
        self.upkeep_level = 1.0 - self.policy.upkeep_cut_share if losing else 1.0
        if self.loss_months >= self.policy.leave_after_loss_months:
            self.lease_ends = self.lease_end_after_notice(month)
            if self.lease_ends <= month + 1:  # pragma: no cover - a notice reaches at least a month
                self.set_status(Status.CLOSED, day)
                return "lease ended"
            self.set_status(Status.PAUSED, day, "notice")
            return "notice"
        return None


def prospect(rng: np.random.Generator, policy: TenantSection) -> str | None:
    """Does a prospective tenant turn up this month, and of which kind?"""
    if not policy.entry_kinds or policy.entry_attempts_per_year <= 0:
        return None
    if rng.random() >= 1.0 - np.exp(-policy.entry_attempts_per_year / 12.0):
        return None
    return policy.entry_kinds[int(rng.integers(len(policy.entry_kinds)))]


class Market:
    """Prospective tenants for the vacant premises of one run, and how long each has stood empty."""

    def __init__(self, scenario: Scenario, rng: np.random.Generator):
        self.policy = scenario.tenants
        self.premises = scenario.premises
        self.rng = rng
        self._specs: dict[tuple[str, str], Unit] = {}
        self.months_vacant = dict.fromkeys(scenario.premises, 0)

    def vacant(self, units: Iterable[UnitAgent], held: set[str]) -> list[str]:
        """Premises a prospect may take: no unit in them and not ``held`` (for a pending or a
        scheduled opening)."""
        taken = occupied_premises(units) | held
        return [p for p in self.premises if p not in taken]

    def count_vacancy(self, units: Iterable[UnitAgent]) -> None:
        """A month passes: each empty premises has stood empty a month longer."""
        taken = occupied_premises(units)
        for p in self.premises:
            self.months_vacant[p] = 0 if p in taken else self.months_vacant[p] + 1

    def asking_discount(self, premises: str) -> float:
        """The discount on the list rent the owner asks of a new tenant: the premises' own, or
        more after a long vacancy."""
        pol, p = self.policy, self.premises[premises]
        cut = min(1.0 - pol.vacant_rent_floor_share, pol.vacant_rent_cut_share_per_year * self.months_vacant[premises] / 12)
        return max(p.rent_discount_share, cut)

    def offer(self, model: "CentreModel", premises: str, taken_names: set[str]) -> tuple[str, Unit, float] | None:
        """A prospective tenant may turn up for vacant ``premises`` this month and signs when its
        expected result clears the hurdle: (unit name ``kind@premises``, with ``#2``, ``#3``…
        when taken; spec; rent discount signed for), else None. The model's foot traffic must
        reflect what is open now (entrants signed earlier this month included)."""
        kind = prospect(self.rng, self.policy)
        if kind is None:
            return None
        spec, discount = self.entrant_spec(kind, premises), self.asking_discount(premises)
        if self.premises[premises].area_m2 < spec.min_premises_m2:  # too small for its trade
            return None
        model.refresh_footfall()
        hurdle = self.policy.entry_hurdle_sek_per_month * index_at(model.spec.economy, model.month).prices
        if expected_result_sek(model, spec, self.premises[premises], discount) <= hurdle:
            return None
        return _unique(f"{kind}@{premises}", taken_names), spec, discount

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


def let_vacant(model: "CentreModel", next_day: int) -> list[tuple[str, Status, str]]:
    """Prospective commercial tenants may take vacant premises from ``next_day`` (premises held
    for a pending or a scheduled opening are not let)."""
    market = model.market
    market.count_vacancy(model.units)
    held = {u.premises_name for u in model.pending_openings}
    held |= reserved_premises(model.spec, model.unit_by_name, model.calendar)
    vacant = market.vacant(model.units, held)
    changes = []
    for premises in vacant:
        signed = market.offer(model, premises, set(model.unit_by_name))
        if signed is None:
            continue
        name, spec, discount = signed
        unit = model.add_unit(name, spec, Status.OPEN, day=next_day)
        unit.set_rent_discount(discount)
        changes.append((name, Status.OPEN, "entered"))
    return changes
