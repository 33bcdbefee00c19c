"""The foot-traffic heatmap: visitors by weekday and daypart, and each unit's visits month by
month. Both are derived from what a run returns — the daily visitors by daypart on the run's
calendar, and the units' visits per month — so the cells add up to the visits (tested).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..results import Results
from .language import _, ngettext, number
from .names import DAYPARTS, display, month_name, unit_labels, weekdays
from .style import PlotFigure, new_figure, plotting, wrap

OPERATOR_ORDER = ("enterprise", "public", "commercial")
"""Rows of the unit heatmap: the enterprise's units first, then the public houses, then the shops."""
COLOURS = "viridis"  # perceptually even and readable with a colour-vision deficiency


def visits_by_weekday(results: Results) -> pd.DataFrame:
    """Visitors per day by weekday (0 = Monday) and daypart ('day', 'evening'), over every day
    of every seed: ``visitors_per_day`` the mean, ``days`` how many seed-days it is over,
    ``visits`` their sum (so the ``visits`` add up to all the visits of the runs)."""
    d = results.daily
    rows = []
    for part in ("day", "evening"):
        g = d.groupby(d["date"].dt.day_of_week)[f"visitors_{part}"]
        for weekday, visits, days in zip(g.sum().index, g.sum().to_numpy(), g.size().to_numpy()):
            rows.append({"weekday": int(weekday), "daypart": part, "visits": float(visits), "days": int(days),
                         "visitors_per_day": float(visits) / days})
    return pd.DataFrame(rows)


def days_per_month(results: Results) -> pd.Series:
    """Simulated days in each month of the runs (month label → days; the first and last month
    may be short)."""
    r = results.runs[0]
    n = len(next(iter(r.daily.values())))
    days = np.datetime64(r.start_date, "D") + np.arange(n)
    labels = days.astype("datetime64[M]").astype(str)
    counts = pd.Series(labels).value_counts()
    return counts.reindex(list(r.month_labels)).fillna(0).astype(int)


def unit_visits_by_month(results: Results) -> pd.DataFrame:
    """Each unit's visits per day in each month, the mean over seeds (a unit absent from a seed,
    say an entrant, counts as zero there): one row per unit (by name, enterprise units first),
    one column per month label."""
    months = list(results.runs[0].month_labels)
    total: dict[str, np.ndarray] = {}
    operator: dict[str, str] = {}
    for r in results.runs:
        for j, u in enumerate(r.units):
            total.setdefault(u["name"], np.zeros(len(months)))
            total[u["name"]] += r.unit_visits[:, j]
            operator[u["name"]] = u["operator"]
    days = days_per_month(results).to_numpy()
    order = sorted(total, key=lambda n: OPERATOR_ORDER.index(operator[n]) if operator[n] in OPERATOR_ORDER else 9)
    per_day = np.array([total[n] for n in order]) / len(results.runs) / np.where(days > 0, days, 1)
    return pd.DataFrame(per_day, index=pd.Index(order, name="unit"), columns=months)


@plotting
def plot_footfall(results: Results, lang: str = "en") -> PlotFigure:
    """Two heatmaps: visitors per day by weekday and daypart (top, each cell's number written
    in it) and each unit's visits per day month by month (below)."""
    units = unit_visits_by_month(results)
    n = len(results.runs)
    height = 3.4 + max(3.0, 0.42 * len(units)) + 1.2
    fig, (top, low) = new_figure(12.5, height, _("Brighter is busier. Top: the average day of each weekday, daytime "
                                                 "(08–17) and evening (17–22). Below: each unit, the average over "
                                                 "{runs}.", lang, runs=ngettext("{n} run", "{n} runs", n, lang)),
                                 nrows=2, height_ratios=(2.6, max(3.0, 0.42 * len(units))))
    week = visits_by_weekday(results).pivot(index="daypart", columns="weekday", values="visitors_per_day")
    week = week.reindex(index=["day", "evening"], columns=range(7))
    image = top.imshow(week.to_numpy(), cmap=COLOURS, aspect="auto", gid="weekday_daypart")
    top.set_xticks(range(7), weekdays(lang))
    top.set_yticks(range(2), [display(DAYPARTS, p, lang) for p in week.index])
    top.grid(False)
    top.tick_params(length=0)
    limit = np.nanmax(week.to_numpy()) if week.size else 0
    for (i, j), v in np.ndenumerate(week.to_numpy()):
        top.text(j, i, number(v, lang, decimals=0), ha="center", va="center", fontsize=12,
                 color="black" if v > 0.6 * limit else "white")
    fig.colorbar(image, ax=top, label=_("Visitors per day", lang), shrink=0.9)
    top.set_title(_("Visitors per day by weekday and daypart", lang))

    labels = unit_labels(results)
    grid = low.imshow(units.to_numpy(), cmap=COLOURS, aspect="auto", interpolation="nearest", gid="unit_month")
    low.set_yticks(range(len(units)), [wrap(labels.get(u, u), 30) for u in units.index])
    months = list(units.columns)
    ticks = [i for i, m in enumerate(months) if m.endswith("-01") or i == 0]
    if len(ticks) < 3:
        ticks = list(range(0, len(months), max(1, len(months) // 8)))
    low.set_xticks(ticks, [months[i][:4] if months[i].endswith("-01") else
                           f"{month_name(int(months[i][5:]), lang)} {months[i][:4]}" for i in ticks])
    low.grid(False)
    low.tick_params(length=0)
    fig.colorbar(grid, ax=low, label=_("Visits per day", lang), shrink=0.9)
    low.set_title(_("Each unit's visits per day, month by month", lang))
    low.set_xlabel(_("Month", lang))
    fig.suptitle(_("When and where people come", lang))
    return fig
