"""Money charts: who carries whom inside the enterprise ("gungor och karuseller") and what each
payer spends on the centre (the public ledger).

The bars are means over seeds — means add up, so each year's units' contributions and the
central costs sum exactly to the enterprise's net result drawn as the line, and each payer's
lines to its net cost (tested); the summary's medians are in the text report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..model.ledger import result
from ..model.public_ledger import PUBLIC_LINES, RECEIPTS, net_cost
from ..results import Results
from ..scenario import CENTRAL
from .language import _, listing, money, ngettext, number
from .names import PUBLIC_LINES as LINE_NAMES
from .names import display, payer_label, unit_labels
from .style import (
    BLACK,
    BLUE,
    GREEN,
    GREY,
    ORANGE,
    PALETTE,
    PURPLE,
    RED,
    SKY,
    YELLOW,
    PlotFigure,
    money_label,
    new_figure,
    note,
    number_axis,
    plotting,
    wrap,
)

LINE_COLOURS = {
    "grants": BLUE, "house_funding": SKY, "wage_subsidies": GREEN, "trainee_payments": "#88CCAA",
    "service_contracts": ORANGE, "sponsorship": YELLOW, "guards": PURPLE, "est": "#882255",
    "crackdown": BLACK, "rent_discounts": "#AA7744", "rent_lost_vacant": GREY, "rent_income": RED,
    "service_bought_elsewhere": "#CC6677",
}
"""A colour per public-ledger line (receipts, the rent, in red to the left of zero)."""


@dataclass(frozen=True)
class Carrying:
    """Who carries whom, SEK, means over seeds: ``contribution`` one row per calendar year, one
    column per enterprise unit (its result); ``central`` the enterprise's own column (overhead,
    environment, interest, less its grant) per year; ``net`` the enterprise's result per year
    (= the row sums of ``contribution`` plus ``central``); ``flows`` carrier, carried and
    ``sek_per_year`` over the horizon (the part of a carrier's surplus that covered another's
    deficit, or the central costs, month by month); ``left_out`` the units that are not the
    enterprise's; ``years`` the horizon in years (what the flows are per year of)."""

    contribution: pd.DataFrame
    central: pd.Series
    net: pd.Series
    flows: pd.DataFrame
    left_out: dict[str, list[str]]
    years: float = 1.0

    def per_year(self) -> pd.Series:
        """Each unit's bars, a year on average over the horizon (as the flows are)."""
        return self.contribution.sum() / self.years

    def central_per_year(self) -> float:
        return float(self.central.sum() / self.years)

    def net_per_year(self) -> float:
        return float(self.net.sum() / self.years)

    @property
    def idle(self) -> bool:
        """Nothing to draw: no unit's result and no central costs differ from zero (e.g. a year
        before the enterprise opens anything)."""
        return bool(np.all(np.abs(self.contribution.to_numpy()) < 0.5)
                    and np.all(np.abs(self.central.to_numpy()) < 0.5))


SMALL_FLOW_SEK = 1_000
"""A flow under this many kronor a year (or under :data:`SMALL_FLOW_SHARE` of the largest) is not
drawn as an arrow of its own: the flows of 115 and 130 kr a year only cluttered the chart."""
SMALL_FLOW_SHARE = 0.02


def split_flows(flows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, float]:
    """The flows drawn as arrows, the small ones grouped in a note, and the limit between them
    (SEK a year): under :data:`SMALL_FLOW_SEK` or :data:`SMALL_FLOW_SHARE` of the largest."""
    if flows.empty:
        return flows, flows, float(SMALL_FLOW_SEK)
    limit = max(float(SMALL_FLOW_SEK), SMALL_FLOW_SHARE * float(flows["sek_per_year"].max()))
    small = flows["sek_per_year"] < limit
    return flows[~small].reset_index(drop=True), flows[small].reset_index(drop=True), limit


