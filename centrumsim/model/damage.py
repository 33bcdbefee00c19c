"""What unrest events do to the centre: damage to units' premises, partners' trust, and visible
damage that waits for repair (broken windows).

An event aimed at a unit hits one of the occupied premises at random; the unit pays its insurance
deductible and its partners' trust falls by ``trust_loss_per_event × trust_weight[type]``. Visible
damage (an event with a cost, in the area) stays until repaired: the enterprise does not skimp,
a tenant that cut its upkeep is slow, public space takes the public's time.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..exact import ore
from ..scenario import UnrestSection
from .units import UnitAgent
from .unrest import Event

EVENT_DTYPE = [("day", "i4"), ("type", "i2"), ("actor", "i4"), ("damage_ore", "i8"), ("unit", "i4"),
               ("daypart", "i1"), ("displaced", "?")]
"""One row per event: day, type, actor (person id; int32 holds any neighbourhood's residents over
decades), damage, unit hit (-1 none), daypart, displaced."""


def repair_days(unit: UnitAgent, un: UnrestSection) -> float:
    """Days until damage to a unit's premises is repaired."""
    if unit.operator == "enterprise":
        return un.repair_days_enterprise
    if unit.operator == "public":
        return un.repair_days_public
    return un.repair_days_tenant if unit.upkeep_level >= 1.0 else un.repair_days_cut_upkeep


class Damage:
    """The event log, the units hit this month and the queue of repairs, for one run."""

    def __init__(self, spec: UnrestSection, n_days: int, rng: np.random.Generator, trust_weight: np.ndarray):
        self.spec = spec
        self.rng = rng
        self.trust_weight = trust_weight
        self._repairs_due = np.zeros(n_days + 400, dtype=np.int64)  # repairs falling due per day
        self.unrepaired = 0  # visible damages not yet repaired
        self.targeted: set[str] = set()  # units hit since the last month end
        self.log: list[tuple[int, int, int, int, int, int, bool]] = []
        self._booked = 0  # events in the log already handed to the public ledger

    def start_day(self, day: int) -> int:
        """Repairs due on ``day`` are done; returns the visible damages left."""
        self.unrepaired -= int(self._repairs_due[day])
        return self.unrepaired

    def strike(self, events: Sequence[Event], units: Sequence[UnitAgent], month: int = 0) -> None:
        """Book a day's events (in ``month``): the unit each hits, its cost, claim and trust
        loss, the repairs."""
        un = self.spec
        occupied = [u for u in units if u.occupies_premises]
        for ev in events:
            target = -1
            repair = un.repair_days_public
            if ev.hits_unit and occupied:
                unit = occupied[int(self.rng.integers(len(occupied)))]
                target = unit.index
                unit.suffer(ev.damage_sek, un.trust_loss_per_event * self.trust_weight[ev.type], month)
                self.targeted.add(unit.name)
                repair = repair_days(unit, un)
            if ev.damage_sek > 0 and not ev.displaced:  # visible until repaired
                due = ev.day + max(1, round(repair))
                if due < self._repairs_due.size:
                    self._repairs_due[due] += 1
                self.unrepaired += 1
            self.log.append((ev.day, ev.type, ev.actor, ore(ev.damage_sek), target, ev.daypart, ev.displaced))

    def end_month(self) -> set[str]:
        """The units hit this month (and start a new month's count)."""
        hit, self.targeted = self.targeted, set()
        return hit

    def month_events(self) -> np.ndarray:
        """The events logged since the last call (the month's), as rows of :meth:`events`."""
        rows, self._booked = self.log[self._booked:], len(self.log)
        return np.array(rows, dtype=EVENT_DTYPE)

    def events(self) -> np.ndarray:
        """The event log as a structured array (:data:`EVENT_DTYPE`)."""
        return np.array(self.log, dtype=EVENT_DTYPE)
