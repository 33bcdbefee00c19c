"""Monthly books in integer öre.

Every amount is an ``int`` number of öre (1 SEK = 100 öre), so books balance exactly: each unit's
monthly result is the sum of its revenue lines minus the sum of its cost lines, and the
enterprise's cash moves by exactly the sum of its units' results.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np

REVENUE_LINES: tuple[str, ...] = (
    "sales",
    "fees",
    "service_contracts",
    "grants",
    "sponsorship",
    "wage_subsidies",
    "trainee_payments",
)
COST_LINES: tuple[str, ...] = (
    "rent",
    "staff",
    "goods",
    "upkeep",
    "other",
    "repairs",
    "insurance",
    "overhead",
    "environment",
)
LINES: tuple[str, ...] = REVENUE_LINES + COST_LINES
N_REVENUE = len(REVENUE_LINES)
LINE_INDEX = {name: i for i, name in enumerate(LINES)}
SIGN = np.array([1] * len(REVENUE_LINES) + [-1] * len(COST_LINES), dtype=np.int64)


def ore(sek: float) -> int:
    """SEK → whole öre, rounding half away from zero on the number as written (1.005 → 101)."""
    return int((Decimal(repr(float(sek))) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def result(lines: np.ndarray) -> np.ndarray:
    """Result in öre of one or many rows of book lines (last axis = LINES)."""
    return (np.asarray(lines, dtype=np.int64) * SIGN).sum(axis=-1)


def split_exact(total: int, weights: np.ndarray) -> np.ndarray:
    """Split ``total`` öre into integer parts proportional to ``weights`` that sum to ``total``."""
    weights = np.asarray(weights, dtype=float)
    out = np.zeros(weights.size, dtype=np.int64)
    wsum = weights.sum()
    if total == 0 or wsum <= 0:
        return out
    raw = total * weights / wsum
    out[:] = np.floor(raw).astype(np.int64)
    rest = int(total - out.sum())
    if not 0 <= rest <= weights.size:  # pragma: no cover - amounts beyond float precision
        raise OverflowError(f"cannot split {total} öre exactly in floating point")
    if rest:
        order = np.argsort(-(raw - out), kind="stable")
        out[order[:rest]] += 1
    return out


def allocate_exact(rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """An integer matrix with exactly the given row and column sums (which must have the same
    total), each entry the proportional share ``rows[a]·cols[b]/total`` rounded down, with the
    remainders placed greedily (north-west corner) so both margins hold to the öre."""
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


class Ledger:
    """Books of every unit for every month of one run: ``amounts[month, unit, line]`` in öre."""

    def __init__(self, n_months: int):
        self.n_months = n_months
        self.unit_names: list[str] = []
        self._rows: list[np.ndarray] = []  # per unit: int64 [n_months, n_lines]

    def add_unit(self, name: str) -> int:
        """Register a unit (units may join mid-run); returns its column."""
        self.unit_names.append(name)
        self._rows.append(np.zeros((self.n_months, len(LINES)), dtype=np.int64))
        return len(self.unit_names) - 1

    def post(self, month: int, unit: int, lines: np.ndarray) -> int:
        """Record a unit's month; returns its result in öre."""
        self._rows[unit][month] = lines
        return int(result(lines))

    def amounts(self) -> np.ndarray:
        """All books as int64 ``[month, unit, line]``."""
        if not self._rows:
            return np.zeros((self.n_months, 0, len(LINES)), dtype=np.int64)
        return np.stack(self._rows, axis=1)
