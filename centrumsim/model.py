"""CentreModel: wires the mechanisms together and steps them. One step is one day.

Order within a day: dated interventions → foot traffic → unrest events and their consequences.
At the last day of a month: units close their books, the enterprise consolidates and applies its
policies, commercial tenants review their position (and may leave or enter), partners' trust
recovers, the month's indicators are recorded, and the foot-traffic and unrest states are
refreshed for the next month. The model never prints, plots or writes files.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import mesa
import numpy as np

from . import interventions, tenants
from .calendar import Calendar, make_calendar
from .enterprise import Enterprise
from .footfall import Footfall, OpenUnit
from .ledger import Ledger, ore
from .population import Population, synthesise
from .scenario import UNIT_KINDS, Scenario, Unit
from .schema import build
from .unrest import Unrest
from .units import CLOSED, OPEN, PLANNED, STATUSES, UnitAgent

DAILY_SERIES = (
    "visitors_day", "visitors_evening", "outside_day", "outside_evening", "unit_visits",
    "events", "fear", "public_events", "displaced_events", "unrepaired_damage",
)
MONTHLY_SERIES = (
    "cash_sek", "result_sek", "safety_index", "vacancy_rate", "events", "unique_visitors",
    "guardians", "active_youths", "open_units", "activities", "guard_cost_sek", "public_events",
    "residents", "evenness", "club_active_share", "satisfaction_index", "services_share",
    "guardians_day", "willingness_to_report", "displaced_events", "youths_in_posts",
)


def evenness(visits_by_group: np.ndarray, residents_by_group: np.ndarray) -> float:
    """How closely visitors mirror the residents across age-and-gender groups: 1 − the index of
    dissimilarity, ``1 − ½ Σ_g |v_g/V − r_g/R|`` (1 = the same mix; 0 = no overlap).
    NaN when there were no visits."""
    v, r = visits_by_group.sum(), residents_by_group.sum()
    if v == 0 or r == 0:
        return float("nan")
    return float(1.0 - 0.5 * np.abs(visits_by_group / v - residents_by_group / r).sum())


def willingness_to_report(legitimacy: float, fear: float) -> float:
    """Residents' willingness to report crime (0–1): trust in the institutions (legitimacy)
    discounted by fear — the police list's "criminal influence lowering willingness to report"."""
    return legitimacy * (1.0 - fear)


def repair_days(unit: UnitAgent, un) -> float:
    """Days until damage to a unit's premises is repaired: the enterprise does not skimp; a
    tenant cutting its upkeep is slow; public houses as public space."""
    if unit.operator == "enterprise":
        return un.repair_days_enterprise
    if unit.operator == "public":
        return un.repair_days_public
    return un.repair_days_tenant if unit.upkeep_level >= 1.0 else un.repair_days_cut_upkeep


def satisfaction(safety_index: float, vitality: float, services: float, ind) -> float:
    """Resident satisfaction (0–100): a weighted mean of the safety index / 100, the centre's
    vitality (open premises share) and access to services (share of the service kinds open)."""
    w = (ind.satisfaction_weight_safety, ind.satisfaction_weight_vitality, ind.satisfaction_weight_services)
    total = sum(w) or 1.0
    return 100.0 * (w[0] * safety_index / 100.0 + w[1] * vitality + w[2] * services) / total


@dataclass
class RunOutput:
    """Compact, picklable result of one run (one seed)."""

    seed: int
    scenario_name: str
    start_date: str
    month_labels: tuple[str, ...]
    daily: dict[str, np.ndarray]
    monthly: dict[str, np.ndarray]
    units: list[dict]  # name, label, kind, operator, premises
    books: np.ndarray  # int64 öre [month, ledger column, line]
    ledger_names: list[str]  # ledger columns: unit names (+ "central" if an enterprise exists)
    status: np.ndarray  # int8 [month, unit]: index into STATUSES at month end
    unit_visits: np.ndarray  # int64 [month, unit]
    flow_rows: list[tuple[int, str, str, int]]  # (month, carrier, carried, öre): who carried whom
    has_enterprise: bool
    starting_cash_ore: int
    overdraft_ore: int
    min_cash_ore: int
    events: np.ndarray  # structured: day, type, actor, damage_ore, unit (-1 = none)
    event_types: tuple[str, ...]
    years: float
    n_youth: int  # residents aged 13–25 (the unrest submodel's actors)
    zone_names: tuple[str, ...]
    visitors_by_group: np.ndarray  # int64 [month, daypart, 12 groups = age band × 2 + female]
    visitors_by_zone: np.ndarray  # int64 [month, daypart, zone]
    residents_by_group: np.ndarray  # int64 [month, 12]: residents living in the area
    residents_by_zone: np.ndarray  # int64 [month, zone]
    changes: list[tuple[str, str, str, str]] = field(default_factory=list)  # month, unit, status, why

    @property
    def flows(self) -> dict[tuple[str, str], int]:
        """(carrier, carried) → öre carried over the whole run."""
        out: dict[tuple[str, str], int] = {}
        for _, a, b, amount in self.flow_rows:
            out[(a, b)] = out.get((a, b), 0) + amount
        return out


