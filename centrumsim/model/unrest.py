"""Unrest: young residents' activation (after Epstein 2002) and a self-exciting event process.

Each young resident (13–25, living here now: cohorts enter at 13 and leave at 26, see
:mod:`.demography`) has a hardship ``H`` (from household income and, for 20–25, being
out of work), a risk aversion ``R`` and the area's legitimacy ``L``. Grievance is
``G = H·(1 − L)·(0.5 + idle)``, where ``idle = 1/(1 + youth activity hours / halving hours)`` is
the idle time left by organised youth activities; a youth holding a work-integration post has
``G × (1 − post_relief_share)``. For each daypart *d* (day, evening) with ``C_d`` effective
guardians and ``A_d`` active youths, the perceived arrest probability is
``P_d = 1 − exp(−k·C_d/(1 + A_d))``; a youth is active in *d* when ``G − R·P_d > T``. A small core
(``core_share``) has high hardship and low risk aversion and acts ``core_rate_multiplier`` times as
often. The baseline rate is ``μ = Σ_d share_d · Σ_{active in d} events_per_active_day × multiplier``
with ``share_d`` the daypart's share of youths' free time.

Events arrive as a Hawkes process in discrete days: the expected count on day t is
``μ · (1 + b·W_t/(W_t + h)) + X_t``, where ``W_t`` is the number of damages not yet repaired
(broken windows: at most a rise of ``b``, half of it at ``h`` damages) and ``X`` the excitation left by earlier events (each event adds ``η``
expected offspring spread with an exponential kernel of ``excitation_decay_days``). Each event
has a daypart, an actor (∝ rate in that daypart), a type, a damage cost drawn from a log-normal per
type, and possibly a target unit (chosen by the model). During a crackdown a share of events is
displaced out of the area: counted, but without damage, fear or excitation here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..scenario import UnrestSection
from ..scenario.vocabulary import FIRST_ADULT_BAND
from .population import Population

DAMAGE_CEILING_SEK = 1e9
"""No single event costs more (keeps damage in int64 öre whatever the tail of the log-normal)."""


@dataclass(frozen=True)
class Event:
    day: int
    type: int  # index into Unrest.type_names
    actor: int  # the resident's person id (Population.person)
    damage_sek: float
    hits_unit: bool
    daypart: int = 1  # 0 = day, 1 = evening
    displaced: bool = False  # happened outside the area (crackdown displacement)


class Unrest:
    """Youth state, the event intensity and the centre's fear level."""

    def __init__(self, pop: Population, spec: UnrestSection):
        self.spec = spec
        self._income_factor = 1.0
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
        self.daypart_share = (1.0 - spec.evening_share_of_activity, spec.evening_share_of_activity)
        self.decay = float(np.exp(-1.0 / spec.excitation_decay_days))
        self.excitation = 0.0
        self.base_rate = 0.0
        self.rate_by_daypart = np.zeros(2)
        self.actor_cum = [np.zeros(0), np.zeros(0)]
        self.fear = 0.0
        self.fear_decay = float(0.5 ** (1.0 / spec.fear_halflife_days))
        self._people_version = None
        self.set_people(pop)

    def set_people(self, pop: Population) -> None:
        """The youths living here now (13–25), with their own dispositions: the uniforms drawn
        with each resident (hardship noise, risk aversion, the core lottery), so a cohort's core
        is its own ~``core_share`` and nobody's depends on how many others there are. A no-op
        when the population has not changed."""
        if pop.version == self._people_version:
            return
        self._people_version = pop.version
        spec = self.spec
        self.youth = np.flatnonzero(pop.youth_mask())
        self.person = pop.person[self.youth]  # who each youth is (events name their actor by it)
        ny = self.youth.size
        self._income = pop.income_rel[self.youth].astype(np.float64)
        self.out_of_work = (pop.age_band[self.youth] == FIRST_ADULT_BAND) & ~pop.employed[self.youth]
        self._traits = pop.traits[self.youth].astype(np.float64)
        self.risk_aversion = self._traits[:, 1].copy()
        self.core = self._traits[:, 2] < spec.core_share  # about core_share of each cohort
        self.risk_aversion[self.core] *= 0.2
        self.rate_multiplier = np.where(self.core, spec.core_rate_multiplier, 1.0)
        self.in_post = np.zeros(ny, dtype=bool)
        self.active = np.zeros(ny, dtype=bool)
        self.actor_cum = [np.zeros(0), np.zeros(0)]
        factor, self._income_factor = self._income_factor, None
        self.set_income_factor(factor)

    def set_income_factor(self, factor: float) -> None:
        """The area's incomes as a multiple of those at the start: hardship follows income, and
        who would take a work-integration post first (out-of-work 20–25s, hardest hit first)."""
        if factor == self._income_factor:
            return
        self._income_factor = factor
        traits, income = self._traits, self._income * factor
        self.hardship = np.clip(
            0.5 * traits[:, 0] + 0.5 * np.clip(1.0 - income, 0.0, 1.0) + 0.2 * self.out_of_work, 0.0, 1.0
        )
        self.hardship[self.core] = np.maximum(self.hardship[self.core], 0.9 + 0.1 * traits[self.core, 0])
        self._post_order = np.flatnonzero(self.out_of_work)[np.argsort(-self.hardship[self.out_of_work], kind="stable")]

    @property
    def n_active(self) -> int:
        """Youths active in at least one daypart."""
        return int(self.active.sum())

    def refresh(self, guardians: tuple[float, float], legitimacy: float, idle: float, posts: int = 0) -> None:
        """Recompute who is active in each daypart (Epstein's rule) and the baseline rates.
        ``guardians`` = (day, evening); ``posts`` work-integration posts held by local youths."""
        sp = self.spec
        if self.youth.size == 0:
            self.base_rate = 0.0
            self.rate_by_daypart[:] = 0.0
            return
        self.in_post[:] = False
        self.in_post[self._post_order[:posts]] = True
        relief = np.where(self.in_post, 1.0 - sp.post_relief_share, 1.0)
        grievance = self.hardship * (1.0 - legitimacy) * (0.5 + idle) * relief
        any_active = np.zeros(self.youth.size, dtype=bool)
        for d in (0, 1):
            # the arrest probability depends on how many are active: iterate to the fixed point,
            # from nobody active (so the answer depends on this month's inputs only)
            n_active, seen = 0, set()
            while True:
                p = 1.0 - np.exp(-sp.arrest_k * guardians[d] / (1.0 + n_active))
                active = grievance - self.risk_aversion * p > sp.activation_threshold
                new = int(active.sum())
                if new == n_active or new in seen:
                    break
                seen.add(n_active)
                n_active = new
            rates = np.where(active, sp.events_per_active_day * self.rate_multiplier, 0.0) * self.daypart_share[d]
            self.rate_by_daypart[d] = rates.sum()
            self.actor_cum[d] = np.cumsum(rates)
            any_active |= active
        self.active = any_active
        self.base_rate = float(self.rate_by_daypart.sum())

    def backlash(self, expected_events: float) -> None:
        """A sudden provocation (e.g. a crackdown): extra excitation worth ``expected_events``."""
        self.excitation += expected_events * (1 - self.decay)

    def day(
        self, rng: np.random.Generator, day: int, unrepaired: int = 0, displacement: float = 0.0
    ) -> list[Event]:
        """Draw the day's events; update excitation and fear. ``unrepaired``: visible damages
        not yet repaired (broken windows); ``displacement``: share of events pushed out of the
        area (they neither excite nor scare the area)."""
        sp = self.spec
        lift = sp.broken_windows_max_lift_share * unrepaired / (unrepaired + sp.broken_windows_half_count)
        lam = self.base_rate * (1.0 + lift) + self.excitation
        n = int(rng.poisson(lam)) if lam > 0 and self.youth.size else 0
        events = []
        for _ in range(n):
            d = 1 if self.base_rate <= 0 else int(rng.random() * self.base_rate >= self.rate_by_daypart[0])
            cum = self.actor_cum[d]
            if cum.size and cum[-1] > 0:
                a = min(int(np.searchsorted(cum, rng.random() * cum[-1], side="right")), self.youth.size - 1)
            else:  # excitation outlived the actives: any youth living here
                a = int(rng.integers(self.youth.size))
            actor = int(self.person[a])
            t = min(int(np.searchsorted(self.type_cum, rng.random(), side="right")), len(self.type_cum) - 1)
            displaced = bool(rng.random() < displacement)
            damage = 0.0 if self.damage_zero[t] or displaced else min(DAMAGE_CEILING_SEK, float(
                np.exp(self.damage_log_median[t] + self.damage_sigma[t] * rng.standard_normal())))
            hits = bool(rng.random() < self.unit_share[t]) and not displaced
            events.append(Event(day, t, actor, damage, hits, d, displaced))
        in_area = sum(not e.displaced for e in events)
        self.excitation = self.decay * self.excitation + sp.excitation_share * (1 - self.decay) * in_area
        self.fear *= self.fear_decay
        for e in events:
            if not e.displaced:
                # saturating: each event closes a share of the remaining gap to full fear
                self.fear += min(1.0, sp.fear_per_event * self.fear_weight[e.type]) * (1.0 - self.fear)
        return events


def idle_share(youth_activity_hours_per_week: float, spec: UnrestSection) -> float:
    """Share of idle time left to youths by organised youth activities (0..1)."""
    return 1.0 / (1.0 + youth_activity_hours_per_week / spec.idle_halving_hours_per_week)


def youth_posts(work_integration_posts: int, spec: UnrestSection) -> int:
    """Work-integration posts held by local youths."""
    return int(round(work_integration_posts * spec.youth_post_share))
