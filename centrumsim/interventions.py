"""Dated interventions from the scenario's ``[interventions.*]`` tables.

Each intervention acts on the model at the start of its date. One dated before the run's start
has already happened and is applied at the start (in date order); one dated after the end never
happens. ``hire_guards`` with ``until`` is undone on that date.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Callable

from .scenario import Intervention
from .units import CLOSED, OPEN, PLANNED

if TYPE_CHECKING:  # pragma: no cover
    from .model import CentreModel


def schedule(model: "CentreModel") -> dict[int, list[tuple[str, Intervention, bool]]]:
    """Map day index → [(name, intervention, undo)]; days < 0 are clamped to day 0."""
    plan: dict[int, list[tuple[str, Intervention, bool]]] = defaultdict(list)
    cal = model.calendar
    items = sorted(model.scenario.interventions.items(), key=lambda kv: (kv[1].date, kv[0]))
    for name, iv in items:
        if not iv.enabled:
            continue
        start = cal.day_index(iv.date)
        if start < cal.n_days:
            plan[max(start, 0)].append((name, iv, False))
        if iv.until is not None:
            end = cal.day_index(iv.until)
            if 0 <= end < cal.n_days:
                plan[end].append((name, iv, True))
            elif end < 0:  # began and ended before the run
                plan[max(start, 0)].pop()
    return dict(plan)


def apply(model: "CentreModel", iv: Intervention, undo: bool = False) -> None:
    """Carry out (or undo) one intervention on the model's state. One dated before the run's
    start acts as if it had happened then: EST's build-up counts from its real date, and a
    crackdown's one-off backlash is over."""
    ACTIONS[iv.action](model, iv, undo)
    model.world_changed = True


def _open(model: "CentreModel", iv: Intervention, undo: bool) -> None:
    unit = model.unit_by_name[iv.unit]
    if unit.status == OPEN:
        return
    if model.premises_taken(unit.premises_name, besides=unit):
        if unit not in model.pending_openings:
            model.pending_openings.append(unit)  # retried each month until the premises is free
        return
    unit.trust = 1.0
    unit.set_status(OPEN, model.t)
    model.record_change(unit.name, OPEN, "intervention")


def _close(model: "CentreModel", iv: Intervention, undo: bool) -> None:
    unit = model.unit_by_name[iv.unit]
    while unit in model.pending_openings:
        model.pending_openings.remove(unit)
    if unit.status != CLOSED:  # a planned unit is cancelled (and its premises no longer held)
        why = "cancelled" if unit.status == PLANNED else "intervention"
        unit.set_status(CLOSED, model.t, "decision")
        model.record_change(unit.name, CLOSED, why)


def _est(on: bool) -> Callable[["CentreModel", Intervention, bool], None]:
    def act(model: "CentreModel", iv: Intervention, undo: bool) -> None:
        if on and not model.est_active:
            model.est_started = model.calendar.day_index(iv.date)
        model.est_active = on
    return act


def _guards(model: "CentreModel", iv: Intervention, undo: bool) -> None:
    model.guards_fte = max(0.0, model.guards_fte + (-iv.value if undo else iv.value))


def _crackdown(model: "CentreModel", iv: Intervention, undo: bool) -> None:
    """Police crackdown: ``value`` extra guardians until ``until``; on the first day a backlash
    (retaliation events and a loss of legitimacy for a while); events partly displaced."""
    model.crackdown_guardians = max(0.0, model.crackdown_guardians + (-iv.value if undo else iv.value))
    start = model.calendar.day_index(iv.date)
    if not undo and start >= 0:  # the backlash of a crackdown begun before the run is over
        un = model.scenario.unrest
        model.unrest.backlash(un.crackdown_backlash_events)
        model.backlash_until = start + un.crackdown_backlash_days


def _lighting(model: "CentreModel", iv: Intervention, undo: bool) -> None:
    model.lighting_quality = iv.value


def _crossing(model: "CentreModel", iv: Intervention, undo: bool) -> None:
    model.footfall.crossing_improved = True


def _accessibility(model: "CentreModel", iv: Intervention, undo: bool) -> None:
    model.footfall.accessibility = iv.value


def _rent_discount(model: "CentreModel", iv: Intervention, undo: bool) -> None:
    model.unit_by_name[iv.unit].rent_discount = iv.value


def _grant(model: "CentreModel", iv: Intervention, undo: bool) -> None:
    model.unit_by_name[iv.unit].grant_sek_per_month = iv.value


ACTIONS: dict[str, Callable[["CentreModel", Intervention, bool], None]] = {
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
}
