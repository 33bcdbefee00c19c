"""Residents age, are born, die and move: every change to the population arrays, in one place.

At each month's end, in this order:

1. everyone ages a month, and age bands follow (13–25 are the unrest submodel's youths: a
   cohort enters at 13 and leaves at 26; employment follows for those turning 20 or 65);
2. deaths: a resident aged 65+ dies with probability ``deaths_share_per_year_65_plus`` / 12, and
   nobody lives past ``oldest_age_years``;
3. births: each woman aged 20–44 gives birth with probability ``births_per_woman_per_year`` /
   12; the child joins her household;
4. moves: each household moves out with probability ``households_moving_out_share_per_year`` /
   12 (and so does the flat of a household whose last member died); a household moves into the
   flat at once (the housing company re-lets it), with the composition of a random *starting*
   household of the flat's size (the size of the flat's first household) — its members' ages and
   genders as they were at the start — so that moves pull the age structure back towards the
   scenario's input and households back to their flats' sizes (births only crowd a flat until
   its household moves); its income, employment and dispositions are drawn afresh;
5. growth: a zone with ``households_growth_per_year`` gets its new households, the k-th in
   month ceil(12k/g), drawn like movers-in.

A newcomer (born or moving in) takes the lowest free row and a new person id; the arrays grow
only when no row is free. All draws come from the demography stream, in month order, so a
month's changes depend on the months before it and never on the horizon.
"""

from __future__ import annotations

import numpy as np

from ..scenario import AreaSection
from .population import N_TRAITS, Population, band_of, employed_now

YEAR_MONTHS = 12
FIRST_MOTHER_MONTHS, LAST_MOTHER_MONTHS = 20 * 12, 45 * 12  # women aged 20–44
OLD_MONTHS = 65 * 12
YOUTH_FIRST_MONTHS, YOUTH_END_MONTHS = 13 * 12, 26 * 12
SHARE_GIRLS_AT_BIRTH = 0.487  # SCB: about 105 boys are born per 100 girls


