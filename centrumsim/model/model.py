"""CentreModel: wires the mechanisms together and steps them. One step is one day.

Order within a day: dated interventions → unrest events and their consequences, and foot
traffic (drawn a segment of days at a time) → at a month's last day: units close their books,
the enterprise consolidates and applies its policies, the public ledger books the month to its
payers, commercial tenants review their position (and may give notice), partners' trust recovers
or partners withdraw, openings waiting for their premises are retried, vacant premises may be
let, the month's indicators are recorded, residents age, are born, die and move, and the
foot-traffic and unrest states are refreshed for the next month. The model stops at its
horizon (``running = False``); it never prints, plots or writes files.

    model = CentreModel(scenario="scenarios/klockaretorpet.toml", rng=1, **{"units.cafe.price_sek": 45})
    output = model.run()            # or: while model.running: model.step()
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

from ..scenario import Scenario
from . import interventions, public_events
from ._mesa import forget_model, mesa, uncount_step
from .calendar import make_calendar
from .collector import CentreCollector
from .damage import Damage
from .demography import Demography
from .economy import AreaIncome, index_at
from .enterprise import Enterprise, EnterpriseUnit
from .footfall import Footfall
from .guardianship import guardians
from .indicators import MonthEnd, MonthState, Record, activities_held, base_safety
from .inputs import check_seed, fresh_seed, scenario_of
from .ledger import Ledger
from .levers import Levers
from .market import Market
from .membership import Membership, walk_distance_m
from .occupancy import Change, Occupancy
from .output import RunOutput, run_output
from .population import synthesise
from .prospects import Outlook, year_ahead
from .public_ledger import PublicLedger
from .seasons import make_seasons
from .streams import Streams
from .tenants import TenantUnit
from .units import Status
from .unrest import Unrest, youth_posts


class CentreModel(mesa.Model):
    """The centre, its units, the enterprise and the residents, stepped one day at a time.

    ``scenario``: a scenario file or a :class:`Scenario`; ``rng``: the seed (a non-negative
    integer; None draws one, recorded as ``model.seed``); further keyword arguments are dotted
    overrides (``**{"units.cafe.price_sek": 45}``), as Mesa's ``batch_run`` passes them.

    The scenario the model runs (overrides applied) is ``model.spec``. The model's own state
    keeps clear of the names Mesa's ``Model`` uses in 3.3–3.5 (Mesa 3.5's ``model.scenario``
    is Mesa's own experiment object; ``tests/test_mesa.py`` checks every name).
    """

    def __init__(self, scenario: Scenario | str | Path, rng: int | None = None, **overrides: Any):
        if "seed" in overrides:
            raise TypeError("CentreModel takes the seed as rng=SEED (Mesa's name), not seed=")
        sc = scenario_of(scenario, overrides)
        seed = fresh_seed() if rng is None else check_seed(rng)
        super().__init__(rng=seed)  # Mesa's own generators: seeded, never drawn from
        self.seed = seed
        self.spec = sc
        self.streams = st = Streams.from_seed(seed)
        self.calendar = cal = make_calendar(sc.time.start_date, sc.time.years)
        self.pop = synthesise(sc.area, st.population)
        self.demography = Demography(sc.area, self.pop, st.demography)
        self.footfall = Footfall(self.pop, sc.footfall, st.footfall)
        self.unrest = Unrest(self.pop, sc.unrest)
        self.ledger = Ledger(cal.n_months)
        self.occupancy = occ = Occupancy(self, sc, cal, self.ledger, st.leases)
        self.units, self.unit_by_name = occ.units, occ.by_name  # Mesa's AgentSet of the units, and by name
        for name, spec in sc.units.items():
            occ.add(name, spec, Status.OPEN if spec.initially_open else Status.PLANNED, day=0)
        self.public = PublicLedger(cal.n_months, sc.payers, sc.premises, sc.unrest, sc.economy)
        has_enterprise = any(u.operator == "enterprise" for u in self.units)
        self.enterprise = (Enterprise(self, sc.enterprise, self.ledger, self.public, sc.economy, cal)
                           if has_enterprise else None)
        self.levers = Levers.from_scenario(sc.unrest, self.unrest.per_capita)  # its counts hold per capita
        self.income = AreaIncome.from_scenario(sc.area)
        self.market = Market(sc, st.tenants)
        self.damage = Damage(sc.unrest, cal.n_days, st.targets, self.unrest.trust_weight)
        self.record = Record(cal, sc.indicators, sc.economy, sc.unrest.guard_cost_sek_per_fte_month)
        self.changes: list[tuple[str, str, Status, str]] = []  # month, unit, new status, why
        self.world_changed = True
        self.month = 0  # months closed so far (= the index of the current month)
        self._segment_end = 0
        self.base_safety = base_safety(self.pop.female, self.pop.age_band, sc.unrest.base_safety_share,
                                       sc.unrest.young_female_safety_gap_share)
        self.seasons = make_seasons(cal.dates, sc.area)
        self.year_factor = self.footfall.year_factor(self.seasons.dark, self.seasons.away)  # [daypart, day]
        self._plan = interventions.schedule(sc, cal)
        self._targets = interventions.Targets(self.levers, self.footfall, self.income, occ, cal)
        # before any evening has been simulated, guardianship assumes 5 % of residents pass by
        self._visitors_per_day = (3 * (0.05 * self.pop.n), 0.05 * self.pop.n)
        self.guardians_used = (0.0, 0.0)
        self.felt_fear = 0.0  # last month's mean fear: how early units close in the evening this month
        self.membership = Membership(self.pop, st.membership, sc.footfall, sc.unrest.evening_closing_fear, sc.area)
        self._members_change(0, start=True)
        self.datacollector = CentreCollector(self.record, cal.month_labels, cal.month_end)
        self._refresh()

    # ------------------------------------------------------------------ the centre's state
    @property
    def day(self) -> int:
        """The index of the day being simulated (or, between steps, the day last simulated)."""
        return max(self.steps - 1, 0)

    def legitimacy(self) -> float:
        """The area's legitimacy today (see :meth:`Levers.legitimacy`)."""
        return self.levers.legitimacy(self.day, self.spec.unrest)

    def record_changes(self, day: int, changes: list[Change]) -> None:
        """Note status changes from ``day`` (as month, unit, new status, reason)."""
        cal = self.calendar
        self.changes += [(cal.month_labels[cal.month[min(day, cal.n_days - 1)]], *c) for c in changes]

    def refresh_footfall(self) -> dict[str, float]:
        """Foot-traffic probabilities for what is open now (a no-op when nothing they depend on
        changed); returns each open unit's evening hours."""
        fs, un = self.spec.footfall, self.spec.unrest
        open_units = self.occupancy.open_units()
        self.footfall.set_income_factor(self.income.factor)
        spend = self.spec.enterprise.environment_spend_sek_per_month if self.enterprise else 0.0
        lift = 1.0 + fs.environment_max_lift_share * spend / (spend + fs.environment_reference_sek_per_month)
        vitality = (1.0 - fs.vitality_weight) + fs.vitality_weight * self.occupancy.vitality()
        evening = {u.name: u.evening_hours(self.felt_fear, un.evening_closing_fear) for u in open_units}
        self.footfall.refresh([u.footfall_view(fs.shabby_attraction_loss_share, evening[u.name]) for u in open_units],
                              len(self.units), vitality, lift, self.base_safety)
        return evening

    def outlook(self) -> Outlook:
        """The centre as a prospective tenant sees it now (foot traffic refreshed first)."""
        self.refresh_footfall()
        return Outlook.of(self.footfall, self.felt_fear, year_ahead(self.year_factor, self.calendar, self.month),
                          self.occupancy.open_units(), self.spec.unrest.evening_closing_fear,
                          index_at(self.spec.economy, self.month), self.unrest.per_capita)

    def _refresh(self) -> None:
        """Foot-traffic probabilities and youths' activation for what is open now."""
        un = self.spec.unrest
        open_units = self.occupancy.open_units()
        evening = self.refresh_footfall()
        self.unrest.set_income_factor(self.income.factor)
        in_month = self.calendar.month == min(self.month, self.calendar.n_months - 1)
        self.guardians_used = guardians(self._visitors_per_day, [(u, evening[u.name]) for u in open_units],
                                        self.levers.fixed_guardians(un), self.levers.lighting_quality, un,
                                        self.seasons.dark[:, in_month].mean(axis=1))
        hours = math.fsum(u.spec.youth_activity_hours_per_week for u in open_units)
        posts = sum(u.spec.work_integration_posts for u in open_units)
        self.unrest.refresh(self.guardians_used, self.legitimacy(), hours, youth_posts(posts, un))
        self.world_changed = False

    # ------------------------------------------------------------------ stepping
    def step(self) -> None:
        """One day. At the start of a segment (a month, or the days from an intervention to the
        month's end) the segment's unrest is drawn day by day and its foot traffic in one
        vectorised pass; at a month's end the books close."""
        t = self.day
        if t >= self.calendar.n_days:
            uncount_step(self)  # Mesa counted a step that does not happen
            raise RuntimeError(f"the run is over: its horizon is {self.calendar.n_days} days")
        plan = self._plan.get(t, ())
        for _name, iv, undo in plan:
            self.record_changes(t, interventions.apply(self._targets, iv, undo, t))
            self.world_changed = True
        backlash_ends = t == self.levers.backlash_until  # legitimacy returns when it is over
        if self.world_changed or backlash_ends:
            self._refresh()
        if t == 0:  # youths know the centre as it is on the first day (what happened before the run)
            self.unrest.know_the_risk()
            self.levers.know_crackdown()
        if t >= self._segment_end or plan or backlash_ends:
            self._draw_segment(t)
        if self.calendar.month_end[t]:
            self._close_month(t)
        self.datacollector.collect(self)
        if t + 1 >= self.calendar.n_days:
            self.running = False
            forget_model(self)  # else Mesa 3.3 keeps every finished model alive (mesa#3179)

    def run(self) -> RunOutput:
        """Step to the end of the horizon and return the compact output."""
        while self.running:
            self.step()
        return self.output()

    def output(self) -> RunOutput:
        """The compact, picklable output of the run so far."""
        return run_output(seed=self.seed, scenario_name=self.spec.name, calendar=self.calendar, record=self.record,
                          units=list(self.units), ledger=self.ledger, enterprise=self.enterprise, public=self.public,
                          events=self.damage.events(), event_types=self.unrest.type_names,
                          n_youth=self.demography.youths_seen, zone_names=self.pop.zone_names,
                          n_zones=self.footfall.n_zones, changes=self.changes)

    def _draw_segment(self, t: int) -> None:
        cal, fs, lv = self.calendar, self.spec.footfall, self.levers
        end = t
        while not cal.month_end[end] and (end + 1) not in self._plan and end + 1 != lv.backlash_until:
            end += 1
        days = np.arange(t, end + 1)
        fear, events = np.empty(days.size), np.zeros(days.size)
        displaced, unrepaired = np.zeros(days.size), np.zeros(days.size)
        units = list(self.units)
        for i, day in enumerate(days):
            fear[i] = self.unrest.fear
            unrepaired[i] = self.damage.start_day(int(day))
            lv.learn_crackdown(self.unrest.learning)
            todays = self.unrest.day(self.streams.unrest, int(day), self.damage.unrepaired,
                                     lv.displacement(self.spec.unrest),
                                     bool(self.seasons.school_day[day]), 1.0 - float(self.seasons.away[day]))
            if todays:
                self.damage.strike(todays, units, self.month)
            displaced[i] = sum(e.displaced for e in todays)
            events[i] = len(todays) - displaced[i]
        events_held, lift, extra = public_events.draw(self.occupancy.open_units(), days.size,
                                                      self.streams.public_events, fs, self.unrest.per_capita)
        in_month = cal.month == cal.month[t]
        first_day = int(np.flatnonzero(in_month)[0])
        if t == first_day:
            self.footfall.start_month(int(in_month.sum()))
        drawn = self.footfall.segment(cal.weekend[days], self.year_factor[:, days], fear, lift, extra,
                                      day_of_month=days - first_day, holiday=~self.seasons.school_day[days])
        drawn["unit_visits"] += self.membership.book_visits(self.units, self.felt_fear, cal.weekend[days])
        self.record.segment(days, drawn, fear, events, displaced, unrepaired, events_held)
        self._segment_end = end + 1
        lv.accrue(days.size)

    def _close_month(self, t: int) -> None:
        cal, m, fv = self.calendar, self.month, self.footfall
        next_day = t + 1
        dim = int(cal.days_in_month[m])
        self.units.do(lambda u: u.book_visits(int(fv.visits[u.index]), float(fv.spend[u.index])))
        lived = MonthState(
            visits=np.array([u.visits for u in self.units], dtype=np.int64),
            status=[u.status.code for u in self.units], vacancy=self.occupancy.vacancy_rate(),
            open_units=len(self.occupancy.open_units()), vitality=self.occupancy.vitality(),
            open_kinds={u.kind for u in self.occupancy.open_units()},
        )
        lines = {u.name: u.close_month(m, next_day, dim, self.spec.economy) for u in self.units}
        results = {u.name: self.ledger.post(m, u.ledger_col, lines[u.name]) for u in self.units}
        days_run = int((cal.month == m).sum())
        un = self.spec.unrest
        changes: list[Change] = []
        cash = total = 0.0
        if self.enterprise is not None:
            changes, cash, total = self.enterprise.close_month(
                list(self.units.select(agent_type=EnterpriseUnit)), results, m, next_day, days_run / dim, un)
        usage = self.levers.take_month()
        self.public.book_month(m, list(self.units), lines, usage, days_run, dim)
        self.public.book_unrest(m, self.damage.month_events(), list(un.types.values()))
        for unit in self.units.select(lambda u: u.occupies_premises, agent_type=TenantUnit):
            why = unit.review(results[unit.name], next_day, m)
            if why:
                changes.append((unit.name, unit.status, why))
        hit = self.damage.end_month()
        self.units.select(lambda u: u.name not in hit).do("recover_trust", un.trust_recovery_per_month)
        self.units.do("review_partners", un.trust_pause_threshold, un.trust_reopen_threshold)
        changes += self.occupancy.retry_pending(next_day)
        changes += self.market.let_vacant(self.occupancy, next_day, m, self.outlook)
        self.changes += [(cal.month_labels[m], *c) for c in changes]
        self.record.month(m, lived, MonthEnd(
            residents=self.pop, base_safety=self.base_safety, visitors_by_group=fv.by_group,
            visitors_by_zone=fv.by_zone, seen=fv.seen, guardians=self.guardians_used,
            club_active_share=self.membership.club_active_share([u.index for u in self.units if u.spec.sports]),
            legitimacy=self.legitimacy(), youths_in_posts=int(self.unrest.in_post.sum()),
            active_youths=self.unrest.n_active, area_income=self.income.median, activities=activities_held(self.units),
            guard_fte_days=usage["guard_fte_days"], cash_sek=cash, result_sek=total))
        self._visitors_per_day = self.record.visitors_per_day(cal.month == m)
        self.felt_fear = float(self.record.daily["fear"][cal.month == m].mean())
        self.datacollector.add_month(m)
        self._people_change()
        self._members_change(m + 1)
        fv.reset_month(len(self.units))
        self.income.month_passes()
        self.month += 1
        self._refresh()

    def _members_change(self, month: int, start: bool = False) -> None:
        """Joins and leaves (``start``: the first day's steady state); fees follow members."""
        fs, ms = self.spec.footfall, self.membership
        distance = walk_distance_m(self.pop, fs.tram_crossing_extra_m, self.footfall.crossing_improved)
        ms.month_passes(month, ms.views(self.units, self.felt_fear), distance, self.income.factor, start=start)
        ms.bill(self.units)

    def _people_change(self) -> None:
        """The month's births, deaths, moves and ageing, and what follows them."""
        self.demography.month_passes(self.pop)
        un = self.spec.unrest
        self.base_safety = base_safety(self.pop.female, self.pop.age_band, un.base_safety_share,
                                       un.young_female_safety_gap_share)
        self.footfall.follow_people()
        self.unrest.set_people(self.pop)
