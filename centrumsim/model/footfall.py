"""Daily foot traffic to the centre, vectorised over residents.

For a resident *i* living in the area, in age-and-gender group *g*, daypart *d* and weekday type
*w* (weekday/weekend), the chance of visiting the centre on day *t* is

    p_i = trips[band_i, d] · wk[band_i, d]^w · H_i · s_i^e_d · year_d(t) · hol_i(t) · (1 − F_t)^e_d · lift_t

* ``trips`` — the daily chance of a local outing in that daypart, ``wk`` its weekend factor;
* ``H_i = A_g·D_i^−β / (A_g·D_i^−β + A_out·D_out^−β)`` — the Huff share of the centre against an
  outside option (whose draw ``A_out`` is multiplied by ``outside_option_evening_factor`` in the
  evening: home and the city weigh more then), with
  ``A_g = V · E · Σ_u (a_u · h_u,d · appeal_u,g · q_u · π_u)^α`` over the units open for that
  daypart (``h`` = share of the daypart it is open, ``q`` = upkeep, ``π`` = the price factor
  exp(ε (p/p_ref − 1)), ``V`` = vitality, ``E`` = lift from the enterprise's environment spend)
  and ``D_i`` the walking distance, plus a detour for crossing the tram line unless the crossing
  is improved;
* ``s_i`` the resident's baseline perceived safety and ``F_t`` the centre's current fear;
* ``lift_t`` = 1 + ``event_visit_lift_share`` on a day with a public event, else 1;
* ``year_d(t) = (1 − darkness_visit_loss_share × dark_d(t)) × (1 − away_t)``, with the dark
  share of the daypart and the share of people away (:mod:`.seasons`); ``hol_i(t)`` =
  ``holiday_trip_factor`` of the resident's band on a weekday without school, else 1 — the only
  ways the time of year enters.

Units of one kind form a nest (:func:`choice.nest_by_kind`, λ = ``same_kind_dissimilarity``): a
second grocery mostly splits the first one's customers rather than adding its full draw.
A visitor picks a unit in proportion to that unit's term in ``A_g``, and with the unit's
``link_share`` also visits a second, different unit, chosen in proportion to the same terms
weighted by each unit's ``linked_draw`` (a linked trip: the lending library brings café
customers). Outside visitors arrive as a Poisson flow scaled by the accessibility index, the
time of year (darkness, people away) and the event-day lift, plus extra visitors on event days.
Spend per visit is the unit's price × ``spend_factor_by_age`` ×
``(income_i / reference income)^spend_income_elasticity``; the chance of an outing is multiplied
by the same ratio to ``outing_income_elasticity``.
"""

from __future__ import annotations

import numpy as np

from ..scenario import FootfallSection
from ..scenario.vocabulary import ADULT_BAND, DAYPART_HOURS, N_GROUPS
from .attraction import ChoiceSet, OpenUnit, unit_draws
from .choice import Shares, nest_by_kind
from .population import Population
from .streams import poisson_ppf