class Demography:
    """The monthly changes to one run's population."""

    def __init__(self, area: AreaSection, pop: Population, rng: np.random.Generator):
        self.area = area
        self.rng = rng
        # the starting households, as templates for those who move in later
        order = np.argsort(pop.household, kind="stable")
        _ids, starts, sizes = np.unique(pop.household[order], return_index=True, return_counts=True)
        self._t_start, self._t_size = starts, sizes
        self._t_age, self._t_female = pop.age_months[order].copy(), pop.female[order].copy()
        self._walk = np.array([z.walk_distance_m for z in area.zones.values()], dtype=np.float32)
        self._across = np.array([z.across_tram_line for z in area.zones.values()], dtype=bool)
        self._growth = np.array([z.households_growth_per_year for z in area.zones.values()])
        self._by_size = {int(k): np.flatnonzero(sizes == k) for k in np.unique(sizes)}
        self.next_household = int(pop.household.max()) + 1 if pop.n else 0
        # each household's flat, by household id: its zone and the size of household it houses
        self._hh_zone = np.zeros(self.next_household, dtype=np.int16)
        self._hh_flat_size = np.zeros(self.next_household, dtype=np.int32)
        if pop.n:
            self._hh_zone[pop.household] = pop.zone
            self._hh_flat_size[_ids] = sizes
        self.next_person = int(pop.person.max()) + 1 if pop.n else 0
        self.youths_seen = int(pop.youth_mask().sum())  # persons who have been 13–25 here
        self.month = 0
        self.counts = {"births": 0, "deaths": 0, "households_out": 0, "households_in": 0}

    # ------------------------------------------------------------------ the month
    def month_passes(self, pop: Population) -> None:
        """Apply one month's ageing, deaths, births, moves and growth to ``pop`` (in place)."""
        area, rng = self.area, self.rng
        youth_before, person_before = pop.youth_mask(), pop.person.copy()
        here = pop.here
        pop.age_months[here] += 1
        age = pop.age_months
        dies = here & (age >= OLD_MONTHS) & ((rng.random(pop.n) < area.deaths_share_per_year_65_plus / YEAR_MONTHS)
                                            | (age >= int(area.oldest_age_years * 12)))
        mothers = here & ~dies & pop.female & (age >= FIRST_MOTHER_MONTHS) & (age < LAST_MOTHER_MONTHS)
        births = np.flatnonzero(mothers & (rng.random(pop.n) < area.births_per_woman_per_year / YEAR_MONTHS))
        had_members = np.bincount(pop.household[here], minlength=self.next_household) > 0
        pop.here[dies] = False
        self.counts["deaths"] += int(dies.sum())
        # moving out: each household here with the month's chance; flats whose last member died
        members = np.bincount(pop.household[pop.here], minlength=self.next_household)
        moving = ((rng.random(self.next_household) < area.households_moving_out_share_per_year / YEAR_MONTHS)
                  & (members > 0))
        flats = np.flatnonzero(moving | (had_members & (members == 0)))
        pop.here[pop.here & moving[pop.household]] = False
        self.counts["households_out"] += int(flats.size)
        self._born(pop, births[pop.here[births]])  # a mother who moved out gives birth elsewhere
        self.month += 1
        self._move_in(pop, self._hh_zone[flats], self._hh_flat_size[flats])
        arriving = self._arrivals(self.month)
        self._move_in(pop, arriving, np.zeros(arriving.size, dtype=np.int32))
        self.counts["households_in"] += int(flats.size + arriving.size)
        pop.age_band[pop.here] = band_of(pop.age_months[pop.here])
        pop.employed[:] = pop.here & employed_now(pop.age_band, pop.work_draw, pop.income_rel, area)
        same = np.zeros(pop.n, dtype=bool)
        same[: person_before.size] = youth_before & (pop.person[: person_before.size] == person_before)
        self.youths_seen += int((pop.youth_mask() & ~same).sum())  # turned 13, or moved in as a youth
        pop.version += 1

    def _arrivals(self, month: int) -> np.ndarray:
        """Zones of the households arriving through growth in ``month``: the k-th new household
        of a zone with g a year arrives in month ceil(12k/g)."""
        out = []
        for z, g in enumerate(self._growth):
            if g <= 0:
                continue
            # households k with ceil(12k/g) == month: k in (g(month−1)/12, g·month/12]
            n = int(np.floor(g * month / YEAR_MONTHS + 1e-9)) - int(np.floor(g * (month - 1) / YEAR_MONTHS + 1e-9))
            out += [z] * n
        return np.array(out, dtype=np.int16)

    # ------------------------------------------------------------------ rows
    def _rows(self, pop: Population, k: int) -> np.ndarray:
        """``k`` rows for newcomers: free rows first (lowest first), then new ones at the end."""
        free = np.flatnonzero(~pop.here)[:k]
        if free.size < k:
            start = pop.n
            _grow(pop, max(k - free.size, GROW_ROWS))
            free = np.concatenate([free, np.arange(start, start + k - free.size)])
        return free

    def _new_people(self, pop: Population, rows: np.ndarray) -> None:
        """Fresh ids and dispositions for the newcomers in ``rows``."""
        pop.person[rows] = np.arange(self.next_person, self.next_person + rows.size)
        self.next_person += rows.size
        pop.traits[rows] = self.rng.random((rows.size, N_TRAITS)).astype(np.float32)
        pop.work_draw[rows] = self.rng.random(rows.size).astype(np.float32)
        pop.here[rows] = True

    def _born(self, pop: Population, mothers: np.ndarray) -> None:
        if mothers.size == 0:
            return
        household, zone = pop.household[mothers].copy(), pop.zone[mothers].copy()
        walk, across = pop.walk_m[mothers].copy(), pop.across_tram[mothers].copy()
        income = pop.income_rel[mothers].copy()
        rows = self._rows(pop, mothers.size)
        self._new_people(pop, rows)
        pop.age_months[rows] = 0
        pop.female[rows] = self.rng.random(rows.size) < SHARE_GIRLS_AT_BIRTH
        pop.household[rows], pop.zone[rows] = household, zone
        pop.walk_m[rows], pop.across_tram[rows], pop.income_rel[rows] = walk, across, income
        self.counts["births"] += int(rows.size)

    def _move_in(self, pop: Population, zones: np.ndarray, flat_sizes: np.ndarray) -> None:
        """A household with a starting household's composition moves into a flat in each of
        ``zones``: one of the flat's size (the size of its first household), or of any size for
        a new flat (``flat_sizes`` 0)."""
        if zones.size == 0 or self._t_start.size == 0:  # an area that started empty has none to copy
            return
        t = self.rng.integers(self._t_start.size, size=zones.size)  # new flats: any starting household
        for i in np.flatnonzero(flat_sizes > 0):
            same = self._by_size[int(flat_sizes[i])]
            t[i] = same[int(self.rng.integers(same.size))]
        sizes = self._t_size[t]
        offset = np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        members = np.repeat(self._t_start[t], sizes) + offset
        rows = self._rows(pop, int(sizes.sum()))
        self._new_people(pop, rows)
        ids = np.arange(self.next_household, self.next_household + zones.size, dtype=np.int32)
        self.next_household += zones.size
        self._hh_zone = np.concatenate([self._hh_zone, zones.astype(np.int16)])
        self._hh_flat_size = np.concatenate([self._hh_flat_size, sizes.astype(np.int32)])
        zone = np.repeat(zones.astype(np.intp), sizes)
        pop.age_months[rows], pop.female[rows] = self._t_age[members], self._t_female[members]
        pop.household[rows], pop.zone[rows] = np.repeat(ids, sizes), zone
        pop.walk_m[rows], pop.across_tram[rows] = self._walk[zone], self._across[zone]
        a = self.area
        income = a.income_rel_national_median * np.exp(a.income_sigma_log * self.rng.standard_normal(zones.size))
        pop.income_rel[rows] = np.repeat(income, sizes).astype(np.float32)


GROW_ROWS = 64  # rows added at a time when none is free


def _grow(pop: Population, extra: int) -> None:
    """``extra`` more (free) rows at the end of every array."""
    for name, fill in (("age_band", 0), ("female", False), ("household", 0), ("zone", 0), ("walk_m", 1.0),
                       ("across_tram", False), ("income_rel", 1.0), ("employed", False), ("here", False),
                       ("age_months", 0), ("work_draw", 1.0), ("person", -1)):
        arr = getattr(pop, name)
        setattr(pop, name, np.concatenate([arr, np.full(extra, fill, dtype=arr.dtype)]))
    pop.traits = np.concatenate([pop.traits, np.full((extra, N_TRAITS), 0.5, dtype=pop.traits.dtype)])
