"""The model's Mesa ``DataCollector``: what Mesa's tools (``batch_run``, visualisation) read.

Mesa's tools index model variables by step (one step = one day), so the collector records a row
every day, and each row holds that day's values: every daily series (visitors, events, fear, …:
:data:`DAILY_COLUMNS`) and ``visitors_today`` (day and evening). A monthly series (the
books, the indices, …) has a value only on the day its month closed (the month's last day), NaN
on the other days, so that no row repeats a month that is over; ``dropna()`` on a monthly column
gives the months. The table ``monthly`` holds one row per closed month with every monthly series.
The model's record (:class:`.indicators.Record`) stays the source; the collector only reads it,
and of the model only Mesa's step counter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from ._mesa import mesa
from .indicators import DAILY_SERIES, MONTHLY_SERIES, Record

NAN = float("nan")

DAILY_COLUMNS = {key: f"{key}_today" if key in MONTHLY_SERIES else key for key in DAILY_SERIES}
"""The collector's column of each daily series: its name, with ``_today`` when a monthly series
has the same name (``events`` is the month's count, ``events_today`` the day's)."""


def closed_on(record: Record, key: str, month_closed: bool) -> float:
    """A monthly series' value on the day just simulated: the month's value when a month closed
    that day (``month_closed``), else NaN."""
    return float(record.monthly[key][record.months_closed - 1]) if month_closed else NAN


def daily_value(record: Record, key: str, day: int) -> float:
    """A daily series' value on ``day``."""
    return float(record.daily[key][day])


def visitors_on(record: Record, day: int) -> int:
    """Visitors to the centre on ``day`` (day and evening)."""
    d = record.daily
    return int(d["visitors_day"][day] + d["visitors_evening"][day])


def _monthly_reporter(record: Record, key: str, month_ends: np.ndarray) -> Callable[[mesa.Model], float]:
    def report(model: mesa.Model) -> float:  # Mesa calls a reporter with the model; the day just simulated
        return closed_on(record, key, bool(month_ends[model.steps - 1]))
    return report


def _daily_reporter(record: Record, key: str) -> Callable[[mesa.Model], float]:
    def report(model: mesa.Model) -> float:
        return daily_value(record, key, model.steps - 1)
    return report


def _visitors_reporter(record: Record) -> Callable[[mesa.Model], float]:
    def report(model: mesa.Model) -> float:
        return visitors_on(record, model.steps - 1)
    return report


class CentreCollector(mesa.DataCollector):
    """A ``DataCollector`` with one reporter per daily series, ``visitors_today`` and one per
    monthly series. ``collect`` gives what Mesa's generic one would (it calls the same
    functions' logic) without a Python call per reporter and day: a run is thousands of steps."""

    def __init__(self, record: Record, month_labels: Sequence[str], month_ends: np.ndarray) -> None:
        """``month_ends``: per day of the run, whether a month closes that day (bool)."""
        reporters = {column: _daily_reporter(record, key) for key, column in DAILY_COLUMNS.items()}
        reporters["visitors_today"] = _visitors_reporter(record)
        reporters |= {key: _monthly_reporter(record, key, month_ends) for key in MONTHLY_SERIES}
        super().__init__(model_reporters=reporters, tables={"monthly": ["month", *MONTHLY_SERIES]})
        self.record = record
        self.month_labels = month_labels
        self.month_ends = month_ends

    def collect(self, model: mesa.Model) -> None:
        """Record the day just simulated (``model.steps − 1``; Mesa's counter is all it reads of
        the model).

        Mesa ≥ 3.4 also lists when each record was made (``_collection_steps``), and its
        ``batch_run`` looks rows up there; it is given the day's index (0, 1, …), which is the
        step Mesa 3.3's ``batch_run`` reads, so that every version returns the same rows.
        """
        day = model.steps - 1
        when = getattr(self, "_collection_steps", None)
        if when is not None:
            when.append(max(day, 0))
        rec = self.record
        for key, column in DAILY_COLUMNS.items():
            self.model_vars[column].append(daily_value(rec, key, day))
        self.model_vars["visitors_today"].append(visitors_on(rec, day))
        closed = bool(self.month_ends[day])
        for key in MONTHLY_SERIES:
            self.model_vars[key].append(closed_on(rec, key, closed))

    def add_month(self, m: int) -> None:
        """The closed month ``m`` as a row of the ``monthly`` table."""
        row: dict[str, str | float] = {"month": self.month_labels[m]}
        row |= {key: float(self.record.monthly[key][m]) for key in MONTHLY_SERIES}
        self.add_table_row("monthly", row)