def flow_amount(sek_per_year: float, lang: str, unit: bool = False) -> str:
    """A flow's amount as the arrows label it and the reading writes it: whole kronor below
    1 000, to the hundred above."""
    return money(sek_per_year, lang, unit=unit, step=100 if abs(sek_per_year) >= 1000 else 1)


def carrying(results: Results) -> Carrying:
    """The numbers of the who-carries-whom chart (see :class:`Carrying`)."""
    per_seed: list[pd.DataFrame] = []
    flows: dict[tuple[str, str], float] = {}
    for r in results.runs:
        ops = {u["name"]: u["operator"] for u in r.units}
        years = np.array([int(m[:4]) for m in r.month_labels])
        cols = {n: result(r.books[:, i, :]) / 100 for i, n in enumerate(r.ledger_names)
                if ops.get(n) == "enterprise" or n == CENTRAL}
        per_seed.append(pd.DataFrame(cols).groupby(years).sum())
        for (a, b), amount in r.flows.items():
            flows[(a, b)] = flows.get((a, b), 0.0) + amount / 100 / r.years
    frame = pd.concat(per_seed).fillna(0.0).groupby(level=0).sum() / len(results.runs)
    central = frame.pop(CENTRAL) if CENTRAL in frame else pd.Series(0.0, index=frame.index)
    flow = pd.DataFrame([{"carrier": a, "carried": b, "sek_per_year": v / len(results.runs)}
                         for (a, b), v in flows.items() if v > 0], columns=["carrier", "carried", "sek_per_year"])
    labels = unit_labels(results)
    left: dict[str, list[str]] = {"commercial": [], "public": []}
    for r in results.runs:
        for u in r.units:
            if u["operator"] in left and labels[u["name"]] not in left[u["operator"]]:
                left[u["operator"]].append(labels[u["name"]])
    return Carrying(frame, central, frame.sum(axis=1) + central,
                    flow.sort_values("sek_per_year", ascending=False, ignore_index=True), left, results.years)


def _carry_caption(results: Results, c: Carrying, lang: str) -> str:
    n = len(results.runs)
    caption = _("Bars above zero earn more than they cost, bars below cost more than they earn; the black line is "
                "what is left for the enterprise as a whole. Averages over {runs}, so the parts add up to the whole.",
                lang, runs=ngettext("{n} run", "{n} runs", n, lang))
    left_out = {"commercial": _("commercial tenants", lang), "public": _("public houses", lang)}
    others = [f"{left_out[k]} ({listing(v, lang)})" for k, v in c.left_out.items() if v]
    if others:
        caption += " " + _("Not in the chart: {who}; tenants keep their own books, the houses are paid by their "
                           "owners.", lang, who=listing(others, lang))
    return caption


def _labels(results: Results, lang: str) -> dict[str, str]:
    return unit_labels(results) | {CENTRAL: _("Central costs less the enterprise's grant", lang)}


@plotting
def plot_who_carries_whom(results: Results, lang: str = "en") -> PlotFigure:
    """Gungor och karuseller: each enterprise unit's contribution per year as bars above and
    below zero, the central costs, the enterprise's net result as a line (left); which units'
    surpluses covered which deficits, as arrows as thick as the money (right). Commercial
    tenants and public houses are left out, with a note saying so."""
    c = carrying(results)
    fig, (bars, arrows) = new_figure(15, 7.5, _carry_caption(results, c, lang), ncols=2, width_ratios=(1.6, 1))
    _contribution_panel(bars, c, _labels(results, lang), lang)
    _flow_panel(arrows, c, _labels(results, lang), lang)
    fig.suptitle(_("Swings and roundabouts: who carries whom", lang) + f" — {results.scenario.enterprise.name}")
    return fig


@plotting
def plot_contributions(results: Results, lang: str = "en") -> PlotFigure:
    """The left panel of :func:`plot_who_carries_whom` alone (a screen shows one panel at a time)."""
    c = carrying(results)
    fig, bars = new_figure(11, 6.5, _carry_caption(results, c, lang))
    _contribution_panel(bars, c, _labels(results, lang), lang)
    return fig


