"""Indicators, named after what the seeds measure, and the run's record of them.

:class:`Record` keeps the daily series (drawn a segment of days at a time) and, at each month's
end, the monthly series and rows (units' status and visits, visitors by group and zone against
the residents). The formulas are small functions with hand-checkable numbers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from ..outcomes import DAY, MONTH, series_names
from ..scenario import EconomySection, IndicatorSection
from ..scenario.vocabulary import N_GROUPS, YOUTH_BANDS
from .calendar import Calendar
from .economy import index_at
from .population import Population
from .units import UnitAgent

DAILY_SERIES = series_names(DAY)
"""The series recorded day by day (declared in :mod:`centrumsim.outcomes`)."""
MONTHLY_SERIES = series_names(MONTH)
"""The series recorded month by month (declared in :mod:`centrumsim.outcomes`)."""


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


def satisfaction(safety_index: float, vitality: float, services: float, ind: IndicatorSection) -> float:
    """Resident satisfaction (0–100): a weighted mean of the safety index / 100, the centre's
    vitality (open premises share) and access to services (share of the service kinds open)."""
    w = (ind.satisfaction_weight_safety, ind.satisfaction_weight_vitality, ind.satisfaction_weight_services)
    total = math.fsum(w) or 1.0
    return 100.0 * (w[0] * safety_index / 100.0 + w[1] * vitality + w[2] * services) / total


def base_safety(pop_female: np.ndarray, age_band: np.ndarray, base_share: float, young_female_gap: float) -> np.ndarray:
    """Each resident's baseline perceived safety (0.01–1): the area's share, less a gap for
    young women (13–25)."""
    out = np.full(age_band.size, base_share)
    out[pop_female & (age_band >= YOUTH_BANDS[0]) & (age_band <= YOUTH_BANDS[-1])] -= young_female_gap  # bands in a row
    return np.clip(out, 0.01, 1.0)


def activities_held(units: Iterable[UnitAgent]) -> float:
    """Activities the units held in the month last closed: Σ per week × days open / 7."""
    return math.fsum(u.spec.activities_per_week * u.last_days_open / 7 for u in units)


@dataclass
class MonthState:
    """The centre as the month was lived, before the month-end decisions take effect."""

    visits: np.ndarray  # int64 per unit
    status: list[int]  # status code per unit
    vacancy: float
    open_units: int
    vitality: float
    open_kinds: set[str]


@dataclass(frozen=True)
class MonthEnd:
    """What a month's indicators read at its end, besides the record's own days and
    :class:`MonthState`."""

    residents: Population  # who lives here (here, group, zone, age band)
    base_safety: np.ndarray  # each resident's baseline perceived safety (0.01–1)
    visitors_by_group: np.ndarray  # [daypart, group]: the month's resident visitors (foot traffic's counts)
    visitors_by_zone: np.ndarray  # [daypart, zone]
    seen: np.ndarray  # bool per resident: came at least once this month
    club_active_share: float  # children 6–19 here who are members of a sports club (membership)
    guardians: tuple[float, float]  # effective guardians (day, evening) in the month's last segment
    legitimacy: float  # the area's legitimacy on the month's last day (0–1)
    youths_in_posts: int  # local youths in work-integration posts
    active_youths: int  # youths active in unrest
    area_income: float  # the area's median income / the national median
    activities: float  # activities held in the month (activities_held)
    guard_fte_days: float  # guards on duty over the month, FTE-days
    cash_sek: float  # the enterprise's cash at the month's end, SEK (0 without one)
    result_sek: float  # the enterprise's result of the month, SEK (0 without one)


class Record:
    """The run's daily and monthly series and monthly rows."""

    def __init__(self, calendar: Calendar, indicators: IndicatorSection, economy: EconomySection | None,
                 guard_cost_sek_per_fte_month: float):
        """``indicators``: how the indicators are defined; ``economy`` and the guards' cost: for
        the month's guard cost, as the public ledger books it."""
        self.calendar = calendar
        self.spec = indicators
        self.economy = economy
        self.guard_cost_sek_per_fte_month = guard_cost_sek_per_fte_month
        self.daily = {k: np.zeros(calendar.n_days, dtype=float if k == "fear" else np.int64) for k in DAILY_SERIES}
        self.monthly = {k: np.zeros(calendar.n_months) for k in MONTHLY_SERIES}
        self.status_rows: list[list[int]] = []
        self.visit_rows: list[np.ndarray] = []
        self.by_group_rows: list[np.ndarray] = []
        self.by_zone_rows: list[np.ndarray] = []
        self.res_group_rows: list[np.ndarray] = []
        self.res_zone_rows: list[np.ndarray] = []

    def segment(self, days: np.ndarray, drawn: dict[str, np.ndarray], fear: np.ndarray, events: np.ndarray,
                displaced: np.ndarray, unrepaired: np.ndarray, public_events: np.ndarray) -> None:
        """A segment of days: foot traffic drawn, and the unrest the days saw."""
        d = self.daily
        d["public_events"][days] = public_events
        d["displaced_events"][days] = displaced
        d["unrepaired_damage"][days] = unrepaired
        d["visitors_day"][days] = drawn["residents_day"] + drawn["outside_day"]
        d["visitors_evening"][days] = drawn["residents_evening"] + drawn["outside_evening"]
        d["outside_day"][days] = drawn["outside_day"]
        d["outside_evening"][days] = drawn["outside_evening"]
        d["unit_visits"][days] = drawn["unit_visits"]
        d["events"][days] = events
        d["fear"][days] = fear

    @property
    def months_closed(self) -> int:
        """Months recorded so far."""
        return len(self.status_rows)

    def month(self, m: int, lived: MonthState, end: MonthEnd) -> None:
        """Month ``m``'s indicators (``lived``: the month before its end's decisions; ``end``:
        the rest, at its end)."""
        cal, pop, ind = self.calendar, end.residents, self.spec
        mo = self.monthly
        mo["cash_sek"][m], mo["result_sek"][m] = end.cash_sek, end.result_sek
        days = cal.month == m
        present = pop.here
        fear = float(self.daily["fear"][days].mean())
        safety = 100.0 * float(end.base_safety[present].mean() if present.any() else 1.0) * (1.0 - fear)
        mo["safety_index"][m] = safety
        res_group = np.bincount(pop.group[present], minlength=N_GROUPS)
        res_zone = np.bincount(pop.zone[present], minlength=end.visitors_by_zone.shape[1])
        self.by_group_rows.append(end.visitors_by_group.copy())
        self.by_zone_rows.append(end.visitors_by_zone.copy())
        self.res_group_rows.append(res_group)
        self.res_zone_rows.append(res_zone)
        mo["residents"][m] = int(present.sum())
        mo["evenness"][m] = evenness(end.visitors_by_group.sum(axis=0), res_group)
        mo["club_active_share"][m] = end.club_active_share
        mo["public_events"][m] = self.daily["public_events"][days].sum()
        kinds = set(ind.service_kinds)
        services = len(kinds & lived.open_kinds) / len(kinds) if kinds else 1.0
        mo["services_share"][m] = services
        mo["satisfaction_index"][m] = satisfaction(safety, lived.vitality, services, ind)
        mo["vacancy_rate"][m] = lived.vacancy
        mo["events"][m] = self.daily["events"][days].sum()
        mo["unique_visitors"][m] = int(end.seen.sum())
        mo["guardians_day"][m], mo["guardians"][m] = end.guardians
        mo["willingness_to_report"][m] = willingness_to_report(end.legitimacy, fear)
        mo["displaced_events"][m] = self.daily["displaced_events"][days].sum()
        mo["youths_in_posts"][m] = end.youths_in_posts
        mo["active_youths"][m] = end.active_youths
        mo["area_income"][m] = end.area_income
        mo["open_units"][m] = lived.open_units
        mo["activities"][m] = end.activities
        wages = index_at(self.economy, m).wages  # as the public ledger books them
        mo["guard_cost_sek"][m] = (end.guard_fte_days / int(cal.days_in_month[m]) * self.guard_cost_sek_per_fte_month
                                   * wages)
        self.status_rows.append(lived.status)
        self.visit_rows.append(lived.visits)

    def visitors_per_day(self, days: np.ndarray) -> tuple[float, float]:
        """Mean visitors per day (day, evening) over ``days`` (a mask or indices)."""
        return float(self.daily["visitors_day"][days].mean()), float(self.daily["visitors_evening"][days].mean())
