"""Members are people: residents join and leave the units that sell memberships (a gym, a
studio, a sports club), vectorised over residents, a month at a time.

State: ``since[k, i]`` is the month resident row *i* joined membership unit *k* (−1: not a
member), and ``person[i]`` who lived in the row when the state last followed the population (a
row given to a newcomer ends its memberships). Each month's end, for every unit *u* that sells
memberships and is open, a member leaves with chance ``member_leave_share_per_month`` (λ) and a
non-member living here joins with chance ``1 − exp(−h_iu)``,

    h_iu = λ · r_u · appeal_u[band_i] · age_u[band_i] · (female factor) · exp(−d_i / scale_u)
           · (income_i / reference income)^η_u · π_u(fee) · hours_u · q_u,    r_u = s_u / (1 − s_u),

with ``s_u`` = ``member_share_at_door`` (the steady-state share of a resident at the door with
appeal 1, at the reference fee and income: the steady state is ``r m / (1 + r m)`` for the
product ``m`` of the other factors), ``d_i`` the walk with the tram detour, π the price factor
of :mod:`.prices` at the fee, ``hours`` the unit's open hours over its catalogue hours (at most
1) and ``q`` its upkeep quality. A unit that is not open keeps no members. At the start, a unit
open on the first day has its steady-state members (the centre as it was before the run), with
moving away as a second way out: ``h / (h + λ + μ)``, μ the households moving out a month.
Outsiders: ``member_outside_share`` per resident member, in expectation. Members visit
``member_visits_per_week`` times a week on the unit's open days (a binomial count per unit and
day: sessions are booked, so fear and the time of year do not enter). All draws are the
membership stream's: a uniform per member for leaving, and the month's joins by thinning
(:func:`.streams.rare_successes`, exact: a row joins with its own chance), since a join chance is
small and a uniform for every resident row and unit cost most of a big area's month.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..scenario import AreaSection, FootfallSection, Unit
from ..scenario.vocabulary import SCHOOL_BANDS
from .population import Population
from .prices import price_factor
from .streams import binomial_ppf, rare_successes
from .units import UnitAgent


@dataclass(frozen=True)
class MemberUnit:
    """What membership needs to know of one unit this month."""

    index: int  # the unit's position among the model's units
    spec: Unit
    is_open: bool
    hours_share: float = 1.0  # open hours / the catalogue's hours (≤ 1)
    quality: float = 1.0  # upkeep multiplier on its draw

    @property
    def sells(self) -> bool:
        return self.spec.member_share_at_door > 0


JOIN_FIELDS = ("appeal", "member_age_factor", "appeal_female_factor", "member_distance_scale_m",
               "member_income_elasticity", "membership_fee_sek_per_month", "reference_membership_fee_sek_per_month",
               "membership_price_elasticity", "member_share_at_door", "member_leave_share_per_month")
"""The fields of a unit that :func:`join_factor` and :func:`join_hazard` read: units alike in
these (copies of one kind in a bigger area) share one computation a month."""


def join_factor(spec: Unit, pop: Population, distance_m: np.ndarray, income_factor: float,
                reference_income: float) -> np.ndarray:
    """Each resident's ``m`` for ``spec`` before hours and upkeep: appeal × age factor × female
    factor × distance decay × income term × the fee's price factor (reads :data:`JOIN_FIELDS`)."""
    band = pop.age_band.astype(np.intp)
    appeal = spec.appeal.as_array()[band] * spec.member_age_factor.as_array()[band]
    appeal = appeal * np.where(pop.female, spec.appeal_female_factor, 1.0)
    rel = np.maximum(pop.income_rel.astype(np.float64) * income_factor / reference_income, 1e-9)
    fee = price_factor(spec.membership_fee_sek_per_month, spec.reference_membership_fee_sek_per_month,
                       spec.membership_price_elasticity)
    return appeal * np.exp(-distance_m / spec.member_distance_scale_m) * rel ** spec.member_income_elasticity * fee


def join_hazard(spec: Unit, factor: np.ndarray) -> np.ndarray:
    """Monthly join hazard ``λ · r · m`` for residents with factor ``m``."""
    s = spec.member_share_at_door
    return spec.member_leave_share_per_month * s / (1.0 - s) * factor


