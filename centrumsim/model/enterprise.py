"""The social centre enterprise: consolidation, explicit cross-subsidy and unit policies.

Each month the enterprise adds its units' results and its central costs (overhead, spend on the
common environment) to its cash. Surpluses carry deficits ("gungor och karuseller"): the carried
amount, min(Σ surpluses, Σ deficits), is split over deficit units in proportion to their deficits
and over carriers in proportion to their surpluses, in exact öre; what surpluses cannot carry is
drawn from the reserve (cash).

Policies, in order. (1) A unit that lost money first adapts (:mod:`.adaptation`: evening, then day
hours, staff following them), as a tenant does, but against a target of zero (breaking even is
enough). (2) The plan: the whole's expected month is the sum of each unit's and the central
column's mean result over its last ``plan_months`` months in its present state; the whole *can
carry* its losers while ``cash + plan_months × expected ≥ reserve_target_sek`` (the floor). (3) A
fully adapted unit that lost money in ``pause_after_deficit_months`` months in a row in which the
whole could not carry it is paused for "deficit" — one a month, the one whose expected loss is
largest (the next month's plan sees the pause). (4) A unit whose partners' trust fell below the
threshold is paused ("trust"; sponsorship withdrawn); when cash falls below minus the overdraft
limit, every open unit that lost money that month is paused ("cash"). (5) A paused unit reopens
after ``reopen_min_paused_months`` when trust is back above the reopening threshold and (unless
it was paused for trust alone) cash covers the floor plus its expected loss while open for
``reopen_cover_months``; it closes after ``close_after_paused_months`` paused — counted over
repeated pauses until it runs a month without a loss, so a chronic loss-maker cannot cycle
forever. An enterprise with no open or paused unit left has wound up and carries no central
costs or grant; nor does one whose units have not opened yet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from ..exact import allocate_exact, ore, split_exact
from ..scenario import CENTRAL, EconomySection, EnterpriseSection, UnrestSection
from ._mesa import mesa
from .calendar import Calendar
from .economy import index_at
from .ledger import LINE_INDEX, LINES, Ledger
from .public_ledger import PublicLedger
from .units import Status, UnitAgent


def cross_subsidy(results: np.ndarray) -> np.ndarray:
    """Who carries whom for one month.

    ``results``: int öre per unit. Returns ``flows[a, b]`` = öre unit a's surplus carried of
    unit b's deficit. Each column sums to the carried part of b's deficit; the total carried is
    min(Σ surpluses, Σ deficits); flows are non-negative integers.
    """
    results = np.asarray(results, dtype=np.int64)
    surplus = np.clip(results, 0, None)
    deficit = np.clip(-results, 0, None)
    carried = int(min(surplus.sum(), deficit.sum()))
    gives = split_exact(carried, surplus)  # each carrier's part, ∝ its surplus
    gets = split_exact(carried, deficit)  # each deficit's covered part, ∝ its deficit
    return allocate_exact(gives, gets)


def mean_ore(results: Sequence[int]) -> int:
    """The mean of monthly results in whole öre (rounded down; 0 for none): the plan's expectation."""
    return sum(results) // len(results) if results else 0


def remember(recent: list[int], result_ore: int, months: int) -> None:
    """Keep ``recent`` to the last ``months`` results, ``result_ore`` the newest."""
    recent.append(result_ore)
    del recent[:-months]


