"""Units in the centre as Mesa agents, and what every unit shares: status, books, damage, trust.

A unit occupies one premises. It accumulates its month (days open or paused, visits, spend,
damage) and closes its books at month end into integer-öre lines (:mod:`.ledger`). Who runs it
decides what it does with a bad month: :class:`~.enterprise.EnterpriseUnit`,
:class:`~.tenants.TenantUnit` and :class:`PublicHouse` are the three kinds. A unit's own state
changes only through its methods.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import numpy as np

from ..exact import ore
from ..scenario import EconomySection, Premises, Unit
from ..scenario.operators import AdaptPolicy
from ._mesa import mesa
from .adaptation import Adaptation, cut_steps, hours_at, staff_share
from .attraction import OpenUnit
from .calendar import Calendar
from .economy import NO_INDEX, Index, index_at
from .ledger import LINE_INDEX, LINES, result


class Status(enum.StrEnum):
    """A unit's state. The order is the code stored in status arrays (``Status.code``)."""

    OPEN = "open"
    PAUSED = "paused"
    CLOSED = "closed"
    PLANNED = "planned"

    @property
    def code(self) -> int:
        """The int8 code of this status in status arrays."""
        return STATUSES.index(self)


STATUSES: tuple[Status, ...] = tuple(Status)


def rent_sek_per_month(premises: Premises, discount: float, index: Index = NO_INDEX) -> float:
    """Monthly rent of a premises after the housing company's discount (at the money's level)."""
    return premises.area_m2 * premises.rent_sek_per_m2_year / 12.0 * (1.0 - discount) * index.rents


def wage_cost_sek_per_fte(spec: Unit, index: Index = NO_INDEX) -> float:
    """Monthly cost of one FTE: gross wage plus the employer's social fees (at the money's level)."""
    return spec.wage_sek_per_month * (1.0 + spec.employer_fee_share) * index.wages


ENDING_LINES = ("grants", "service_contracts", "sponsorship")
"""Revenue lines that can carry an end date (``grant_until`` and the like)."""


def shortened_evening(hours: float, fear: float, closing_fear: float) -> float:
    """Evening hours as fear rises: fewer, none at ``closing_fear`` (staff and customers alike;
    0 = never closes early), to the half hour."""
    if closing_fear <= 0:
        return hours
    return min(hours, round(2 * hours * min(1.0, max(0.0, 1.0 - fear / closing_fear))) / 2)


def served_share(spec: Unit, days_open: float, visits: float) -> float:
    """Share of a month's visitors a unit can serve: with a capacity, visitors beyond
    ``capacity_visits_per_day`` × days open are turned away and buy nothing."""
    cap = spec.capacity_visits_per_day
    if cap <= 0 or visits == 0:
        return 1.0
    return min(1.0, cap * days_open / visits)


def month_lines(
    spec: Unit, premises: Premises, *, days_open: float, days_paused: float, visits: float, spend_units: float,
    damage_ore: int, rent_discount: float, grant_sek_per_month: float, partners_withdrawn: bool,
    upkeep_level: float, days_in_month: float, insurance_loading: float = 0.0, index: Index = NO_INDEX,
    ended: frozenset[str] = frozenset(), staff_level: float = 1.0, members: float = 0.0,
) -> np.ndarray:
    """A unit's month in öre (int64, in :data:`LINES` order): the one formula of a unit's books,
    for a unit's real month and for a prospect's expected one. ``spend_units`` is the sum of
    its visitors' spend factors (sales = price × it × the served share); ``index`` the money's
    level (:mod:`.economy`); ``ended`` the lines of :data:`ENDING_LINES` past their end date;
    ``staff_level`` the share of its staff it keeps (:mod:`.adaptation`);
    ``members`` those paying its fee this month (:mod:`.membership`)."""
    s = spec
    f_open = days_open / days_in_month
    f_hold = (days_open + days_paused) / days_in_month
    wage_cost = wage_cost_sek_per_fte(s, index)
    subsidy_per_fte = min(s.wage_subsidy_share * wage_cost, s.wage_subsidy_cap_sek_per_month)
    sales = s.price_sek * index.prices * spend_units * served_share(s, days_open, visits)
    withheld = partners_withdrawn
    sek = {
        "sales": sales,
        "fees": (members * s.membership_fee_sek_per_month * index.prices * f_open if s.member_fees_to_unit else 0.0),
        "service_contracts": s.service_contract_sek_per_month * index.prices * f_open,
        "grants": 0.0 if withheld else grant_sek_per_month * index.grants * f_open,
        "sponsorship": 0.0 if withheld else s.sponsorship_sek_per_month * f_open,
        "wage_subsidies": s.subsidised_fte * subsidy_per_fte * f_open,
        "trainee_payments": s.work_integration_posts * s.trainee_payment_sek_per_post_month * f_open,
        "rent": rent_sek_per_month(premises, rent_discount, index) * f_hold,
        "staff": s.staff_fte * staff_level * wage_cost * f_open,
        "goods": sales * (1.0 - s.gross_margin_share),
        "upkeep": s.upkeep_sek_per_month * upkeep_level * index.prices * f_open,
        "other": s.other_costs_sek_per_month * index.prices * f_open,
        "insurance": s.insurance_sek_per_month * (1.0 + insurance_loading) * index.prices * f_hold,
    }
    for key in ended:
        sek[key] = 0.0
    lines = np.zeros(len(LINES), dtype=np.int64)
    for key, value in sek.items():
        lines[LINE_INDEX[key]] = ore(value)
    lines[LINE_INDEX["repairs"]] = damage_ore
    return lines


