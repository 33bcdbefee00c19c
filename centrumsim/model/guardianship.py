"""Guardianship: the effective guardians in the centre by daypart ("eyes on the street").

``C_d = visitors_d / eyes_per_guardian + Σ_open staff on duty × min(1, hours_d / daypart hours) ×
guardians_per_staff_fte + fixed``, where visitors are last month's mean per day and ``fixed`` the
guards, EST and crackdown police (per capita: :meth:`.Levers.fixed_guardians`); in the dark
hours of a daypart guardians see less, the more so the poorer the lighting: ``C`` is scaled by
``1 − dark share × (1 − lighting quality)``
(dark shares from :mod:`.seasons`; after Doleac & Sanders 2015: daylight deters robbery).

What scales with the population and what does not: visitors already follow the residents (and
the units), so their eyes need no scaling; a unit's own staff are the unit's, whatever the
area's size (a bigger area has more units, hence more staff); only ``fixed`` is an area-wide
count, and it is scaled per capita where the levers are read.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from ..scenario import UnrestSection
from ..scenario.vocabulary import DAYPART_HOURS
from .units import UnitAgent


def guardians(
    visitors_per_day: tuple[float, float], open_units: Iterable[tuple[UnitAgent, float]], fixed: float,
    lighting: float, un: UnrestSection, dark: Sequence[float] = (0.0, 0.0),
) -> tuple[float, float]:
    """Effective guardians (day, evening) from visitors per daypart, the open units' staff on
    duty (each unit with its evening hours now), the fixed guardians, the lighting quality (0–1)
    and the dark share of each daypart (0–1)."""
    units = list(open_units)
    out = []
    for d, (visitors, hours) in enumerate(zip(visitors_per_day, DAYPART_HOURS)):
        staff = math.fsum(u.staff_fte_now * min(1.0, (u.hours_now[0], evening)[d] / hours) for u, evening in units)
        c = visitors / un.eyes_per_guardian + staff * un.guardians_per_staff_fte + fixed
        out.append(c * (1.0 - dark[d] * (1.0 - lighting)))
    return out[0], out[1]
