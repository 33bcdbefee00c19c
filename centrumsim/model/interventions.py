"""Dated interventions (``[interventions.*]``) and the levers they pull.

Each intervention acts on the model at the start of its date. One dated before the run's start
has already happened and is applied at the start (in date order): EST's build-up counts from its
real date, and a crackdown's legitimacy loss is over. One dated after the end never happens.
``hire_guards`` and ``start_crackdown`` with ``until`` are undone on that date; ``set_grant``
with ``until`` is paid through the month of that date.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Mapping

import numpy as np

from ..scenario import Intervention, Scenario, UnrestSection
from .calendar import Calendar
from .units import Status, UnitAgent

if TYPE_CHECKING:  # pragma: no cover
    from .model import CentreModel

Plan = dict[int, list[tuple[str, Intervention, bool]]]
UNDONE = ("hire_guards", "start_crackdown")  # actions undone on their ``until`` date
USAGE = ("guard_fte_days", "est_days", "crackdown_guardian_days")


@dataclass
class Levers:
    """The centre-wide levers that interventions set (the state they change)."""

    est_active: bool
    est_started: int  # day index EST began (negative: before the run)
    guards_fte: float
    lighting_quality: float
    crackdown_guardians: float = 0.0
    backlash_until: int = -1  # day index a crackdown's legitimacy loss ends
    crackdown_known: float = 0.0  # the police guardians youths believe are there (learnt, like all risk)
    crackdown_size: float = 0.0  # the crackdown's police when it last began (what full knowledge is)
    usage: dict = field(default_factory=lambda: dict.fromkeys(USAGE, 0.0))  # this month's lever-days

    @classmethod
    def from_scenario(cls, un: UnrestSection) -> "Levers":
        # EST active from the start has been running for its full ramp already
        return cls(est_active=un.est_active, est_started=-int(un.est_ramp_years * 365.25) - 1,
                   guards_fte=un.guards_fte, lighting_quality=un.lighting_quality)

    def legitimacy(self, day: int, un: UnrestSection) -> float:
        """The area's legitimacy on ``day``: base, plus EST's gain (building up linearly over
        ``est_ramp_years`` from its start), minus a crackdown's backlash loss."""
        loss = un.crackdown_legitimacy_loss if day < self.backlash_until else 0.0
        gain = 0.0
        if self.est_active:
            years = (day - self.est_started) / 365.25
            gain = un.est_legitimacy_gain * (min(1.0, years / un.est_ramp_years) if un.est_ramp_years > 0 else 1.0)
        return float(np.clip(un.legitimacy + gain - loss, 0.0, 1.0))

    def accrue(self, n_days: int) -> None:
        """``n_days`` with the levers as they are: guard FTE-days, EST days, police guardian-days."""
        self.usage["guard_fte_days"] += self.guards_fte * n_days
        self.usage["est_days"] += n_days if self.est_active else 0
        self.usage["crackdown_guardian_days"] += self.crackdown_guardians * n_days

    def take_month(self) -> dict[str, float]:
        """The month's lever-days, and a fresh count for the next month."""
        usage, self.usage = self.usage, dict.fromkeys(USAGE, 0.0)
        return usage

    def learn_crackdown(self, rate: float) -> None:
        """A day of learning (``rate``: the share of the gap closed a day, as in
        :meth:`.Unrest.learn_risk`): what youths believe of the police moves towards what is there."""
        self.crackdown_known += rate * (self.crackdown_guardians - self.crackdown_known)

    def displacement(self, un: UnrestSection) -> float:
        """Share of events pushed out of the area today: ``crackdown_displacement_share`` as far
        as youths believe the crackdown is in force (the police they believe are there over its
        size, 0–1), so it grows as they learn of it and fades as they learn it is over."""
        if self.crackdown_size <= 0:
            return 0.0
        return un.crackdown_displacement_share * float(np.clip(self.crackdown_known / self.crackdown_size, 0.0, 1.0))

    def fixed_guardians(self, un: UnrestSection) -> float:
        """Guardians that do not depend on foot traffic: guards, EST and crackdown police."""
        return self.guards_fte + (un.est_guardians if self.est_active else 0.0) + self.crackdown_guardians


def schedule(scenario: Scenario, calendar: Calendar) -> Plan:
    """Map day index → [(name, intervention, undo)]; days < 0 are clamped to day 0."""
    plan: Plan = defaultdict(list)
    items = sorted(scenario.interventions.items(), key=lambda kv: (kv[1].date, kv[0]))
    for name, iv in items:
        if not iv.enabled:
            continue
        start = calendar.day_index(iv.date)
        if start < calendar.n_days:
            plan[max(start, 0)].append((name, iv, False))
        if iv.until is not None and iv.action in UNDONE:
            end = calendar.day_index(iv.until)
            if 0 <= end < calendar.n_days:
                plan[end].append((name, iv, True))
            elif end < 0:  # began and ended before the run
                plan[max(start, 0)].pop()
    return dict(plan)


def reserved_premises(scenario: Scenario, units: Mapping[str, UnitAgent], calendar: Calendar) -> set[str]:
    """Premises held for a unit whose opening is scheduled within the run but has not happened
    yet (the housing company does not let them to a passing tenant)."""
    return {
        units[iv.unit].premises_name
        for iv in scenario.interventions.values()
        if iv.enabled and iv.action == "open_unit" and units[iv.unit].status == Status.PLANNED
        and calendar.day_index(iv.date) < calendar.n_days
    }


