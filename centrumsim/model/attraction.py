"""A unit's draw in the Huff choice: what foot traffic knows of an open unit, and its term.

A unit's term for group *g* in daypart *d* is ``x^α`` with
``x = a · q · min(1, h_d / daypart hours) · π · appeal_g · (female factor if g is female)``
(attraction, upkeep quality, hours, price factor; :mod:`.footfall`). One function computes it,
for the units open now and for a prospect weighing a lease (:mod:`.prospects`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..scenario import Unit
from ..scenario.vocabulary import DAYPART_HOURS, N_GROUPS
from .prices import attraction_price_factor


@dataclass(frozen=True)
class OpenUnit:
    """What the footfall model needs to know about one open unit."""

    index: int  # position in the model's unit list (-1: a prospect, not in the centre)
    attraction: float
    appeal: np.ndarray  # 6 age bands
    female_factor: float
    hours: tuple[float, float]  # day, evening
    open_weekends: bool
    link_share: float
    quality: float  # upkeep multiplier on attraction
    linked_draw: float = 1.0
    price_factor: float = 1.0  # its price against the same elsewhere (model/prices.py)
    kind: str = ""  # units of one kind compete as a nest (choice.nest_by_kind); "" = a kind of its own

    @classmethod
    def of(cls, spec: Unit, index: int, evening_hours: float, quality: float = 1.0,
           day_hours: float | None = None) -> OpenUnit:
        """A unit of ``spec`` open now with ``evening_hours``, upkeep ``quality`` (0–1) and
        ``day_hours`` (None: its full day hours; fewer after a cut, model/adaptation.py)."""
        return cls(
            index=index, attraction=spec.attraction, appeal=spec.appeal.as_array(),
            female_factor=spec.appeal_female_factor,
            hours=(spec.hours_day if day_hours is None else day_hours, evening_hours),
            open_weekends=spec.open_weekends, link_share=spec.link_share, quality=quality,
            linked_draw=spec.linked_draw, price_factor=attraction_price_factor(spec),
            kind=spec.kind,
        )

    def serves(self, daypart: int, weekend: int) -> bool:
        """Open in ``daypart`` (0 day, 1 evening) on that kind of day (``weekend`` 0 or 1)?"""
        return self.hours[daypart] > 0 and (weekend == 0 or self.open_weekends)

    def signature(self) -> tuple:
        return (self.index, self.attraction, self.quality, self.hours, self.open_weekends, self.link_share,
                self.female_factor, self.appeal.tobytes(), self.linked_draw, self.price_factor,
                self.kind)


def unit_draws(units: Sequence[OpenUnit], daypart: int, alpha: float) -> np.ndarray:
    """Each unit's own term ``x^α`` per group in ``daypart``: [groups, units] (before nesting by
    kind). A unit with no draw keeps none, even with α = 0."""
    female = np.arange(N_GROUPS) % 2 == 1
    band = np.arange(N_GROUPS) // 2
    base = np.array([u.attraction * u.quality * min(1.0, u.hours[daypart] / DAYPART_HOURS[daypart]) * u.price_factor
                     for u in units])
    appeal = np.stack([u.appeal for u in units], axis=1)  # [6, U]
    ff = np.array([u.female_factor for u in units])
    x = base[None, :] * appeal[band] * np.where(female[:, None], ff[None, :], 1.0)
    return x ** alpha * (x > 0)


@dataclass(frozen=True)
class ChoiceSet:
    """The units a visitor chooses among in one daypart × weekday type."""

    draws: np.ndarray  # [groups, units]: each unit's own term (before nesting by kind)
    kinds: list[str]  # each unit's nest
    linked_draw: np.ndarray  # [units]: weight as the second unit of a linked trip
    link_share: np.ndarray  # [units]: share of its visitors who also visit a second unit

    @classmethod
    def empty(cls) -> ChoiceSet:
        return cls(np.zeros((N_GROUPS, 0)), [], np.zeros(0), np.zeros(0))
