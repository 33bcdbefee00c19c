"""The resident population: one row per resident, held in numpy arrays.

Residents are synthesised from the scenario's ``[area]``: exact counts per age band, grouped into
households (a head aged 20+, further adults as partners or adult children, children 0–19 placed in
households headed by a 26–64-year-old), each household in a zone with a walking distance to the
centre and an income per consumption unit relative to the national median.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .ledger import split_exact
from .scenario import AGE_BANDS, AreaSection

CHILD_BANDS = (0, 1, 2)  # 0–5, 6–12, 13–19
YOUTH_BANDS = (2, 3)  # 13–19, 20–25: the ages in the unrest submodel
N_BANDS = len(AGE_BANDS)


@dataclass
class Population:
    """Array-backed residents. All arrays have one row per resident."""

    age_band: np.ndarray  # int8, index into AGE_BANDS
    female: np.ndarray  # bool
    household: np.ndarray  # int32 household id
    zone: np.ndarray  # int16 zone index
    walk_m: np.ndarray  # float32 walking distance to the centre, m
    across_tram: np.ndarray  # bool: lives across the tram line from the centre
    income_rel: np.ndarray  # float32 household income per consumption unit / national median
    employed: np.ndarray  # bool (adults 20–64 only)
    zone_names: tuple[str, ...]

    @property
    def n(self) -> int:
        return int(self.age_band.size)

    @property
    def group(self) -> np.ndarray:
        """Group code 0..11 = age band × 2 + female (used to index per-group tables)."""
        return self.age_band.astype(np.int16) * 2 + self.female

    def youth_mask(self) -> np.ndarray:
        return np.isin(self.age_band, YOUTH_BANDS)


def synthesise(area: AreaSection, rng: np.random.Generator) -> Population:
    """Draw a population that matches ``area`` exactly in size, households and age bands."""
    n, n_hh = area.residents, area.households
    zone_names = tuple(area.zones)
    if n == 0:
        empty = np.zeros(0)
        return Population(
            empty.astype(np.int8), empty.astype(bool), empty.astype(np.int32),
            empty.astype(np.int16), empty.astype(np.float32), empty.astype(bool),
            empty.astype(np.float32), empty.astype(bool), zone_names,
        )
    counts = split_exact(n, area.age_shares.as_array())  # exact counts per band
    age = rng.permutation(np.repeat(np.arange(N_BANDS, dtype=np.int8), counts))
    female = rng.random(n) < area.share_female

    household = np.full(n, -1, dtype=np.int32)
    adults = np.flatnonzero(age >= 3)
    if adults.size < n_hh:  # not enough adults to head every household: promote teenagers
        extra = rng.permutation(np.flatnonzero(age == 2))[: n_hh - adults.size]
        adults = np.concatenate([adults, extra])
    # heads: prefer 26+ (a random key, with 20–25 and teenagers sorted last)
    key = rng.random(adults.size) + (age[adults] <= 3)
    heads = adults[np.argsort(key, kind="stable")[:n_hh]]
    household[heads] = np.arange(n_hh, dtype=np.int32)
    others = np.flatnonzero(household < 0)
    family = np.flatnonzero(age[heads] == 4)  # households headed by a 26–64-year-old
    is_child = age[others] <= 2
    pool_child = family if family.size else np.arange(n_hh)
    household[others[is_child]] = pool_child[rng.integers(0, pool_child.size, is_child.sum())]
    household[others[~is_child]] = rng.integers(0, n_hh, (~is_child).sum())

    zshares = np.array([z.share_of_households for z in area.zones.values()])
    hh_zone = rng.choice(len(zone_names), size=n_hh, p=zshares / zshares.sum()).astype(np.int16)
    zone = hh_zone[household]
    walk = np.array([z.walk_distance_m for z in area.zones.values()], dtype=np.float32)[zone]
    across = np.array([z.across_tram_line for z in area.zones.values()], dtype=bool)[zone]

    hh_income = area.income_rel_national_median * np.exp(
        area.income_sigma_log * rng.standard_normal(n_hh)
    )
    income = hh_income[household].astype(np.float32)
    working_age = (age == 3) | (age == 4)
    # richer households are more often in work (an assumption, see docs/ODD.md)
    p_work = np.clip(
        area.employment_rate_adults * np.sqrt(income / area.income_rel_national_median), 0, 1
    )
    employed = working_age & (rng.random(n) < p_work)
    return Population(age, female, household, zone, walk, across, income, employed, zone_names)