def occupied_premises(units: Iterable[UnitAgent]) -> set[str]:
    """Premises with a unit in them (open or paused)."""
    return {u.premises_name for u in units if u.occupies_premises}


def open_premises(units: Iterable[UnitAgent]) -> set[str]:
    """Premises with an open unit."""
    return {u.premises_name for u in units if u.is_open}


class UnitAgent(mesa.Agent):
    """One unit occupying one premises; its own monthly books."""

    def __init__(
        self, model: mesa.Model, name: str, spec: Unit, premises_name: str, premises: Premises,
        index: int, status: Status, day: int = 0, ledger_col: int | None = None, *, calendar: Calendar,
    ):
        """``model``: the Mesa model the agent belongs to (Mesa's bookkeeping; the unit reads
        nothing of it); ``calendar``: the run's, for the months of its end dates."""
        super().__init__(model)
        self.calendar = calendar
        self.name = name
        self.spec = spec
        self.premises_name = premises_name
        self.premises = premises
        self.index = index  # position among the model's units
        self.ledger_col = index if ledger_col is None else ledger_col  # its column in the ledger
        self.status = status
        self.trust = 1.0  # partners' trust, 0..1
        self.upkeep_level = 1.0  # share of planned upkeep actually spent
        self.adaptation = Adaptation(cut_steps(spec))  # its hours cut step (model/adaptation.py)
        self.hours_now = (spec.hours_day, spec.hours_evening)  # (day, evening) hours it keeps
        self.staff_level = 1.0  # share of its staff it keeps
        self.last_staff_ore = 0  # its staff line in the month last closed
        self.rent_discount = premises.rent_discount_share
        self.grant_sek_per_month = spec.grant_sek_per_month
        # the last month each line with an end date is paid (None: no end)
        untils = dict(zip(ENDING_LINES, (spec.grant_until, spec.service_contract_until, spec.sponsorship_until)))
        self.paid_through: dict[str, int | None] = {
            line: None if until is None else calendar.month_index(until) for line, until in untils.items()}
        self.partners_withdrawn = False  # its sponsors and grant-givers have withdrawn (low trust)
        self.claims: list[int] = []  # months of its insurance claims
        self.months_open = 0
        self.members = 0.0  # paying members this month (set by the membership mechanism)
        self.last_days_open = 0  # days open in the month last closed
        self.last_held_days = 0  # days it held its premises (open or paused) in the month last closed
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
        return self.status == Status.OPEN

    @property
    def occupies_premises(self) -> bool:
        return self.status in (Status.OPEN, Status.PAUSED)

    def _tally(self, day: int) -> None:
        n = day - self._mark
        if n > 0:
            if self.status == Status.OPEN:
                self.days_open += n
            elif self.status == Status.PAUSED:
                self.days_paused += n
        self._mark = day

    def set_status(self, status: Status, day: int, reason: str = "") -> None:
        """Change state from the start of ``day`` (days before it keep the old state);
        ``reason`` is kept by the operators that remember why (a pause)."""
        if status == self.status:
            return
        self._tally(day)
        self.status = status

    def open(self, day: int) -> None:
        """Open (or reopen after a pause) from ``day``, with partners' trust restored."""
        self.trust = 1.0
        self.set_status(Status.OPEN, day)

    @property
    def staff_fte_now(self) -> float:
        """Staff on duty while open (after any cut)."""
        return self.spec.staff_fte * self.staff_level

    def footfall_view(self, shabby_loss_share: float, evening_hours: float) -> OpenUnit:
        """What the foot-traffic model needs to know of this unit while it is open."""
        return OpenUnit.of(self.spec, self.index, evening_hours,
                           quality=1.0 - shabby_loss_share * (1.0 - self.upkeep_level), day_hours=self.hours_now[0])

    def adapt(self, result_ore: int, target_ore: int, policy: AdaptPolicy) -> str | None:
        """Its operator's monthly look at hours and staff (:mod:`.adaptation`): returns "hours
        cut" or "hours restored" when the step changes, else None."""
        a = self.adaptation
        restore_cost = 0
        if a.step > 0 and self.staff_level > 0:
            back = staff_share(self.spec, a.step - 1, policy)
            restore_cost = round(self.last_staff_ore * (back - self.staff_level) / self.staff_level)
        change = a.month(result_ore, target_ore, restore_cost, policy)
        if not change:
            return None
        self.hours_now = hours_at(self.spec, a.step, policy.day_hours_cut_share)
        self.staff_level = staff_share(self.spec, a.step, policy)
        return "hours cut" if change > 0 else "hours restored"

    # ---- what happens to it
    def suffer(self, damage_sek: float, trust_loss: float, month: int = 0) -> None:
        """An unrest event aimed at the premises: the insurance deductible of the damage is
        its own cost, and damage beyond it a claim its insurer remembers; partners' trust falls
        by ``trust_loss``."""
        self.damage_ore += ore(min(damage_sek, self.spec.insurance_deductible_sek))
        if damage_sek > self.spec.insurance_deductible_sek:
            self.claims.append(month)
        self.trust = max(0.0, self.trust - trust_loss)

    def review_partners(self, trust_pause: float, trust_reopen: float) -> None:
        """Sponsors and grant-givers withdraw below ``trust_pause`` and return at ``trust_reopen``
        — from any unit, whoever runs it."""
        if self.trust < trust_pause:
            self.partners_withdrawn = True
        elif self.trust >= trust_reopen:
            self.partners_withdrawn = False

    def evening_hours(self, fear: float, closing_fear: float) -> float:
        """Hours open in the evening now (see :func:`shortened_evening`)."""
        return shortened_evening(self.hours_now[1], fear, closing_fear)

    def recover_trust(self, amount: float) -> None:
        """A month without being targeted: partners' trust recovers by ``amount`` (at most 1)."""
        self.trust = min(1.0, self.trust + amount)

    def book_visits(self, visits: int, spend_units: float) -> None:
        """The month's visits and the sum of their spend factors, from the foot-traffic model."""
        self.visits += visits
        self.spend_units += spend_units

    def set_members(self, paying: float) -> None:
        """Members paying its fee from now (:mod:`.membership`)."""
        self.members = paying

    def set_rent_discount(self, share: float) -> None:
        self.rent_discount = share

    def set_grant(self, sek_per_month: float, paid_through: int | None = None) -> None:
        """A new grant decision: ``sek_per_month`` from now, paid through month ``paid_through``
        (None: no end)."""
        self.grant_sek_per_month = sek_per_month
        self.paid_through["grants"] = paid_through

    def ended_lines(self, month: int) -> frozenset[str]:
        """The lines past their end date in ``month``."""
        return frozenset(k for k, last in self.paid_through.items() if last is not None and month > last)

    # ---- books
    def close_month(self, month: int, next_day: int, days_in_month: int,
                    economy: EconomySection | None = None) -> np.ndarray:
        """The month's book lines in öre (int64, in :data:`LINES` order); resets the month."""
        self._tally(next_day)
        loading = 0.0
        if economy is not None and self.claims:
            self.claims = [c for c in self.claims if month - c < economy.insurance_claim_memory_months]
            loading = economy.insurance_claim_loading_share * len(self.claims)
        lines = self._lines(days_in_month, loading, index_at(economy, month), self.ended_lines(month))
        self.last_staff_ore = int(lines[LINE_INDEX["staff"]])
        if self.days_open > 0:
            self.months_open += 1
        self.last_days_open = self.days_open
        self.last_held_days = self.days_open + self.days_paused
        self.days_open = self.days_paused = 0
        self.visits = 0
        self.spend_units = 0.0
        self.damage_ore = 0
        return lines

    def _lines(self, days_in_month: int, insurance_loading: float = 0.0, index: Index = NO_INDEX,
               ended: frozenset[str] = frozenset()) -> np.ndarray:
        return month_lines(
            self.spec, self.premises, days_open=self.days_open, days_paused=self.days_paused, visits=self.visits,
            spend_units=self.spend_units, damage_ore=self.damage_ore, rent_discount=self.rent_discount,
            grant_sek_per_month=self.grant_sek_per_month, partners_withdrawn=self.partners_withdrawn,
            upkeep_level=self.upkeep_level, days_in_month=days_in_month, insurance_loading=insurance_loading,
            index=index, ended=ended, staff_level=self.staff_level, members=self.members)

    def served_share(self) -> float:
        """Share of this month's visitors the unit could serve (see :func:`served_share`)."""
        return served_share(self.spec, self.days_open, self.visits)

    def review(self, result_ore: int, day: int) -> str | None:
        """After its books: what the operator does about the month (None: nothing)."""
        return None


class PublicHouse(UnitAgent):
    """A publicly funded house (sports, knowledge, associations, the equipment library, the
    municipal office): its funder's grant covers whatever its own revenue does not."""

    last_gap_ore = 0  # what its funder paid to cover the month last closed

    def _lines(self, days_in_month: int, insurance_loading: float = 0.0, index: Index = NO_INDEX,
               ended: frozenset[str] = frozenset()) -> np.ndarray:
        lines = super()._lines(days_in_month, insurance_loading, index, ended)
        self.last_gap_ore = max(0, -int(result(lines)))
        lines[LINE_INDEX["grants"]] += self.last_gap_ore
        return lines
