"""Measures of one run that the history patterns (``kinds.py``) and the handover read: yearly
means of monthly series, visitors and events a year, burstiness within years, residents'
evenings, whether a unit opened or paused, a month-of-year profile, which kinds of shop trade.
Each reads only a run's outputs (:class:`RunOutput`), never the model."""

from __future__ import annotations

import numpy as np

from ..model import RunOutput, Status
from ..results import fano_factor


def years_of_months(r: RunOutput) -> np.ndarray:
    return np.array([int(m[:4]) for m in r.month_labels])


def dates_of(r: RunOutput, n: int) -> np.ndarray:
    return np.datetime64(r.start_date) + np.arange(n)


def yearly_mean(r: RunOutput, key: str, year: int) -> float:
    """The mean of a monthly series over the months of ``year``."""
    return float(r.monthly[key][years_of_months(r) == year].mean())


def visitors_per_day(r: RunOutput, year: int) -> float:
    """Visitors per day (both dayparts) over ``year``."""
    v = r.daily["visitors_day"] + r.daily["visitors_evening"]
    return float(v[dates_of(r, v.size).astype("datetime64[Y]").astype(int) + 1970 == year].mean())


def events_per_year(r: RunOutput, year: int) -> float:
    return yearly_mean(r, "events", year) * 12


def within_year_fano(r: RunOutput) -> float:
    """The Fano factor of monthly event counts within each calendar year, averaged over the years
    (so that a trend over the years does not count as burstiness)."""
    years = years_of_months(r)
    values = [fano_factor(r.monthly["events"][years == y]) for y in np.unique(years)]
    return float(np.nanmean(values)) if np.isfinite(values).any() else float("nan")


def resident_evenings(r: RunOutput, since: int) -> float:
    """Residents' evening visits per day from the year ``since``."""
    v = r.daily["visitors_evening"] - r.daily["outside_evening"]
    return float(v[dates_of(r, v.size).astype("datetime64[Y]").astype(int) + 1970 >= since].mean())


def _unit_column(r: RunOutput, unit: str) -> np.ndarray:
    return r.status[:, [u["name"] for u in r.units].index(unit)]


def opened(r: RunOutput, unit: str) -> bool:
    return bool((_unit_column(r, unit) == Status.OPEN.code).any())


def paused_ever(r: RunOutput, unit: str) -> bool:
    return bool(np.isin(_unit_column(r, unit), (Status.PAUSED.code, Status.CLOSED.code)).any())


def month_of_year_profile(values: np.ndarray, dates: np.ndarray, since_year: int) -> np.ndarray | None:
    """Per month of the year (12 values), the median over the whole calendar years from
    ``since_year`` of that month's mean over the year's mean (None without a whole year)."""
    years = dates.astype("datetime64[Y]").astype(int) + 1970
    months = dates.astype("datetime64[M]").astype(int) % 12
    ratios = []
    for y in np.unique(years[years >= since_year]):
        in_year = years == y
        if in_year.sum() < (366 if y % 4 == 0 and (y % 100 or y % 400 == 0) else 365):
            continue  # a part year would weigh its months against a part of the year
        year_mean = values[in_year].mean()
        ratios.append([values[in_year & (months == k)].mean() / year_mean for k in range(12)])
    return np.median(np.array(ratios), axis=0) if ratios else None


def series_mean(r: RunOutput, series: str, first: int, last: int) -> float:
    """The mean of a monthly series over years first…last, or of two derived ones: ``visitors``
    (visitors per day) and ``events_per_year`` (events in the area a year)."""
    if series == "visitors":
        return float(np.mean([visitors_per_day(r, y) for y in range(first, last + 1)]))
    if series == "events_per_year":
        return float(np.mean([events_per_year(r, y) for y in range(first, last + 1)]))
    years = years_of_months(r)
    return float(r.monthly[series][(years >= first) & (years <= last)].mean())


def trading_share(r: RunOutput, kind: str, first: int, last: int) -> float:
    """The share of the months of years first…last in which some unit of ``kind`` is open."""
    cols = [i for i, u in enumerate(r.units) if u.get("kind") == kind]
    years = years_of_months(r)[: r.status.shape[0]]
    months = (years >= first) & (years <= last)
    if not cols or not months.any():
        return 0.0
    return float((r.status[months][:, cols] == Status.OPEN.code).any(axis=1).mean())
