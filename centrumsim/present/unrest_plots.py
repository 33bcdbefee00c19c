"""The unrest timeline: unrest events by type month by month (the mean over seeds, displaced
events — those a crackdown pushed out of the area — left out, as in the summary), with the
scenario's dated interventions marked."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from ..results import Results
from .language import _, ngettext
from .names import ACTIONS, display, event_label, lever_value, unit_labels
from .style import BLACK, PALETTE, PlotFigure, date_axis, month_dates, new_figure, note, number_axis, plotting


def events_by_month(results: Results) -> pd.DataFrame:
    """Unrest events per month by type, the mean over seeds: one row per month label, one column
    per event type (displaced events left out, so a month's row sums to the monthly ``events``
    series' mean)."""
    r0 = results.runs[0]
    months = list(r0.month_labels)
    types = list(r0.event_types)
    counts = np.zeros((len(months), len(types)))
    for r in results.runs:
        e = r.events[~r.events["displaced"]]
        month = (np.datetime64(r.start_date, "D") + e["day"].astype("timedelta64[D]")).astype("datetime64[M]")
        index = {m: i for i, m in enumerate(months)}
        rows = np.array([index[m] for m in month.astype(str)], dtype=int)
        np.add.at(counts, (rows, e["type"].astype(int)), 1)
    return pd.DataFrame(counts / len(results.runs), index=pd.Index(months, name="month"), columns=types)


def dated_interventions(results: Results, lang: str = "en") -> list[tuple[dt.date, str]]:
    """The scenario's enabled interventions inside the horizon, as (date, what it does in words)."""
    sc = results.scenario
    start = sc.time.start_date
    end = dt.date(start.year + sc.time.years, start.month, 1)
    labels = unit_labels(results)
    out = []
    for iv in sc.interventions.values():
        if not iv.enabled or not (start <= iv.date < end):
            continue
        unit = labels.get(iv.unit, iv.unit)
        value = lever_value(iv.action, iv.value, lang)
        out.append((iv.date, display(ACTIONS, iv.action, lang).format(unit=unit, value=value).strip()))
    return sorted(out)


CHARS_ACROSS = 120
"""About how many characters of 10-point text fit across the timeline's axes (13 inches wide)."""


def label_rows(marks: list[tuple[dt.date, str]], first: Any, last: Any) -> list[int]:
    """A row for each mark's label (0 the lowest), so that no label runs into the next: a label
    takes the first row where the label before it has ended, its width estimated from its
    characters (:data:`CHARS_ACROSS` across the span ``first``–``last`` of dates)."""
    if not marks or first is None:
        return [0] * len(marks)
    day = np.timedelta64(1, "D")
    span = max(int((np.datetime64(last, "D") - np.datetime64(first, "D")) // day), 1)
    ends: list[np.datetime64] = []
    out = []
    for date, what in marks:
        start = np.datetime64(date, "D")
        row = next((i for i, end in enumerate(ends) if end < start), len(ends))
        end = start + day * int(span * (len(what) + 2) / CHARS_ACROSS)
        if row < len(ends):
            ends[row] = end
        else:
            ends.append(end)
        out.append(row)
    return out


@plotting
def plot_unrest_timeline(results: Results, lang: str = "en") -> PlotFigure:
    """Unrest events per month by type (stacked bars, the mean over seeds) with the dated
    interventions as labelled vertical lines."""
    table = events_by_month(results)
    n = len(results.runs)
    marks = dated_interventions(results, lang)
    caption = _("Each bar is the average month over {runs}, split by type of event.", lang,
                runs=ngettext("{n} run", "{n} runs", n, lang))
    marked = " " + _("Dashed lines mark what the scenario does, and when.", lang) if marks else ""
    fig, ax = new_figure(13, 6, caption + marked)
    x = month_dates(table.index)
    bottom = np.zeros(len(table))
    for i, kind in enumerate(table.columns):
        values = table[kind].to_numpy()
        ax.bar(x, values, width=np.timedelta64(25, "D"), bottom=bottom, align="edge", color=PALETTE[i % len(PALETTE)],
               label=event_label(kind, lang), gid=f"events:{kind}")
        bottom += values
    top = max(float(bottom.max()) if bottom.size else 0.0, 0.5)
    levels = label_rows(marks, x[0] if len(x) else None, x[-1] if len(x) else None)
    rows = max(levels, default=-1) + 1
    for (date, what), level in zip(marks, levels):
        ax.axvline(np.datetime64(date), color=BLACK, ls="--", lw=1.2, gid="intervention")
        ax.annotate(what, (np.datetime64(date), top * (1.1 + 0.13 * (rows - level))), xytext=(4, 0),
                    textcoords="offset points", ha="left", va="top", fontsize=10, color=BLACK, gid="intervention-label",
                    zorder=5, bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.9})
    ax.set_ylim(0, top * (1.15 + 0.13 * rows))
    if not bottom.any():
        note(ax, _("No unrest events in these runs.", lang), "upper left")
    number_axis(ax, "y", lang)
    date_axis(ax, lang)
    ax.set_ylabel(_("Unrest events per month", lang))
    ax.set_title(_("Unrest events month by month", lang))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig
