"""Plots of one scenario's runs over time and over the residents: the enterprise's cash and
yearly result, visitors, who comes, safety and vacancy. Each returns a :class:`.style.PlotFigure`;
the numbers they draw come from the ``*_table`` functions beside them (tested against Results).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..model.ledger import result
from ..outcomes import DAY, MONTH, series, series_names
from ..results import Results
from ..results.measures import enterprise_columns
from ..scenario import AGE_LABELS
from .language import _, capital, ngettext, number, outcome_title
from .names import GENDERS, display, enterprise_label
from .style import (
    BLUE,
    GREEN,
    GREY,
    ORANGE,
    PURPLE,
    RED,
    PlotFigure,
    axis_kind,
    band,
    date_axis,
    money_label,
    month_dates,
    new_figure,
    note,
    number_axis,
    plotting,
    wrap,
)


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
    fig, (top, low) = new_figure(11, 8, _("The line is the middle of {runs}, the band holds 90% of them. Below the "
                                          "dashed line at the bottom the enterprise has used up its overdraft and "
                                          "cannot pay its bills.", lang, runs=ngettext("{n} run", "{n} runs", n, lang)),
                                 nrows=2, height_ratios=(3, 2))
    ts = results.timeseries.pivot(index="month", columns="seed", values="cash_sek")
    x = month_dates(ts.index)
    band(top, x, ts.to_numpy(), BLUE, _("median", lang), _("5–95% band", lang))
    ent = results.scenario.enterprise
    top.axhline(-ent.overdraft_limit_sek, color=RED, ls="--", lw=1.5, label=_("overdraft limit", lang))
    if ent.reserve_target_sek:
        top.axhline(ent.reserve_target_sek, color=GREEN, ls=":", lw=1.5, label=_("reserve", lang))
    top.axhline(0, color="black", lw=0.8)
    number_axis(top, "y", lang, "money")
    date_axis(top, lang)
    top.set_ylabel(money_label(_("Cash", lang), lang))
    top.set_title(_("Cash, month by month", lang))
    top.legend(loc="best", ncols=2)

    years = yearly_result(results)
    lo, med, hi = np.percentile(years.to_numpy(), [5, 50, 95], axis=0)
    pos = np.arange(years.shape[1])
    low.bar(pos, med, color=np.where(med >= 0, BLUE, RED), alpha=0.85, gid="yearly_result")
    low.errorbar(pos, med, yerr=[med - lo, hi - med], fmt="none", ecolor="black", capsize=4, lw=1)
    low.axhline(0, color="black", lw=0.8)
    low.set_xticks(pos, [str(y) for y in years.columns])
    number_axis(low, "y", lang, "money")
    low.set_ylabel(money_label(_("Result", lang), lang, _("per year", lang)))
    low.set_title(_("Yearly result (median, whiskers: 5–95% of the runs)", lang))
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
    fig, ax = new_figure(11, 5, _("Residents' and outside visitors' visits per day, the mean of each month; the "
                                  "line is the middle of {runs}, the band holds 90% of them.", lang,
                                  runs=ngettext("{n} run", "{n} runs", n, lang)))
    m = monthly_visitors(results)
    band(ax, m.index, m.to_numpy(), ORANGE, _("all visits (median)", lang), _("5–95% band", lang))
    d = results.daily
    evening = d["visitors_evening"].groupby([d["date"].dt.to_period("M").dt.to_timestamp(), d["seed"]]).mean()
    ax.plot(m.index, evening.unstack("seed").median(axis=1), color=PURPLE, ls="--",
            label=_("of which in the evening (median)", lang))
    ax.set_ylim(bottom=0)
    number_axis(ax, "y", lang)
    date_axis(ax, lang)
    ax.set_ylabel(_("Visitors per day", lang))
    ax.set_title(_("Visitors to the centre", lang))
    ax.legend(loc="best")
    return fig


def who_comes_table(results: Results, lang: str = "en") -> pd.DataFrame:
    """Resident visits by age band and by gender: each group's share of the visits (median over
    seeds) beside its share of the residents, 0–1; ``panel`` says 'age' or 'gender'."""
    c = results.summary()["centre"]
    rows = [("age", label, v) for label, v in zip(AGE_LABELS, c["visitors_by_age"].values())]
    rows += [("gender", display(GENDERS, g, lang), v) for g, v in c["visitors_by_gender"].items()]
    return pd.DataFrame([{"panel": p, "group": g, "share_of_visits": v["share_of_visitors"]["median"],
                          "share_of_residents": v["share_of_residents"]} for p, g, v in rows])


@plotting
def plot_who_comes(results: Results, lang: str = "en") -> PlotFigure:
    """Who comes: each age band's and each gender's share of the resident visits beside its share
    of the residents (the seeds' goal of an even spread), in two panels."""
    c = results.summary()["centre"]
    even = c["evenness"]["median"]
    fig, (ages, genders) = new_figure(12, 5.5, _("Where an orange bar matches the grey one beside it, that group "
                                                 "comes as often as its share of the residents. Evenness {evenness} "
                                                 "(1 = the visitors mirror the residents).", lang,
                                                 evenness=number(even, lang, 2)),
                                      ncols=2, width_ratios=(3, 1.3), sharey=True)
    table = who_comes_table(results, lang)
    panels = {"age": _("By age", lang), "gender": _("By gender", lang)}
    for ax, panel in ((ages, "age"), (genders, "gender")):
        t = table[table["panel"] == panel]
        x = np.arange(len(t))
        ax.bar(x - 0.2, t["share_of_visits"].fillna(0), width=0.4, color=ORANGE,
               label=_("share of the residents' visits", lang),
               gid=f"visits_{panel}")
        ax.bar(x + 0.2, t["share_of_residents"].fillna(0), width=0.4, color=GREY,
               label=_("share of the residents", lang), gid=f"residents_{panel}")
        ax.set_xticks(x, [wrap(g, 12) for g in t["group"]])
        ax.set_title(panels[panel])
        number_axis(ax, "y", lang, "percent")
    ages.set_ylabel(_("Share (%)", lang))
    ages.legend(loc="upper left")
    fig.suptitle(_("Who comes to the centre", lang))
    return fig


@plotting
def plot_safety_vacancy(results: Results, lang: str = "en") -> PlotFigure:
    """The safety index (0–100) and the vacancy rate (share of premises without an open or
    paused unit) month by month: median and 5–95 % band over seeds."""
    n = len(results.runs)
    fig, (safe, vacant) = new_figure(11, 7.5, _("How safe residents feel (0–100) and how many premises stand "
                                                "without an open or paused unit; the line is the middle of {runs}, "
                                                "the band holds 90% of them.", lang,
                                                runs=ngettext("{n} run", "{n} runs", n, lang)),
                                     nrows=2, sharex=True)
    ts = results.timeseries
    x = month_dates(sorted(ts["month"].unique()))
    for ax, key, colour in ((safe, "safety_index", GREEN), (vacant, "vacancy_rate", RED)):
        values = ts.pivot(index="month", columns="seed", values=key).to_numpy()
        band(ax, x, values, colour, _("median", lang), _("5–95% band", lang))
        declared = series(key)
        ax.set_title(capital(_(declared.label, lang)))
        ax.set_ylabel(capital(outcome_title(declared, lang, percent_axis=True)))
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
    if key in series_names(MONTH):
        frame = results.timeseries.pivot(index="month", columns="seed", values=key)
        x = month_dates(frame.index)
        declared = series(key, MONTH)
    elif key in series_names(DAY):
        d = results.daily
        frame = d[key].groupby([d["date"].dt.to_period("M").dt.to_timestamp(), d["seed"]]).mean().unstack("seed")
        x = frame.index
        declared = series(key, DAY)
    else:
        known = sorted({*series_names(MONTH), *series_names(DAY)})
        raise KeyError(f"no series {key!r}; the series are {', '.join(known)}")
    fig, ax = new_figure(11, 4.5)
    band(ax, x, frame.to_numpy(dtype=float), BLUE, _("median", lang), _("5–95% band", lang))
    number_axis(ax, "y", lang, axis_kind(declared.format))
    date_axis(ax, lang)
    ax.set_title(capital(outcome_title(declared, lang)))
    ax.legend(loc="best")
    if not len(frame):
        note(ax, _("no data", lang))
    return fig
