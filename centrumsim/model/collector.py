"""The model's Mesa ``DataCollector``: what Mesa's tools (``batch_run``, visualisation) read.

Mesa's tools index model variables by step (one step = one day), so the collector records every
day: each monthly series as of the last closed month (NaN before the first month closes) and
that day's visitors and unrest events. The table ``monthly`` holds one row per closed month with
every monthly series. The model's own arrays stay the source; the collector only reads them.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from ._mesa import mesa
from .indicators import MONTHLY_SERIES

if TYPE_CHECKING:  # pragma: no cover
    from .model import CentreModel

NAN = float("nan")


def last_closed_month(model: "CentreModel", key: str) -> float:
    """A monthly series' value in the last month that has closed (NaN before the first)."""
    m = model.month - 1
    return float(model.record.monthly[key][m]) if m >= 0 else NAN


def visitors_today(model: "CentreModel") -> int:
    """Visitors to the centre on the day just simulated (day and evening)."""
    d, t = model.record.daily, model.steps - 1
    return int(d["visitors_day"][t] + d["visitors_evening"][t])


def events_today(model: "CentreModel") -> int:
    """Unrest events in the area on the day just simulated."""
    return int(model.record.daily["events"][model.steps - 1])


class CentreCollector(mesa.DataCollector):
    """A ``DataCollector`` with one reporter per monthly series plus the day's visitors and
    events. ``collect`` gives what Mesa's generic one would (it calls the same reporters) but
    reads a month's values once, not every day: a run is thousands of steps."""

    def __init__(self) -> None:
        reporters = {key: partial(last_closed_month, key=key) for key in MONTHLY_SERIES}
        reporters |= {"visitors_today": visitors_today, "events_today": events_today}
        super().__init__(model_reporters=reporters, tables={"monthly": ["month", *MONTHLY_SERIES]})
        self._month = -2
        self._values: list[float] = []

    def collect(self, model: "CentreModel") -> None:
        """Record the day just simulated.

        Mesa ≥ 3.4 also lists when each record was made (``_collection_steps``), and its
        ``batch_run`` looks rows up there; it is given the day's index (0, 1, …), which is the
        step Mesa 3.3's ``batch_run`` reads, so that every version returns the same rows.
        """
        when = getattr(self, "_collection_steps", None)
        if when is not None:
            when.append(model.day)
        if model.month != self._month:
            self._month = model.month
            self._values = [last_closed_month(model, key) for key in MONTHLY_SERIES]
        for key, value in zip(MONTHLY_SERIES, self._values):
            self.model_vars[key].append(value)
        self.model_vars["visitors_today"].append(visitors_today(model))
        self.model_vars["events_today"].append(events_today(model))

    def add_month(self, model: "CentreModel", m: int) -> None:
        """The closed month ``m`` as a row of the ``monthly`` table."""
        row = {"month": model.calendar.month_labels[m]}
        row |= {key: float(model.record.monthly[key][m]) for key in MONTHLY_SERIES}
        self.add_table_row("monthly", row)
