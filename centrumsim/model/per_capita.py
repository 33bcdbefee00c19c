"""The area's size against the size its area-wide counts are stated for (issue 22).

``unrest.reference_residents`` (0: the area's residents at the start) is the area the scenario's
area-wide counts — EST's guardians, guards, a crackdown's police, the broken-windows half count —
and the fear an event leaves are stated for; :attr:`Scale.per_capita` = the area's residents at
the start / that, read by the levers (:mod:`.levers`), the unrest submodel and the public events'
lift. It is fixed for a run: the counts are the staffing of institutions for an area of that
size, which are not re-staffed as the population drifts within a run (about ±10 % a decade).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    """The area's residents at the start over the reference residents (shared by what reads it)."""

    reference_residents: int  # > 0
    residents: int  # the area's residents at the start

    @property
    def per_capita(self) -> float:
        """Residents / reference (at least one resident is counted, so the ratio stays > 0)."""
        return max(self.residents, 1) / self.reference_residents
