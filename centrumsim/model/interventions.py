"""Dated interventions (``[interventions.*]``): when each acts, and what it does.

Each intervention acts at the start of its date, through one method of the mechanism it
changes (:data:`ACTIONS`: the levers, foot traffic, the area's income, the units and their
premises), never on the model itself. One dated before the run's start
has already happened and is applied at the start (in date order): EST's build-up counts from its
real date, and a crackdown's legitimacy loss is over. One dated after the end never happens.
``hire_guards`` and ``start_crackdown`` with ``until`` are undone on that date; ``set_grant``
with ``until`` is paid through the month of that date.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ..scenario import Intervention, Scenario
from .calendar import Calendar
from .economy import AreaIncome
from .footfall import Footfall
from .levers import Levers
from .occupancy import Change, Occupancy

Plan = dict[int, list[tuple[str, Intervention, bool]]]
UNDONE = ("hire_guards", "start_crackdown")  # actions undone on their ``until`` date


@dataclass(frozen=True)
class Targets:
    """What interventions act on: each action is a method call on one of these."""

    levers: Levers
    footfall: Footfall
    income: AreaIncome
    occupancy: Occupancy
    calendar: Calendar  # to turn an intervention's dates into day and month indices


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


def apply(targets: Targets, iv: Intervention, undo: bool, day: int) -> list[Change]:
    """Carry out (or undo) one intervention on ``day`` (validation made sure that an action
    that reads ``value`` has one); returns the units' status changes it made."""
    return ACTIONS[iv.action](targets, iv, undo, day) or []


def value(iv: Intervention) -> float:
    """An intervention's ``value`` (validation made sure that an action that reads one has it)."""
    if iv.value is None:  # pragma: no cover - the scenario's checks refuse it
        raise ValueError(f"{iv.action} needs a value")
    return iv.value


def _crackdown(t: Targets, iv: Intervention, undo: bool, day: int) -> None:
    """Police crackdown: ``value`` extra guardians until ``until`` (which youths learn of only
    gradually, :meth:`.Unrest.learn_risk`), a loss of legitimacy for ``crackdown_backlash_days``
    from its first day, and events displaced as youths learn of it (:meth:`Levers.displacement`).
    The backlash is not put in: it follows, or not, from grievance rising before deterrence does."""
    if undo:
        t.levers.end_crackdown(value(iv))
    else:
        t.levers.start_crackdown(value(iv), t.calendar.day_index(iv.date))


def _grant(t: Targets, iv: Intervention, undo: bool, day: int) -> None:
    """A new grant from the date, paid through the month of ``until`` if given (so nothing
    to undo on that date)."""
    if not undo:
        last = None if iv.until is None else t.calendar.month_index(iv.until)
        t.occupancy.by_name[iv.unit].set_grant(value(iv), last)


Action = Callable[[Targets, Intervention, bool, int], "list[Change] | None"]
ACTIONS: dict[str, Action] = {
    "open_unit": lambda t, iv, undo, day: t.occupancy.open(t.occupancy.by_name[iv.unit], day, "intervention"),
    "close_unit": lambda t, iv, undo, day: t.occupancy.close(t.occupancy.by_name[iv.unit], day, "intervention"),
    "start_est": lambda t, iv, undo, day: t.levers.start_est(t.calendar.day_index(iv.date)),
    "stop_est": lambda t, iv, undo, day: t.levers.stop_est(),
    "hire_guards": lambda t, iv, undo, day: t.levers.hire_guards(-value(iv) if undo else value(iv)),
    "set_lighting": lambda t, iv, undo, day: t.levers.set_lighting(value(iv)),
    "improve_tram_crossing": lambda t, iv, undo, day: t.footfall.improve_crossing(),
    "set_accessibility": lambda t, iv, undo, day: t.footfall.set_accessibility(value(iv)),
    "set_rent_discount": lambda t, iv, undo, day: t.occupancy.by_name[iv.unit].set_rent_discount(value(iv)),
    "set_grant": _grant,
    "start_crackdown": _crackdown,
    "set_area_income": lambda t, iv, undo, day: t.income.set(value(iv)),
}
