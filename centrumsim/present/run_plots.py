"""Plots of one scenario's runs over time and over the residents: the enterprise's cash and
yearly result, visitors, who comes, safety and vacancy. Each returns a :class:`.style.PlotFigure`;
the numbers they draw come from the ``*_table`` functions beside them (tested against Results).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..model.ledger import result
from ..results import Results
from ..results.measures import enterprise_columns
from ..scenario import AGE_LABELS
from .language import capital, enterprise_label, name, number, plural, text
from .style import (BLUE, PlotFigure, GREEN, GREY, ORANGE, PURPLE, RED, band, date_axis, month_dates, money_label,
                    new_figure, note, number_axis, plotting, wrap)


def yearly_result(results: Results) -> pd.DataFrame:
    """The enterprise's result per calendar year, SEK: one row per seed, one column per year
    (a year the run covers only in part holds only those months)."""
    rows = {}
    for r in results.runs:
        monthly = result(r.books[:, enterprise_columns(r), :]).sum(axis=1) / 100
        years = np.array([int(m[:4]) for m in r.month_labels])
        rows[r.seed] = pd.Series(monthly).groupby(years).sum()
    return pd.DataFrame(rows).T.sort_index(axis=1)


@plotting
def plot_cash(results: Results, lang: str = "en") -> PlotFigure:
    """The enterprise's cash month by month (median and 5–95 % band over seeds, the overdraft
    limit and the reserve target) above its yearly result (median bars, 5–95 % whiskers)."""
    n = len(results.runs)
    fig, (top, low) = new_figure(11, 8, text("cash_caption", lang, runs=plural(n, "run", lang)),
                                 nrows=2, height_ratios=(3, 2))
    ts = results.timeseries.pivot(index="month", columns="seed", values="cash_sek")
    x = month_dates(ts.index)
    band(top, x, ts.to_numpy(), BLUE, text("median", lang), text("band", lang))
    ent = results.scenario.enterprise
    top.axhline(-ent.overdraft_limit_sek, color=RED, ls="--", lw=1.5, label=text("overdraft", lang))
    if ent.reserve_target_sek:
        top.axhline(ent.reserve_target_sek, color=GREEN, ls=":", lw=1.5, label=text("reserve", lang))
    top.axhline(0, color="black", lw=0.8)
    number_axis(top, "y", lang, "money")
    date_axis(top, lang)
    top.set_ylabel(money_label(text("cash", lang), lang))
    top.set_title(text("cash_title", lang))
    top.legend(loc="best", ncols=2)

    years = yearly_result(results)
    lo, med, hi = np.percentile(years.to_numpy(), [5, 50, 95], axis=0)
    pos = np.arange(years.shape[1])
    low.bar(pos, med, color=np.where(med >= 0, BLUE, RED), alpha=0.85, gid="yearly_result")
    low.errorbar(pos, med, yerr=[med - lo, hi - med], fmt="none", ecolor="black", capsize=4, lw=1)
    low.axhline(0, color="black", lw=0.8)
    low.set_xticks(pos, [str(y) for y in years.columns])
    number_axis(low, "y", lang, "money")
    low.set_ylabel(money_label(text("result", lang), lang, text("per_year", lang)))
    low.set_title(text("yearly_result_title", lang))
    fig.suptitle(enterprise_label(results, lang))
    return fig


def monthly_visitors(results: Results) -> pd.DataFrame:
    """Visitors per day (resident and outside, both dayparts), the monthly mean: one row per
    month (the first day), one column per seed."""
    d = results.daily
    total = d["visitors_day"] + d["visitors_evening"]
    month = d["date"].dt.to_period("M").dt.to_timestamp()
    return total.groupby([month, d["seed"]]).mean().unstack("seed")


@plotting
def plot_visitors(results: Results, lang: str = "en") -> PlotFigure:
    """Visitors per day, the monthly mean, median and 5–95 % band over seeds; the evening's
    part dashed."""
    n = len(results.runs)
    fig, ax = new_figure(11, 5, text("visitors_caption", lang, runs=plural(n, "run", lang)))
    m = monthly_visitors(results)
    band(ax, m.index, m.to_numpy(), ORANGE, text("all_day", lang), text("band", lang))
    d = results.daily
    evening = d["visitors_evening"].groupby([d["date"].dt.to_period("M").dt.to_timestamp(), d["seed"]]).mean()
    ax.plot(m.index, evening.unstack("seed").median(axis=1), color=PURPLE, ls="--", label=text("evening", lang))
    ax.set_ylim(bottom=0)
    number_axis(ax, "y", lang)
    date_axis(ax, lang)
    ax.set_ylabel(text("visitors_per_day", lang))
    ax.set_title(text("visitors_title", lang))
    ax.legend(loc="best")
    return fig


def who_comes_table(results: Results, lang: str = "en") -> pd.DataFrame:
    """Resident visits by age band and by gender: each group's share of the visits (median over
    seeds) beside its share of the residents, 0–1; ``panel`` says 'age' or 'gender'."""
    c = results.summary()["centre"]
    rows = [("age", label, v) for label, v in zip(AGE_LABELS, c["visitors_by_age"].values())]
    rows += [("gender", text(f"gender_{g}", lang), v) for g, v in c["visitors_by_gender"].items()]
    return pd.DataFrame([{"panel": p, "group": g, "share_of_visits": v["share_of_visitors"]["median"],
                          "share_of_residents": v["share_of_residents"]} for p, g, v in rows])


@plotting
def plot_who_comes(results: Results, lang: str = "en") -> PlotFigure:
    """Who comes: each age band's and each gender's share of the resident visits beside its share
    of the residents (the seeds' goal of an even spread), in two panels."""
    c = results.summary()["centre"]
    even = c["evenness"]["median"]
    fig, (ages, genders) = new_figure(12, 5.5, text("who_caption", lang, evenness=number(even, lang, 2)),
                                      ncols=2, width_ratios=(3, 1.3), sharey=True)
    table = who_comes_table(results, lang)
    for ax, panel in ((ages, "age"), (genders, "gender")):
        t = table[table["panel"] == panel]
        x = np.arange(len(t))
        ax.bar(x - 0.2, t["share_of_visits"].fillna(0), width=0.4, color=ORANGE, label=text("visits_share", lang),
               gid=f"visits_{panel}")
        ax.bar(x + 0.2, t["share_of_residents"].fillna(0), width=0.4, color=GREY, label=text("residents_share", lang),
               gid=f"residents_{panel}")
        ax.set_xticks(x, [wrap(g, 12) for g in t["group"]])
        ax.set_title(text(f"who_{panel}", lang))
        number_axis(ax, "y", lang, "percent")
    ages.set_ylabel(text("share_percent", lang))
    ages.legend(loc="upper left")
    fig.suptitle(text("who_title", lang))
    return fig


@plotting
def plot_safety_vacancy(results: Results, lang: str = "en") -> PlotFigure:
    """The safety index (0–100) and the vacancy rate (share of premises without an open or
    paused unit) month by month: median and 5–95 % band over seeds."""
    n = len(results.runs)
    fig, (safe, vacant) = new_figure(11, 7.5, text("safety_caption", lang, runs=plural(n, "run", lang)),
                                     nrows=2, sharex=True)
    ts = results.timeseries
    x = month_dates(sorted(ts["month"].unique()))
    for ax, key, colour in ((safe, "safety_index", GREEN), (vacant, "vacancy_rate", RED)):
        values = ts.pivot(index="month", columns="seed", values=key).to_numpy()
        band(ax, x, values, colour, text("median", lang), text("band", lang))
        ax.set_title(text(f"{key}_title", lang))
        ax.set_ylabel(text(f"{key}_axis", lang))
    safe.set_ylim(0, 100)
    number_axis(safe, "y", lang)
    vacant.set_ylim(0, 1)
    number_axis(vacant, "y", lang, "percent")
    date_axis(vacant, lang)
    safe.legend(loc="lower left")
    return fig


@plotting
def plot_series(results: Results, key: str, lang: str = "en") -> PlotFigure:
    """Any monthly (``Results.timeseries``) or daily (``Results.daily``) series over seeds:
    median and 5–95 % band (a daily series as its monthly mean)."""
    if key in results.timeseries.columns:
        frame = results.timeseries.pivot(index="month", columns="seed", values=key)
        x = month_dates(frame.index)
    elif key in results.daily.columns:
        d = results.daily
        frame = d[key].groupby([d["date"].dt.to_period("M").dt.to_timestamp(), d["seed"]]).mean().unstack("seed")
        x = frame.index
    else:
        known = sorted({*results.timeseries.columns, *results.daily.columns} - {"seed", "month", "date"})
        raise KeyError(f"no series {key!r}; the series are {', '.join(known)}")
    fig, ax = new_figure(11, 4.5)
    band(ax, x, frame.to_numpy(dtype=float), BLUE, text("median", lang), text("band", lang))
    number_axis(ax, "y", lang, "money" if key.endswith("_sek") else "number")
    date_axis(ax, lang)
    ax.set_title(capital(name("series", key, lang)))
    ax.legend(loc="best")
    if not len(frame):
        note(ax, text("no_data", lang))
    return fig
