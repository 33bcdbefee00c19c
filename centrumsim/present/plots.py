"""Plots that explain themselves, in English or Swedish (``lang="sv"``).

Swedish labels follow ../shared/GLOSSARY.md: sentence case, "kr" on money axes, a space as the
thousands separator and a decimal comma. Figures are built with matplotlib's object API
(:class:`~matplotlib.figure.Figure`), so plotting neither needs nor switches a backend, and
:func:`figure_png` renders one to PNG bytes with the run identity in its metadata.
"""

from __future__ import annotations

import functools
import io
import json

import numpy as np
from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..model import Status
from ..results import Results
from ..scenario import AGE_LABELS

LABELS = {
    "en": {
        "cash_title": "The enterprise's cash",
        "cash": "Cash (SEK)",
        "median": "median",
        "band": "5–95% band",
        "overdraft": "overdraft limit",
        "reserve": "reserve target",
        "month": "Month",
        "contrib_title": "Each unit's contribution to the whole",
        "contrib": "Contribution (SEK per year)",
        "visitors_title": "Visitors to the centre",
        "visitors": "Visitors per day (monthly mean)",
        "seeds": "runs",
        "rare": "Tenants entering in some runs",
        "who_title": "Who comes to the centre",
        "evenness": "evenness",
        "visitors_share": "share of resident visits",
        "residents_share": "share of residents",
        "percent": "Percent",
        "gender": {"male": "male", "female": "female"},
        "variant": {"enterprise": "run by the enterprise", "tenants": "run by profit-seeking tenants",
                    "tenants_without_support": "tenants without public support"},
        "units_open": "Units open (median, 5–95% band)",
        "compare_title": "How long the units stay open",
        "screened": "screened (few runs)",
        "refined": "contenders (all runs)",
        "front": "Pareto front",
        "social_value": "Social value (0–1)",
        "p_even": "Probability of breaking even (%)",
        "breakeven_title": "Which mix breaks even",
        "prices_title": "Price and contribution",
        "price": "Price (SEK)",
        "fee": "Membership fee (SEK per month)",
        "contribution": "Contribution to the whole (SEK per year)",
        "visits_per_day": "Visits per day",
        "best": "best price",
        "operator": {"enterprise": "enterprise", "commercial": "commercial", "public": "public"},
    },
    "sv": {
        "cash_title": "Centrumföretagets kassa",
        "cash": "Kassa (kr)",
        "median": "median",
        "band": "5–95 %-intervall",
        "overdraft": "checkkredit",
        "reserve": "buffert",
        "month": "Månad",
        "contrib_title": "Varje verksamhets bidrag till helheten",
        "contrib": "Bidrag till helheten (kr per år)",
        "visitors_title": "Besökare i centrum",
        "visitors": "Besökare per dag (månadsmedel)",
        "seeds": "körningar",
        "rare": "Hyresgäster som flyttar in i vissa körningar",
        "who_title": "Vilka kommer till centrum",
        "evenness": "jämn spridning",
        "visitors_share": "andel av de boendes besök",
        "residents_share": "andel av de boende",
        "percent": "Procent",
        "gender": {"male": "män, pojkar", "female": "kvinnor, flickor"},
        "variant": {"enterprise": "drivs av centrumföretaget", "tenants": "drivs av vinstdrivande hyresgäster",
                    "tenants_without_support": "hyresgäster utan offentligt stöd"},
        "units_open": "Öppna verksamheter (median, 5–95 %-intervall)",
        "compare_title": "Hur länge verksamheterna hålls öppna",
        "screened": "sållade (få körningar)",
        "refined": "kandidater (alla körningar)",
        "front": "Paretofront",
        "social_value": "Socialt värde (0–1)",
        "p_even": "Sannolikhet att gå runt (%)",
        "breakeven_title": "Vilken mix går runt",
        "prices_title": "Pris och bidrag till helheten",
        "price": "Pris (kr)",
        "fee": "Medlemsavgift (kr per månad)",
        "contribution": "Bidrag till helheten (kr per år)",
        "visits_per_day": "Besök per dag",
        "best": "bästa pris",
        "operator": {"enterprise": "centrumföretaget", "commercial": "kommersiell", "public": "offentlig"},
    },
}


