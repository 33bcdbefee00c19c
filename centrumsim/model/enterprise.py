"""The social centre enterprise: consolidation, explicit cross-subsidy and unit policies.

Each month the enterprise adds its units' results and its central costs (overhead, spend on the
common environment) to its cash. Surpluses carry deficits ("gungor och karuseller"): the carried
amount, min(Σ surpluses, Σ deficits), is split over deficit units in proportion to their deficits
and over carriers in proportion to their surpluses, in exact öre; what surpluses cannot carry is
drawn from the reserve (cash). Policies: pause a unit whose deficit the rest could not carry for
``pause_after_deficit_months``; pause a unit whose partners' trust fell below the threshold
(sponsorship withdrawn); when cash falls below minus the overdraft limit, pause every open unit
that lost money that month. A paused unit reopens after ``reopen_min_paused_months`` when trust is
back above the reopening threshold and (unless it was paused for trust alone) cash is back above
the reserve target; it closes after ``close_after_paused_months`` paused — counted over repeated
pauses until it runs a month without a loss, so a chronic loss-maker cannot cycle forever. An
enterprise with no open or paused unit left has wound up and carries no central costs or grant;
nor does one whose units have not opened yet.
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


class EnterpriseUnit(UnitAgent):
    """A unit run by the enterprise: its deficits are carried by the whole, within limits."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pause_reason = ""
        self.months_paused = 0  # months in the current pause
        self.months_paused_total = 0  # months paused since the unit last ran a month without loss
        self.deficit_months = 0  # months in deficit the rest could not carry

    def set_status(self, status: Status, day: int, reason: str = "") -> None:
        """Change state from the start of ``day``; a pause remembers why."""
        if status == self.status:
            return
        super().set_status(status, day, reason)
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

    def count_open_month(self, result_ore: int, whole_in_deficit: bool) -> None:
        """An open month: a month without loss ends the count of past pauses; a loss in a month
        the whole could not carry adds to the deficit streak."""
        if result_ore >= 0:
            self.months_paused_total = 0  # recovered: earlier pauses no longer count
        self.deficit_months = self.deficit_months + 1 if (result_ore < 0 and whole_in_deficit) else 0

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

    def apply_policies(
        self, units: Sequence[EnterpriseUnit], results: Sequence[int], total: int, day: int,
        trust_pause: float, trust_reopen: float,
    ) -> list[tuple[str, Status, str]]:
        """Pause, reopen or close units from ``day``; returns (unit, new status, reason)."""
        sp = self.spec
        changes: list[tuple[str, Status, str]] = []
        reserve_ok = self.cash_ore >= ore(sp.reserve_target_sek)
        insolvent = self.cash_ore < -self.overdraft_ore
        for unit, r in zip(units, results):
            if unit.status == Status.OPEN and insolvent and r < 0:
                unit.pause(day, "cash")
                changes.append((unit.name, Status.PAUSED, "cash"))
            elif unit.status == Status.OPEN:
                # a deficit "the rest cannot carry": the whole is in deficit this month
                unit.count_open_month(r, total < 0)
                if unit.trust < trust_pause:
                    unit.pause(day, "trust")
                    changes.append((unit.name, Status.PAUSED, "trust"))
                elif unit.deficit_months >= sp.pause_after_deficit_months:
                    unit.pause(day, "deficit")
                    changes.append((unit.name, Status.PAUSED, "deficit"))
            elif unit.status == Status.PAUSED:
                unit.count_paused_month()
                if unit.months_paused_total >= sp.close_after_paused_months:
                    reason = unit.pause_reason
                    unit.set_status(Status.CLOSED, day)
                    changes.append((unit.name, Status.CLOSED, reason))
                    continue
                can_reopen = unit.months_paused >= sp.reopen_min_paused_months and unit.trust >= trust_reopen and (
                    unit.pause_reason == "trust" or reserve_ok)
                if can_reopen:
                    unit.reopen(day)
                    changes.append((unit.name, Status.OPEN, "reopened"))
        return changes