class CentreModel(mesa.Model):
    """The centre, its units, the enterprise and the residents, stepped one day at a time."""

    def __init__(self, scenario: Scenario, seed: int = 0):
        # One seed, split into independent streams per mechanism (common random numbers: a
        # change to one mechanism does not shift the random numbers another one draws).
        streams = np.random.SeedSequence(seed).spawn(8)
        super().__init__(rng=np.random.default_rng(streams[0]))
        self.seed = seed
        self.scenario = sc = scenario
        self.calendar: Calendar = make_calendar(sc.time.start_date, sc.time.years)
        self.pop: Population = synthesise(sc.area, np.random.default_rng(streams[1]), sc.time.years,
                                          rng_growth=np.random.default_rng(streams[7]))
        self.footfall = Footfall(self.pop, sc.footfall, sc.area.income_rel_national_median, streams[2])
        self._rng_unrest = np.random.default_rng(streams[3])
        self.unrest = Unrest(self.pop, sc.unrest, self._rng_unrest)
        self._rng_targets = np.random.default_rng(streams[4])
        self._rng_tenants = np.random.default_rng(streams[5])
        self._rng_events = np.random.default_rng(streams[6])  # public events (not unrest)
        self.ledger = Ledger(self.calendar.n_months)
        self.units: list[UnitAgent] = []
        self.unit_by_name: dict[str, UnitAgent] = {}
        for name, spec in sc.units.items():
            self._add_unit(name, spec, OPEN if spec.initially_open else PLANNED)
        self.has_enterprise = any(u.operator == "enterprise" for u in self.units)
        self.enterprise = Enterprise(self, sc.enterprise, self.ledger) if self.has_enterprise else None

        self.est_active = sc.unrest.est_active
        # EST active from the start has been running for its full ramp already
        self.est_started = -int(sc.unrest.est_ramp_years * 365.25) - 1
        self.guards_fte = sc.unrest.guards_fte
        self.lighting_quality = sc.unrest.lighting_quality
        self.pending_openings: list[UnitAgent] = []
        self._entrant_specs: dict[tuple[str, str], Unit] = {}
        self.world_changed = True
        self.t = 0
        self._segment_end = 0
        self._guard_fte_days = 0.0
        self.month = 0
        self.changes: list[tuple[str, str, str, str]] = []

        young_female = self.pop.female & np.isin(self.pop.age_band, (2, 3))
        self.base_safety = np.full(self.pop.n, sc.unrest.base_safety_share)
        self.base_safety[young_female] -= sc.unrest.young_female_safety_gap_share
        self.base_safety = np.clip(self.base_safety, 0.01, 1.0)

        n_days, n_months = self.calendar.n_days, self.calendar.n_months
        self.daily = {k: np.zeros(n_days, dtype=float if k == "fear" else np.int64) for k in DAILY_SERIES}
        self.crackdown_guardians = 0.0
        self.backlash_until = -1
        self._repairs_due = np.zeros(self.calendar.n_days + 400, dtype=np.int64)  # repairs per day
        self._unrepaired = 0  # visible damages not yet repaired
        self.monthly = {k: np.zeros(n_months) for k in MONTHLY_SERIES}
        self._status_rows: list[list[int]] = []
        self._visit_rows: list[np.ndarray] = []
        self._events: list[tuple[int, int, int, int, int]] = []
        self._by_group_rows: list[np.ndarray] = []
        self._by_zone_rows: list[np.ndarray] = []
        self._res_group_rows: list[np.ndarray] = []
        self._res_zone_rows: list[np.ndarray] = []
        self._present = self.pop.present(0)
        self._targeted: set[str] = set()
        doy = (self.calendar.dates - self.calendar.dates.astype("datetime64[Y]")).astype(int)
        self.season = 1.0 + sc.footfall.seasonal_amplitude_share * np.cos(2 * np.pi * (doy - 172) / 365.25)

        self._plan = interventions.schedule(self)
        self._evening_visitors_per_day = self._initial_evening_guess()
        self._day_visitors_per_day = 3 * self._evening_visitors_per_day
        self._refresh()

    # ------------------------------------------------------------------ set-up helpers
    def _add_unit(self, name: str, spec: Unit, status: str) -> UnitAgent:
        premises = self.scenario.premises[spec.premises]
        col = self.ledger.add_unit(name)
        unit = UnitAgent(self, name, spec, spec.premises, premises, col, status, day=getattr(self, "t", 0))
        self.units.append(unit)
        self.unit_by_name[name] = unit
        return unit

    def _initial_evening_guess(self) -> float:
        # Before any evening has been simulated, guardianship assumes 5 % of residents pass by.
        return 0.05 * self.pop.n

    def premises_taken(self, premises: str, besides: UnitAgent | None = None) -> bool:
        return any(u.premises_name == premises and u.occupies_premises and u is not besides for u in self.units)

    # ------------------------------------------------------------------ state → mechanisms
    def vitality(self) -> float:
        """Share of all premises with an open unit (after the mall-model vitality measure)."""
        total = len(self.scenario.premises)
        open_premises = {u.premises_name for u in self.units if u.is_open}
        return len(open_premises) / total if total else 1.0

    def vacancy_rate(self) -> float:
        total = len(self.scenario.premises)
        taken = {u.premises_name for u in self.units if u.occupies_premises}
        return 1.0 - len(taken) / total if total else 0.0

    def _environment_lift(self) -> float:
        fs = self.scenario.footfall
        spend = self.scenario.enterprise.environment_spend_sek_per_month if self.has_enterprise else 0.0
        return 1.0 + fs.environment_max_lift_share * spend / (spend + fs.environment_reference_sek_per_month)

    def _refresh(self) -> None:
        fs = self.scenario.footfall
        open_units = [
            OpenUnit(
                index=i,
                attraction=u.spec.attraction,
                appeal=u.spec.appeal.as_array(),
                female_factor=u.spec.appeal_female_factor,
                hours=(u.spec.hours_day, u.spec.hours_evening),
                open_weekends=u.spec.open_weekends,
                link_share=u.spec.link_share,
                quality=1.0 - fs.shabby_attraction_loss_share * (1.0 - u.upkeep_level),
                linked_draw=u.spec.linked_draw,
                sports=u.spec.sports,
            )
            for i, u in enumerate(self.units)
            if u.is_open
        ]
        weighted = fs.vitality_weight
        vitality = (1.0 - weighted) + weighted * self.vitality()
        self.footfall.refresh(open_units, len(self.units), vitality, self._environment_lift(),
                              self.base_safety, self._present)
        self._guardians_used = self.guardians()
        self.unrest.refresh(self._guardians_used, self.legitimacy(), self.idle_time(), self._present,
                            self.youth_posts())
        self.world_changed = False

    def guardians(self) -> tuple[float, float]:
        """Effective guardians in the centre by day and in the evening: eyes on the street
        (last month's visitors per daypart / eyes per guardian), staff on duty (FTE × the share
        of the daypart the unit is open), guards, EST and crackdown police; the evening scaled by
        lighting (0.5 + quality)."""
        un = self.scenario.unrest
        open_units = [u for u in self.units if u.is_open]
        fixed = self.guards_fte + (un.est_guardians if self.est_active else 0.0) + self.crackdown_guardians
        out = []
        for d, (visitors, hours) in enumerate(((self._day_visitors_per_day, 9.0), (self._evening_visitors_per_day, 5.0))):
            staff = sum(u.spec.staff_fte * min(1.0, (u.spec.hours_day, u.spec.hours_evening)[d] / hours) for u in open_units)
            c = visitors / un.eyes_per_guardian + staff * un.guardians_per_staff_fte + fixed
            out.append(c * (0.5 + self.lighting_quality) if d == 1 else c)
        return out[0], out[1]

    def legitimacy(self) -> float:
        """The area's legitimacy: base, plus EST's gain (building up linearly over
        ``est_ramp_years`` from its start), minus a crackdown's backlash loss."""
        un = self.scenario.unrest
        loss = un.crackdown_legitimacy_loss if self.t < self.backlash_until else 0.0
        gain = 0.0
        if self.est_active:
            years = (self.t - self.est_started) / 365.25
            gain = un.est_legitimacy_gain * (min(1.0, years / un.est_ramp_years) if un.est_ramp_years > 0 else 1.0)
        return float(np.clip(un.legitimacy + gain - loss, 0.0, 1.0))

    def youth_posts(self) -> int:
        """Work-integration posts in open units held by local youths."""
        posts = sum(u.spec.work_integration_posts for u in self.units if u.is_open)
        return int(round(posts * self.scenario.unrest.youth_post_share))

    def idle_time(self) -> float:
        """Share of idle time left to youths by organised youth activities (0..1)."""
        hours = sum(u.spec.youth_activity_hours_per_week for u in self.units if u.is_open)
        return 1.0 / (1.0 + hours / self.scenario.unrest.idle_halving_hours_per_week)

    # ------------------------------------------------------------------ stepping
    def step(self) -> None:
        """One day. At the start of a segment (a month, or the days from an intervention to the
        month's end) the segment's unrest is drawn day by day and its foot traffic in one
        vectorised pass; the day then books what it drew and, at a month's end, the books close."""
        t = self.t
        plan = self._plan.get(t, ())
        for _name, iv, undo in plan:
            interventions.apply(self, iv, undo)
        if t == self.backlash_until:  # legitimacy returns when the backlash is over
            self.world_changed = True
        if self.world_changed:
            self._refresh()
        if t >= self._segment_end or plan or t == self.backlash_until:
            self._draw_segment(t)
        if self.calendar.month_end[t]:
            self._close_month()
        self.t += 1

    def _draw_segment(self, t: int) -> None:
        cal = self.calendar
        end = t
        while not cal.month_end[end] and (end + 1) not in self._plan and end + 1 != self.backlash_until:
            end += 1
        days = np.arange(t, end + 1)
        fear = np.empty(days.size)
        events = np.zeros(days.size)
        displaced = np.zeros(days.size)
        unrepaired = np.zeros(days.size)
        displacement = self.scenario.unrest.crackdown_displacement_share if self.crackdown_guardians > 0 else 0.0
        for i, day in enumerate(days):
            fear[i] = self.unrest.fear
            self._unrepaired -= int(self._repairs_due[day])
            unrepaired[i] = self._unrepaired
            todays = self.unrest.day(self._rng_unrest, int(day), self._unrepaired, displacement)
            if todays:
                self._consequences(todays)
            displaced[i] = sum(e.displaced for e in todays)
            events[i] = len(todays) - displaced[i]
        fs = self.scenario.footfall
        event_rate = sum(u.spec.public_events_per_year for u in self.units if u.is_open) / 365.25
        public_events = self._rng_events.poisson(event_rate, days.size) if event_rate > 0 else np.zeros(days.size, int)
        lift = 1.0 + fs.event_visit_lift_share * (public_events > 0)
        extra = public_events * fs.event_outside_visitors_per_event
        first_day = int(np.flatnonzero(cal.month == cal.month[t])[0])
        if t == first_day:
            self.footfall.start_month(int((cal.month == cal.month[t]).sum()))
        drawn = self.footfall.segment(cal.weekend[days], self.season[days], fear, lift, extra,
                                      day_of_month=days - first_day)
        self.daily["public_events"][days] = public_events
        self.daily["displaced_events"][days] = displaced
        self.daily["unrepaired_damage"][days] = unrepaired
        d = self.daily
        d["visitors_day"][days] = drawn["residents_day"] + drawn["outside_day"]
        d["visitors_evening"][days] = drawn["residents_evening"] + drawn["outside_evening"]
        d["outside_day"][days] = drawn["outside_day"]
        d["outside_evening"][days] = drawn["outside_evening"]
        d["unit_visits"][days] = drawn["unit_visits"]
        d["events"][days] = events
        d["fear"][days] = fear
        self._segment_end = end + 1
        self._guard_fte_days += self.guards_fte * days.size

    def run(self) -> RunOutput:
        """Step to the end of the horizon and return the compact output."""
        for _ in range(self.calendar.n_days):
            self.step()
        return self.output()

    def _consequences(self, events) -> None:
        un = self.scenario.unrest
        occupied = [u for u in self.units if u.occupies_premises]
        for ev in events:
            target = -1
            repair = un.repair_days_public
            if ev.hits_unit and occupied:
                unit = occupied[int(self._rng_targets.integers(len(occupied)))]
                target = self.units.index(unit)
                own = min(ev.damage_sek, unit.spec.insurance_deductible_sek)
                unit.damage_ore += ore(own)
                unit.trust = max(0.0, unit.trust - un.trust_loss_per_event * self.unrest.trust_weight[ev.type])
                self._targeted.add(unit.name)
                repair = repair_days(unit, un)
            if ev.damage_sek > 0 and not ev.displaced:  # visible until repaired
                due = ev.day + max(1, int(round(repair)))
                if due < self._repairs_due.size:
                    self._repairs_due[due] += 1
                self._unrepaired += 1
            self._events.append((ev.day, ev.type, ev.actor, ore(ev.damage_sek), target, ev.daypart, ev.displaced))

    def _close_month(self) -> None:
        cal, m = self.calendar, self.month
        next_day = self.t + 1
        dim = int(cal.days_in_month[m])
        days_run = int((cal.month == m).sum())
        fv = self.footfall
        for i, u in enumerate(self.units):
            u.visits += int(fv.visits[i])
            u.spend_units += float(fv.spend[i])
        visits_row = np.array([u.visits for u in self.units], dtype=np.int64)
        results = {}
        for u in self.units:
            results[u.name] = self.ledger.post(m, u.ledger_col, u.close_month(m, next_day, dim))
        # the month as it was lived, before this month's decisions take effect
        self._status_rows.append([STATUSES.index(u.status) for u in self.units])
        vacancy, open_units = self.vacancy_rate(), sum(u.is_open for u in self.units)
        vitality = self.vitality()
        open_kinds = {u.kind for u in self.units if u.is_open}
        changes: list[tuple[str, str, str]] = []
        if self.enterprise is not None:
            ent_units = [u for u in self.units if u.operator == "enterprise"]
            ent_results = [results[u.name] for u in ent_units]
            # the enterprise runs from its first opening until it has no unit left to run
            if any(u.occupies_premises for u in ent_units):
                self.enterprise.started = True
            active = self.enterprise.started and any(u.occupies_premises or u.status == PLANNED for u in ent_units)
            central_lines = self.enterprise.central_lines(days_run / dim, active)
            central = self.ledger.post(m, self.enterprise.central_col, central_lines)
            total = self.enterprise.consolidate(m, ent_units, ent_results, central)
            un = self.scenario.unrest
            changes += self.enterprise.apply_policies(
                ent_units, ent_results, total, next_day, un.trust_pause_threshold, un.trust_reopen_threshold
            )
            self.monthly["cash_sek"][m] = self.enterprise.cash_ore / 100
            self.monthly["result_sek"][m] = total / 100
        for u in self.units:
            if u.operator == "commercial" and u.status == OPEN:
                if tenants.review_tenant(u, results[u.name], self.scenario.tenants, next_day):
                    changes.append((u.name, CLOSED, "losses"))
            elif u.operator != "commercial":
                u.remember(results[u.name])
            if u.name not in self._targeted:
                u.trust = min(1.0, u.trust + self.scenario.unrest.trust_recovery_per_month)
        self._targeted.clear()
        self._retry_openings(next_day, changes)
        self._tenant_entry(m, visits_row, days_run, changes)
        self.changes += [(cal.month_labels[m], *c) for c in changes]

        mo = self.monthly
        days = cal.month == m
        present = self._present
        safety = 100.0 * float(self.base_safety[present].mean() if present.any() else 1.0) * (
            1.0 - float(self.daily["fear"][days].mean())
        )
        mo["safety_index"][m] = safety
        self._indicators(m, present, safety, vitality, open_kinds)
        mo["vacancy_rate"][m] = vacancy
        mo["events"][m] = self.daily["events"][days].sum()
        mo["unique_visitors"][m] = int(fv.seen.sum())
        mo["guardians"][m] = self._guardians_used[1]
        mo["guardians_day"][m] = self._guardians_used[0]
        mo["willingness_to_report"][m] = willingness_to_report(self.legitimacy(), float(self.daily["fear"][days].mean()))
        mo["displaced_events"][m] = self.daily["displaced_events"][days].sum()
        mo["youths_in_posts"][m] = int(self.unrest.in_post.sum())
        mo["active_youths"][m] = self.unrest.n_active
        mo["open_units"][m] = open_units
        mo["activities"][m] = sum(u.spec.activities_per_week * u.last_days_open / 7 for u in self.units)
        mo["guard_cost_sek"][m] = self._guard_fte_days / dim * self.scenario.unrest.guard_cost_sek_per_fte_month
        self._guard_fte_days = 0.0
        self._visit_rows.append(visits_row)
        self._evening_visitors_per_day = float(self.daily["visitors_evening"][days].mean())
        self._day_visitors_per_day = float(self.daily["visitors_day"][days].mean())
        fv.reset_month(len(self.units))
        self.month += 1
        self._present = self.pop.present(self.month)
        self._refresh()

    def _indicators(self, m: int, present: np.ndarray, safety: float, vitality: float, open_kinds: set) -> None:
        """Who came (by group and zone, against who lives here), club-active children,
        public events and resident satisfaction, for month ``m``."""
        fv, mo, ind = self.footfall, self.monthly, self.scenario.indicators
        res_group = np.bincount(self.pop.group[present], minlength=12)
        res_zone = np.bincount(self.pop.zone[present], minlength=fv.n_zones)
        self._by_group_rows.append(fv.by_group.copy())
        self._by_zone_rows.append(fv.by_zone.copy())
        self._res_group_rows.append(res_group)
        self._res_zone_rows.append(res_zone)
        mo["residents"][m] = int(present.sum())
        mo["evenness"][m] = evenness(fv.by_group.sum(axis=0), res_group)
        school_age = present & np.isin(self.pop.age_band, (1, 2))  # 6–19
        active = school_age & (fv.sports_visits >= ind.club_active_min_visits_per_month)
        mo["club_active_share"][m] = active.sum() / school_age.sum() if school_age.any() else 0.0
        mo["public_events"][m] = self.daily["public_events"][self.calendar.month == m].sum()
        kinds = set(ind.service_kinds)
        services = len(kinds & open_kinds) / len(kinds) if kinds else 1.0
        mo["services_share"][m] = services
        mo["satisfaction_index"][m] = satisfaction(safety, vitality, services, ind)

    def record_change(self, unit: str, status: str, why: str) -> None:
        """Note a status change (month label of the current day, unit, new status, reason)."""
        month = self.calendar.month_labels[self.calendar.month[min(self.t, self.calendar.n_days - 1)]]
        self.changes.append((month, unit, status, why))

    def _retry_openings(self, day: int, changes: list) -> None:
        for unit in list(self.pending_openings):
            if not self.premises_taken(unit.premises_name, besides=unit):
                self.pending_openings.remove(unit)
                unit.trust = 1.0
                unit.set_status(OPEN, day)
                changes.append((unit.name, OPEN, "premises free"))

    def _tenant_entry(self, month: int, visits_row: np.ndarray, days: int, changes: list) -> None:
        """Prospective commercial tenants may take vacant premises from the next month."""
        policy = self.scenario.tenants
        taken = {u.premises_name for u in self.units if u.occupies_premises}
        taken |= {u.premises_name for u in self.pending_openings}
        taken |= self._reserved_premises()
        vacant = [p for p in self.scenario.premises if p not in taken]
        if not vacant:
            return
        visits_per_day = float(visits_row.sum()) / max(days, 1)
        open_attr = sum(u.spec.attraction for u in self.units if u.is_open)
        spend_factor = float(self.footfall.spend_factor.mean()) if self.pop.n else 1.0
        for p in vacant:
            kind = tenants.prospect(self._rng_tenants, policy)
            if kind is None:
                continue
            spec = self._entrant_spec(kind, p)
            premises = self.scenario.premises[p]
            profit = tenants.expected_profit_sek(spec, premises, visits_per_day, open_attr, spend_factor)
            if profit > policy.entry_hurdle_sek_per_month:
                name = self._unique_name(f"{kind}@{p}")
                self._add_unit(name, spec, OPEN)
                self.units[-1]._mark = self.t + 1
                changes.append((name, OPEN, "entered"))
                open_attr += spec.attraction

    def _reserved_premises(self) -> set[str]:
        """Premises held for a unit whose opening is scheduled but has not happened yet (the
        housing company does not let them to a passing tenant)."""
        return {
            self.unit_by_name[iv.unit].premises_name
            for iv in self.scenario.interventions.values()
            if iv.enabled and iv.action == "open_unit" and self.unit_by_name[iv.unit].status == PLANNED
            and self.calendar.day_index(iv.date) < self.calendar.n_days  # opens within the run
        }

    def _unique_name(self, base: str) -> str:
        if base not in self.unit_by_name:
            return base
        n = 2
        while f"{base}#{n}" in self.unit_by_name:
            n += 1
        return f"{base}#{n}"

    def _entrant_spec(self, kind: str, premises: str) -> Unit:
        """A commercial tenant of ``kind`` with the catalogue's defaults, on ``premises``."""
        key = (kind, premises)
        if key not in self._entrant_specs:
            label = f"{UNIT_KINDS[kind].get('label', kind)} ({premises})"
            raw = dict(UNIT_KINDS[kind]) | {
                "kind": kind, "operator": "commercial", "premises": premises, "label": label}
            problems: list = []
            spec = build(Unit, raw, f"units.{kind}", problems)
            if spec is None:  # pragma: no cover - the catalogue is validated by the tests
                raise ValueError(f"catalogue kind {kind!r} is invalid: {problems}")
            self._entrant_specs[key] = spec
        return self._entrant_specs[key]

    # ------------------------------------------------------------------ output
    def output(self) -> RunOutput:
        n_units = len(self.units)
        status = np.full((self.calendar.n_months, n_units), STATUSES.index(PLANNED), dtype=np.int8)
        visits = np.zeros((self.calendar.n_months, n_units), dtype=np.int64)
        for m, (srow, vrow) in enumerate(zip(self._status_rows, self._visit_rows)):
            status[m, : len(srow)] = srow
            visits[m, : len(vrow)] = vrow
        events = np.array(
            self._events,
            dtype=[("day", "i4"), ("type", "i2"), ("actor", "i4"), ("damage_ore", "i8"), ("unit", "i4"),
                   ("daypart", "i1"), ("displaced", "?")],
        )
        ent = self.enterprise
        return RunOutput(
            seed=self.seed,
            scenario_name=self.scenario.name,
            start_date=str(self.calendar.start),
            month_labels=self.calendar.month_labels,
            daily=self.daily,
            monthly=self.monthly,
            units=[
                {"name": u.name, "label": u.spec.label or u.name, "kind": u.kind,
                 "operator": u.operator, "premises": u.premises_name}
                for u in self.units
            ],
            books=self.ledger.amounts(),
            ledger_names=list(self.ledger.unit_names),
            status=status,
            unit_visits=visits,
            flow_rows=list(ent.flow_rows) if ent else [],
            has_enterprise=self.has_enterprise,
            starting_cash_ore=ore(self.scenario.enterprise.starting_cash_sek) if ent else 0,
            overdraft_ore=ent.overdraft_ore if ent else 0,
            min_cash_ore=ent.min_cash_ore if ent else 0,
            events=events,
            event_types=self.unrest.type_names,
            years=self.calendar.n_days / 365.25,
            n_youth=int(self._present[self.unrest.youth].sum()),
            zone_names=self.pop.zone_names,
            visitors_by_group=np.array(self._by_group_rows, dtype=np.int64).reshape(-1, 2, 12),
            visitors_by_zone=np.array(self._by_zone_rows, dtype=np.int64).reshape(-1, 2, self.footfall.n_zones),
            residents_by_group=np.array(self._res_group_rows, dtype=np.int64).reshape(-1, 12),
            residents_by_zone=np.array(self._res_zone_rows, dtype=np.int64).reshape(-1, self.footfall.n_zones),
            changes=self.changes,
        )