class Footfall:
    """Holds per-resident visit probabilities and draws visits, a segment of days at a time."""

    def __init__(self, pop: Population, spec: FootfallSection, seed: np.random.SeedSequence | int = 0):
        self.pop = pop
        self.spec = spec
        self.n_zones = max(len(pop.zone_names), 1)
        self.trips = np.stack([spec.trips_per_day_day.as_array(), spec.trips_per_day_evening.as_array()])
        self.weekend_factor = np.stack([spec.weekend_factor_day.as_array(), spec.weekend_factor_evening.as_array()])
        self.elasticity = (spec.safety_elasticity_day, spec.safety_elasticity_evening)
        self._by_age = spec.spend_factor_by_age.as_array()
        self.holiday_factor = spec.holiday_trip_factor.as_array()
        ref = spec.reference_income_rel_national_median
        self.outside_spend_factor = float(
            self._by_age[ADULT_BAND] * (spec.outside_income_rel_national_median / ref) ** spec.spend_income_elasticity)
        self.income_factor = None
        self._people_version = None
        self._dterm: dict[bool, np.ndarray] = {}
        self.follow_people()
        # separate streams for who visits, which unit, linked trips and outside visitors; each
        # gives a fresh generator per month (start_month), so draws never drift across months
        ss = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
        self._streams = ss.spawn(4)  # visits, choice, links, outside
        self._month_u = np.zeros((2, 0, self.n), dtype=np.float32)
        self._month_buf = np.empty(0, dtype=np.float32)
        self.start_month(31)
        self.n_units = 0
        self._crossing_improved = spec.tram_crossing_improved
        self._accessibility = spec.accessibility_index
        self._p: dict[tuple[int, int], np.ndarray] = {}
        self._first: dict[tuple[int, int], Shares] = {}
        self._second: dict[tuple[int, int], Shares] = {}
        self._idx: dict[tuple[int, int], np.ndarray] = {}
        self._link: dict[tuple[int, int], np.ndarray] = {}
        self._out_cum: dict[tuple[int, int], np.ndarray] = {}
        self._out_draw: dict[tuple[int, int], float] = {}  # the centre's draw for an outsider
        self._a: dict[tuple[int, int], np.ndarray] = {}  # [groups, chosen units]: each unit's own draw
        self._kinds: dict[tuple[int, int], list[str]] = {}
        self._linked_draw: dict[tuple[int, int], np.ndarray] = {}
        self._outside = [0.0, 0.0]  # the outside option's draw by daypart
        self._safety_term = [np.ones(0), np.ones(0)]
        self.centre_factor = 1.0
        self._buf_u = self._buf_t = np.empty((0, self.n), dtype=np.float32)
        self._buf_h = np.empty((0, self.n), dtype=bool)
        self._signature: tuple = ()
        self._people_sig: tuple = ()
        self._a_g: dict[tuple[int, int], np.ndarray] = {}
        self.visits = np.zeros(0, dtype=np.int64)
        self.spend = np.zeros(0)
        self.reset_month(0)

    # ------------------------------------------------------------------ set-up
    def follow_people(self) -> None:
        """Take up the population's changes (ages, who lives here, rows): each resident's group,
        zone, distance term and income terms (a no-op when nothing changed)."""
        pop = self.pop
        if pop.version == self._people_version:
            return
        self._people_version = pop.version
        self.n = pop.n
        self.here = pop.here.copy()
        self.group = pop.group.astype(np.intp)
        self.band = pop.age_band.astype(np.intp)
        self.zone = pop.zone.astype(np.intp)
        self._dterm = {}
        factor, self.income_factor = self.income_factor, None
        self.set_income_factor(1.0 if factor is None else factor)

    def set_income_factor(self, factor: float) -> None:
        """The area's incomes as a multiple of those at the start. Spend per visit and the
        chance of an outing follow each resident's income relative to the reference income (the
        income the trip rates and prices were set for), with their income elasticities."""
        if factor == self.income_factor:
            return
        self.income_factor = factor
        sp = self.spec
        rel = self.pop.income_rel * factor / sp.reference_income_rel_national_median
        self.spend_factor = self._by_age[self.band] * (rel ** sp.spend_income_elasticity).astype(np.float64)
        self.trip_factor = (rel ** sp.outing_income_elasticity).astype(np.float64)

    def distance_term(self) -> np.ndarray:
        """D_i^−β with the tram-line detour when the crossing is not improved (cached)."""
        improved = self._crossing_improved
        if improved not in self._dterm:
            d = self.pop.walk_m.astype(np.float64)
            if not improved:
                d = d + self.pop.across_tram * self.spec.tram_crossing_extra_m
            self._dterm[improved] = np.maximum(d, 1.0) ** -self.spec.huff_beta
        return self._dterm[improved]

    @property
    def crossing_improved(self) -> bool:
        """Is the tram line's crossing improved (no detour)?"""
        return self._crossing_improved

    def improve_crossing(self) -> None:
        """The tram line's crossing is improved for good: residents across it walk no detour."""
        self._crossing_improved = True

    @property
    def accessibility(self) -> float:
        """The accessibility index that scales outside visitors (1 = the scenario's reference)."""
        return self._accessibility

    def set_accessibility(self, index: float) -> None:
        """A new accessibility index (a tram link, a sports ground) from now on."""
        self._accessibility = index

    def refresh(
        self, units: list[OpenUnit], n_units: int, vitality: float, environment_lift: float,
        base_safety: np.ndarray,
    ) -> None:
        """Recompute visit probabilities and unit shares for every daypart × weekday type
        (skipped when nothing they depend on has changed since the last refresh). Residents
        who do not live here (free rows) never visit."""
        sp = self.spec
        self.n_units = n_units
        self._grow(n_units)
        self.follow_people()
        present = self.here
        units_sig = (tuple(u.signature() for u in units), vitality, environment_lift, self._crossing_improved)
        people_sig = (self._people_version, self.income_factor, id(base_safety))
        if units_sig == self._signature and people_sig == self._people_sig:
            return
        if units_sig != self._signature:
            self._signature = units_sig
            self.centre_factor = vitality * environment_lift
            self._set_units(units, self.centre_factor)
        self._people_sig = people_sig
        outside_day = sp.outside_option_attraction * sp.outside_option_distance_m ** (-sp.huff_beta)
        for d in (0, 1):
            self._outside[d] = outside_day * (sp.outside_option_evening_factor if d == 1 else 1.0)
            self._safety_term[d] = base_safety ** self.elasticity[d] * present
            for w in (0, 1):
                key = (d, w)
                if self._idx[key].size == 0:
                    self._p[key] = np.zeros(self.n, dtype=np.float32)
                    continue
                self._p[key] = self.visit_chance(d, w, self._a_g[key]).astype(np.float32)

    def visit_chance(self, daypart: int, weekend: int, centre_draw: np.ndarray) -> np.ndarray:
        """Each resident's chance of a visit in ``daypart`` on that kind of day (``weekend`` 0
        or 1) before the day's factors (time of year, fear, events, holidays):
        ``min(trips · wk^w · H_i · s_i^e · income term, 1)``, with the Huff share ``H_i`` of the
        centre whose draw per group is ``centre_draw`` ([groups]: V · E · Σ of the unit terms)
        against the outside option. The one formula for the centre as it is and for a prospect's
        estimate of it with one more unit; the per-resident terms are those of the last refresh."""
        num = centre_draw[self.group] * self.distance_term()
        total = num + self._outside[daypart]
        huff = np.divide(num, total, out=np.zeros_like(num), where=total > 0)
        wk = self.weekend_factor[daypart][self.band] ** weekend
        p = self.trips[daypart][self.band] * wk * huff * self._safety_term[daypart] * self.trip_factor
        return np.minimum(p, 1.0)

    def choice_set(self, key: tuple[int, int], leaving: int | None = None) -> ChoiceSet:
        """The open units chosen among in daypart × weekday type ``key`` as of the last refresh,
        without the unit at model index ``leaving`` (if any)."""
        idx = self._idx.get(key, np.zeros(0, dtype=np.intp))
        if not idx.size:
            return ChoiceSet.empty()
        keep = idx != leaving
        return ChoiceSet(self._a[key][:, keep], [k for k, kept in zip(self._kinds[key], keep) if kept],
                         self._linked_draw[key][keep], self._link[key][keep])

    def _set_units(self, units: list[OpenUnit], centre_factor: float) -> None:
        """Unit choice shares, centre attraction per group and outside visitors' shares, per
        daypart × weekday type. ``centre_factor`` = vitality × environment lift."""
        for d in (0, 1):
            for w in (0, 1):
                chosen = [u for u in units if u.serves(d, w)]
                key = (d, w)
                self._idx[key] = np.array([u.index for u in chosen], dtype=np.intp)
                self._link[key] = np.array([u.link_share for u in chosen])
                self._out_cum[key] = np.zeros(0)
                self._out_draw[key] = 0.0
                if not chosen:
                    continue
                a = unit_draws(chosen, d, self.spec.huff_alpha)
                self._a[key] = a
                self._kinds[key] = [u.kind or f"#{u.index}" for u in chosen]
                a = nest_by_kind(a, self._kinds[key], self.spec.same_kind_dissimilarity)
                self._linked_draw[key] = np.array([u.linked_draw for u in chosen])
                self._first[key] = Shares(a)
                self._second[key] = Shares(a * self._linked_draw[key][None, :])
                self._a_g[key] = centre_factor * a.sum(axis=1)  # [12]
                out_a = a[ADULT_BAND * 2]  # outsiders: as men 26–64
                self._out_draw[key] = centre_factor * float(out_a.sum())
                if out_a.sum() > 0:  # otherwise nothing open draws outsiders at this time
                    out_cum = np.cumsum(out_a) / out_a.sum()
                    out_cum[-1] = 1.0
                    self._out_cum[key] = out_cum

    def outside_rate(self, key: tuple[int, int], draw: float | None = None) -> float:
        """Outside visitors a day (before the time of year, fear, daypart and weekend) for the centre's
        draw for an outsider now (or ``draw``): ``outside_visitors_per_day`` × accessibility ×
        draw / ``outside_visitors_reference_draw``. Outsiders have many other places to go, so
        the centre's share of their trips is small and in proportion to its draw: a unit brings
        its own outsiders, and a centre that loses its shops loses them too."""
        sp = self.spec
        d = self._out_draw.get(key, 0.0) if draw is None else draw
        return sp.outside_visitors_per_day * self.accessibility * d / sp.outside_visitors_reference_draw

    def _grow(self, n_units: int) -> None:
        for name in ("visits", "spend"):
            arr = getattr(self, name)
            if arr.size < n_units:
                new = np.zeros(n_units, dtype=arr.dtype)
                new[: arr.size] = arr
                setattr(self, name, new)

    def start_month(self, n_days: int) -> None:
        """New generators for the month, and every resident's visit uniforms for each of its
        ``n_days`` days and both dayparts, in a fixed layout: who visits on a day does not depend
        on how the month is split into segments."""
        gens = [np.random.default_rng(s.spawn(1)[0]) for s in self._streams]
        self._rng_visits, self._rng_choice, self._rng_links, self._rng_outside = gens
        # one uniform per row of the population store (whose size depends only on the months
        # before, never on the horizon)
        size = 2 * n_days * self.n
        if self._month_buf.size < size:  # one buffer for every month: the same uniforms, no fresh array
            self._month_buf = np.empty(2 * 31 * self.n, dtype=np.float32)
        self._month_u = self._month_buf[:size].reshape(2, n_days, self.n)
        self._rng_visits.random(dtype=np.float32, out=self._month_u)
        self._month_out_u = self._rng_outside.random((2, n_days))  # outside arrivals per day

    def reset_month(self, n_units: int | None = None) -> None:
        """Start new monthly accumulators: visits and spend per unit; visitors per daypart by
        group and by zone; who visited."""
        n_units = self.n_units if n_units is None else n_units
        self.visits = np.zeros(n_units, dtype=np.int64)
        self.spend = np.zeros(n_units, dtype=np.float64)
        self.by_group = np.zeros((2, N_GROUPS), dtype=np.int64)
        self.by_zone = np.zeros((2, self.n_zones), dtype=np.int64)
        self.seen = np.zeros(self.n, dtype=bool)

    # ------------------------------------------------------------------ daily
    def segment(
        self, weekend: np.ndarray, year: np.ndarray, fear: np.ndarray,
        lift: np.ndarray | None = None, extra_outside: np.ndarray | None = None,
        day_of_month: np.ndarray | None = None, holiday: np.ndarray | None = None,
    ) -> dict[str, np.ndarray]:
        """Draw the visits of a run of days over which the centre does not change.

        One entry per day in each argument: ``weekend`` (bool), ``year`` ([2, days]: the time
        of year's factor for each daypart, :meth:`year_factor`), ``lift`` (multiplier), ``fear``
        (the centre's fear at the start of the day), ``extra_outside`` (expected extra outside
        visitors, e.g. for events), ``holiday`` (bool: no school; only weekdays count, weekends
        have their own factors). Each day,
        each resident visits in a daypart with probability ``p_i × year × lift × (1 − fear)^e_d``
        (× the holiday factor of the resident's age band on a holiday) — drawn for all days of
        one daypart and kind of day at once. Per-unit visits and spend accumulate in the month
        counters. Returns per-day arrays: resident and outside visitors per daypart, and unit
        visits.
        """
        n_days = weekend.size
        if day_of_month is None:  # a standalone segment: the month starts with it
            self.start_month(n_days)
            day_of_month = np.arange(n_days)
        lift = np.ones(n_days) if lift is None else lift
        holiday = np.zeros(n_days, dtype=bool) if holiday is None else holiday & ~weekend
        extra_outside = np.zeros(n_days) if extra_outside is None else extra_outside
        out = {k: np.zeros(n_days, dtype=np.int64) for k in (
            "residents_day", "residents_evening", "outside_day", "outside_evening", "unit_visits")}
        for d, part in ((0, "day"), (1, "evening")):
            scale_all = year[d] * lift * (1.0 - fear) ** self.elasticity[d]
            hours_share = DAYPART_HOURS[d] / sum(DAYPART_HOURS)
            for w, free in ((0, False), (0, True), (1, False)):
                key = (d, w)
                idx = self._idx[key]
                days = np.flatnonzero((weekend == bool(w)) & (holiday == free))
                if idx.size == 0 or days.size == 0:
                    continue
                scale = scale_all[days]
                if self.n:
                    p = self._p[key]
                    if free:
                        p = np.minimum(p * self.holiday_factor[self.band], 1.0).astype(np.float32)
                    flat = np.flatnonzero(self._bernoulli(p, scale, d, day_of_month[days]))
                    day_row = flat // self.n
                    who = flat - day_row * self.n
                else:
                    day_row = who = np.zeros(0, dtype=np.intp)
                if who.size:
                    per_day = np.bincount(day_row, minlength=days.size)
                    out[f"residents_{part}"][days] = per_day
                    out["unit_visits"][days] += per_day + self._linked_visits(key, who, day_row, days.size, d)
                lam = self.outside_rate(key) * scale
                lam = lam * hours_share * self.weekend_factor[d][ADULT_BAND] ** w + extra_outside[days] * hours_share
                if self._out_cum[key].size:  # Poisson counts by inverse CDF of the month's uniforms
                    k_out = poisson_ppf(self._month_out_u[d, day_of_month[days]], lam)
                else:
                    k_out = np.zeros(days.size, dtype=np.int64)
                total = int(k_out.sum())
                if total:
                    pick = np.searchsorted(self._out_cum[key], self._rng_outside.random(total), side="right")
                    self._book(idx[np.minimum(pick, idx.size - 1)], np.full(total, self.outside_spend_factor))
                    out[f"outside_{part}"][days] = k_out
                    out["unit_visits"][days] += k_out
        return out

    def year_factor(self, dark: np.ndarray, away: np.ndarray) -> np.ndarray:
        """Each daypart's visit factor ``(1 − darkness_visit_loss_share × dark share) × (1 − away)``
        (``dark``: [2, days], ``away``: [days], :class:`.seasons.Seasons`)."""
        return (1.0 - self.spec.darkness_visit_loss_share * dark) * (1.0 - away)[None, :]

    def _linked_visits(
        self, key: tuple[int, int], who: np.ndarray, day_row: np.ndarray, n_days: int, d: int
    ) -> np.ndarray:
        """Book the visits of residents ``who`` (on day rows ``day_row``): first unit, linked
        second unit, spend, and the month's counters. Returns the linked second visits per day
        row (the first visits per day row are the visitors per day row)."""
        idx = self._idx[key]
        g = self.group[who]
        first = self._first[key].locate(g, self._rng_choice.random(g.size))
        factor = self.spend_factor[who]
        self._book(idx[first], factor)
        per_day = np.zeros(n_days, dtype=np.int64)
        linked = np.flatnonzero(self._rng_links.random(who.size) < self._link[key][first])
        if linked.size and idx.size > 1:
            rows, second = self._second_choice(key, g[linked], first[linked])
            rows = linked[rows]
            self._book(idx[second], factor[rows])
            per_day += np.bincount(day_row[rows], minlength=n_days)
        self.by_group[d] += np.bincount(g, minlength=N_GROUPS)
        self.by_zone[d] += np.bincount(self.zone[who], minlength=self.n_zones)
        self.seen[who] = True
        return per_day

    def _bernoulli(self, p: np.ndarray, scale: np.ndarray, d: int, days: np.ndarray) -> np.ndarray:
        """A [days, residents] boolean array: resident i visits on day t with probability
        p_i × scale_t, using the month's uniforms for daypart ``d`` and those days of the month.
        Uses reusable buffers (fresh large arrays cost page faults)."""
        rows = scale.size
        if self._buf_u.shape[0] < rows or self._buf_u.shape[1] != self.n:
            self._buf_u = np.empty((rows, self.n), dtype=np.float32)
            self._buf_t = np.empty((rows, self.n), dtype=np.float32)
            self._buf_h = np.empty((rows, self.n), dtype=bool)
        u, t, h = self._buf_u[:rows], self._buf_t[:rows], self._buf_h[:rows]
        np.take(self._month_u[d], days, axis=0, out=u)
        np.multiply(p[None, :], scale.astype(np.float32)[:, None], out=t)
        return np.less(u, t, out=h)

    def _second_choice(
        self, key: tuple[int, int], g: np.ndarray, first: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """A second, different unit for linked trips (:meth:`.choice.Shares.second`)."""
        return self._second[key].second(g, first, self._rng_links)

    def _book(self, units: np.ndarray, factor: np.ndarray) -> None:
        n = self.visits.size
        self.visits += np.bincount(units, minlength=n)
        self.spend += np.bincount(units, weights=factor, minlength=n)
