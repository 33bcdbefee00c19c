"""What a prospective unit would earn: its month estimated from the model's own foot traffic.

For a candidate unit on a premises (optionally replacing the unit there), in each daypart and
weekday type: its draw against the open units' (its attraction, hours, appeal, price — as the
Huff choice has it, a second unit of a kind nested with the first), every resident's visit
chance with the centre's attraction changed by its arrival (and the incumbent's departure), its
share of first visits, the linked trips other units' visitors would make to it, and its share of
outside visitors; the month's visits follow from the days of each type, spend from its visitors'
spend factors; the month's books from the same formula as a real unit's
(:func:`units.month_lines`), with its capacity. The estimate uses
the fear the units last felt (last month's mean, as their evening hours do) and the mean darkness
and people away of the twelve months from the model's current month (at a month's close, the
month just lived); it leaves out the school holidays.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from ..scenario import Premises, Unit
from ..scenario.vocabulary import ADULT_BAND, DAYPART_HOURS, N_GROUPS
from .attraction import OpenUnit, unit_draws
from .calendar import Calendar
from .choice import nest_by_kind
from .economy import Index
from .footfall import Footfall
from .ledger import result
from .units import UnitAgent, month_lines, shortened_evening

DAYS_PER_MONTH = (365.25 / 12) * np.array([5 / 7, 2 / 7])  # weekdays, weekend days
PROSPECT = -1  # a prospect's index among the units: none, it is not in the centre


@dataclass(frozen=True)
class Outlook:
    """What a prospective tenant sees of the centre when it weighs a lease: the foot traffic as
    it is now (read through its public share functions) and the month's few numbers."""

    footfall: Footfall
    fear: float  # the fear the units last felt (last month's mean, 0–1)
    year_ahead: np.ndarray  # [daypart]: mean year factor of the twelve months ahead (year_ahead)
    public_events_per_day: float  # the open units' public events, per day
    evening_closing_fear: float  # the fear at which units close for the evening
    index: Index  # the money's level this month
    per_capita: float = 1.0  # residents at the start / the reference residents (an event lifts a share of them)

    @classmethod
    def of(cls, footfall: Footfall, fear: float, year_ahead: np.ndarray, open_units: Iterable[UnitAgent],
           evening_closing_fear: float, index: Index, per_capita: float = 1.0) -> Outlook:
        events = math.fsum(u.spec.public_events_per_year for u in open_units) / 365.25
        return cls(footfall, fear, year_ahead, events, evening_closing_fear, index, per_capita)


def year_ahead(year_factor: np.ndarray, calendar: Calendar, month: int) -> np.ndarray:
    """The mean year factor (darkness, people away) of each daypart over the twelve months from
    ``month``'s first day (the run's last twelve months near its end; school holidays are left
    out). ``year_factor``: [daypart, day], :meth:`.Footfall.year_factor`."""
    month = min(month, calendar.n_months - 1)
    first = int(np.flatnonzero(calendar.month == month)[0])
    start = max(0, min(first, calendar.n_days - 365))
    return year_factor[:, start:start + 365].mean(axis=1)


def expected_visits(view: Outlook, spec: Unit, replacing: int | None = None) -> tuple[float, float, float]:
    """(visits a month, the sum of their spend factors, days open a month) for ``spec`` if it
    opened now; ``replacing``: the model index of the unit it would take the place of."""
    fv, fs = view.footfall, view.footfall.spec
    fear = view.fear
    # a typical month of the year ahead — whoever signs a lease looks past this month's darkness —
    # and the share of residents a public event lifts on an average day (public_events.draw: the
    # chance of an event day in an area of the reference size, the area being per_capita of them)
    year, event_rate = view.year_ahead, view.public_events_per_day
    events = event_rate * fs.event_outside_visitors_per_event  # extra outside visitors a day, on average
    lift = 1.0 + fs.event_visit_lift_share * (1.0 - np.exp(-event_rate / view.per_capita))
    me = OpenUnit.of(spec, PROSPECT, shortened_evening(spec.hours_evening, fear, view.evening_closing_fear))
    group = fv.group
    visits = spend = days_open = 0.0
    for w, days in enumerate(DAYS_PER_MONTH):
        if w == 1 and not spec.open_weekends:
            continue
        days_open += days
        for d in (0, 1):
            if not me.serves(d, w):
                continue
            key = (d, w)
            others = fv.choice_set(key, leaving=replacing)
            a, ld, link = others.draws, others.linked_draw, others.link_share
            nested = nest_by_kind(np.column_stack([a, unit_draws([me], d, fs.huff_alpha)]), [*others.kinds, spec.kind],
                                  fs.same_kind_dissimilarity)
            a, mine = nested[:, :-1], nested[:, -1]
            rest = a.sum(axis=1)
            p = fv.visit_chance(d, w, fv.centre_factor * (rest + mine))
            scale = year[d] * lift
            p = np.minimum(p * scale * (1.0 - fear) ** fv.elasticity[d], 1.0)
            by_group = np.bincount(group, weights=p, minlength=N_GROUPS)
            spend_by_group = np.bincount(group, weights=p * fv.spend_factor, minlength=N_GROUPS)
            total = rest + mine
            share = np.divide(mine, total, out=np.zeros(N_GROUPS), where=total > 0)
            # linked trips from the other units' visitors to this one
            mine_ld = mine * spec.linked_draw
            pool = (a * ld[None, :]).sum(axis=1) + mine_ld
            other_share = np.divide(a, total[:, None], out=np.zeros_like(a), where=total[:, None] > 0)
            denom = pool[:, None] - a * ld[None, :]
            to_me = np.divide(mine_ld[:, None], denom, out=np.zeros_like(a), where=denom > 0)
            linked = (other_share * link[None, :] * to_me).sum(axis=1)
            resident = (by_group * (share + linked)).sum()
            resident_spend = (spend_by_group * (share + linked)).sum()
            out_a = mine[ADULT_BAND * 2]
            out_share = out_a / (rest[ADULT_BAND * 2] + out_a) if out_a > 0 else 0.0
            hours_share = DAYPART_HOURS[d] / sum(DAYPART_HOURS)
            rate = fv.outside_rate(key, fv.centre_factor * float(rest[ADULT_BAND * 2] + out_a))
            outside = ((rate * scale * (1.0 - fear) ** fv.elasticity[d]
                        * fv.weekend_factor[d][ADULT_BAND] ** w + events) * hours_share * out_share)
            visits += days * (resident + outside)
            spend += days * (resident_spend + outside * fv.outside_spend_factor)
    return visits, spend, days_open


def expected_result_sek(view: Outlook, spec: Unit, premises: Premises, rent_discount: float,
                        replacing: int | None = None) -> float:
    """The candidate's expected monthly result, SEK, from :func:`expected_visits` and the books'
    formula (a month of 30.4 days, no damage, at this month's money level)."""
    visits, spend, _days_serving = expected_visits(view, spec, replacing)
    dim = 365.25 / 12  # a whole month open, as a unit's books count its days (weekends included)
    lines = month_lines(spec, premises, days_open=dim, days_paused=0.0, visits=visits, spend_units=spend,
                        damage_ore=0, rent_discount=rent_discount, grant_sek_per_month=spec.grant_sek_per_month,
                        partners_withdrawn=False, upkeep_level=1.0, days_in_month=dim, index=view.index)
    return float(result(lines)) / 100
