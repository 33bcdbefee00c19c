"""The resident population: one row per resident, held in numpy arrays.

Residents are synthesised from the scenario's ``[area]``: exact counts per age band (an exact age
in months, uniform within the band; 65+ up to ``oldest_start_age_years``), grouped into
households (a head aged 20+ — teenagers only if adults run short —, further adults as partners or
adult children, children 0–19 placed in households headed by a 26–64-year-old), each household
in a zone (exact counts per zone) with a walking distance to the centre, an income per consumption unit relative to the
national median (log-normal around the area's median) and, for adults 20–64, employment.

The arrays change only in :mod:`.demography` (ageing, births, deaths, moves, growth), at a month's
end: a row whose resident has left (``here`` false) is given to the next newcomer, who gets a new
``person`` id; ``version`` counts the changes, so that what is derived from the arrays (foot
traffic's per-resident terms, the youths of the unrest submodel) knows when to follow.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..exact import split_exact
from ..scenario import AreaSection
from ..scenario.vocabulary import ADULT_BAND, CHILD_BANDS, FIRST_ADULT_BAND, N_BANDS, WORKING_BANDS, YOUTH_BANDS

LAST_CHILD_BAND = CHILD_BANDS[-1]
BAND_EDGES_MONTHS = np.array([0, 6, 13, 20, 26, 65], dtype=np.int32) * 12  # where each age band starts
HOUSEHOLD_TYPES = ("single", "couple", "single_parent", "family", "other")
N_TRAITS = 3  # per-resident uniforms used by the unrest submodel: hardship noise, risk aversion, take-up of activities


@dataclass
class Population:
    """Array-backed residents. All arrays have one row per row of the store: a resident living
    in the area now (``here``) or a row free for the next newcomer."""

    age_band: np.ndarray  # int8, index into vocabulary.AGE_BANDS (follows age_months)
    female: np.ndarray  # bool
    household: np.ndarray  # int32 household id
    zone: np.ndarray  # int16 zone index
    walk_m: np.ndarray  # float32 walking distance to the centre, m
    across_tram: np.ndarray  # bool: lives across the tram line from the centre
    income_rel: np.ndarray  # float32 household income per consumption unit / national median (at the start's level)
    employed: np.ndarray  # bool (adults 20–64 only)
    here: np.ndarray  # bool: lives in the area now
    zone_names: tuple[str, ...]
    traits: np.ndarray  # float32 [n, N_TRAITS] uniforms: a resident's own dispositions
    age_months: np.ndarray  # int32 exact age in months
    work_draw: np.ndarray  # float32 uniform: in work when below the chance for its income
    person: np.ndarray  # int64: who lives in the row (a new id for every newcomer)
    version: int = 0  # changes so far

    @classmethod
    def of_bands(cls, *, age_band: np.ndarray, female: np.ndarray, household: np.ndarray, zone: np.ndarray,
                 walk_m: np.ndarray, across_tram: np.ndarray, income_rel: np.ndarray, employed: np.ndarray,
                 here: np.ndarray, zone_names: tuple[str, ...]) -> Population:
        """A population made by hand from the age bands alone: everyone in the middle of their
        band, in work as ``employed`` says, with middling dispositions, ids in row order."""
        n = age_band.size
        return cls(age_band, female, household, zone, walk_m, across_tram, income_rel, employed, here, zone_names,
                   traits=np.full((n, N_TRAITS), 0.5, dtype=np.float32),
                   age_months=(BAND_EDGES_MONTHS[age_band.astype(np.intp)] + 30).astype(np.int32),
                   work_draw=np.where(employed, 0.0, 1.0).astype(np.float32),
                   person=np.arange(n, dtype=np.int64))

    @property
    def n(self) -> int:
        """Rows in the store (residents here and free rows)."""
        return int(self.age_band.size)

    @property
    def group(self) -> np.ndarray:
        """Group code 0..11 = age band × 2 + female (used to index per-group tables)."""
        return self.age_band.astype(np.int16) * 2 + self.female

    def youth_mask(self) -> np.ndarray:
        """Residents here aged 13–25."""
        return (self.age_band >= YOUTH_BANDS[0]) & (self.age_band <= YOUTH_BANDS[-1]) & self.here  # bands in a row

    def household_table(self) -> dict[str, np.ndarray]:
        """Per household here: size, adults, children and type (index into HOUSEHOLD_TYPES)."""
        here = self.here
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


def band_of(age_months: np.ndarray) -> np.ndarray:
    """The age band of exact ages in months."""
    return (np.searchsorted(BAND_EDGES_MONTHS, age_months, side="right") - 1).astype(np.int8)


def employment_chance(income_rel: np.ndarray, area: AreaSection) -> np.ndarray:
    """The chance that an adult 20–64 is in work: the area's rate, higher for richer households
    (an assumption, see docs/ODD.md)."""
    return np.clip(area.employment_rate_adults * np.sqrt(income_rel / area.income_rel_national_median), 0, 1)


def employed_now(age_band: np.ndarray, work_draw: np.ndarray, income_rel: np.ndarray, area: AreaSection) -> np.ndarray:
    """Who is in work: of working age, with a draw below the chance for the household's income."""
    working_age = (age_band >= WORKING_BANDS[0]) & (age_band <= WORKING_BANDS[-1])  # bands in a row
    return working_age & (work_draw < employment_chance(income_rel, area))