@plotting
def plot_flows(results: Results, lang: str = "en") -> PlotFigure:
    """The right panel of :func:`plot_who_carries_whom` alone: whose surplus covered whose deficit."""
    c = carrying(results)
    fig, arrows = new_figure(9, 6.5, _("Arrows as thick as the money, a year on average over {runs}.", lang,
                                       runs=ngettext("{n} run", "{n} runs", len(results.runs), lang)))
    _flow_panel(arrows, c, _labels(results, lang), lang)
    return fig


def _contribution_panel(bars: Any, c: Carrying, labels: dict[str, str], lang: str) -> None:
    """Each unit's contribution per year stacked above and below zero, the central costs, and
    the enterprise's result as a line with its values in a row under the years."""
    years = list(c.contribution.index)
    x = np.arange(len(years))
    parts: list[tuple[str, np.ndarray, str, str | None]] = [
        (u, c.contribution[u].to_numpy(), PALETTE[i % len(PALETTE)], None) for i, u in enumerate(c.contribution)]
    parts.append((CENTRAL, c.central.to_numpy(), GREY, "//"))
    up, down = np.zeros(len(years)), np.zeros(len(years))
    width = 0.7 if len(years) > 1 else 0.4
    for unit, values, colour, hatch in parts:
        base = np.where(values >= 0, up, down)
        bars.bar(x, values, width=width, bottom=base, color=colour, hatch=hatch, edgecolor="white",
                 label=wrap(labels.get(unit, unit), 28), gid=f"contribution:{unit}")
        up, down = up + np.maximum(values, 0), down + np.minimum(values, 0)
    bars.plot(x, c.net.to_numpy(), color=BLACK, marker="o", lw=2.5, label=_("the enterprise's result", lang), gid="net")
    # the result's values in a row under the years (in thousands), where no bar or line runs into them
    row = bars.get_xaxis_transform()
    for xi, v in zip(x, c.net.to_numpy() if not c.idle else []):
        bars.text(xi, -0.10, number(v / 1000, lang, decimals=0), transform=row, ha="center", va="top", fontsize=10,
                  fontweight="bold", gid="net-value")
    if not c.idle:
        bars.text(0, -0.16, _("the enterprise's result, thousand SEK", lang), transform=bars.transAxes, ha="left",
                  va="top", fontsize=10)
    bars.axhline(0, color="black", lw=1)
    bars.set_xticks(x, [str(y) for y in years])
    number_axis(bars, "y", lang, "money")
    if c.idle:  # all zero: one tick at zero, and saying why there are no bars
        bars.set_ylim(-1, 1)
        bars.set_yticks([0])
        note(bars, _("Nothing to show: the enterprise has no unit open and no costs in these years.", lang),
             "upper left")
    bars.set_ylabel(money_label(_("Contribution", lang), lang, _("per year", lang)))
    bars.set_title(_("Each unit's contribution to the whole, per year", lang))
    bars.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=10)


