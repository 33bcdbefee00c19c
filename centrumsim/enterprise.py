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
pauses until it runs a month without a loss, so a chronic loss-maker cannot cycle forever. An enterprise with no
open or paused unit left has wound up and carries no central costs or grant; nor does one whose
units have not opened yet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa
import numpy as np

from .ledger import LINE_INDEX, LINES, Ledger, allocate_exact, ore, split_exact
from .scenario import EnterpriseSection
from .units import CLOSED, OPEN, PAUSED, UnitAgent

if TYPE_CHECKING:  # pragma: no cover
    from .model import CentreModel

CENTRAL = "central"  # the enterprise's own ledger column (overhead, environment)


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


class Enterprise(mesa.Agent):
    """The non-profit that runs the enterprise units as one legal entity."""

    def __init__(self, model: "CentreModel", spec: EnterpriseSection, ledger: Ledger):
        super().__init__(model)
        self.spec = spec
        self.cash_ore = ore(spec.starting_cash_sek)
        self.min_cash_ore = self.cash_ore
        self.overdraft_ore = ore(spec.overdraft_limit_sek)
        self.central_col = ledger.add_unit(CENTRAL)
        self.ledger = ledger
        self.flow_rows: list[tuple[int, str, str, int]] = []  # (month, carrier, carried, öre)
        self.started = False  # central costs run from the first month a unit is open

    def central_lines(self, days_share: float, active: bool = True) -> np.ndarray:
        """The enterprise's own month: grant, overhead, environment (none once wound up)."""
        lines = np.zeros(len(LINES), dtype=np.int64)
        if not active:
            return lines
        lines[LINE_INDEX["grants"]] = ore(self.spec.grant_sek_per_month * days_share)
        lines[LINE_INDEX["overhead"]] = ore(self.spec.overhead_sek_per_month * days_share)
        lines[LINE_INDEX["environment"]] = ore(self.spec.environment_spend_sek_per_month * days_share)
        return lines

    def consolidate(self, month: int, units: list[UnitAgent], results: list[int], central: int) -> int:
        """Book the month: cash moves by the sum of results; record cross-subsidy flows."""
        names = [u.name for u in units] + [CENTRAL]
        res = np.array(list(results) + [central], dtype=np.int64)
        total = int(res.sum())
        self.cash_ore += total
        self.min_cash_ore = min(self.min_cash_ore, self.cash_ore)
        flows = cross_subsidy(res)
        self.flow_rows += [(month, names[a], names[b], int(flows[a, b])) for a, b in zip(*np.nonzero(flows))]
        return total

    def apply_policies(
        self, units: list[UnitAgent], results: list[int], total: int, day: int,
        trust_pause: float, trust_reopen: float,
    ) -> list[tuple[str, str, str]]:
        """Pause, reopen or close units; returns (unit, new status, reason) changes."""
        sp = self.spec
        changes: list[tuple[str, str, str]] = []
        reserve_ok = self.cash_ore >= ore(sp.reserve_target_sek)
        insolvent = self.cash_ore < -self.overdraft_ore
        for unit, r in zip(units, results):
            if unit.status == OPEN and insolvent and r < 0:
                unit.set_status(PAUSED, day, "cash")
                changes.append((unit.name, PAUSED, "cash"))
            elif unit.status == OPEN:
                if r >= 0:
                    unit.months_paused_total = 0  # recovered: earlier pauses no longer count
                # a deficit "the rest cannot carry": the whole is in deficit this month
                unit.deficit_months = unit.deficit_months + 1 if (r < 0 and total < 0) else 0
                if unit.trust < trust_pause:
                    unit.sponsorship_withdrawn = True
                    unit.set_status(PAUSED, day, "trust")
                    changes.append((unit.name, PAUSED, "trust"))
                elif unit.deficit_months >= sp.pause_after_deficit_months:
                    unit.set_status(PAUSED, day, "deficit")
                    changes.append((unit.name, PAUSED, "deficit"))
            elif unit.status == PAUSED:
                unit.months_paused += 1
                unit.months_paused_total += 1
                if unit.months_paused_total >= sp.close_after_paused_months:
                    unit.set_status(CLOSED, day, unit.pause_reason)
                    changes.append((unit.name, CLOSED, unit.pause_reason))
                    continue
                can_reopen = unit.months_paused >= sp.reopen_min_paused_months and (
                    (unit.pause_reason == "trust" and unit.trust >= trust_reopen)
                    or (unit.pause_reason != "trust" and reserve_ok and unit.trust >= trust_reopen)
                )
                if can_reopen:
                    unit.sponsorship_withdrawn = False
                    unit.set_status(OPEN, day)
                    changes.append((unit.name, OPEN, "reopened"))
        return changes