def _empty(zone_names: tuple[str, ...]) -> Population:
    e = np.zeros(0)
    return Population(
        e.astype(np.int8), e.astype(bool), e.astype(np.int32), e.astype(np.int16),
        e.astype(np.float32), e.astype(bool), e.astype(np.float32), e.astype(bool),
        e.astype(bool), zone_names, np.zeros((0, N_TRAITS), dtype=np.float32),
        e.astype(np.int32), e.astype(np.float32), e.astype(np.int64),
    )


def ages_in_bands(bands: np.ndarray, rng: np.random.Generator, oldest_years: float) -> np.ndarray:
    """Exact ages in months, uniform within each resident's band (65+: up to ``oldest_years``)."""
    lo = BAND_EDGES_MONTHS[bands.astype(np.intp)]
    hi = np.append(BAND_EDGES_MONTHS[1:], round(oldest_years * 12))[bands.astype(np.intp)]
    return (lo + np.floor(rng.random(bands.size) * (hi - lo))).astype(np.int32)


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


def synthesise(area: AreaSection, rng: np.random.Generator) -> Population:
    """Draw the starting population: it matches ``area`` exactly in size, households and age
    bands. (Households that arrive later, births, deaths and moves: :mod:`.demography`.)"""
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
    # exact counts of households per zone, as for age bands, in a random order
    hh_zone = rng.permutation(np.repeat(np.arange(len(zones), dtype=np.int16),
                                        split_exact(n_hh, zshares / zshares.sum())))
    hh_income_z = rng.standard_normal(n_hh)
    work_u = rng.random(n).astype(np.float32)
    traits = rng.random((n, N_TRAITS)).astype(np.float32)
    age_months = ages_in_bands(age, rng, area.oldest_start_age_years)
    zone = hh_zone[household]
    walk = np.array([z.walk_distance_m for z in zones], dtype=np.float32)[zone]
    across = np.array([z.across_tram_line for z in zones], dtype=bool)[zone]
    hh_income = area.income_rel_national_median * np.exp(area.income_sigma_log * hh_income_z)
    income = hh_income[household].astype(np.float32)
    employed = employed_now(age, work_u, income, area)
    return Population(age, female, household, zone, walk, across, income, employed, np.ones(n, dtype=bool),
                      zone_names, traits, age_months, work_u, np.arange(n, dtype=np.int64))