class Membership:
    """Who is a member of which unit, since when; joins, leaves, fees' members and visits."""

    def __init__(self, pop: Population, rng: np.random.Generator, footfall: FootfallSection | None = None,
                 closing_fear: float = 0.0, area: AreaSection | None = None, reference_income: float | None = None):
        """``footfall``: the reference income and upkeep's effect on draw; ``closing_fear``: the
        fear at which units close for the evening (a unit's hours as membership sees them);
        ``area``: the households moving out a year (newcomers join from scratch)."""
        self.move_share_per_month = 0.0 if area is None else area.households_moving_out_share_per_year / 12
        self.pop = pop
        self.rng = rng
        if reference_income is None:
            reference_income = 1.0 if footfall is None else footfall.reference_income_rel_national_median
        self.reference_income = reference_income
        self.shabby_loss_share = 0.0 if footfall is None else footfall.shabby_attraction_loss_share
        self.closing_fear = closing_fear
        self.rows: dict[int, int] = {}  # unit index → row of ``since``
        self.specs: dict[int, Unit] = {}
        self.since = np.full((0, pop.n), -1, dtype=np.int32)
        self.person = pop.person.copy()
        self._version = pop.version
        self._counts: np.ndarray | None = None  # members per row of ``since`` (members(); None: to count)

    # ------------------------------------------------------------------ state
    def _row(self, unit: MemberUnit) -> int:
        if unit.index not in self.rows:
            self.rows[unit.index] = len(self.rows)
            self.specs[unit.index] = unit.spec
            self.since = np.vstack([self.since, np.full((1, self.since.shape[1]), -1, dtype=np.int32)])
            self._counts = None
        return self.rows[unit.index]

    def follow_people(self) -> None:
        """Rows whose resident has left, or that a newcomer took, end their memberships."""
        pop = self.pop
        if pop.version == self._version and pop.n == self.since.shape[1]:
            return
        self._version = pop.version
        if pop.n > self.since.shape[1]:
            grown = np.full((self.since.shape[0], pop.n), -1, dtype=np.int32)
            grown[:, : self.since.shape[1]] = self.since
            self.since = grown
            person = np.full(pop.n, -1, dtype=np.int64)
            person[: self.person.size] = self.person
            self.person = person
        gone = ~pop.here | (pop.person != self.person)
        self.since[:, gone] = -1
        self._counts = None
        self.person = pop.person.copy()

    def members(self, index: int) -> int:
        """Resident members of the unit at model index ``index`` now (counted once for every
        unit after each change of ``since``: the books ask for them unit by unit, day by day)."""
        row = self.rows.get(index)
        if row is None:
            return 0
        if self._counts is None:
            self._counts = (self.since >= 0).sum(axis=1)
        return int(self._counts[row])

    def paying(self, index: int) -> float:
        """Members who pay the unit's fee: residents and (in expectation) outsiders."""
        spec = self.specs.get(index)
        if spec is None:
            return 0.0
        return self.members(index) * (1.0 + spec.member_outside_share)

    def club_members(self, sports: Sequence[int]) -> np.ndarray:
        """Per resident row: a member of any of the units ``sports`` (model indices)?"""
        out = np.zeros(self.since.shape[1], dtype=bool)
        for index in sports:
            row = self.rows.get(index)
            if row is not None:
                out |= self.since[row] >= 0
        return out

    def club_active_share(self, sports: Sequence[int]) -> float:
        """Children 6–19 living here who are members of a sports club, as a share of them."""
        pop = self.pop
        children = pop.here & np.isin(pop.age_band, SCHOOL_BANDS)
        n = int(children.sum())
        return float((self.club_members(sports) & children).sum() / n) if n else 0.0

    # ------------------------------------------------------------------ the month's changes
    def month_passes(self, month: int, units: Sequence[MemberUnit], distance_m: np.ndarray,
                     income_factor: float, start: bool = False) -> None:
        """Leaves, then joins, for every unit that sells memberships (``start``: the first
        month's steady state instead, for the units open then)."""
        self.follow_people()
        self._counts = None
        here = self.pop.here
        chances: dict[tuple, np.ndarray] = {}  # units alike share their residents' join chances
        for unit in units:
            if not unit.sells:
                continue
            row = self._row(unit)
            member = self.since[row] >= 0
            if not unit.is_open:
                self.since[row] = -1
                continue
            spec = unit.spec
            alike = (*(_hashable(getattr(spec, f)) for f in JOIN_FIELDS), unit.hours_share, unit.quality)
            if alike not in chances:
                m = join_factor(spec, self.pop, distance_m, income_factor, self.reference_income)
                h = join_hazard(spec, m * unit.hours_share * unit.quality)
                lam = spec.member_leave_share_per_month + self.move_share_per_month
                chances[alike] = np.where(here, h / (h + lam) if start else -np.expm1(-h), 0.0)
            if start:  # the steady state
                self.since[row] = np.where(self.rng.random(member.size) < chances[alike], month, -1)
                continue
            members = np.flatnonzero(member)
            leaving = members[self.rng.random(members.size) < spec.member_leave_share_per_month]
            tried = rare_successes(self.rng, chances[alike])  # joins are rare: drawn by thinning
            self.since[row, leaving] = -1
            self.since[row, tried[~member[tried]]] = month

    def views(self, units: Iterable[UnitAgent], fear: float) -> list[MemberUnit]:
        """The units that sell memberships, at this ``fear`` (:func:`member_views`)."""
        return member_views(units, fear, self.closing_fear, self.shabby_loss_share)

    def bill(self, units: Iterable[UnitAgent]) -> None:
        """Each membership unit's fee is paid by its members from now."""
        for u in units:
            if u.index in self.rows:
                u.set_members(self.paying(u.index))

    def book_visits(self, units: Iterable[UnitAgent], fear: float, weekend: np.ndarray) -> np.ndarray:
        """Draw members' visits over days (``weekend`` per day), book them to the units (no
        spend: the fee covers a member's visit) and return the visits per day."""
        per_day = np.zeros(weekend.size, dtype=np.int64)
        drawn = self.day_visits(self.views(units, fear), weekend)
        for u in units:
            if u.index in drawn:
                u.book_visits(int(drawn[u.index].sum()), 0.0)
                per_day += drawn[u.index]
        return per_day

    def day_visits(self, units: Sequence[MemberUnit], weekend: np.ndarray) -> dict[int, np.ndarray]:
        """Members' visits per day (``weekend``: one bool per day) to each open unit that sells
        memberships: binomial(paying members, visits a week / open days a week) on its open days."""
        out: dict[int, np.ndarray] = {}
        for unit in units:
            if not (unit.sells and unit.is_open) or unit.index not in self.rows:
                continue
            spec = unit.spec
            open_days = 7.0 if spec.open_weekends else 5.0
            p = min(1.0, spec.member_visits_per_week / open_days)
            n = round(self.paying(unit.index))
            serves = ~weekend if not spec.open_weekends else np.ones(weekend.size, dtype=bool)
            counts = binomial_ppf(self.rng.random(weekend.size), n, p)  # by inversion: the same on every numpy
            out[unit.index] = np.where(serves, counts, 0).astype(np.int64)
        return out


