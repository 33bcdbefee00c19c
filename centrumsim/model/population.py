"""The resident population: one row per resident, held in numpy arrays.

Residents are synthesised from the scenario's ``[area]``: exact counts per age band, grouped into
households (a head aged 20+ — teenagers only if adults run short —, further adults as partners or
adult children, children 0–19 placed in households headed by a 26–64-year-old), each household
in a zone with a walking distance to the centre, an income per consumption unit relative to the
national median (log-normal around the area's median) and, for adults 20–64, employment.

Growth: a zone with ``households_growth_per_year`` receives new households spread evenly over
the horizon. They are synthesised at the start with an arrival month, as copies of the
composition (members' age bands and genders) of randomly chosen existing households, with incomes
and employment drawn afresh; before its arrival month a resident takes no part in anything. The
age structure is otherwise held fixed (a stationary area: turnover replaces ageing; docs/ODD.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..exact import split_exact
from ..scenario import AreaSection
from ..scenario.vocabulary import ADULT_BAND, CHILD_BANDS, FIRST_ADULT_BAND, N_BANDS, WORKING_BANDS, YOUTH_BANDS

LAST_CHILD_BAND = CHILD_BANDS[-1]
HOUSEHOLD_TYPES = ("single", "couple", "single_parent", "family", "other")
N_TRAITS = 3  # per-resident uniforms used by the unrest submodel: hardship noise, risk aversion, core lottery


@dataclass
class Population:
    """Array-backed residents. All arrays have one row per resident (arrived or to arrive)."""

    age_band: np.ndarray  # int8, index into vocabulary.AGE_BANDS
    female: np.ndarray  # bool
    household: np.ndarray  # int32 household id
    zone: np.ndarray  # int16 zone index
    walk_m: np.ndarray  # float32 walking distance to the centre, m
    across_tram: np.ndarray  # bool: lives across the tram line from the centre
    income_rel: np.ndarray  # float32 household income per consumption unit / national median
    employed: np.ndarray  # bool (adults 20–64 only)
    arrival_month: np.ndarray  # int32: month index from which the resident lives here (0 = start)
    zone_names: tuple[str, ...]
    traits: np.ndarray | None = None  # float32 [n, N_TRAITS] uniforms: a resident's own dispositions

    @property
    def n(self) -> int:
        return int(self.age_band.size)

    @property
    def group(self) -> np.ndarray:
        """Group code 0..11 = age band × 2 + female (used to index per-group tables)."""
        return self.age_band.astype(np.int16) * 2 + self.female

    def youth_mask(self) -> np.ndarray:
        return np.isin(self.age_band, YOUTH_BANDS)

    def present(self, month: int) -> np.ndarray:
        """Residents living in the area in month ``month``."""
        return self.arrival_month <= month

    def household_table(self, month: int = 0) -> dict[str, np.ndarray]:
        """Per present household: size, adults, children and type (index into HOUSEHOLD_TYPES)."""
        here = self.present(month)
        hh = self.household[here]
        ids, inverse = np.unique(hh, return_inverse=True)
        size = np.bincount(inverse)
        children = np.bincount(inverse, weights=(self.age_band[here] <= LAST_CHILD_BAND)).astype(int)
        adults = size - children
        kind = np.select(
            [(adults == 1) & (children == 0), (adults == 2) & (children == 0),
             (adults == 1) & (children > 0), (adults == 2) & (children > 0)],
            [0, 1, 2, 3], default=4,
        )
        return {"household": ids, "size": size, "adults": adults, "children": children, "type": kind}


def _empty(zone_names: tuple[str, ...]) -> Population:
    e = np.zeros(0)
    return Population(
        e.astype(np.int8), e.astype(bool), e.astype(np.int32), e.astype(np.int16),
        e.astype(np.float32), e.astype(bool), e.astype(np.float32), e.astype(bool),
        e.astype(np.int32), zone_names, np.zeros((0, N_TRAITS), dtype=np.float32),
    )


def _assign_households(age: np.ndarray, n_hh: int, rng: np.random.Generator) -> np.ndarray:
    """Household id per resident: heads first (26+ preferred), then children and other adults."""
    household = np.full(age.size, -1, dtype=np.int32)
    adults = np.flatnonzero(age >= FIRST_ADULT_BAND)
    if adults.size < n_hh:  # not enough adults to head every household: promote teenagers
        extra = rng.permutation(np.flatnonzero(age == LAST_CHILD_BAND))[: n_hh - adults.size]
        adults = np.concatenate([adults, extra])
    key = rng.random(adults.size) + (age[adults] <= FIRST_ADULT_BAND)  # 20–25 and teenagers sorted last
    heads = adults[np.argsort(key, kind="stable")[:n_hh]]
    household[heads] = np.arange(n_hh, dtype=np.int32)
    others = np.flatnonzero(household < 0)
    family = np.flatnonzero(age[heads] == ADULT_BAND)  # households headed by a 26–64-year-old
    is_child = age[others] <= LAST_CHILD_BAND
    pool_child = family if family.size else np.arange(n_hh)
    household[others[is_child]] = pool_child[rng.integers(0, pool_child.size, is_child.sum())]
    household[others[~is_child]] = rng.integers(0, n_hh, (~is_child).sum())
    return household


def synthesise(
    area: AreaSection, rng: np.random.Generator, years: float = 0.0,
    rng_growth: np.random.Generator | None = None,
) -> Population:
    """Draw a population that matches ``area`` exactly in size, households and age bands at the
    start, plus the households that arrive through growth over ``years``.

    Everything about the starting residents is drawn from ``rng`` before anything about growth,
    which draws from ``rng_growth``: the same seed gives the same starting residents whatever
    the horizon or the growth."""
    n, n_hh = area.residents, area.households
    zone_names = tuple(area.zones)
    if n == 0:
        return _empty(zone_names)
    counts = split_exact(n, area.age_shares.as_array())  # exact counts per band
    age = rng.permutation(np.repeat(np.arange(N_BANDS, dtype=np.int8), counts))
    female = rng.random(n) < area.share_female
    household = _assign_households(age, n_hh, rng)
    zones = list(area.zones.values())
    zshares = np.array([z.share_of_households for z in zones])
    hh_zone = rng.choice(len(zones), size=n_hh, p=zshares / zshares.sum()).astype(np.int16)
    hh_income_z = rng.standard_normal(n_hh)
    work_u = rng.random(n)
    traits = rng.random((n, N_TRAITS)).astype(np.float32)
    hh_arrival = np.zeros(n_hh, dtype=np.int32)

    # growth: new households per zone, evenly over the horizon, copying existing compositions
    g = rng_growth if rng_growth is not None else np.random.default_rng(rng.integers(2**63))
    # one stream per purpose: the k-th new household's draws do not depend on how many follow
    g_src, g_inc, g_work, g_traits = (np.random.default_rng(s) for s in
                                      np.random.SeedSequence(int(g.integers(2**63))).spawn(4))
    new_zone, new_arrival, sources = [], [], []
    months = int(round(years * 12))
    for z, spec in enumerate(zones):
        n_new = int(np.floor(spec.households_growth_per_year * years))
        if n_new == 0:
            continue
        # the k-th new household arrives in month ceil(k·12/g), k = 1, 2, …: after the start
        arrive = np.ceil((np.arange(n_new) + 1) * 12.0 / spec.households_growth_per_year).astype(np.int32)
        keep = arrive < max(months, 1)
        new_zone.append(np.full(keep.sum(), z, dtype=np.int16))
        new_arrival.append(arrive[keep])
        sources.append(g_src.integers(0, n_hh, keep.sum()))
    if sources:
        src = np.concatenate(sources)
        # members of each source household, copied into a new household id
        order = np.argsort(household, kind="stable")
        starts = np.searchsorted(household[order], src)
        ends = np.searchsorted(household[order], src, side="right")
        lengths = ends - starts
        offset = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        member_idx = order[np.repeat(starts, lengths) + offset]
        new_ids = n_hh + np.repeat(np.arange(src.size, dtype=np.int32), lengths)
        age = np.concatenate([age, age[member_idx]])
        female = np.concatenate([female, female[member_idx]])
        household = np.concatenate([household, new_ids])
        hh_zone = np.concatenate([hh_zone, *new_zone])
        hh_arrival = np.concatenate([hh_arrival, *new_arrival])
        hh_income_z = np.concatenate([hh_income_z, g_inc.standard_normal(src.size)])
        work_u = np.concatenate([work_u, g_work.random(member_idx.size)])
        traits = np.concatenate([traits, g_traits.random((member_idx.size, N_TRAITS)).astype(np.float32)])

    zone = hh_zone[household]
    walk = np.array([z.walk_distance_m for z in zones], dtype=np.float32)[zone]
    across = np.array([z.across_tram_line for z in zones], dtype=bool)[zone]
    hh_income = area.income_rel_national_median * np.exp(area.income_sigma_log * hh_income_z)
    income = hh_income[household].astype(np.float32)
    working_age = np.isin(age, WORKING_BANDS)
    # richer households are more often in work (an assumption, see docs/ODD.md)
    p_work = np.clip(area.employment_rate_adults * np.sqrt(income / area.income_rel_national_median), 0, 1)
    employed = working_age & (work_u < p_work)
    return Population(age, female, household, zone, walk, across, income, employed,
                      hh_arrival[household], zone_names, traits)
