"""Daily foot traffic to the centre, vectorised over residents.

For resident *i* in age-and-gender group *g*, daypart *d* and weekday type *w* (weekday/weekend):

    p_i = trips[band_i, d] · wk[d, w] · H_i · s_i^e_d · season(t) · (1 − F_t)^e_d

* ``trips`` — the daily chance of a local outing in that daypart;
* ``H_i = A_g·D_i^−β / (A_g·D_i^−β + A_out·D_out^−β)`` — the Huff share of the centre against an
  outside option, with ``A_g = V · E · Σ_u (a_u · h_u,d · appeal_u,g · q_u)^α`` over the units open
  for that daypart (``h`` = share of the daypart it is open, ``q`` = upkeep, ``V`` = vitality,
  ``E`` = lift from the enterprise's environment spend) and ``D_i`` the walking distance,
  plus a detour for crossing the tram line unless the crossing is improved;
* ``s_i`` the resident's baseline perceived safety and ``F_t`` the centre's current fear.

A visitor picks a unit in proportion to that unit's term in ``A_g``, and with the unit's
``link_share`` also visits a second, different unit (a linked trip). Outside visitors arrive as a
Poisson flow scaled by the accessibility index. Spend per visit is the unit's price times
``(income_i / area median)^elasticity``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .population import Population
from .scenario import FootfallSection

DAYPART_HOURS = (9.0, 5.0)  # day 08–17, evening 17–22
N_GROUPS = 12
TABLE_BINS = 1024  # inverse-CDF lookup bins per group
_BIN_STARTS = np.arange(TABLE_BINS) / TABLE_BINS


@dataclass(frozen=True)
class OpenUnit:
    """What the footfall model needs to know about one open unit."""

    index: int  # position in the model's unit list
    attraction: float
    appeal: np.ndarray  # 6 age bands
    female_factor: float
    hours: tuple[float, float]  # day, evening
    open_weekends: bool
    link_share: float
    quality: float  # upkeep multiplier on attraction


class Footfall:
    """Holds per-resident visit probabilities and draws each day's visits."""

    def __init__(
        self, pop: Population, spec: FootfallSection, area_income_median: float,
        seed: np.random.SeedSequence | int = 0,
    ):
        self.pop = pop
        self.spec = spec
        self.n = pop.n
        self.group = pop.group.astype(np.intp)
        self.band = pop.age_band.astype(np.intp)
        self.trips = np.stack([spec.trips_per_day_day.as_array(), spec.trips_per_day_evening.as_array()])
        self.weekend_factor = (spec.weekend_factor_day, spec.weekend_factor_evening)
        self.elasticity = (spec.safety_elasticity_day, spec.safety_elasticity_evening)
        rel = pop.income_rel / area_income_median if pop.n else pop.income_rel
        self.spend_factor = np.power(rel, spec.spend_income_elasticity).astype(np.float64)
        self.outside_spend_factor = float((1.0 / area_income_median) ** spec.spend_income_elasticity)
        # separate streams for who visits, which unit, linked trips and outside visitors
        ss = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
        self._rng_visits, self._rng_choice, self._rng_links, self._rng_outside = (
            np.random.default_rng(s) for s in ss.spawn(4))
        self.base_safety = np.ones(self.n)
        self.n_units = 0
        self.crossing_improved = spec.tram_crossing_improved
        self.accessibility = spec.accessibility_index
        self._p: dict[tuple[int, int], np.ndarray] = {}
        self._cum: dict[tuple[int, int], np.ndarray] = {}
        self._cum_flat: dict[tuple[int, int], np.ndarray] = {}
        self._table: dict[tuple[int, int], np.ndarray] = {}
        self._dterm: dict[bool, np.ndarray] = {}
        self._buf_u = self._buf_t = np.empty((0, self.n), dtype=np.float32)
        self._buf_h = np.empty((0, self.n), dtype=bool)
        self._signature: tuple = ()
        self._idx: dict[tuple[int, int], np.ndarray] = {}
        self._link: dict[tuple[int, int], np.ndarray] = {}
        self._out_cum: dict[tuple[int, int], np.ndarray] = {}
        self.reset_month(0)

    # ------------------------------------------------------------------ set-up
    def distance_term(self) -> np.ndarray:
        """D_i^−β with the tram-line detour when the crossing is not improved (cached)."""
        if self.crossing_improved not in self._dterm:
            self._dterm[self.crossing_improved] = self._distance_term()
        return self._dterm[self.crossing_improved]

    def _distance_term(self) -> np.ndarray:
        d = self.pop.walk_m.astype(np.float64)
        if not self.crossing_improved:
            d = d + self.pop.across_tram * self.spec.tram_crossing_extra_m
        return np.power(np.maximum(d, 1.0), -self.spec.huff_beta)

    def refresh(
        self, units: list[OpenUnit], n_units: int, vitality: float, environment_lift: float,
        base_safety: np.ndarray,
    ) -> None:
        """Recompute visit probabilities and unit shares for every daypart × weekday type
        (skipped when nothing they depend on has changed since the last refresh)."""
        sp = self.spec
        self.n_units = n_units
        self._grow(n_units)
        signature = (
            tuple((u.index, u.attraction, u.quality, u.hours, u.open_weekends, u.link_share,
                   u.female_factor, u.appeal.tobytes()) for u in units),
            vitality, environment_lift, self.crossing_improved, id(base_safety),
        )
        if signature == self._signature:
            return
        self._signature = signature
        self.base_safety = base_safety
        dterm = self.distance_term()
        outside = sp.outside_option_attraction * sp.outside_option_distance_m ** (-sp.huff_beta)
        female = np.arange(N_GROUPS) % 2 == 1
        band = np.arange(N_GROUPS) // 2
        for d in (0, 1):
            safety_term = np.power(base_safety, self.elasticity[d]) if self.n else base_safety
            for w in (0, 1):
                chosen = [u for u in units if u.hours[d] > 0 and (w == 0 or u.open_weekends)]
                key = (d, w)
                self._idx[key] = np.array([u.index for u in chosen], dtype=np.intp)
                self._link[key] = np.array([u.link_share for u in chosen])
                if not chosen:
                    self._p[key] = np.zeros(self.n, dtype=np.float32)
                    self._cum[key] = np.zeros((N_GROUPS, 0))
                    self._out_cum[key] = np.zeros(0)
                    continue
                base = np.array([u.attraction * u.quality * min(1.0, u.hours[d] / DAYPART_HOURS[d]) for u in chosen])
                appeal = np.stack([u.appeal for u in chosen], axis=1)  # [6, U]
                ff = np.array([u.female_factor for u in chosen])
                x = base[None, :] * appeal[band] * np.where(female[:, None], ff[None, :], 1.0)
                a = x ** sp.huff_alpha * (x > 0)  # no draw stays no draw, even with α = 0
                total = a.sum(axis=1)  # [12]
                cum = np.cumsum(a, axis=1) / np.where(total > 0, total, 1.0)[:, None]
                cum[:, -1] = 1.0  # exact top; a group no unit draws has p = 0 below
                self._cum[key] = cum
                self._cum_flat[key] = cum.ravel()
                # lookup table: per group, the unit at the start of each bin (the number of
                # cumulative shares at or below the bin's start: exact, no offsets)
                table = [np.searchsorted(row, _BIN_STARTS, side="right") for row in cum]
                self._table[key] = np.minimum(np.concatenate(table), cum.shape[1] - 1)
                a_g = vitality * environment_lift * total  # [12]
                if self.n:
                    num = a_g[self.group] * dterm
                    huff = num / (num + outside)
                    p = self.trips[d][self.band] * self.weekend_factor[d] ** w * huff * safety_term
                    self._p[key] = np.minimum(p, 1.0).astype(np.float32)
                else:
                    self._p[key] = np.zeros(0, dtype=np.float32)
                x = base * appeal[4]  # outsiders: adults 26–64
                out_a = np.where(x > 0, x, 0.0) ** sp.huff_alpha * (x > 0)
                if out_a.sum() > 0:
                    out_cum = np.cumsum(out_a) / out_a.sum()
                    out_cum[-1] = 1.0
                    self._out_cum[key] = out_cum
                else:  # nothing open draws outsiders at this time
                    self._out_cum[key] = np.zeros(0)

    def _grow(self, n_units: int) -> None:
        for name in ("visits", "spend"):
            arr = getattr(self, name)
            if arr.size < n_units:
                new = np.zeros(n_units, dtype=arr.dtype)
                new[: arr.size] = arr
                setattr(self, name, new)

    def reset_month(self, n_units: int | None = None) -> None:
        """Start new monthly accumulators (visits and spend per unit; visitors by group)."""
        n_units = self.n_units if n_units is None else n_units
        self.visits = np.zeros(n_units, dtype=np.int64)
        self.spend = np.zeros(n_units, dtype=np.float64)
        self.by_group = np.zeros((2, N_GROUPS), dtype=np.int64)
        self.seen = np.zeros(self.n, dtype=bool)

    # ------------------------------------------------------------------ daily
    def segment(
        self, weekend: np.ndarray, season: np.ndarray, fear: np.ndarray
    ) -> dict[str, np.ndarray]:
        """Draw the visits of a run of days over which the centre does not change.

        ``weekend``, ``season`` and ``fear`` have one entry per day (fear = the centre's fear at
        the start of that day). Each day, each resident visits in a daypart with probability
        ``p_i × season × (1 − fear)^e_d`` — drawn for all days of one daypart and weekday type
        at once. Per-unit visits and spend accumulate in the month counters. Returns per-day
        arrays: resident and outside visitors per daypart, and unit visits.
        """
        n_days = weekend.size
        out = {k: np.zeros(n_days, dtype=np.int64) for k in (
            "residents_day", "residents_evening", "outside_day", "outside_evening", "unit_visits")}
        for d, part in ((0, "day"), (1, "evening")):
            scale_all = season * (1.0 - fear) ** self.elasticity[d]
            for w in (0, 1):
                key = (d, w)
                idx = self._idx[key]
                days = np.flatnonzero(weekend == bool(w))
                if idx.size == 0 or days.size == 0:
                    continue
                scale = scale_all[days]
                if self.n:
                    hit = self._bernoulli(self._rng_visits, self._p[key], scale)
                    flat = np.flatnonzero(hit)
                    day_row = flat // self.n
                    who = flat - day_row * self.n
                else:
                    day_row = who = np.zeros(0, dtype=np.intp)
                if who.size:
                    g = self.group[who]
                    first = self._choose(self._rng_choice, key, g)
                    factor = self.spend_factor[who]
                    self._book(idx[first], factor)
                    visits_rows = [day_row]
                    linked = np.flatnonzero(self._rng_links.random(who.size) < self._link[key][first])
                    if linked.size and idx.size > 1:
                        rows, second = self._second_choice(self._rng_links, key, g[linked], first[linked])
                        rows = linked[rows]
                        self._book(idx[second], factor[rows])
                        visits_rows.append(day_row[rows])
                    self.by_group[d] += np.bincount(g, minlength=N_GROUPS)
                    self.seen[who] = True
                    out[f"residents_{part}"][days] = np.bincount(day_row, minlength=days.size)
                    out["unit_visits"][days] += np.bincount(np.concatenate(visits_rows), minlength=days.size)
                lam = self.spec.outside_visitors_per_day * self.accessibility * scale
                lam = lam * (DAYPART_HOURS[d] / sum(DAYPART_HOURS)) * self.weekend_factor[d] ** w
                k_out = self._rng_outside.poisson(lam)
                if self._out_cum[key].size == 0:
                    k_out[:] = 0
                total = int(k_out.sum())
                if total:
                    pick = np.searchsorted(self._out_cum[key], self._rng_outside.random(total), side="right")
                    self._book(idx[np.minimum(pick, idx.size - 1)], np.full(total, self.outside_spend_factor))
                    out[f"outside_{part}"][days] = k_out
                    out["unit_visits"][days] += k_out
        return out

    def _bernoulli(self, rng: np.random.Generator, p: np.ndarray, scale: np.ndarray) -> np.ndarray:
        """A [days, residents] boolean array: resident i visits on day t with probability
        p_i × scale_t. Uses reusable buffers (fresh large arrays cost page faults)."""
        rows = scale.size
        if self._buf_u.shape[0] < rows:
            self._buf_u = np.empty((rows, self.n), dtype=np.float32)
            self._buf_t = np.empty((rows, self.n), dtype=np.float32)
            self._buf_h = np.empty((rows, self.n), dtype=bool)
        u, t, h = self._buf_u[:rows], self._buf_t[:rows], self._buf_h[:rows]
        rng.random(out=u, dtype=np.float32)
        np.multiply(p[None, :], scale.astype(np.float32)[:, None], out=t)
        return np.less(u, t, out=h)

    def _choose(
        self, rng: np.random.Generator, key: tuple[int, int], g: np.ndarray,
        at: np.ndarray | None = None,
    ) -> np.ndarray:
        """Unit (position in the open list) per visitor, ∝ the visitor's group's shares.

        Inverse-CDF sampling: the first unit whose cumulative share exceeds the point ``at``
        (default: fresh uniforms in [0, 1)). A lookup table of ``TABLE_BINS`` bins per group
        gives the answer at each bin's start (never past the answer for points in the bin); a
        few vectorised steps move points past a boundary inside their bin forward. The result
        is the unit a binary search (``searchsorted(cum, at, side="right")``) finds.
        """
        n_u = self._cum[key].shape[1]
        at = rng.random(g.size) if at is None else at
        b = np.minimum((at * TABLE_BINS).astype(np.intp), TABLE_BINS - 1)
        c = self._table[key][g * TABLE_BINS + b]
        cum = self._cum_flat[key]
        base = g * n_u
        past = np.flatnonzero(cum[base + c] <= at)  # points beyond a boundary inside their bin
        for _ in range(n_u):
            if past.size == 0:
                break
            c[past] = np.minimum(c[past] + 1, n_u - 1)
            past = past[cum[base[past] + c[past]] <= at[past]]
        return c

    def _second_choice(
        self, rng: np.random.Generator, key: tuple[int, int], g: np.ndarray, first: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """A second, different unit for linked trips, ∝ shares with the first excluded.

        Draws u uniformly in the share mass outside the first unit's interval [lo, lo + s) and
        maps it back onto the cumulative shares by skipping that interval: exact, one search.
        A visitor whose group no other unit draws gets no second visit.
        Returns (rows into the inputs, second unit per row).
        """
        cum = self._cum[key]
        hi = cum[g, first]
        lo = np.where(first > 0, cum[g, np.maximum(first - 1, 0)], 0.0)
        s_first = hi - lo
        rows = np.flatnonzero(s_first < 1.0 - 1e-9)
        g, first, lo, s_first = g[rows], first[rows], lo[rows], s_first[rows]
        u = rng.random(rows.size) * (1.0 - s_first)
        pick = self._choose(rng, key, g, np.where(u < lo, u, u + s_first))
        clash = np.flatnonzero(pick == first)  # only by floating-point rounding at an edge
        for i in clash:  # rare: take the nearest other unit with a positive share
            shares = np.diff(cum[g[i]], prepend=0.0)
            shares[first[i]] = 0.0
            candidates = np.flatnonzero(shares > 0)
            pick[i] = candidates[np.argmin(np.abs(candidates - first[i]))]
        return rows, pick

    def _book(self, units: np.ndarray, factor: np.ndarray) -> None:
        n = self.visits.size
        self.visits += np.bincount(units, minlength=n)
        self.spend += np.bincount(units, weights=factor, minlength=n)