def _hashable(value: object) -> object:
    """A field's value as a dictionary key (a per-band table as the tuple of its values)."""
    as_array = getattr(value, "as_array", None)
    return tuple(as_array().tolist()) if callable(as_array) else value


def member_views(units: Iterable[UnitAgent], fear: float, closing_fear: float,
                 shabby_loss_share: float) -> list[MemberUnit]:
    """The units that sell memberships as membership sees them: open or not, the share of their
    hours they keep (cut by their operator, shortened at this fear), their upkeep quality."""
    out = []
    for u in units:
        spec = u.spec
        full = spec.hours_day + spec.hours_evening
        if spec.member_share_at_door <= 0:
            continue
        hours = u.hours_now[0] + u.evening_hours(fear, closing_fear)  # as adapted (:mod:`.adaptation`)
        out.append(MemberUnit(u.index, spec, u.is_open, min(1.0, hours / full) if full > 0 else 0.0,
                              1.0 - shabby_loss_share * (1.0 - u.upkeep_level)))
    return out


def walk_distance_m(pop: Population, tram_extra_m: float, crossing_improved: bool) -> np.ndarray:
    """Each resident's walk to the centre, with the tram line's detour unless its crossing is improved."""
    d = pop.walk_m.astype(np.float64)
    return d if crossing_improved else d + pop.across_tram * tram_extra_m
