"""The named random streams of one run, all from one seed.

``numpy.random.SeedSequence(seed).spawn(10)`` gives ten independent children; each mechanism
draws from its own, so that a change to one mechanism does not shift the numbers another draws
(common random numbers across scenarios). The order of the children is fixed: child 0 seeded
Mesa's own generator in the first versions, which the model never drew from; it stays unused so
that the others keep their numbers. (A child's numbers do not depend on how many are spawned, so
streams added later — child 8, the leases; child 9, membership — change none of the others.) Also here: the Poisson
and binomial quantiles that draw counts from a stream's uniforms, and rare Bernoulli trials drawn by
thinning (:func:`rare_successes`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

N_CHILDREN = 10


@dataclass(frozen=True)
class Streams:
    """One generator per purpose (the footfall stream is a seed sequence: it spawns a fresh
    generator per month and per kind of draw)."""

    seed: int
    population: np.random.Generator  # child 1: the starting residents
    footfall: np.random.SeedSequence  # child 2: who visits, which unit, linked trips, outsiders
    unrest: np.random.Generator  # child 3: unrest events
    targets: np.random.Generator  # child 4: which unit an event hits
    tenants: np.random.Generator  # child 5: prospective tenants
    public_events: np.random.Generator  # child 6: public events (not unrest)
    demography: np.random.Generator  # child 7: ageing's births and deaths, moves, households that arrive later
    leases: np.random.Generator  # child 8: where in its lease each tenant at the start is
    membership: np.random.Generator  # child 9: who joins and leaves a membership, members' visits

    @classmethod
    def from_seed(cls, seed: int) -> Streams:
        """The streams of a run with ``seed`` (a non-negative integer)."""
        children = np.random.SeedSequence(seed).spawn(N_CHILDREN)

        def gen(i: int) -> np.random.Generator:
            return np.random.default_rng(children[i])

        return cls(seed=seed, population=gen(1), footfall=children[2], unrest=gen(3), targets=gen(4),
                   tenants=gen(5), public_events=gen(6), demography=gen(7), leases=gen(8), membership=gen(9))


def poisson_ppf(q: np.ndarray, mu: np.ndarray) -> np.ndarray:
    """The Poisson quantile: the smallest k with P(X ≤ k) ≥ q, as ``scipy.stats.poisson.ppf``
    computes it (the same two special functions), without its per-call overhead. ``q`` in
    [0, 1), ``mu`` ≥ 0."""
    vals = np.ceil(special.pdtrik(q, mu))
    below = np.maximum(vals - 1, 0)
    return np.where(special.pdtr(below, mu) >= q, below, vals).astype(np.int64)


def binomial_ppf(q: np.ndarray, n: int, p: float) -> np.ndarray:
    """The binomial quantile: the smallest k with P(X ≤ k) ≥ q for X ~ Binomial(n, p), as
    ``scipy.stats.binom.ppf`` computes it. A binomial drawn by inversion of one uniform per draw:
    numpy's own ``binomial`` rejects and redraws (BTPE) with floating-point tests whose outcome
    differed between numpy 2.4 and 2.5, and so did every draw after it. ``q`` in [0, 1)."""
    q = np.asarray(q, dtype=np.float64)
    if n <= 0 or p <= 0:
        return np.zeros(q.shape, dtype=np.int64)
    if p >= 1:
        return np.full(q.shape, n, dtype=np.int64)
    vals = np.clip(np.ceil(np.nan_to_num(special.bdtrik(q, n, p), nan=0.0)), 0, n)
    below = np.maximum(vals - 1, 0)
    return np.where(special.bdtr(below, n, p) >= q, below, vals).astype(np.int64)


THIN_BELOW = 0.05
"""Largest chance up to which :func:`rare_successes` thins; above it one uniform per trial is cheaper."""


def rare_successes(rng: np.random.Generator, chance: np.ndarray, top: float | None = None) -> np.ndarray:
    """The indices ``i`` (ascending) where independent Bernoulli trials with ``chance[i]`` succeed.

    When every chance is small, drawn by thinning: candidates are the successes of trials at the
    largest chance ``top`` (≥ every chance; ``chance.max()`` if not given), found by geometric
    gaps ``⌊log V / log(1 − top)⌋ + 1`` (V uniform in (0, 1]) — about ``n × top`` uniforms instead
    of ``n`` — and a candidate is kept with chance ``chance[i] / top``. Each trial succeeds with
    exactly ``chance[i]``, independently of the others. The gaps come from inversion of the
    stream's own uniforms, so the draws are the same on every numpy. Above :data:`THIN_BELOW`,
    one uniform per trial."""
    chance = np.asarray(chance, dtype=np.float64)
    n = chance.size
    top = float(chance.max(initial=0.0)) if top is None else float(top)
    if n == 0 or top <= 0.0:
        return np.zeros(0, dtype=np.intp)
    if top > THIN_BELOW:
        return np.flatnonzero(rng.random(n) < chance)
    log_miss = np.log1p(-top)
    batch = int(n * top + 4.0 * np.sqrt(n * top) + 16)  # enough gaps to pass the end, nearly always
    found: list[np.ndarray] = []
    last = -1
    while last < n:
        gaps = np.floor(np.log1p(-rng.random(batch)) / log_miss).astype(np.int64) + 1
        at = last + np.cumsum(gaps)
        found.append(at[at < n])
        last = int(at[-1])
    candidates = np.concatenate(found).astype(np.intp)
    return candidates[rng.random(candidates.size) * top < chance[candidates]]
