"""The area's size against the size its area-wide counts are stated for (issue 22).

``unrest.reference_residents`` (0: the residents at the start) is the area the scenario's
area-wide counts — EST's guardians, guards, a crackdown's police, the broken-windows half count —
and the fear an event leaves are stated for; :attr:`Scale.per_capita` = residents here now /
that, updated by :meth:`.Unrest.set_people` whenever the population changes, and read by the
levers (:mod:`.levers`), the unrest submodel and the public events' lift.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Scale:
    """Residents now over the reference residents (one object, shared by what reads it)."""

    reference_residents: int  # > 0
    per_capita: float = 1.0

    def follow(self, residents: int) -> None:
        """The residents living here now (at least one is counted, so the ratio stays > 0)."""
        self.per_capita = max(residents, 1) / self.reference_residents
