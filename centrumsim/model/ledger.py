"""Monthly books in integer öre (see :mod:`centrumsim.exact`).

Every amount is an ``int`` number of öre (1 SEK = 100 öre), so books balance exactly: each unit's
monthly result is the sum of its revenue lines minus the sum of its cost lines, and the
enterprise's cash moves by exactly the sum of its units' results.
"""

from __future__ import annotations

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
    "interest",
)
LINES: tuple[str, ...] = REVENUE_LINES + COST_LINES
N_REVENUE = len(REVENUE_LINES)
LINE_INDEX = {name: i for i, name in enumerate(LINES)}
SIGN = np.array([1] * len(REVENUE_LINES) + [-1] * len(COST_LINES), dtype=np.int64)


def result(lines: np.ndarray) -> np.ndarray:
    """Result in öre of one or many rows of book lines (last axis = LINES)."""
    return (np.asarray(lines, dtype=np.int64) * SIGN).sum(axis=-1)


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
