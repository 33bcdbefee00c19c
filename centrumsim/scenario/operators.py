"""What every operator's adaptation rule reads (tenants' and the enterprise's sections extend it)."""

from __future__ import annotations

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
