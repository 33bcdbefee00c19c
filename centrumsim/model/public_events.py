"""Public events (not unrest): the houses' and units' events, drawn for a segment of days.

Each day's number of events is Poisson with rate ``Σ public_events_per_year of the open units /
365.25``; a day with at least one event lifts every resident's visit chance by
``event_visit_lift_share``, and each event brings ``event_outside_visitors_per_event`` extra
visitors from outside.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from ..scenario import FootfallSection
from .units import UnitAgent


def draw(open_units: Iterable[UnitAgent], n_days: int, rng: np.random.Generator,
         fs: FootfallSection) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(events per day, visit lift per day, extra outside visitors per day) for ``n_days``."""
    rate = math.fsum(u.spec.public_events_per_year for u in open_units) / 365.25
    counts = rng.poisson(rate, n_days) if rate > 0 else np.zeros(n_days, int)
    lift = 1.0 + fs.event_visit_lift_share * (counts > 0)
    return counts, lift, counts * fs.event_outside_visitors_per_event
