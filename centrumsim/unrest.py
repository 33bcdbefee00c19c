"""Unrest: young residents' activation (after Epstein 2002) and a self-exciting event process.

Each young resident (13–25) has a hardship ``H`` (from household income and, for 20–25, being
out of work), a risk aversion ``R`` and the area's legitimacy ``L``. Grievance is
``G = H·(1 − L)·(0.5 + idle)``, where ``idle = 1/(1 + youth activity hours / halving hours)`` is
the idle time left by organised youth activities. With ``C`` effective guardians in the evening
centre and ``A`` active youths, the perceived arrest probability is ``P = 1 − exp(−k·C/(1 + A))``;
a youth is active when ``G − R·P > T``. A small core (``core_share``) has high hardship and low
risk aversion, and acts ``core_rate_multiplier`` times as often.

Events arrive as a Hawkes process in discrete days: the expected count on day t is
``μ + X_t``, where μ is the sum of active youths' base rates and ``X`` is the excitation left by
earlier events (each event adds ``η`` expected offspring spread with an exponential kernel of
``excitation_decay_days``). Each event has an actor (∝ rate), a type, a damage cost drawn from a
log-normal per type, and possibly a target unit (chosen by the model).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .population import Population
from .scenario import UnrestSection


@dataclass(frozen=True)
class Event:
    day: int
    type: int  # index into Unrest.type_names
    actor: int  # resident row
    damage_sek: float
    hits_unit: bool


class Unrest:
    """Youth state, the event intensity and the centre's fear level."""

    def __init__(self, pop: Population, spec: UnrestSection, rng: np.random.Generator):
        self.spec = spec
        self.youth = np.flatnonzero(pop.youth_mask())
        ny = self.youth.size
        income = pop.income_rel[self.youth].astype(np.float64)
        out_of_work = (pop.age_band[self.youth] == 3) & ~pop.employed[self.youth]
        self.hardship = np.clip(
            0.5 * rng.random(ny) + 0.5 * np.clip(1.0 - income, 0.0, 1.0) + 0.2 * out_of_work, 0.0, 1.0
        )
        self.risk_aversion = rng.random(ny)
        n_core = int(round(spec.core_share * ny))
        self.core = np.zeros(ny, dtype=bool)
        if n_core:
            self.core[rng.choice(ny, n_core, replace=False)] = True
        self.hardship[self.core] = np.maximum(self.hardship[self.core], 0.9 + 0.1 * rng.random(n_core))
        self.risk_aversion[self.core] *= 0.2
        self.rate_multiplier = np.where(self.core, spec.core_rate_multiplier, 1.0)
        types = spec.types
        self.type_names = tuple(types)
        w = np.array([t.weight for t in types.values()], dtype=float)
        self.type_cum = np.cumsum(w) / w.sum() if w.sum() > 0 else np.ones(len(w))
        self.damage_log_median = np.log(np.maximum([t.damage_median_sek for t in types.values()], 1e-9))
        self.damage_zero = np.array([t.damage_median_sek <= 0 for t in types.values()])
        self.damage_sigma = np.array([t.damage_sigma_log for t in types.values()])
        self.unit_share = np.array([t.unit_target_share for t in types.values()])
        self.fear_weight = np.array([t.fear_weight for t in types.values()])
        self.trust_weight = np.array([t.trust_weight for t in types.values()])
        self.decay = float(np.exp(-1.0 / spec.excitation_decay_days))
        self.excitation = 0.0
        self.base_rate = 0.0
        self.actor_cum = np.zeros(0)
        self.active = np.zeros(ny, dtype=bool)
        self.fear = 0.0
        self.fear_decay = float(0.5 ** (1.0 / spec.fear_halflife_days))
        self.arrest_probability = 0.0

    @property
    def n_active(self) -> int:
        return int(self.active.sum())

    def refresh(
        self, guardians: float, legitimacy: float, idle: float, present: np.ndarray | None = None
    ) -> None:
        """Recompute who is active (Epstein's rule) and the baseline event rate. Only youths
        living in the area (``present``, a mask over all residents) can be active."""
        sp = self.spec
        if self.youth.size == 0:
            self.base_rate = 0.0
            return
        here = np.ones(self.youth.size, dtype=bool) if present is None else present[self.youth]
        grievance = self.hardship * (1.0 - legitimacy) * (0.5 + idle) * here
        n_active = self.n_active
        for _ in range(3):  # the arrest probability depends on how many are active
            p = 1.0 - np.exp(-sp.arrest_k * guardians / (1.0 + n_active))
            active = grievance - self.risk_aversion * p > sp.activation_threshold
            n_active = int(active.sum())
        self.active = active
        self.arrest_probability = float(p)
        rates = np.where(active, sp.events_per_active_day * self.rate_multiplier, 0.0)
        self.base_rate = float(rates.sum())
        self.actor_cum = np.cumsum(rates)

    def day(self, rng: np.random.Generator, day: int) -> list[Event]:
        """Draw the day's events and update excitation and fear."""
        lam = self.base_rate + self.excitation
        n = int(rng.poisson(lam)) if lam > 0 else 0
        self.excitation = self.decay * self.excitation + self.spec.excitation_share * (1 - self.decay) * n
        self.fear *= self.fear_decay
        if n == 0:
            return []
        events = []
        for _ in range(n):
            if self.actor_cum.size and self.actor_cum[-1] > 0:
                a = int(np.searchsorted(self.actor_cum, rng.random() * self.actor_cum[-1], side="right"))
                actor = int(self.youth[min(a, self.youth.size - 1)])
            else:  # excitation outlived the actives: any youth
                actor = int(self.youth[rng.integers(self.youth.size)])
            t = int(np.searchsorted(self.type_cum, rng.random(), side="right"))
            t = min(t, len(self.type_cum) - 1)
            damage = 0.0 if self.damage_zero[t] else float(
                np.exp(self.damage_log_median[t] + self.damage_sigma[t] * rng.standard_normal())
            )
            events.append(Event(day, t, actor, damage, bool(rng.random() < self.unit_share[t])))
            self.fear = min(0.95, self.fear + self.spec.fear_per_event * self.fear_weight[t])
        return events
