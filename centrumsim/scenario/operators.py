"""The operators' sections: what every operator's adaptation rule reads, and the enterprise's and
the tenants' own rules (each extends the adaptation policy)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .schema import spec


@dataclass(frozen=True, kw_only=True)
class AdaptPolicy:
    """How an operator adapts a losing unit before giving it up (:mod:`centrumsim.model.adaptation`)."""

    cut_after_loss_months: int = spec(2, min=1, max=24, doc="months short in a row before a unit cuts a step of hours")
    day_hours_cut_share: float = spec(0.25, min=0, max=1, doc="share of day hours the second step cuts")
    staff_floor_share: float = spec(0.5, min=0, max=1, doc="staff never fall below this share of the full staff")
    restore_after_gain_months: int = spec(
        3, min=1, max=24, doc="months in a row that would pay the restored staff before a step is restored")


@dataclass(frozen=True, kw_only=True)
class EnterpriseSection(AdaptPolicy):
    name: str = spec("Socialt centrumföretag")
    starting_cash_sek: float = spec(0.0)
    overdraft_limit_sek: float = spec(0.0, min=0, doc="cash may fall to −limit")
    reserve_target_sek: float = spec(0.0, min=0)
    grant_sek_per_month: float = spec(0.0, min=0, doc="grant to the enterprise as a whole")
    grant_until: dt.date | None = spec(None, doc="the grant is paid through the month of this date (none: no end)")
    grant_payer: str = spec("municipality", doc="who pays the enterprise's grant")
    overhead_sek_per_month: float = spec(0.0, min=0, doc="board, accounting, coordination")
    environment_spend_sek_per_month: float = spec(0.0, min=0, doc="common-space upkeep")
    overdraft_interest_share_per_year: float = spec(0.0, min=0, max=1, doc="interest on a negative balance")
    pause_after_deficit_months: int = spec(6, min=1, max=120, doc="adapted, losing, the plan failing")
    plan_months: int = spec(6, min=1, max=60, doc="the plan's horizon (and its memory of results)")
    reopen_cover_months: int = spec(6, min=1, max=60, doc="months of a paused unit's loss cash must cover")
    close_after_paused_months: int = spec(12, min=1, max=240)
    reopen_min_paused_months: int = spec(3, min=1, max=120)


@dataclass(frozen=True, kw_only=True)
class TenantSection(AdaptPolicy):
    leave_after_loss_months: int = spec(6, min=1, max=120, doc="consecutive months below the required profit")
    required_profit_sek_per_month: float = spec(
        0.0, min=0, doc="a month with less profit counts against staying (a profit-seeker's required return)")
    entry_hurdle_sek_per_month: float = spec(10_000.0, min=0)
    entry_attempts_per_year: float = spec(1.0, min=0, max=52)
    entry_kinds: tuple[str, ...] = spec(("pizzeria", "hairdresser", "grocery"))
    upkeep_cut_share: float = spec(0.5, min=0, max=1, doc="share of upkeep cut while losing")
    lease_term_months: int = spec(36, min=1, max=240, doc="a lease's term; it renews for another unless ended")
    notice_months: int = spec(9, min=0, max=60, doc="notice before a term's end to leave")
    vacant_rent_cut_share_per_year: float = spec(
        0.0, min=0, max=1, doc="how much the asking rent of an empty premises falls a year (share of the list rent)")
    vacant_rent_floor_share: float = spec(0.5, min=0, max=1,
                                          doc="the asking rent falls no lower (share of the list rent)")