def _flow_panel(ax, c: Carrying, labels: dict[str, str], lang: str) -> None:
    """Carriers on the left, the carried on the right, an arrow per flow as thick as its amount."""
    # the panel is narrow: a long title on two lines
    ax.set_title(wrap(_("Whose surplus covered whose deficit (per year)", lang), 40))
    ax.set_xlim(-0.05, 1.05)
    ax.axis("off")
    if c.flows.empty:
        note(ax, _("No unit needed another's surplus.", lang), "upper left")
        return
    flows, small, limit = split_flows(c.flows)
    if not small.empty:
        ax.text(0.5, -0.75, wrap(ngettext("{n} smaller flow (under {limit} a year; together {total}) is not drawn.",
                                     "{n} smaller flows (under {limit} a year; together {total}) are not drawn.",
                                     len(small), lang, limit=flow_amount(limit, lang, unit=True),
                                     total=flow_amount(float(small["sek_per_year"].sum()), lang, unit=True)), 60),
                ha="center", va="top", fontsize=9, color="#444444", gid="small-flows")
    carriers = list(dict.fromkeys(flows["carrier"]))
    carried = list(dict.fromkeys(flows.sort_values("carried")["carried"]))
    rows = max(len(carriers), len(carried))
    ax.set_ylim(-1.0, rows - 0.1)
    ys = {("a", n): rows - 1 - i * (rows - 1) / max(len(carriers) - 1, 1) if len(carriers) > 1 else (rows - 1) / 2
          for i, n in enumerate(carriers)}
    ys |= {("b", n): rows - 1 - i * (rows - 1) / max(len(carried) - 1, 1) if len(carried) > 1 else (rows - 1) / 2
           for i, n in enumerate(carried)}
    top = flows["sek_per_year"].max()
    # the labels stand in the outer thirds, the arrows between them; an amount sits where its arrow
    # is two-fifths on its way, so that amounts leaving one carrier spread out
    left, right = 0.33, 0.67
    placed: list[tuple[float, float]] = []
    for f in flows.itertuples():
        y0, y1 = ys[("a", f.carrier)], ys[("b", f.carried)]
        ax.annotate("", xy=(right, y1), xytext=(left, y0), gid=f"flow:{f.carrier}>{f.carried}",
                    arrowprops={"arrowstyle": "-|>", "color": BLUE, "alpha": 0.55,
                                "lw": 1 + 12 * f.sek_per_year / top, "mutation_scale": 18})
        t = _free_spot(placed, left, right, y0, y1)
        ax.text(left + (right - left) * t, y0 + t * (y1 - y0), flow_amount(f.sek_per_year, lang), ha="center",
                va="center", fontsize=9, bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
    for n in carriers:
        ax.text(left - 0.02, ys[("a", n)], wrap(labels.get(n, n), 16), ha="right", va="center", fontsize=11,
                color=BLUE, fontweight="bold")
    for n in carried:
        ax.text(right + 0.02, ys[("b", n)], wrap(labels.get(n, n), 16), ha="left", va="center", fontsize=11,
                color=RED, fontweight="bold")
    ax.text(left - 0.02, rows - 0.35, _("carries others", lang), ha="right", va="bottom", fontsize=11,
            color="#444444")
    ax.text(right + 0.02, rows - 0.35, _("is carried by others", lang), ha="left", va="bottom", fontsize=11,
            color="#444444")
    ax.text(0.5, -0.55, money_label(_("Amount", lang), lang, _("per year", lang)), ha="center", va="bottom",
            fontsize=10, color="#444444")


def _free_spot(placed: list[tuple[float, float]], left: float, right: float, y0: float, y1: float) -> float:
    """Where along an arrow (0 = its start, 1 = its end) its amount goes: of the spots from 0.15
    to 0.85, the one farthest from the amounts ``placed`` so far (each (x, y) in the panel's units,
    a label's width counting as far as a row's fifth), nearest the middle among equals; the spot
    taken is added."""
    best, best_gap = 0.5, -1.0
    for t in sorted(np.linspace(0.15, 0.85, 15), key=lambda t: abs(t - 0.5)):
        x, y = left + (right - left) * t, y0 + t * (y1 - y0)
        gap = min((max(abs(x - px) / 0.17, abs(y - py) / 0.2) for px, py in placed), default=np.inf)
        if gap > best_gap + 1e-9:
            best, best_gap = float(t), gap
        if gap >= 1.5:
            break
    placed.append((left + (right - left) * best, y0 + best * (y1 - y0)))
    return best


def public_cost_table(results: Results) -> pd.DataFrame:
    """What each payer spends on the centre, SEK a year, by line, the mean over seeds: one row
    per payer and line, receipts (the rent) negative, ``public`` whether the payer is part of the
    public purse; the rows of a payer add up to its net cost."""
    rows: dict[tuple[str, str], float] = {}
    public: dict[str, bool] = {}
    for r in results.runs:
        for i, payer in enumerate(r.payer_names):
            public[payer] = r.payer_public[i]
            for j, line in enumerate(PUBLIC_LINES):
                sign = -1 if line in RECEIPTS else 1
                key = (payer, line)
                rows[key] = rows.get(key, 0.0) + sign * r.public_books[:, i, j].sum() / 100 / r.years
    n = len(results.runs)
    return pd.DataFrame([{"payer": p, "line": line, "public": public[p], "sek_per_year": v / n}
                         for (p, line), v in rows.items() if v])


def net_cost_by_payer(results: Results) -> pd.Series:
    """Each payer's net cost (payments less receipts), SEK a year, the mean over seeds (payers
    with nothing booked in any seed left out)."""
    out: dict[str, float] = {}
    booked: set[str] = set()
    for r in results.runs:
        for i, payer in enumerate(r.payer_names):
            out[payer] = out.get(payer, 0.0) + net_cost(r.public_books[:, i, :]).sum() / 100 / r.years
            if r.public_books[:, i, :].any():
                booked.add(payer)
    return pd.Series({p: v for p, v in out.items() if p in booked}, dtype=float) / len(results.runs)


@plotting
def plot_public_cost(results: Results, lang: str = "en") -> PlotFigure:
    """What each payer spends on the centre, by line, as stacked bars (the rent it receives to
    the left of zero) with its net cost marked; private payers marked as such."""
    table = public_cost_table(results)
    net = net_cost_by_payer(results)
    payers = [p for p in net.sort_values(ascending=False).index if (table["payer"] == p).any()]
    n = len(results.runs)
    fig, ax = new_figure(13, 1.6 + 0.75 * max(len(payers), 3) + 1.0,
                         _("Bars to the right are money paid to the centre; to the left is the rent the owner of the "
                           "premises receives. The diamond is each payer's net cost. Averages over {runs}.", lang,
                           runs=ngettext("{n} run", "{n} runs", n, lang)))
    y = np.arange(len(payers))
    right, left = np.zeros(len(payers)), np.zeros(len(payers))
    for line in PUBLIC_LINES:
        values = np.array([table.loc[(table["payer"] == p) & (table["line"] == line), "sek_per_year"].sum()
                           for p in payers])
        if not values.any():
            continue
        ax.barh(y, values, left=np.where(values >= 0, right, left), color=LINE_COLOURS.get(line, GREY),
                edgecolor="white", height=0.62, label=display(LINE_NAMES, line, lang), gid=f"line:{line}")
        right, left = right + np.maximum(values, 0), left + np.minimum(values, 0)
    ax.scatter(net[payers].to_numpy(), y, marker="D", s=70, color=BLACK, zorder=5, label=_("net cost", lang),
               gid="net_cost")
    for yi, p, end in zip(y, payers, right):
        ax.annotate(_("net cost", lang) + f" {money(net[p], lang, unit=True, step=1000)}", (max(end, net[p], 0), yi),
                    xytext=(8, 0), textcoords="offset points", ha="left", va="center", fontsize=10, fontweight="bold")
    span = max(right.max(), 0) - min(left.min(), 0)
    ax.set_xlim(min(left.min(), 0) - 0.04 * span, max(right.max(), 0) + 0.35 * span)
    private = {p for p in payers if not table.loc[table["payer"] == p, "public"].iloc[0]}
    ax.set_yticks(y, [payer_label(p, results.scenario, lang) + (" (" + _("private", lang) + ")" if p in private else "")
                      for p in payers])
    ax.invert_yaxis()
    ax.axvline(0, color="black", lw=1)
    number_axis(ax, "x", lang, "money")
    ax.set_xlabel(money_label(_("Paid out, less rent received", lang), lang, _("per year", lang)))
    ax.set_title(_("What the centre costs each payer", lang))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=10)
    return fig

