"""The simulation calendar: one step is one day; books close at the end of each calendar month."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Calendar:
    """Day-indexed arrays for a run from ``start`` over ``years`` (end date exclusive)."""

    start: dt.date
    dates: np.ndarray  # datetime64[D], one per simulated day
    weekday: np.ndarray  # 0 = Monday … 6 = Sunday
    weekend: np.ndarray  # bool
    month: np.ndarray  # month index 0..n_months-1 for each day
    month_end: np.ndarray  # bool: last simulated day of a month (books close)
    days_in_month: np.ndarray  # per month index: calendar days of that month
    month_labels: tuple[str, ...]  # "YYYY-MM" per month index

    @property
    def n_days(self) -> int:
        return int(self.dates.size)

    @property
    def n_months(self) -> int:
        return len(self.month_labels)

    def day_index(self, date: dt.date) -> int:
        """Index of ``date`` (may be < 0 or ≥ n_days when outside the run)."""
        return (date - self.start).days

    def month_index(self, date: dt.date) -> int:
        """Index of the month containing ``date`` (may be < 0 or ≥ n_months)."""
        return (date.year - self.start.year) * 12 + date.month - self.start.month


def make_calendar(start: dt.date, years: int) -> Calendar:
    """Build the calendar from ``start`` to the same day ``years`` later (exclusive)."""
    try:
        end = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        end = start.replace(year=start.year + years, day=28)
    dates = np.arange(np.datetime64(start, "D"), np.datetime64(end, "D"))
    weekday = ((dates.astype("int64") + 3) % 7).astype(np.int8)  # 1970-01-01 was a Thursday
    months = dates.astype("datetime64[M]")
    first = months[0]
    month = (months - first).astype(np.int32)
    month_end = np.zeros(dates.size, dtype=bool)
    month_end[:-1] = month[1:] != month[:-1]
    month_end[-1] = True
    uniq = np.unique(months)
    dim = ((uniq + np.timedelta64(1, "M")).astype("datetime64[D]") - uniq.astype("datetime64[D]")).astype(np.int32)
    labels = tuple(str(m) for m in uniq)
    return Calendar(
        start=start,
        dates=dates,
        weekday=weekday,
        weekend=weekday >= 5,
        month=month,
        month_end=month_end,
        days_in_month=dim,
        month_labels=labels,
    )
