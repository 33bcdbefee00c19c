"""Space-filling samples of a box of parameters: one Latin-hypercube sampler for the sweeps, the
history match and the answer over assumptions (:mod:`.uncertainty`)."""

from __future__ import annotations

import numpy as np


def lhs_points(bounds: np.ndarray, n: int, rng: np.random.Generator,
               integer: tuple[bool, ...] | None = None) -> np.ndarray:
    """``n`` Latin-hypercube points within ``bounds`` (one row [min, max] per parameter), the
    ``integer`` columns rounded."""
    from scipy.stats import qmc  # here: importing scipy.stats costs a third of a second

    unit = qmc.LatinHypercube(d=len(bounds), rng=rng).random(n)
    x = qmc.scale(unit, bounds[:, 0], bounds[:, 1]) if len(bounds) else unit
    for j, is_int in enumerate(integer or ()):
        if is_int:
            x[:, j] = np.round(x[:, j])
    return x
