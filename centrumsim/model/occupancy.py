"""Which unit is in which premises: the centre's units, openings waiting for their premises, and
premises held for an opening.

A unit joins the centre through :meth:`Occupancy.add` (the scenario's units at the start, an
entrant later), as the class its operator names (:data:`UNIT_CLASSES`), into a Mesa
``AgentSet``. Openings and closings by intervention, and the pending openings retried at each
month's end, go through :meth:`Occupancy.open`, :meth:`Occupancy.close` and
:meth:`Occupancy.retry_pending`; each returns the status changes it made, as
(unit, new status, reason).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ..scenario import Scenario, Unit
from ._mesa import AgentSet, mesa
from .calendar import Calendar
from .enterprise import EnterpriseUnit
from .ledger import Ledger
from .tenants import TenantUnit
from .units import PublicHouse, Status, UnitAgent, occupied_premises, open_premises

Change = tuple[str, Status, str]  # unit, new status, reason
UNIT_CLASSES: dict[str, type[UnitAgent]] = {"enterprise": EnterpriseUnit, "commercial": TenantUnit,
                                            "public": PublicHouse}


def reserved_premises(scenario: Scenario, units: Mapping[str, UnitAgent], calendar: Calendar) -> set[str]:
    """Premises held for a unit whose opening is scheduled within the run but has not happened
    yet (the housing company does not let them to a passing tenant)."""
    return {
        units[iv.unit].premises_name
        for iv in scenario.interventions.values()
        if iv.enabled and iv.action == "open_unit" and units[iv.unit].status == Status.PLANNED
        and calendar.day_index(iv.date) < calendar.n_days
    }


class Occupancy:
    """The units in the centre's premises (``units``, a Mesa ``AgentSet``; ``by_name``) and the
    openings waiting for their premises (``pending``)."""

    def __init__(self, model: mesa.Model, scenario: Scenario, calendar: Calendar, ledger: Ledger,
                 leases: np.random.Generator):
        """``model``: the Mesa model the units belong to (agents are made with it; nothing of
        it is read); ``ledger``: where each unit gets its column; ``leases``: the stream that
        places a tenant open at the start somewhere in its lease."""
        self._model = model
        self.scenario = scenario
        self.calendar = calendar
        self.ledger = ledger
        self.leases = leases
        self.units = AgentSet([], random=model.random)
        self.by_name: dict[str, UnitAgent] = {}
        self.pending: list[UnitAgent] = []

    def add(self, name: str, spec: Unit, status: Status, day: int, month: int = 0) -> UnitAgent:
        """A new unit in the centre (a scenario's at the start, an entrant from ``day`` in
        ``month``)."""
        cls = UNIT_CLASSES[spec.operator]
        extra: dict = {}
        if cls is TenantUnit:  # a tenant open at the start is somewhere in its lease; an entrant starts
            sc = self.scenario  # one, and a planned tenant when it opens
            extra = {"policy": sc.tenants, "economy": sc.economy}
            if status == Status.OPEN:
                term = sc.tenants.lease_term_months
                extra["lease_start"] = -int(self.leases.integers(term)) if day == 0 else month + 1
        unit = cls(self._model, name, spec, spec.premises, self.scenario.premises[spec.premises], len(self.units),
                   status, day, ledger_col=self.ledger.add_unit(name), calendar=self.calendar, **extra)
        self.units.add(unit)
        self.by_name[name] = unit
        return unit

    # ---- the premises
    def premises_taken(self, premises: str, besides: UnitAgent | None = None) -> bool:
        """Is ``premises`` occupied (open or paused) by a unit other than ``besides``?"""
        return any(u.premises_name == premises and u.occupies_premises and u is not besides for u in self.units)

    def open_units(self) -> list[UnitAgent]:
        return [u for u in self.units if u.is_open]

    def vitality(self) -> float:
        """Share of all premises with an open unit (after the mall-model vitality measure)."""
        total = len(self.scenario.premises)
        return len(open_premises(self.units)) / total if total else 1.0

    def vacancy_rate(self) -> float:
        """Share of premises with no unit (open or paused) in them."""
        total = len(self.scenario.premises)
        return 1.0 - len(occupied_premises(self.units)) / total if total else 0.0

    def held(self) -> set[str]:
        """Premises held for an opening: a pending one, or one scheduled within the run."""
        return {u.premises_name for u in self.pending} | reserved_premises(self.scenario, self.by_name, self.calendar)

    # ---- openings and closings
    def open(self, unit: UnitAgent, day: int, why: str) -> list[Change]:
        """Open ``unit`` from ``day`` (unless it is open): a tenant serving out its notice on its
        premises is let go first; if the premises is still taken, the opening waits (once,
        however often asked) and is retried at each month's end."""
        if unit.status == Status.OPEN:
            return []
        changes = self.release_for(unit, day)
        if self.premises_taken(unit.premises_name, besides=unit):
            if unit not in self.pending:
                self.pending.append(unit)
            return changes
        unit.open(day)
        return [*changes, (unit.name, Status.OPEN, why)]

    def close(self, unit: UnitAgent, day: int, why: str) -> list[Change]:
        """Close ``unit`` from ``day`` and drop its pending opening; a planned unit is cancelled
        (and its premises no longer held)."""
        while unit in self.pending:
            self.pending.remove(unit)
        if unit.status == Status.CLOSED:
            return []
        why = "cancelled" if unit.status == Status.PLANNED else why
        unit.set_status(Status.CLOSED, day)
        return [(unit.name, Status.CLOSED, why)]

    def retry_pending(self, day: int) -> list[Change]:
        """Openings that waited for their premises: opened from ``day`` where it is free now."""
        changes = []
        for unit in list(self.pending):
            changes += self.release_for(unit, day)
            if not self.premises_taken(unit.premises_name, besides=unit):
                self.pending.remove(unit)
                unit.open(day)
                changes.append((unit.name, Status.OPEN, "premises free"))
        return changes

    def release_for(self, unit: UnitAgent, day: int) -> list[Change]:
        """A tenant serving out its notice on ``unit``'s premises is let go early (its shop is
        closed and it wants to leave; the owner needs the premises)."""
        changes = []
        for other in self.units:
            if (other is not unit and other.premises_name == unit.premises_name and other.status == Status.PAUSED
                    and getattr(other, "lease_ends", None) is not None):
                other.set_status(Status.CLOSED, day)
                changes.append((other.name, Status.CLOSED, "lease ended early"))
        return changes
