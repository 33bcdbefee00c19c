"""Unrest: young residents' activation (after Epstein 2002) and a self-exciting event process.

Each young resident (13–25, living here now: cohorts enter at 13 and leave at 26, see
:mod:`.demography`) has three dispositions of their own, drawn once from uniforms: a hardship
``H = clip(0.5·u₀ + 0.5·(1 − income) + 0.2·[20–25 and out of work], 0, 1)``, a risk aversion
``R = u₁`` (uniform on 0–1, as Epstein's) and a take-up of the organised youth activities
``a = 1 + spread·(2u₂ − 1)`` (uniform on 1 ± ``activity_take_up_spread``). A youth's idle time is
``idle = 1/(1 + a · youth activity hours / halving hours)``, times ``school_day_idle_share`` for
13–19-year-olds on a school day (:mod:`.seasons`); grievance is ``G = H·(1 − L)·(0.5 + idle)``
with the area's legitimacy ``L``, and a youth holding a work-integration post has
``G × (1 − post_relief_share)``. For each daypart *d* (day, evening) with ``C_d`` effective
guardians as the youths perceive them and ``A_d`` active youths, the perceived arrest
probability is ``P_d = 1 − exp(−k·C_d/(s + A_d))`` (``s`` the area's size against the reference,
below: the "1" counts the would-be actor per reference area); a youth is active in *d* when
``G − R·P_d > T``. Nobody is singled out: the few who are active are those whose hardship,
low risk aversion and idle time together clear the threshold, so who causes the events follows
from the spread of the three dispositions (pattern 3). A youth's drive is the margin over the
threshold in units of it, ``max(G − R·P_d − T, 0) / T``, and the baseline rate is
``μ = Σ_d share_d · events_per_active_day · Σ_i drive_i,d`` with ``share_d`` the daypart's share
of youths' free time, for school days and free days apart (× the share of youths not away).

Youths learn the arrest risk from what they see: the perceived guardians follow the actual ones
with a time constant of ``risk_learning_days`` (0: at once), so a sudden change — a crackdown's
police, who also cost the area legitimacy for a while — is felt in grievance at once and in
deterrence only later (the backlash of pattern 4).

Events arrive as a Hawkes process in discrete days: the expected count on day t is
``μ · (1 + b·W_t/(W_t + h)) + X_t``, where ``W_t`` is the number of damages not yet repaired
(broken windows: at most a rise of ``b``, half of it at ``h`` damages) and ``X`` the excitation
left by earlier events (each event adds ``η`` expected offspring spread with an exponential
kernel of ``excitation_decay_days``). An event is an offspring with probability ``X/λ`` and then
by the youth whose earlier event excited it (repeat offending: Bernasco 2008, "Them again?"),
else by an active youth ∝ their rate. Each event has a daypart, an actor (∝ rate in that
daypart), a type, a damage cost drawn from a log-normal per type, and possibly a target unit
(chosen by the model). During a crackdown a share of events is displaced out of the area:
counted, but without damage, fear or excitation here.

Per capita: the area-wide counts are stated for ``reference_residents`` (0: the residents at the
start), and ``s = the area's residents at the start / reference_residents``
(:attr:`Unrest.per_capita`, fixed for the run: the counts are the staffing of institutions for
an area of that size, not re-staffed as the population drifts) scales them: the
broken-windows half count is ``h·s`` (the same share of visible damage gives the same lift in a
bigger area), and an event closes ``min(1, fear_per_event · fear_weight / s)`` of the
gap to full fear (an event is seen by a share of the residents: in an area 25 times the size,
the same event frightens a 25th as large a share). Youths' own rates and the excitation an event
leaves are per youth and need no scaling.
"""

from __future__ import annotations