def retry_pending(model: "CentreModel", day: int) -> list[tuple[str, Status, str]]:
    """Openings that waited for their premises: opened from ``day`` where it is free now."""
    changes = []
    for unit in list(model.pending_openings):
        changes += release_for(model, unit, day)
        if not model.premises_taken(unit.premises_name, besides=unit):
            model.pending_openings.remove(unit)
            unit.open(day)
            changes.append((unit.name, Status.OPEN, "premises free"))
    return changes


def release_for(model: "CentreModel", unit: UnitAgent, day: int) -> list[tuple[str, Status, str]]:
    """A tenant serving out its notice on ``unit``'s premises is let go early (its shop is
    closed and it wants to leave; the owner needs the premises)."""
    changes = []
    for other in model.units:
        if (other is not unit and other.premises_name == unit.premises_name and other.status == Status.PAUSED
                and getattr(other, "lease_ends", None) is not None):
            other.set_status(Status.CLOSED, day)
            changes.append((other.name, Status.CLOSED, "lease ended early"))
    return changes


def apply(model: "CentreModel", iv: Intervention, undo: bool, day: int) -> None:
    """Carry out (or undo) one intervention on ``day`` (validation made sure that an action
    that reads ``value`` has one)."""
    ACTIONS[iv.action](model, iv, undo, day)
    model.world_changed = True


def _open(model: "CentreModel", iv: Intervention, undo: bool, day: int) -> None:
    unit = model.unit_by_name[iv.unit]
    if unit.status == Status.OPEN:
        return
    for name, status, why in release_for(model, unit, day):
        model.record_change(day, name, status, why)
    if model.premises_taken(unit.premises_name, besides=unit):
        if unit not in model.pending_openings:
            model.pending_openings.append(unit)  # retried each month until the premises is free
        return
    unit.open(day)
    model.record_change(day, unit.name, Status.OPEN, "intervention")


def _close(model: "CentreModel", iv: Intervention, undo: bool, day: int) -> None:
    unit = model.unit_by_name[iv.unit]
    while unit in model.pending_openings:
        model.pending_openings.remove(unit)
    if unit.status != Status.CLOSED:  # a planned unit is cancelled (and its premises no longer held)
        why = "cancelled" if unit.status == Status.PLANNED else "intervention"
        unit.set_status(Status.CLOSED, day)
        model.record_change(day, unit.name, Status.CLOSED, why)


def _est(on: bool) -> Callable[["CentreModel", Intervention, bool, int], None]:
    def act(model: "CentreModel", iv: Intervention, undo: bool, day: int) -> None:
        if on and not model.levers.est_active:
            model.levers.est_started = model.calendar.day_index(iv.date)
        model.levers.est_active = on
    return act


def _guards(model: "CentreModel", iv: Intervention, undo: bool, day: int) -> None:
    lv = model.levers
    lv.guards_fte = max(0.0, lv.guards_fte + (-iv.value if undo else iv.value))


def _crackdown(model: "CentreModel", iv: Intervention, undo: bool, day: int) -> None:
    """Police crackdown: ``value`` extra guardians until ``until`` (which youths learn of only
    gradually, :meth:`.Unrest.learn_risk`), a loss of legitimacy for ``crackdown_backlash_days``
    from its first day, and events displaced as youths learn of it (:meth:`Levers.displacement`).
    The backlash is not put in: it follows, or not, from grievance rising before deterrence does."""
    lv = model.levers
    lv.crackdown_guardians = max(0.0, lv.crackdown_guardians + (-iv.value if undo else iv.value))
    start = model.calendar.day_index(iv.date)
    if not undo and start >= 0:  # the backlash of a crackdown begun before the run is over
        un = model.spec.unrest
        lv.backlash_until = start + un.crackdown_backlash_days
    if not undo:
        lv.crackdown_size = lv.crackdown_guardians


def _lighting(model: "CentreModel", iv: Intervention, undo: bool, day: int) -> None:
    model.levers.lighting_quality = iv.value


def _crossing(model: "CentreModel", iv: Intervention, undo: bool, day: int) -> None:
    model.footfall.improve_crossing()


def _accessibility(model: "CentreModel", iv: Intervention, undo: bool, day: int) -> None:
    model.footfall.set_accessibility(iv.value)


def _rent_discount(model: "CentreModel", iv: Intervention, undo: bool, day: int) -> None:
    model.unit_by_name[iv.unit].set_rent_discount(iv.value)


def _grant(model: "CentreModel", iv: Intervention, undo: bool, day: int) -> None:
    """A new grant from the date, paid through the month of ``until`` if given (so nothing
    to undo on that date)."""
    if not undo:
        last = None if iv.until is None else model.calendar.month_index(iv.until)
        model.unit_by_name[iv.unit].set_grant(iv.value, last)


def _area_income(model: "CentreModel", iv: Intervention, undo: bool, day: int) -> None:
    model.income.set(iv.value)


ACTIONS: dict[str, Callable[["CentreModel", Intervention, bool, int], None]] = {
    "open_unit": _open,
    "close_unit": _close,
    "start_est": _est(True),
    "stop_est": _est(False),
    "hire_guards": _guards,
    "set_lighting": _lighting,
    "improve_tram_crossing": _crossing,
    "set_accessibility": _accessibility,
    "set_rent_discount": _rent_discount,
    "set_grant": _grant,
    "start_crackdown": _crackdown,
    "set_area_income": _area_income,
}
