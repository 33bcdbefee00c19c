"""What a prospective unit would earn: its month estimated from the model's own foot traffic.

For a candidate unit on a premises (optionally replacing the unit there), in each daypart and
weekday type: its draw against the open units' (its attraction, hours, appeal, price — as the
Huff choice has it, a second unit of a kind nested with the first), every resident's visit
chance with the centre's attraction changed by its arrival (and the incumbent's departure), its share of first visits, the linked trips other
units' visitors would make to it, and its share of outside visitors; the month's visits follow
from the days of each type, spend from its visitors' spend factors; the month's books from the
same formula as a real unit's (:func:`units.month_lines`), with its capacity. The estimate uses
the fear the units last felt (last month's mean, as their evening hours do) and the mean darkness
and people away of the twelve months from the model's current month (at a month's close, the
month just lived); it leaves out the school holidays.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from ..scenario import Premises, Unit
from ..scenario.vocabulary import ADULT_BAND, DAYPART_HOURS, N_GROUPS
from .choice import nest_by_kind
from .economy import index_at
from .prices import attraction_price_factor
from .ledger import result
from .units import month_lines, shortened_evening

if TYPE_CHECKING:  # pragma: no cover
    from .model import CentreModel

DAYS_PER_MONTH = (365.25 / 12) * np.array([5 / 7, 2 / 7])  # weekdays, weekend days


def _draw(spec: Unit, hours: float, d: int, alpha: float) -> np.ndarray:
    """The candidate's draw per group in daypart ``d`` (as footfall's unit terms)."""
    band = np.arange(N_GROUPS) // 2
    female = np.arange(N_GROUPS) % 2 == 1
    base = spec.attraction * min(1.0, hours / DAYPART_HOURS[d]) * attraction_price_factor(spec)
    x = base * spec.appeal.as_array()[band] * np.where(female, spec.appeal_female_factor, 1.0)
    return x ** alpha * (x > 0)


def _year_ahead(model: "CentreModel") -> np.ndarray:
    """The mean year factor (darkness, people away) of each daypart over the twelve months from
    the current month's first day (the run's last twelve months near its end; school holidays
    are left out)."""
    cal = model.calendar
    month = min(model.month, cal.n_months - 1)
    first = int(np.flatnonzero(cal.month == month)[0])
    start = max(0, min(first, cal.n_days - 365))
    return model.year_factor[:, start:start + 365].mean(axis=1)


def expected_visits(model: "CentreModel", spec: Unit, replacing: int | None = None) -> tuple[float, float, float]:
    """(visits a month, the sum of their spend factors, days open a month) for ``spec`` if it
    opened now; ``replacing``: the model index of the unit it would take the place of."""
    fv, fs = model.footfall, model.spec.footfall
    fear = model.felt_fear
    # a typical month of the year ahead — whoever signs a lease looks past this month's darkness —
    # and the chance of a public-event day (which lifts visits)
    year = _year_ahead(model)
    event_rate = math.fsum(u.spec.public_events_per_year for u in model.open_units()) / 365.25
    events = event_rate * fs.event_outside_visitors_per_event  # extra outside visitors a day, on average
    lift = 1.0 + fs.event_visit_lift_share * (1.0 - np.exp(-event_rate))
    hours_by_part = (spec.hours_day, shortened_evening(spec.hours_evening, fear, model.spec.unrest.evening_closing_fear))
    group, dterm = fv.group, fv.distance_term()
    visits = spend = days_open = 0.0
    for w, days in enumerate(DAYS_PER_MONTH):
        if w == 1 and not spec.open_weekends:
            continue
        days_open += days
        for d in (0, 1):
            if hours_by_part[d] <= 0:
                continue
            key = (d, w)
            mine = _draw(spec, hours_by_part[d], d, fs.huff_alpha)
            idx = fv._idx.get(key, np.zeros(0, dtype=np.intp))
            if idx.size:
                keep = idx != replacing
                a, ld, link = fv._a[key][:, keep], fv._linked_draw[key][keep], fv._link[key][keep]
                kinds = [k for k, kept in zip(fv._kinds[key], keep) if kept]
            else:
                a, ld, link, kinds = np.zeros((N_GROUPS, 0)), np.zeros(0), np.zeros(0), []
            nested = nest_by_kind(np.column_stack([a, mine]), kinds + [spec.kind], fs.same_kind_dissimilarity)
            a, mine = nested[:, :-1], nested[:, -1]
            rest = a.sum(axis=1)
            centre = fv.centre_factor * (rest + mine)
            num = centre[group] * dterm
            huff = num / (num + fv._outside[d])
            wk = fv.weekend_factor[d][fv.band] ** w
            p = np.minimum(fv.trips[d][fv.band] * wk * huff * fv._safety_term[d] * fv.trip_factor, 1.0)
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


def expected_result_sek(model: "CentreModel", spec: Unit, premises: Premises, rent_discount: float,
                        replacing: int | None = None) -> float:
    """The candidate's expected monthly result, SEK, from :func:`expected_visits` and the books'
    formula (a month of 30.4 days, no damage, at this month's money level)."""
    visits, spend, _days_serving = expected_visits(model, spec, replacing)
    dim = 365.25 / 12  # a whole month open, as a unit's books count its days (weekends included)
    lines = month_lines(spec, premises, days_open=dim, days_paused=0.0, visits=visits, spend_units=spend,
                        damage_ore=0, rent_discount=rent_discount, grant_sek_per_month=spec.grant_sek_per_month,
                        partners_withdrawn=False, upkeep_level=1.0, days_in_month=dim,
                        index=index_at(model.spec.economy, model.month))
    return float(result(lines)) / 100
