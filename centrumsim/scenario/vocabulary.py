"""The words every layer shares: age bands, groups, dayparts, the enterprise's own ledger column.

Defined once here (the lowest layer that knows about the world) and imported everywhere else.
"""

from __future__ import annotations

AGE_BANDS: tuple[str, ...] = ("0_5", "6_12", "13_19", "20_25", "26_64", "65_plus")
"""The six age bands (index = band code in the population arrays)."""
AGE_LABELS: tuple[str, ...] = ("0–5", "6–12", "13–19", "20–25", "26–64", "65+")
N_BANDS = len(AGE_BANDS)

CHILD_BANDS = (0, 1, 2)  # 0–19: a household's children
SCHOOL_BANDS = (1, 2)  # 6–19: the ages of club-active children
YOUTH_BANDS = (2, 3)  # 13–25: the ages in the unrest submodel
FIRST_ADULT_BAND = 3  # 20–25: the youngest adults (may head a household, may work)
ADULT_BAND = 4  # 26–64: the reference adult (household heads of families, outside visitors)
WORKING_BANDS = (3, 4)  # 20–64: of working age

GENDERS: tuple[str, ...] = ("male", "female")
N_GROUPS = N_BANDS * len(GENDERS)
"""Age-and-gender groups: group code = age band × 2 + (1 if female)."""

DAYPARTS: tuple[str, ...] = ("day", "evening")
DAYPART_HOURS: tuple[float, float] = (9.0, 5.0)
"""Hours in each daypart: day 08–17, evening 17–22."""

CENTRAL = "central"
"""The enterprise's own ledger column (overhead, environment, its grant); no unit may take the name."""