class EnterpriseUnit(UnitAgent):
    """A unit run by the enterprise: its deficits are carried by the whole, within limits."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pause_reason = ""
        self.months_paused = 0  # months in the current pause
        self.months_paused_total = 0  # months paused since the unit last ran a month without loss
        self.deficit_months = 0  # months in deficit, fully adapted, that the whole could not carry
        self.recent: list[int] = []  # öre: its last months' results in its present state
        self.open_loss_ore = 0  # its expected monthly loss while open, as it was paused

    def set_status(self, status: Status, day: int, reason: str = "") -> None:
        """Change state from the start of ``day``; a pause remembers why."""
        if status == self.status:
            return
        super().set_status(status, day, reason)
        if status == Status.PAUSED:
            self.open_loss_ore = max(0, -self.expected_ore)
        self.recent = []  # a new state: its expected month starts afresh
        if status == Status.PAUSED:
            self.pause_reason = reason
            self.months_paused = 0  # this pause spell
        elif status == Status.OPEN:
            self.pause_reason = ""
            self.deficit_months = 0

    def pause(self, day: int, reason: str) -> None:
        """Pause from ``day``; partners withdraw their sponsorship when trust is the reason."""
        if reason == "trust":
            self.partners_withdrawn = True
        self.set_status(Status.PAUSED, day, reason)

    def reopen(self, day: int) -> None:
        """Reopen after a pause; sponsors and grant-givers return."""
        self.partners_withdrawn = False
        self.set_status(Status.OPEN, day)

    @property
    def expected_ore(self) -> int:
        """Its expected monthly result in its present state: the mean of its recent months."""
        return mean_ore(self.recent)

    def remember(self, result_ore: int, months: int) -> None:
        """Add a month's result to its recent months in its present state (at most ``months``)."""
        remember(self.recent, result_ore, months)

    def count_open_month(self, result_ore: int, cannot_carry: bool) -> None:
        """An open month: a month without loss ends the count of past pauses; a loss, once fully
        adapted, in a month the whole could not carry it adds to the deficit streak."""
        if result_ore >= 0:
            self.months_paused_total = 0  # recovered: earlier pauses no longer count
        counts = result_ore < 0 and cannot_carry and self.adaptation.fully_adapted
        self.deficit_months = self.deficit_months + 1 if counts else 0

    def count_paused_month(self) -> None:
        self.months_paused += 1
        self.months_paused_total += 1


