"""The unrest timeline: unrest events by type month by month (the mean over seeds, displaced
events — those a crackdown pushed out of the area — left out, as in the summary), with the
scenario's dated interventions marked."""

from __future__ import annotations

import datetime as dt

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
    for k, (date, what) in enumerate(marks):
        ax.axvline(np.datetime64(date), color=BLACK, ls="--", lw=1.2, gid="intervention")
        ax.annotate(what, (np.datetime64(date), top * (1.45 - 0.12 * (k % 3))), xytext=(4, 0),
                    textcoords="offset points", ha="left", va="top", fontsize=10, color=BLACK)
    ax.set_ylim(0, top * 1.5 if marks else top * 1.15)
    if not bottom.any():
        note(ax, _("No unrest events in these runs.", lang), "upper left")
    number_axis(ax, "y", lang)
    date_axis(ax, lang)
    ax.set_ylabel(_("Unrest events per month", lang))
    ax.set_title(_("Unrest events month by month", lang))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig
