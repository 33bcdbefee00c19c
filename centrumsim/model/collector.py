"""The model's Mesa ``DataCollector``: what Mesa's tools (``batch_run``, visualisation) read.

Mesa's tools index model variables by step (one step = one day), so the collector records every
day: each monthly series as of the last closed month (NaN before the first month closes) and
that day's visitors and unrest events. The table ``monthly`` holds one row per closed month with
every monthly series. The model's record (:class:`.indicators.Record`) stays the source; the
collector only reads it, and of the model only Mesa's step counter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ._mesa import mesa
from .indicators import MONTHLY_SERIES, Record

NAN = float("nan")


def last_closed_month(record: Record, key: str) -> float:
    """A monthly series' value in the last month that has closed (NaN before the first)."""
    m = record.months_closed - 1
    return float(record.monthly[key][m]) if m >= 0 else NAN


def visitors_on(record: Record, day: int) -> int:
    """Visitors to the centre on ``day`` (day and evening)."""
    d = record.daily
    return int(d["visitors_day"][day] + d["visitors_evening"][day])


def events_on(record: Record, day: int) -> int:
    """Unrest events in the area on ``day``."""
    return int(record.daily["events"][day])


def _monthly_reporter(record: Record, key: str) -> Callable[[mesa.Model], float]:
    def report(model: mesa.Model) -> float:  # Mesa calls a reporter with the model
        return last_closed_month(record, key)
    return report


def _daily_reporter(read: Callable[[Record, int], int], record: Record) -> Callable[[mesa.Model], float]:
    def report(model: mesa.Model) -> float:  # the day just simulated: Mesa's steps − 1
        return read(record, model.steps - 1)
    return report


class CentreCollector(mesa.DataCollector):
    """A ``DataCollector`` with one reporter per monthly series plus the day's visitors and
    events. ``collect`` gives what Mesa's generic one would (it calls the same functions) but
    reads a month's values once, not every day: a run is thousands of steps."""

    def __init__(self, record: Record, month_labels: Sequence[str]) -> None:
        reporters = {key: _monthly_reporter(record, key) for key in MONTHLY_SERIES}
        reporters |= {"visitors_today": _daily_reporter(visitors_on, record),
                      "events_today": _daily_reporter(events_on, record)}
        super().__init__(model_reporters=reporters, tables={"monthly": ["month", *MONTHLY_SERIES]})
        self.record = record
        self.month_labels = month_labels
        self._month = -2
        self._values: list[float] = []

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
        if rec.months_closed != self._month:
            self._month = rec.months_closed
            self._values = [last_closed_month(rec, key) for key in MONTHLY_SERIES]
        for key, value in zip(MONTHLY_SERIES, self._values):
            self.model_vars[key].append(value)
        self.model_vars["visitors_today"].append(visitors_on(rec, day))
        self.model_vars["events_today"].append(events_on(rec, day))

    def add_month(self, m: int) -> None:
        """The closed month ``m`` as a row of the ``monthly`` table."""
        row: dict[str, str | float] = {"month": self.month_labels[m]}
        row |= {key: float(self.record.monthly[key][m]) for key in MONTHLY_SERIES}
        self.add_table_row("monthly", row)
