"""Plots of the studies on one scenario: ``compare`` (small multiples of the key outcomes for
each kind of operator, and their differences seed by seed under common random numbers),
``breakeven`` (the ranking and the Pareto front, mixes by their units' display names) and
``prices`` (contribution and visits against a unit's price)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .. import outcomes as registry
from ..analysis.compare import VARIANTS, column, seed_table
from ..model import Status
from ..results import Results
from .language import _, capital, currency, ngettext, outcome_title, percent
from .names import VARIANTS as VARIANT_NAMES
from .names import display, mix_label
from .style import (
    BLUE,
    GREEN,
    GREY,
    LIGHT,
    ORANGE,
    PURPLE,
    RED,
    PlotFigure,
    axis_kind,
    date_axis,
    money_label,
    month_dates,
    new_figure,
    number_axis,
    plotting,
    wrap,
)

VARIANT_COLOURS = {"enterprise": BLUE, "tenants": RED, "tenants_without_support": ORANGE}
PANELS: tuple[registry.Outcome, ...] = tuple(registry.shown(registry.PLOT))
"""The outcomes in compare's small multiples (the registry's :data:`~centrumsim.outcomes.PLOT`)."""


def compare_differences(seeds: pd.DataFrame) -> pd.DataFrame:
    """Each tenants variant less the enterprise, seed by seed (common random numbers): one row
    per variant other than 'enterprise' and seed, the compared outcomes as columns."""
    keys = [column(o) for o in PANELS]
    base = seeds[seeds["variant"] == "enterprise"].set_index("seed")[keys]
    out = []
    for variant in [v for v in VARIANTS if v != "enterprise" and (seeds["variant"] == v).any()]:
        other = seeds[seeds["variant"] == variant].set_index("seed")[keys]
        out.append((other - base.loc[other.index]).reset_index().assign(variant=variant))
    return pd.concat(out, ignore_index=True) if out else pd.DataFrame(columns=["seed", "variant", *keys])


@plotting
def plot_compare(results: Mapping[str, Results], lang: str = "en", units: list[str] | None = None) -> PlotFigure:
    """Small multiples: for each key outcome the three variants (median, 5–95 %) and the
    differences B − A and C − A taken seed by seed; the last panel the units open month by month."""
    units = list(units if units is not None else next(iter(results.values())).scenario.enterprise_units)
    seeds = seed_table(dict(results), units)
    diffs = compare_differences(seeds)
    n = len(next(iter(results.values())).runs)
    caption = _("A = the enterprise, B = profit-seeking tenants, C = tenants without public support. Dots: the "
                "middle of {runs}; lines: 90% of them. B − A and C − A are the differences run by run on the same "
                "random numbers, so chance plays alike in each; with few runs a small difference can still be "
                "chance.", lang,
                runs=ngettext("{n} run", "{n} runs", n, lang))
    fig, axes = new_figure(17, 11.5, caption, nrows=3, ncols=3)
    variants = [v for v in VARIANTS if v in results]
    rows = [display(VARIANT_NAMES, v, lang) for v in variants]
    rows += [f"{chr(66 + i)} − A" for i in range(len(variants) - 1)]
    for ax, outcome in zip(axes.flat, PANELS):
        key = column(outcome)
        for i, v in enumerate(variants):
            _whisker(ax, i, seeds.loc[seeds["variant"] == v, key], VARIANT_COLOURS[v], "o", f"{key}:{v}")
        for k, v in enumerate(variants[1:]):
            _whisker(ax, len(variants) + k, diffs.loc[diffs["variant"] == v, key], GREY, "D", f"{key}:{v}-enterprise")
        if len(variants) > 1:
            ax.axhline(len(variants) - 0.5, color=LIGHT, lw=1)
        ax.axvline(0, color="black", lw=0.8)
        ax.set_yticks(range(len(rows)), rows)
        ax.set_ylim(len(rows) - 0.5, -0.5)
        number_axis(ax, "x", lang, axis_kind(outcome.format))
        ax.set_title(wrap(capital(outcome_title(outcome, lang, percent_axis=True)), 40), fontsize=12)
    _units_open(axes.flat[-1], results, units, lang)
    fig.suptitle(_("The same units, run by the enterprise or by profit-seeking tenants", lang))
    return fig


def _whisker(ax, y: float, values: pd.Series, colour: str, marker: str, gid: str) -> None:
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if not v.size:
        return
    lo, med, hi = np.percentile(v, [5, 50, 95])
    ax.plot([lo, hi], [y, y], color=colour, lw=3, alpha=0.6, solid_capstyle="round")
    ax.plot([med], [y], marker=marker, color=colour, ms=9, gid=gid)


def _units_open(ax, results: Mapping[str, Results], units: list[str], lang: str) -> None:
    for variant, res in results.items():
        counts = np.array([(r.status[:, [j for j, u in enumerate(r.units) if u["name"] in units]]
                            == Status.OPEN.code).sum(axis=1) for r in res.runs])
        x = month_dates(res.runs[0].month_labels)
        lo, med, hi = np.percentile(counts, [5, 50, 95], axis=0)
        colour = VARIANT_COLOURS.get(variant, PURPLE)
        ax.fill_between(x, lo, hi, color=colour, alpha=0.15, lw=0)
        ax.plot(x, med, color=colour, label=display(VARIANT_NAMES, variant, lang))
    ax.set_ylim(bottom=0)
    date_axis(ax, lang)
    number_axis(ax, "y", lang, decimals=0)
    ax.set_ylabel(_("Units open", lang))
    ax.set_title(_("Units open, month by month", lang), fontsize=12)
    ax.legend(loc="lower left", fontsize=9)


@plotting
def plot_breakeven(table: pd.DataFrame, lang: str = "en", labels: Mapping[str, str] | None = None,
                   top: int = 12) -> PlotFigure:
    """Left: the ``top`` mixes ranked by probability of breaking even (contenders, re-run with
    all seeds, solid; screened mixes pale). Right: every mix's probability against its social
    value, the Pareto front joined and named. Mixes are written with ``labels`` (unit name →
    display name)."""
    labels = dict(labels or {})
    caption = _("Left: the mixes most likely to break even. Right: every mix; on the green line no other mix is both "
                "likelier to break even and of more social value.", lang)
    p_even = registry.find("enterprise.p_break_even")
    assert p_even is not None, "declared in centrumsim.outcomes"
    p_even_label = capital(outcome_title(p_even, lang, percent_axis=True))
    fig, (rank, front_ax) = new_figure(17, 8, caption, ncols=2, width_ratios=(1.1, 1))
    head = table.head(top)
    y = np.arange(len(head))
    full = (head["stage"] == "full").to_numpy()
    p_even = 100 * head["p_break_even"].fillna(0).to_numpy()
    rank.barh(y, p_even, color=np.where(full, BLUE, LIGHT), edgecolor=np.where(full, BLUE, GREY), gid="ranking")
    high = 100 * head.get("p_break_even_high", head["p_break_even"]).fillna(0).to_numpy()
    if "p_break_even_low" in head.columns:  # the 90 % interval: a 0 % bar still says how sure
        low = 100 * head["p_break_even_low"].fillna(0).to_numpy()
        rank.errorbar(p_even, y, xerr=[np.maximum(p_even - low, 0), np.maximum(high - p_even, 0)], fmt="none",
                      ecolor=GREY, capsize=3, lw=1, gid="interval")
    futures = head["futures"] if "futures" in head.columns else np.zeros(len(head))
    for yi, v, seeds, fut, hi in zip(y, p_even, head["seeds"], futures, high):
        runs = (ngettext("{n} run", "{n} runs", int(seeds), lang) if not fut else
                ngettext("{n} plausible future", "{n} plausible futures", int(fut), lang))
        rank.text(min(max(v, hi), 100) + 1, yi, f"{percent(v / 100, lang)} ({runs})", va="center", fontsize=9)
    rank.set_yticks(y, [wrap(mix_label(m, labels), 42) for m in head["mix"]], fontsize=10)
    rank.invert_yaxis()
    rank.set_xlim(0, 125)
    number_axis(rank, "x", lang, decimals=0)
    rank.set_xticks(range(0, 101, 20))
    rank.set_xlabel(p_even_label)
    rank.set_title(_("The mixes ranked", lang))
    screen = table[table["stage"] != "full"]
    done = table[table["stage"] == "full"]
    front_ax.scatter(screen["social_value"], 100 * screen["p_break_even"], color=LIGHT, edgecolor=GREY, s=28,
                     label=_("screened (few runs)", lang))
    front_ax.scatter(done["social_value"], 100 * done["p_break_even"], color=BLUE, s=40,
                     label=_("contenders (all runs)", lang))
    front = done[done["pareto"]].sort_values("social_value")
    front_ax.plot(front["social_value"], 100 * front["p_break_even"], color=GREEN, marker="o", lw=2,
                  label=_("Pareto front", lang), gid="pareto")
    middle = (table["social_value"].min() + table["social_value"].max()) / 2
    for r in front.itertuples():
        right, high = r.social_value > middle, r.p_break_even > 0.9
        front_ax.annotate(wrap(mix_label(r.mix, labels), 30), (r.social_value, 100 * r.p_break_even), fontsize=9,
                          xytext=(-8 if right else 8, -8 if high else 8), textcoords="offset points",
                          ha="right" if right else "left", va="top" if high else "bottom")
    front_ax.set_xlabel(_("Social value (0–1)", lang))
    front_ax.set_ylabel(p_even_label)
    front_ax.set_ylim(-5, 105)
    number_axis(front_ax, "x", lang)
    number_axis(front_ax, "y", lang, decimals=0)
    front_ax.set_title(_("Breaking even against social value", lang))
    front_ax.legend(loc="center left")
    fig.suptitle(_("Which mix breaks even", lang))
    return fig


@plotting
def plot_prices(table: pd.DataFrame, lang: str = "en", label: str = "") -> PlotFigure:
    """A unit's contribution (and its visits, right axis) against its price or membership fee,
    the medians over seeds; the best price circled."""
    fig, ax = new_figure(11, 5.5, _("The contribution to the whole (solid) and the visits (dashed) at each price, "
                                    "the middle of the runs; the circle marks the price with the highest "
                                    "contribution.", lang))
    field = "price_sek" if "price_sek" in table.columns else "membership_fee_sek_per_month"
    ax.plot(table[field], table["contribution_sek_per_year"], color=BLUE, marker="o", gid="contribution",
            label=_("Contribution", lang))
    best = table[table["best"]]
    ax.scatter(best[field], best["contribution_sek_per_year"], s=200, facecolors="none", edgecolors=GREEN, lw=2.5,
               zorder=3, label=_("best price", lang))
    ax.axhline(0, color="black", lw=0.8)
    number_axis(ax, "y", lang, "money")
    number_axis(ax, "x", lang)
    what = _("Price", lang) if field == "price_sek" else _("Membership fee", lang)
    per = "" if field == "price_sek" else " " + _("per month", lang)
    ax.set_xlabel(f"{what} ({currency(lang)}{per})")
    ax.set_ylabel(money_label(_("Contribution", lang), lang, _("per year", lang)))
    right = ax.twinx()
    right.plot(table[field], table["visits_per_day"], color=ORANGE, ls="--", marker=".",
               label=_("Visits per day", lang))
    if "visits_per_open_day" in table:  # a scan's table has it (analysis/prices.py)
        right.plot(table[field], table["visits_per_open_day"], color=ORANGE, ls=":", marker="x",
                   label=_("Demand: visits per open day", lang))
    right.set_ylabel(_("Visits per day", lang))
    right.set_ylim(bottom=0)
    right.grid(False)
    right.spines["right"].set_visible(True)
    number_axis(right, "y", lang)
    title = _("Price and contribution", lang)
    ax.set_title(f"{title} — {label}" if label else title)
    handles = ax.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
    ax.legend(handles, [h.get_label() for h in handles], loc="best")
    return fig