class Enterprise(mesa.Agent):
    """The non-profit that runs the enterprise units as one legal entity."""

    def __init__(self, model: mesa.Model, spec: EnterpriseSection, ledger: Ledger, public: PublicLedger,
                 economy: EconomySection | None, calendar: Calendar):
        """``model``: the Mesa model the agent belongs to (Mesa's bookkeeping; the enterprise reads
        nothing of it); its books go to ``ledger``, its grant to its payer in ``public``."""
        super().__init__(model)
        self.spec = spec
        self.ledger = ledger
        self.public = public
        self.economy = economy
        # the last month its grant is paid (None: no end)
        self.grant_last_month = None if spec.grant_until is None else calendar.month_index(spec.grant_until)
        self.cash_ore = ore(spec.starting_cash_sek)
        self.min_cash_ore = self.cash_ore
        self.overdraft_ore = ore(spec.overdraft_limit_sek)
        self.central_col = ledger.add_unit(CENTRAL)
        self.flow_rows: list[tuple[int, str, str, int]] = []  # (month, carrier, carried, öre)
        self.central_recent: list[int] = []  # öre: its own column's last months
        self.started = False  # central costs run from the first month a unit is open

    def central_lines(self, days_share: float, active: bool = True, month: int = 0) -> np.ndarray:
        """The enterprise's own month: grant (through the month of ``grant_until``), overhead
        (mostly wages), environment (at the price level), and interest on an overdrawn balance
        (none once wound up, save interest on what it still owes)."""
        sp = self.spec
        lines = np.zeros(len(LINES), dtype=np.int64)
        lines[LINE_INDEX["interest"]] = ore(max(0, -self.cash_ore) / 100 * sp.overdraft_interest_share_per_year / 12)
        if not active:
            return lines
        index = index_at(self.economy, month)
        granted = self.grant_last_month is None or month <= self.grant_last_month
        lines[LINE_INDEX["grants"]] = ore(sp.grant_sek_per_month * index.grants * days_share) if granted else 0
        lines[LINE_INDEX["overhead"]] = ore(sp.overhead_sek_per_month * index.wages * days_share)
        lines[LINE_INDEX["environment"]] = ore(sp.environment_spend_sek_per_month * index.prices * days_share)
        return lines

    def is_active(self, units: Sequence[EnterpriseUnit]) -> bool:
        """Running: from its first opening until it has no unit left to run."""
        if any(u.occupies_premises for u in units):
            self.started = True
        return self.started and any(u.occupies_premises or u.status == Status.PLANNED for u in units)

    def close_month(self, units: Sequence[EnterpriseUnit], results: Mapping[str, int], month: int, day: int,
                    days_share: float, un: UnrestSection) -> tuple[list[tuple[str, Status, str]], float, float]:
        """The enterprise's month end: its own lines (and its grant in the public ledger),
        consolidation and its policies from ``day``; returns the changes, its cash and its
        month's result (SEK)."""
        unit_results = [results[u.name] for u in units]
        central_lines = self.central_lines(days_share, self.is_active(units), month)
        central = self.ledger.post(month, self.central_col, central_lines)
        self.public.add(month, self.spec.grant_payer, "grants", int(central_lines[LINE_INDEX["grants"]]))
        total = self.consolidate(month, units, unit_results, central)
        remember(self.central_recent, central, self.spec.plan_months)
        changes = self.apply_policies(units, unit_results, total, day, un.trust_pause_threshold,
                                      un.trust_reopen_threshold)
        return changes, self.cash_ore / 100, total / 100

    def consolidate(self, month: int, units: Sequence[UnitAgent], results: Sequence[int], central: int) -> int:
        """Book the month: cash moves by the sum of results; record cross-subsidy flows."""
        names = [u.name for u in units] + [CENTRAL]
        res = np.array([*results, central], dtype=np.int64)
        total = int(res.sum())
        self.cash_ore += total
        self.min_cash_ore = min(self.min_cash_ore, self.cash_ore)
        flows = cross_subsidy(res)
        self.flow_rows += [(month, names[a], names[b], int(flows[a, b])) for a, b in zip(*np.nonzero(flows))]
        return total

    def expected_ore(self, units: Sequence[EnterpriseUnit]) -> int:
        """The plan's expected month for the whole: each unit's and the central column's mean
        over its recent months in its present state."""
        return mean_ore(self.central_recent) + sum(u.expected_ore for u in units if u.occupies_premises)

    def can_carry(self, units: Sequence[EnterpriseUnit]) -> bool:
        """The plan: cash after ``plan_months`` of the expected month stays at or above the floor."""
        sp = self.spec
        return self.cash_ore + sp.plan_months * self.expected_ore(units) >= ore(sp.reserve_target_sek)

    def apply_policies(
        self, units: Sequence[EnterpriseUnit], results: Sequence[int], total: int, day: int,
        trust_pause: float, trust_reopen: float,
    ) -> list[tuple[str, Status, str]]:
        """Adapt, pause, reopen or close units from ``day``; returns (unit, new status, reason)
        (an adaptation keeps the status and gives "hours cut" or "hours restored")."""
        sp = self.spec
        changes: list[tuple[str, Status, str]] = []
        insolvent = self.cash_ore < -self.overdraft_ore
        cut: set[str] = set()  # adapted this month: the month counts at the step it ran at, not the new one
        for unit, r in zip(units, results):
            if unit.occupies_premises:
                unit.remember(r, sp.plan_months)
            if unit.status == Status.OPEN and not insolvent:
                why = unit.adapt(r, 0, sp)
                if why:
                    cut.add(unit.name)
                    changes.append((unit.name, Status.OPEN, why))
        cannot_carry = not self.can_carry(units)
        for unit, r in zip(units, results):
            if unit.status == Status.OPEN and insolvent and r < 0:
                unit.pause(day, "cash")
                changes.append((unit.name, Status.PAUSED, "cash"))
            elif unit.status == Status.OPEN:
                unit.count_open_month(r, cannot_carry and unit.name not in cut)
                if unit.trust < trust_pause:
                    unit.pause(day, "trust")
                    changes.append((unit.name, Status.PAUSED, "trust"))
            elif unit.status == Status.PAUSED:
                unit.count_paused_month()
                if unit.months_paused_total >= sp.close_after_paused_months:
                    reason = unit.pause_reason
                    unit.set_status(Status.CLOSED, day)
                    changes.append((unit.name, Status.CLOSED, reason))
                    continue
                cover = ore(sp.reserve_target_sek) + sp.reopen_cover_months * unit.open_loss_ore
                can_reopen = unit.months_paused >= sp.reopen_min_paused_months and unit.trust >= trust_reopen and (
                    unit.pause_reason == "trust" or self.cash_ore >= cover)
                if can_reopen:
                    unit.reopen(day)
                    changes.append((unit.name, Status.OPEN, "reopened"))
        due = [u for u in units if u.status == Status.OPEN and u.deficit_months >= sp.pause_after_deficit_months]
        if due:  # the one the whole can least afford; the next month's plan sees the pause
            worst = min(due, key=lambda u: (u.expected_ore, u.index))
            worst.pause(day, "deficit")
            changes.append((worst.name, Status.PAUSED, "deficit"))
        return changes