import math
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
        self._excited: dict[int, float] = {}  # person → the excitation their events left (sums to excitation)
        self.rate_by_daypart = np.zeros((2, 2))  # [school day, free day] × [day, evening]
        self.actor_cum = [[np.zeros(0), np.zeros(0)], [np.zeros(0), np.zeros(0)]]
        self._inputs: tuple[float, float, int] | None = None  # (legitimacy, activity hours, posts), last refresh
        self.guardians = np.zeros(2)  # the actual effective guardians (day, evening)
        self.perceived: np.ndarray | None = None  # the guardians as youths perceive them
        self._perceived_used = np.zeros(2)  # what the current activation was computed with
        self.learning = 1.0 - float(np.exp(-1.0 / spec.risk_learning_days)) if spec.risk_learning_days > 0 else 1.0
        self.fear = 0.0
        self.fear_decay = float(0.5 ** (1.0 / spec.fear_halflife_days))
        start = max(int(pop.here.sum()), 1)
        self.per_capita = start / (spec.reference_residents or start)  # s, read by the levers too
        self._people_version: int | None = None
        self.set_people(pop)

    def set_people(self, pop: Population) -> None:
        """The youths living here now (13–25), with their own dispositions: the uniforms drawn
        with each resident (hardship noise, risk aversion, take-up of activities), so nobody's
        depends on how many others there are. A no-op when the population has not changed."""
        if pop.version == self._people_version:
            return
        self._people_version = pop.version
        spec = self.spec
        self.youth = np.flatnonzero(pop.youth_mask())
        self.person = pop.person[self.youth]  # who each youth is (events name their actor by it)
        here = set(self.person.tolist())  # a youth who has moved out or turned 26 repeats nothing here
        self._excited = {a: x for a, x in self._excited.items() if a in here}
        self.excitation = math.fsum(self._excited.values())
        ny = self.youth.size
        self._income = pop.income_rel[self.youth].astype(np.float64)
        self.out_of_work = (pop.age_band[self.youth] == FIRST_ADULT_BAND) & ~pop.employed[self.youth]
        self._traits = pop.traits[self.youth].astype(np.float64)
        self.risk_aversion = self._traits[:, 1].copy()
        self.take_up = 1.0 + spec.activity_take_up_spread * (2.0 * self._traits[:, 2] - 1.0)
        self.in_school = pop.age_band[self.youth] < FIRST_ADULT_BAND  # 13–19
        self.in_post = np.zeros(ny, dtype=bool)
        self.active = np.zeros(ny, dtype=bool)
        self.actor_cum = [[np.zeros(0), np.zeros(0)], [np.zeros(0), np.zeros(0)]]
        self._use_income_factor(self._income_factor)  # for the new youths

    def set_income_factor(self, factor: float) -> None:
        """The area's incomes as a multiple of those at the start: hardship follows income, and
        who would take a work-integration post first (out-of-work 20–25s, hardest hit first)."""
        if factor != self._income_factor:
            self._use_income_factor(factor)

    def _use_income_factor(self, factor: float) -> None:
        self._income_factor = factor
        traits, income = self._traits, self._income * factor
        self.hardship = np.clip(
            0.5 * traits[:, 0] + 0.5 * np.clip(1.0 - income, 0.0, 1.0) + 0.2 * self.out_of_work, 0.0, 1.0
        )
        self._post_order = np.flatnonzero(self.out_of_work)[np.argsort(-self.hardship[self.out_of_work], kind="stable")]

    @property
    def n_active(self) -> int:
        """Youths active in at least one daypart."""
        return int(self.active.sum())

    def refresh(self, guardians: tuple[float, float], legitimacy: float, activity_hours: float,
                posts: int = 0) -> None:
        """New inputs for the month (or since an intervention): the actual effective guardians
        (day, evening), the legitimacy, the organised youth activity hours a week, and the
        work-integration posts held by local youths. Recomputes who is active."""
        self.guardians = np.asarray(guardians, dtype=float)
        if self.perceived is None or self.learning >= 1.0:
            self.perceived = self.guardians.copy()
        self._inputs = (legitimacy, activity_hours, posts)
        self._activate()

    def _activate(self) -> None:
        """Who is active in each daypart on school days and on free days (Epstein's rule with
        the perceived guardians), and the baseline rates."""
        sp = self.spec
        assert self.perceived is not None and self._inputs is not None, "refresh() comes first"
        self._perceived_used = self.perceived.copy()
        if self.youth.size == 0:
            self.rate_by_daypart[:] = 0.0
            return
        legitimacy, hours, posts = self._inputs
        self.in_post[:] = False
        self.in_post[self._post_order[:posts]] = True
        relief = np.where(self.in_post, 1.0 - sp.post_relief_share, 1.0)
        # the hours are the area's, for its youths: per capita (s copies of a youth house serve s times the youths)
        idle = 1.0 / (1.0 + self.take_up * (hours / self.per_capita) / sp.idle_halving_hours_per_week)
        any_active = np.zeros(self.youth.size, dtype=bool)
        for regime, school in enumerate((True, False)):
            idle_now = np.where(self.in_school, idle * sp.school_day_idle_share, idle) if school else idle
            grievance = self.hardship * (1.0 - legitimacy) * (0.5 + idle_now) * relief
            for d in (0, 1):
                drive = self._fixed_point(grievance, float(self.perceived[d]))
                active = drive > 0
                rates = drive * (sp.events_per_active_day * self.daypart_share[d])
                self.rate_by_daypart[regime, d] = rates.sum()
                self.actor_cum[regime][d] = np.cumsum(rates)
                any_active |= active
        self.active = any_active

    def _fixed_point(self, grievance: np.ndarray, guardians: float) -> np.ndarray:
        """Active youths: the arrest probability depends on how many are active, so iterate
        to the fixed point from nobody active (the answer depends on this month's inputs only)."""
        sp = self.spec
        n_active, seen = 0, set()
        while True:
            p = 1.0 - np.exp(-sp.arrest_k * guardians / (self.per_capita + n_active))
            margin = grievance - self.risk_aversion * p - sp.activation_threshold
            new = int((margin > 0).sum())
            if new == n_active or new in seen:
                return np.maximum(margin, 0.0) / sp.activation_threshold
            seen.add(n_active)
            n_active = new

    def know_the_risk(self) -> None:
        """Perceive the guardians as they are (the start of a run: what happened before it is
        known), and recompute who is active."""
        if self._inputs is not None:
            self.perceived = self.guardians.copy()
            self._activate()

    def learn_risk(self) -> None:
        """A day of learning: the perceived guardians move towards the actual ones; who is
        active is recomputed once they have moved by more than 2 % since it last was."""
        if self.perceived is None or self.learning >= 1.0:
            return
        self.perceived += self.learning * (self.guardians - self.perceived)
        moved = np.abs(self.perceived - self._perceived_used) > 0.02 * np.maximum(self._perceived_used, 1.0)
        if moved.any() and self._inputs is not None:
            self._activate()

    def _offspring_actor(self, rng: np.random.Generator) -> int:
        """Whose earlier event this one is the offspring of, ∝ the excitation each left."""
        people = list(self._excited)
        weights = np.fromiter(self._excited.values(), dtype=float, count=len(people))
        i = int(np.searchsorted(np.cumsum(weights), rng.random() * weights.sum(), side="right"))
        return people[min(i, len(people) - 1)]

    def _excite(self, events: list[Event]) -> None:
        """A day of the excitation kernel: what earlier events left decays, and each event in the
        area adds ``excitation_share`` expected offspring, booked to its actor."""
        add = self.spec.excitation_share * (1 - self.decay)
        excited = {a: x * self.decay for a, x in self._excited.items() if x * self.decay > 1e-6}
        for e in events:
            if not e.displaced:
                excited[e.actor] = excited.get(e.actor, 0.0) + add
        self._excited = excited
        self.excitation = math.fsum(excited.values())

    def day(
        self, rng: np.random.Generator, day: int, unrepaired: int = 0, displacement: float = 0.0,
        school_day: bool = True, present: float = 1.0,
    ) -> list[Event]:
        """Draw the day's events; update excitation and fear. ``unrepaired``: visible damages
        not yet repaired (broken windows; their half-lift count scales per capita);
        ``displacement``: share of events pushed out of the area (they neither excite nor scare it);
        ``school_day``: which activation holds; ``present``: the share of youths not away (the
        baseline rate scales with it)."""
        sp = self.spec
        self.learn_risk()
        regime = 0 if school_day else 1
        by_part = self.rate_by_daypart[regime]
        base = float(by_part.sum()) * present
        half = sp.broken_windows_half_count * self.per_capita
        lift = sp.broken_windows_max_lift_share * unrepaired / (unrepaired + half)
        lam = base * (1.0 + lift) + self.excitation
        n = int(rng.poisson(lam)) if lam > 0 and self.youth.size else 0
        events = []
        for _ in range(n):
            d = 1 if base <= 0 else int(rng.random() * by_part.sum() >= by_part[0])
            cum = self.actor_cum[regime][d]
            if rng.random() * lam < self.excitation and self._excited:
                actor = self._offspring_actor(rng)  # the same youth again (a repeat)
            elif cum.size and cum[-1] > 0:
                a = min(int(np.searchsorted(cum, rng.random() * cum[-1], side="right")), self.youth.size - 1)
                actor = int(self.person[a])
            else:  # excitation outlived the actives: any youth living here
                actor = int(self.person[int(rng.integers(self.youth.size))])
            t = min(int(np.searchsorted(self.type_cum, rng.random(), side="right")), len(self.type_cum) - 1)
            displaced = bool(rng.random() < displacement)
            damage = 0.0 if self.damage_zero[t] or displaced else min(DAMAGE_CEILING_SEK, float(
                np.exp(self.damage_log_median[t] + self.damage_sigma[t] * rng.standard_normal())))
            hits = bool(rng.random() < self.unit_share[t]) and not displaced
            events.append(Event(day, t, actor, damage, hits, d, displaced))
        self._excite(events)
        self._frighten(events)
        return events

    def _frighten(self, events: list[Event]) -> None:
        """A day of fear: it decays with ``fear_halflife_days``, and each event in the area closes
        ``min(1, fear_per_event × fear_weight / per_capita)`` of the gap to full fear (saturating;
        an event is seen by a share of the residents, so a bigger area's fear rises less per event)."""
        per_event = self.spec.fear_per_event / self.per_capita
        self.fear *= self.fear_decay
        for e in events:
            if not e.displaced:
                self.fear += min(1.0, per_event * self.fear_weight[e.type]) * (1.0 - self.fear)


def youth_posts(work_integration_posts: int, spec: UnrestSection) -> int:
    """Work-integration posts held by local youths."""
    return round(work_integration_posts * spec.youth_post_share)
