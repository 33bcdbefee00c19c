"""Exact integer arithmetic for money and counts.

Amounts of money are whole öre (1 SEK = 100 öre) held as Python or numpy integers, so that books
balance exactly; proportional splits return integer parts that sum to the whole.
"""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Decimal

import numpy as np


@functools.lru_cache(maxsize=8192)
def _ore(sek: float) -> int:
    return int((Decimal(repr(sek)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def ore(sek: float) -> int:
    """SEK → whole öre, rounding half away from zero on the number as written (1.005 → 101).
    (Most amounts recur month after month — rents, wages, fees — so conversions are cached.)"""
    return _ore(float(sek))


def split_exact(total: int, weights: np.ndarray) -> np.ndarray:
    """Split ``total`` into integer parts proportional to ``weights`` that sum to ``total``
    (largest remainders; ties to the earlier weight)."""
    weights = np.asarray(weights, dtype=float)
    out = np.zeros(weights.size, dtype=np.int64)
    wsum = weights.sum()
    if total == 0 or wsum <= 0:
        return out
    raw = total * weights / wsum
    out[:] = np.floor(raw).astype(np.int64)
    rest = int(total - out.sum())
    if not 0 <= rest <= weights.size:  # pragma: no cover - amounts beyond float precision
        raise OverflowError(f"cannot split {total} exactly in floating point")
    if rest:
        order = np.argsort(-(raw - out), kind="stable")
        out[order[:rest]] += 1
    return out


def allocate_exact(rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """An integer matrix with exactly the given row and column sums (which must have the same
    total), each entry the proportional share ``rows[a]·cols[b]/total`` rounded down, with the
    remainders placed greedily (north-west corner) so both margins hold exactly."""
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    total = int(rows.sum())
    out = np.zeros((rows.size, cols.size), dtype=np.int64)
    if total == 0:
        return out
    # products in Python integers: no int64 overflow whatever the amounts
    out[:] = [[int(r) * int(c) // total for c in cols] for r in rows]
    r_left = rows - out.sum(axis=1)
    c_left = cols - out.sum(axis=0)
    a = b = 0
    while a < rows.size and b < cols.size:
        take = min(r_left[a], c_left[b])
        out[a, b] += take
        r_left[a] -= take
        c_left[b] -= take
        if r_left[a] == 0:
            a += 1
        if b < cols.size and c_left[b] == 0:
            b += 1
    return out
