"""Public events (not unrest): the houses' and units' events, drawn for a segment of days.

Each day's number of events is Poisson with rate ``Σ public_events_per_year of the open units /
365.25``; a day with ``n`` events lifts every resident's visit chance by
``event_visit_lift_share × min(1, n / s)``, with ``s`` = residents at the start / ``unrest.reference_residents``
(an event draws the residents of an area of the reference size: in the area as it was, a day
with any event lifts everyone; in one 25 times as large, an event lifts a 25th), and each event
brings ``event_outside_visitors_per_event`` extra visitors from outside.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from ..scenario import FootfallSection
from .units import UnitAgent


def draw(open_units: Iterable[UnitAgent], n_days: int, rng: np.random.Generator,
         fs: FootfallSection, per_capita: float = 1.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(events per day, visit lift per day, extra outside visitors per day) for ``n_days``;
    ``per_capita``: residents at the start / the reference residents (> 0)."""
    rate = math.fsum(u.spec.public_events_per_year for u in open_units) / 365.25
    counts = rng.poisson(rate, n_days) if rate > 0 else np.zeros(n_days, int)
    lift = 1.0 + fs.event_visit_lift_share * np.minimum(1.0, counts / per_capita)
    return counts, lift, counts * fs.event_outside_visitors_per_event
