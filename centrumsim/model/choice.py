"""Choosing among units: per-group choice shares with fast, exact inverse-CDF sampling."""

from __future__ import annotations

import numpy as np

TABLE_BINS = 1024  # inverse-CDF lookup bins per group
_BIN_STARTS = np.arange(TABLE_BINS) / TABLE_BINS


class Shares:
    """Per-group choice shares over a set of units, with fast exact inverse-CDF sampling."""

    def __init__(self, weights: np.ndarray):
        """``weights``: [groups, units], non-negative. A group with no weight at all keeps a
        degenerate row (callers give such groups no visitors)."""
        total = weights.sum(axis=1)
        self.has_weight = total > 0
        cum = np.cumsum(weights, axis=1) / np.where(total > 0, total, 1.0)[:, None]
        cum[:, -1] = 1.0
        self.cum = cum
        self.n_units = cum.shape[1]
        self._flat = cum.ravel()
        # per group, the unit at each bin's start: the number of cumulative shares at or below it
        table = np.stack([np.searchsorted(row, _BIN_STARTS, side="right") for row in cum]) if cum.size else \
            np.zeros((cum.shape[0], TABLE_BINS), dtype=np.intp)
        self._table = np.minimum(table.ravel(), self.n_units - 1)

    def locate(self, g: np.ndarray, at: np.ndarray) -> np.ndarray:
        """The first unit whose cumulative share exceeds ``at`` (in [0, 1)), per visitor — the
        unit ``searchsorted(cum[g], at, side="right")`` finds. The table gives the answer at the
        bin's start; a few vectorised steps move points past a boundary inside their bin."""
        b = np.minimum((at * TABLE_BINS).astype(np.intp), TABLE_BINS - 1)
        c = self._table[g * TABLE_BINS + b]
        base = g * self.n_units
        past = np.flatnonzero(self._flat[base + c] <= at)
        for _ in range(self.n_units):
            if past.size == 0:
                break
            c[past] = np.minimum(c[past] + 1, self.n_units - 1)
            past = past[self._flat[base[past] + c[past]] <= at[past]]
        return c

    def share(self, g: np.ndarray, unit: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(start, width) of ``unit``'s interval in group ``g``'s cumulative shares."""
        hi = self.cum[g, unit]
        lo = np.where(unit > 0, self.cum[g, np.maximum(unit - 1, 0)], 0.0)
        return lo, hi - lo

    def second(self, g: np.ndarray, first: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        """A second unit, different from ``first``, ∝ these shares with the first excluded: u is
        drawn uniformly in the share mass outside the first unit's interval [lo, lo + s) and
        mapped back by skipping that interval — exact, one search. A visitor for whom no other
        unit has a share gets no second visit. Returns (rows into the inputs, second unit per row)."""
        lo, s_first = self.share(g, first)
        rows = np.flatnonzero((s_first < 1.0 - 1e-9) & self.has_weight[g])
        g, first, lo, s_first = g[rows], first[rows], lo[rows], s_first[rows]
        u = rng.random(rows.size) * (1.0 - s_first)
        pick = self.locate(g, np.where(u < lo, u, u + s_first))
        for i in np.flatnonzero(pick == first):  # only by rounding at an edge: nearest other unit
            w = np.diff(self.cum[g[i]], prepend=0.0)
            w[first[i]] = 0.0
            candidates = np.flatnonzero(w > 0)
            pick[i] = candidates[np.argmin(np.abs(candidates - first[i]))]
        return rows, pick


def nest_by_kind(a: np.ndarray, kinds: list[str], dissimilarity: float) -> np.ndarray:
    """Units of one kind as a nest (nested logit in Huff form): a kind's units together draw
    ``(Σ a_j^(1/λ))^λ`` and share it ∝ ``a_j^(1/λ)``, λ = ``dissimilarity``. λ = 1: every unit
    draws on its own (plain Huff); λ → 0: a second unit of a kind adds nothing to the draw of
    the first and only splits its customers. ``a``: [groups, units], returned re-weighted."""
    if dissimilarity >= 1.0 or len(set(kinds)) == len(kinds):
        return a
    out = a.copy()
    for kind in set(kinds):
        cols = [j for j, k in enumerate(kinds) if k == kind]
        if len(cols) < 2:
            continue
        p = a[:, cols] ** (1.0 / dissimilarity)
        s = p.sum(axis=1, keepdims=True)
        scale = np.where(s > 0, np.where(s > 0, s, 1.0) ** (dissimilarity - 1.0), 0.0)
        out[:, cols] = p * scale
    return out
