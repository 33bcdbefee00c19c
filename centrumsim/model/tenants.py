"""Commercial tenants on leases, who cut upkeep when losing and leave early.

A tenant's lease runs ``lease_term_months`` from its start and renews for another term unless
notice is given ``notice_months`` before its end (Swedish commercial leases, 12 kap. 4 §
jordabalken). After each month's books a tenant weighs its result against the profit it requires
(``required_profit_sek_per_month``: a profit-seeker wants a return on its own work and money, not
just to break even). Short of it, it first adapts (:mod:`.adaptation`): it cuts its evening, then
its day hours, its staff following the hours, and restores them when the result would pay for
them; while its last three months lose money it also spends only ``1 − upkeep_cut_share`` of its
upkeep. Only once fully adapted does it count its months in a row short of its requirement;
after ``leave_after_loss_months`` such months it closes its shop and gives notice: it pays rent
and insurance, no more, until the lease ends (status ``paused``, reason "notice"), then the
premises falls vacant (and the letting market, :mod:`.market`, may let it again).
"""

from __future__ import annotations

import math

from ..exact import ore
from ..scenario import EconomySection, TenantSection
from .economy import index_at
from .units import Status, UnitAgent


class TenantUnit(UnitAgent):
    """A unit let to a commercial, profit-seeking tenant."""

    def __init__(self, *args, policy: TenantSection, economy: EconomySection | None,
                 lease_start: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.policy = policy  # how tenants in this centre behave (the scenario's [tenants])
        self.economy = economy  # the money's level, for the profit it requires
        self.loss_months = 0  # consecutive months below its required profit, fully adapted
        self.recent_results: list[int] = []  # öre, the last months
        # month index its lease began (negative: before the run; None: not yet signed)
        self.lease_start = lease_start
        self.lease_ends: int | None = None  # with notice given: the month its lease ends

    def set_status(self, status: Status, day: int, reason: str = "") -> None:
        if status == Status.OPEN and self.status != Status.OPEN:
            self.loss_months = 0
            if self.lease_start is None:  # a planned tenant signs its lease as it opens
                cal = self.calendar
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
        ("notice": it closes the shop and serves out the lease; "lease ended") or its hours
        ("hours cut", "hours restored"), else None."""
        if self.lease_ends is not None:  # serving out its notice
            if month + 1 >= self.lease_ends:
                self.set_status(Status.CLOSED, day)
                return "lease ended"
            return None
        self.recent_results.append(result_ore)
        del self.recent_results[:-keep]
        required = self.policy.required_profit_sek_per_month * index_at(self.economy, month).prices
        target = ore(required)
        short = result_ore < target  # below its required return (in today's money)
        adapted = self.adapt(result_ore, target, self.policy)
        self.loss_months = self.loss_months + 1 if short and self.adaptation.fully_adapted and not adapted else 0
        losing = sum(self.recent_results[-3:]) < 0
        self.upkeep_level = 1.0 - self.policy.upkeep_cut_share if losing else 1.0
        if self.loss_months < self.policy.leave_after_loss_months:
            return adapted
        self.lease_ends = self.lease_end_after_notice(month)
        if self.lease_ends <= month + 1:  # pragma: no cover - a notice reaches at least a month
            self.set_status(Status.CLOSED, day)
            return "lease ended"
        self.set_status(Status.PAUSED, day, "notice")
        return "notice"