def check_lang(lang: str) -> str:
    """``lang`` if plots and texts exist in it; ValueError otherwise."""
    if lang not in LABELS:
        raise ValueError(f"lang must be one of {', '.join(LABELS)} (got {lang!r})")
    return lang


def _plain_text(fn):
    """Build a plot with text taken as written: a ``$`` in a unit's name is a dollar sign, not
    the start of mathematical notation (which would fail on names such as "Lunch 50$")."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if "lang" in kwargs:
            check_lang(kwargs["lang"])
        with rc_context({"text.parse_math": False}):
            return fn(*args, **kwargs)
    return wrapper


def money(value: float, lang: str = "en") -> str:
    """Whole kronor with a thousands separator: '1,250,000' (en) or '1 250 000' (sv)."""
    text = f"{value:,.0f}"
    return text.replace(",", "\u00a0") if lang == "sv" else text


def _money_axis(ax, axis: str, lang: str) -> None:
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(MaxNLocator(nbins=5))
    target.set_major_formatter(FuncFormatter(lambda v, _pos: money(v, lang)))


@_plain_text
def plot_cash(results: Results, ax=None, lang: str = "en"):
    """Enterprise cash over time: median and 5–95% band over seeds, with overdraft and reserve."""
    L = LABELS[lang]
    if ax is None:
        ax = Figure(figsize=(9, 4.5)).subplots()
    ts = results.timeseries.pivot(index="month", columns="seed", values="cash_sek")
    x = np.array([np.datetime64(m, "M") for m in ts.index]).astype("datetime64[D]")
    lo, med, hi = np.percentile(ts.to_numpy(), [5, 50, 95], axis=1)
    ax.fill_between(x, lo, hi, alpha=0.25, color="tab:blue", label=L["band"])
    ax.plot(x, med, color="tab:blue", lw=2, label=L["median"])
    ent = results.scenario.enterprise
    ax.axhline(-ent.overdraft_limit_sek, color="tab:red", ls="--", lw=1, label=L["overdraft"])
    ax.axhline(ent.reserve_target_sek, color="tab:green", ls=":", lw=1, label=L["reserve"])
    ax.axhline(0, color="black", lw=0.6)
    _money_axis(ax, "y", lang)
    ax.set_title(f"{L['cash_title']} — {results.scenario.name} ({len(results.runs)} {L['seeds']})")
    ax.set_ylabel(L["cash"])
    ax.set_xlabel(L["month"])
    ax.legend(loc="best", fontsize=8)
    return ax


@_plain_text
def plot_contributions(results: Results, ax=None, lang: str = "en", operators=("enterprise", "commercial")):
    """Each unit's yearly contribution (median bar, 5–95% whiskers), surpluses green."""
    L = LABELS[lang]
    units = [u for u in results.summary()["units"] if u["operator"] in operators]
    # tenants that entered in only a few seeds would crowd the chart: one summed row for them
    rare = [u for u in units if u.get("share_of_seeds_present", 1.0) < 0.5]
    units = [u for u in units if u not in rare]
    if rare:
        units.append({
            "label": f"{L['rare']} ({len(rare)})", "operator": "commercial",
            "contribution_sek_per_year": {
                k: sum(u["contribution_sek_per_year"][k] for u in rare) for k in ("p05", "median", "p95")},
        })
    if ax is None:
        ax = Figure(figsize=(9, 0.45 * max(len(units), 4) + 1.5)).subplots()
    names = [f"{u['label']} ({L['operator'][u['operator']]})" for u in units]
    med = np.array([u["contribution_sek_per_year"]["median"] for u in units])
    lo = np.array([u["contribution_sek_per_year"]["p05"] for u in units])
    hi = np.array([u["contribution_sek_per_year"]["p95"] for u in units])
    y = np.arange(len(units))
    colors = np.where(med >= 0, "tab:green", "tab:red")
    ax.barh(y, med, color=colors, alpha=0.8)
    ax.errorbar(med, y, xerr=[med - lo, hi - med], fmt="none", ecolor="black", capsize=3, lw=1)
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.axvline(0, color="black", lw=0.8)
    _money_axis(ax, "x", lang)
    ax.set_xlabel(f"{L['contrib']} — {L['median']}, {L['band']}")
    ax.set_title(L["contrib_title"])
    return ax


