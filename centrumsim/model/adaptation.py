"""Operators adapt a losing unit before giving it up: hours first (the evening), staff with them.

A unit's hours are cut in steps: step 1 closes its evening (if it has one), the next cuts its day
hours by ``day_hours_cut_share`` (after the evening: a unit keeps the hours most of its customers
come in). After ``cut_after_loss_months`` months in a row short of its operator's target (a
tenant's required profit, an enterprise unit's zero) it cuts one step; at its last step it is
*fully adapted*, and only then do its operator's rules for giving it up count. Staff follow the
hours it keeps, ``staff share = max(floor, hours now / full hours)``, with a floor of
``staff_floor_share`` (someone opens the door) and never below its subsidised posts. It restores a
step after ``restore_after_gain_months`` months in a row whose result would still have met the
target after paying the staff the step brings back (so a restored unit does not fall straight back
into a loss on the staff cost alone). Fewer hours mean less draw in the foot-traffic choice (a
closed evening draws nobody) and fewer staff as guardians: the cut has a cost.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..scenario import Unit
from ..scenario.operators import AdaptPolicy


def cut_steps(spec: Unit) -> int:
    """How many steps a unit can cut: its evening (if it has one), then its day hours."""
    return int(spec.hours_evening > 0) + int(spec.hours_day > 0)


def hours_at(spec: Unit, step: int, day_cut_share: float) -> tuple[float, float]:
    """(day, evening) hours a day at cut ``step`` (0 = full hours; evening first)."""
    day, evening = spec.hours_day, spec.hours_evening
    if step >= 1 and evening > 0:
        evening, step = 0.0, step - 1
    if step >= 1:
        day = day * (1.0 - day_cut_share)
    return day, evening


def staff_share(spec: Unit, step: int, policy: AdaptPolicy) -> float:
    """Share of the full staff kept at ``step``: the hours kept, at least the floor and the
    subsidised posts."""
    full = spec.hours_day + spec.hours_evening
    if full <= 0 or spec.staff_fte <= 0:
        return 1.0
    day, evening = hours_at(spec, step, policy.day_hours_cut_share)
    floor = max(policy.staff_floor_share, min(1.0, spec.subsidised_fte / spec.staff_fte))
    return max(floor, (day + evening) / full)


@dataclass
class Adaptation:
    """A unit's cut step and its streaks of short and good months."""

    steps: int  # the deepest step this unit can reach
    step: int = 0
    short_months: int = 0
    good_months: int = 0

    @property
    def fully_adapted(self) -> bool:
        return self.step >= self.steps

    def month(self, result_ore: int, target_ore: int, restore_cost_ore: int, policy: AdaptPolicy) -> int:
        """Count a month's result against ``target_ore``; returns the change of step (−1, 0, +1).
        ``restore_cost_ore``: what restoring a step would add to its staff cost."""
        if result_ore < target_ore:
            self.short_months += 1
            self.good_months = 0
            if self.short_months >= policy.cut_after_loss_months and not self.fully_adapted:
                self.step += 1
                self.short_months = 0
                return 1
            return 0
        self.short_months = 0
        if self.step > 0 and result_ore - restore_cost_ore >= target_ore:
            self.good_months += 1
            if self.good_months >= policy.restore_after_gain_months:
                self.step -= 1
                self.good_months = 0
                return -1
        else:
            self.good_months = 0
        return 0