@_plain_text
def plot_visitors(results: Results, ax=None, lang: str = "en"):
    """Visitors per day, monthly mean, median and band over seeds."""
    L = LABELS[lang]
    if ax is None:
        ax = Figure(figsize=(9, 4)).subplots()
    d = results.daily.copy()
    d["visitors"] = d["visitors_day"] + d["visitors_evening"]
    d["month"] = d["date"].dt.to_period("M").dt.to_timestamp()
    m = d.groupby(["month", "seed"])["visitors"].mean().unstack("seed")
    lo, med, hi = np.percentile(m.to_numpy(), [5, 50, 95], axis=1)
    ax.fill_between(m.index, lo, hi, alpha=0.25, color="tab:orange", label=L["band"])
    ax.plot(m.index, med, color="tab:orange", lw=2, label=L["median"])
    ax.set_ylim(bottom=0)
    ax.set_title(L["visitors_title"])
    ax.set_ylabel(L["visitors"])
    ax.set_xlabel(L["month"])
    ax.legend(loc="best", fontsize=8)
    return ax


@_plain_text
def plot_who_comes(results: Results, ax=None, lang: str = "en"):
    """Share of resident visits by age band and gender beside the share of residents: the
    seeds' goal of an even spread by age and gender."""
    L = LABELS[lang]
    if ax is None:
        ax = Figure(figsize=(9, 4.5)).subplots()
    c = results.summary()["centre"]
    cats = [(lab, v) for lab, v in zip(AGE_LABELS, c["visitors_by_age"].values())]
    cats += [(L["gender"][g], v) for g, v in c["visitors_by_gender"].items()]
    x = np.arange(len(cats))
    vis = [100 * (v["share_of_visitors"]["median"] or 0.0) for _, v in cats]
    res = [100 * (v["share_of_residents"] or 0.0) for _, v in cats]
    ax.bar(x - 0.2, vis, width=0.4, color="tab:orange", label=L["visitors_share"])
    ax.bar(x + 0.2, res, width=0.4, color="tab:gray", label=L["residents_share"])
    ax.axvline(5.5, color="black", lw=0.6)
    ax.set_xticks(x, [lab for lab, _ in cats])
    ax.set_ylabel(L["percent"])
    even = c["evenness"]["median"]
    title = L["who_title"] if even is None else f"{L['who_title']} — {L['evenness']} {even:.2f}"
    ax.set_title(title.replace(".", "," if lang == "sv" else "."))
    ax.legend(loc="best", fontsize=8)
    return ax


@_plain_text
def plot_compare(results: dict, ax=None, lang: str = "en", units: list[str] | None = None):
    """Enterprise units open over time: run by the enterprise vs by independent tenants."""
    L = LABELS[lang]
    if ax is None:
        ax = Figure(figsize=(9, 4.5)).subplots()
    for (name, res), color in zip(results.items(), ("tab:blue", "tab:red", "tab:orange")):
        counts = []
        for r in res.runs:
            cols = [j for j, u in enumerate(r.units) if units is None or u["name"] in units]
            counts.append((r.status[:, cols] == Status.OPEN.code).sum(axis=1))
        counts = np.array(counts)
        x = np.array([np.datetime64(m, "M") for m in res.runs[0].month_labels]).astype("datetime64[D]")
        lo, med, hi = np.percentile(counts, [5, 50, 95], axis=0)
        ax.fill_between(x, lo, hi, alpha=0.2, color=color)
        ax.plot(x, med, color=color, lw=2, label=L["variant"][name])
    ax.set_ylim(bottom=0)
    ax.set_ylabel(L["units_open"])
    ax.set_xlabel(L["month"])
    ax.set_title(L["compare_title"])
    ax.legend(loc="best", fontsize=8)
    return ax


@_plain_text
def plot_breakeven(table, ax=None, lang: str = "en"):
    """Each mix: probability of breaking even against social value; the Pareto front joined."""
    L = LABELS[lang]
    if ax is None:
        ax = Figure(figsize=(9, 6)).subplots()
    full = table[table["stage"] == "full"]
    screen = table[table["stage"] != "full"]
    ax.scatter(screen["social_value"], 100 * screen["p_break_even"], color="lightgray", s=18, label=L["screened"])
    ax.scatter(full["social_value"], 100 * full["p_break_even"], color="tab:blue", s=30, label=L["refined"])
    front = full[full["pareto"]].sort_values("social_value")
    ax.plot(front["social_value"], 100 * front["p_break_even"], color="tab:green", lw=1.5, marker="o", label=L["front"])
    for r in front.itertuples():
        ax.annotate(r.mix, (r.social_value, 100 * r.p_break_even), fontsize=7,
                    xytext=(4, 4), textcoords="offset points")
    ax.set_xlabel(L["social_value"])
    ax.set_ylabel(L["p_even"])
    ax.set_ylim(-5, 105)
    ax.set_title(L["breakeven_title"])
    ax.legend(loc="best", fontsize=8)
    return ax


@_plain_text
def plot_prices(table, ax=None, lang: str = "en", label: str = ""):
    """A unit's contribution (and visits, right axis) against its price; the best price marked."""
    L = LABELS[lang]
    if ax is None:
        ax = Figure(figsize=(9, 4.5)).subplots()
    field = "price_sek" if "price_sek" in table.columns else "membership_fee_sek_per_month"
    ax.plot(table[field], table["contribution_sek_per_year"], color="tab:blue", marker="o", lw=2,
            label=L["contribution"])
    best = table[table["best"]]
    ax.scatter(best[field], best["contribution_sek_per_year"], s=120, facecolors="none", edgecolors="tab:green",
               lw=2, zorder=3, label=L["best"])
    ax.axhline(0, color="black", lw=0.6)
    _money_axis(ax, "y", lang)
    ax.set_xlabel(L["price" if field == "price_sek" else "fee"])
    ax.set_ylabel(L["contribution"])
    right = ax.twinx()
    right.plot(table[field], table["visits_per_day"], color="tab:orange", ls="--", marker=".", label=L["visits_per_day"])
    right.set_ylabel(L["visits_per_day"])
    right.set_ylim(bottom=0)
    ax.set_title(f"{L['prices_title']} — {label}" if label else L["prices_title"])
    handles = ax.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
    ax.legend(handles, [h.get_label() for h in handles], loc="best", fontsize=8)
    return ax


@_plain_text
def figure_png(ax, metadata: dict | None = None) -> bytes:
    """A plot (its axes or figure) as PNG bytes, with the run identity in the PNG metadata."""
    fig = ax if isinstance(ax, Figure) else ax.figure
    fig.tight_layout()
    info = {"Description": json.dumps(metadata, ensure_ascii=False)} if metadata else None
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, metadata=info)
    return buffer.getvalue()


def result_plots(results: Results, lang: str = "en") -> list[tuple[str, object]]:
    """The standard plots of a run as (file name, axes): cash (with an enterprise), visitors,
    contributions, who comes."""
    jobs = [("visitors.png", plot_visitors), ("contributions.png", plot_contributions),
            ("who_comes.png", plot_who_comes)]
    if results.runs[0].has_enterprise:
        jobs.insert(0, ("cash.png", plot_cash))
    return [(name, fn(results, lang=lang)) for name, fn in jobs]
