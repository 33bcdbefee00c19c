"""Plots of what is learnt from a sweep, in English or Swedish: sensitivity indices (Sobol S1
and ST with their 95 % intervals, Morris μ* and σ), a heatmap of the mean outcome over two
parameters, and PRIM's peeling trajectory (coverage against density, coloured by how many
parameters a box restricts). In the plot style of :mod:`.style`; parameters are named by their
dotted keys, as in the sweep file. The printed tables are in :mod:`.study_text`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.ticker import FuncFormatter

from .language import number, text
from .style import BLUE, GREY, ORANGE, PALETTE, PlotFigure, new_figure, number_axis, plotting

if TYPE_CHECKING:
    from ..sweeps.discovery import Discovery
    from ..sweeps.points import Points
    from ..sweeps.sensitivity import Sensitivity

_UNITS = {
    "en": (("_sek_per_year", "SEK per year"), ("_sek_per_month", "SEK per month"), ("_sek", "SEK"),
           ("_per_year", "per year"), ("_per_month", "per month"), ("_per_day", "per day"),
           ("_share", "share, 0–1"), ("_rate", "share, 0–1"), ("_index", "index"), ("_m2", "m²")),
    "sv": (("_sek_per_year", "kr per år"), ("_sek_per_month", "kr per månad"), ("_sek", "kr"),
           ("_per_year", "per år"), ("_per_month", "per månad"), ("_per_day", "per dag"),
           ("_share", "andel, 0–1"), ("_rate", "andel, 0–1"), ("_index", "index"), ("_m2", "m²")),
}
_KNOWN = {
    "sv": {"enterprise.result_sek_per_year": "centrumföretagets årsresultat (kr per år)",
           "enterprise.p_break_even": "sannolikhet att gå runt (0–1)",
           "enterprise.p_solvent": "sannolikhet att pengarna räcker (0–1)",
           "centre.visitors_per_day": "besökare per dag", "centre.safety_index": "trygghetsindex (0–100)",
           "centre.unrest_events_per_year": "oroshändelser per år", "centre.vacancy_rate": "andel tomma lokaler (0–1)",
           "public.cost_sek_per_year": "det offentligas nettokostnad (kr per år)"},
}
_PHRASES = {
    "en": {"probability": "probability of", "moves": "What moves {outcome}", "sobol": "Sobol indices, N = {n}",
           "morris": "Morris screening, {n} trajectories", "s1": "first order S1 (alone)",
           "st": "total order ST (with interactions)",
           "sobol_axis": "Sobol index (share of the variance of the outcome, 0–1); whiskers: 95 % interval",
           "mu": "μ* (mean absolute effect)", "sigma": "σ (spread: non-linearity, interactions)",
           "morris_axis": "Elementary effect over a parameter's whole range ({unit}); whiskers: 95 % interval of μ*",
           "outcome_units": "outcome units", "box": "box {box}: coverage {coverage}, density {density}",
           "restricts": "Parameters the box restricts",
           "coverage": "Coverage (share of the points of interest inside the box, 0–1)",
           "density": "Density (share of the points inside that are of interest, 0–1)",
           "where": "Where {outcome} stays {side} {threshold}", "above": "above", "below": "below",
           "peeling": "PRIM peeling trajectory ({cases} of {points} points of interest)"},
    "sv": {"probability": "sannolikhet att", "moves": "Vad som påverkar {outcome}", "sobol": "Sobolindex, N = {n}",
           "morris": "Morrisscreening, {n} banor", "s1": "första ordningen S1 (ensam)",
           "st": "total ordning ST (med samspel)",
           "sobol_axis": "Sobolindex (andel av utfallets varians, 0–1); streck: 95 %-intervall",
           "mu": "μ* (medel av absolut effekt)", "sigma": "σ (spridning: icke-linjäritet, samspel)",
           "morris_axis": "Elementär effekt över parameterns hela intervall ({unit}); streck: 95 %-intervall för μ*",
           "outcome_units": "utfallets enheter", "box": "box {box}: täckning {coverage}, täthet {density}",
           "restricts": "Parametrar som boxen begränsar",
           "coverage": "Täckning (andel av de intressanta punkterna inne i boxen, 0–1)",
           "density": "Täthet (andel av punkterna i boxen som är intressanta, 0–1)",
           "where": "Där {outcome} håller sig {side} {threshold}", "above": "över", "below": "under",
           "peeling": "PRIM:s skalningsbana ({cases} av {points} intressanta punkter)"},
}


def outcome_label(key: str, lang: str = "en") -> str:
    """A readable label with its unit for a summary path: ``enterprise.result_sek_per_year`` →
    'enterprise result (SEK per year)', ``enterprise.p_break_even`` → 'enterprise probability
    of break even (0–1)' (Swedish for the common outcomes, with the unit in Swedish otherwise)."""
    if key in _KNOWN.get(lang, {}):
        return _KNOWN[lang][key]
    head, _, last = key.rpartition(".")
    unit = ""
    if last.startswith("p_"):
        last, unit = f"{_PHRASES[lang]['probability']} " + last[2:], "0–1"
    for suffix, word in _UNITS[lang]:
        if last.endswith(suffix):
            last, unit = last[: -len(suffix)], word
            break
    words = " ".join([*(head.split(".") if head else []), last]).replace("_", " ").strip()
    return f"{words} ({unit})" if unit else words


def outcome_unit(key: str, lang: str = "en") -> str:
    """The unit of a summary path's value ('SEK per year', …; '' when unknown)."""
    label = outcome_label(key, lang)
    return label[label.rfind("(") + 1:-1] if label.endswith(")") else ""


@plotting
def plot_sensitivity(sens: "Sensitivity", lang: str = "en") -> PlotFigure:
    """Sobol: S1 and ST bars with 95 % interval whiskers; Morris: μ* bars with their 95 %
    whiskers and σ beside them; one row per parameter, most influential on top."""
    P = _PHRASES[lang]
    t = sens.table
    fig, ax = new_figure(11, 0.6 * max(len(t), 3) + 2.2)
    y = np.arange(len(t))
    h = 0.38
    if sens.method == "sobol":
        ax.barh(y - h / 2, t["S1"], height=h, xerr=t["S1_conf"], color=BLUE, capsize=3, label=P["s1"])
        ax.barh(y + h / 2, t["ST"], height=h, xerr=t["ST_conf"], color=ORANGE, capsize=3, label=P["st"])
        ax.axvline(0, color="black", lw=0.6)
        ax.set_xlabel(P["sobol_axis"])
        number_axis(ax, "x", lang)
        what = P["sobol"].format(n=sens.samples)
    else:
        unit = outcome_unit(sens.outcome, lang) or P["outcome_units"]
        ax.barh(y - h / 2, t["mu_star"], height=h, xerr=t["mu_star_conf"], color=BLUE, capsize=3, label=P["mu"])
        ax.barh(y + h / 2, t["sigma"], height=h, color=GREY, label=P["sigma"])
        ax.set_xlabel(P["morris_axis"].format(unit=unit))
        number_axis(ax, "x", lang)
        what = P["morris"].format(n=sens.samples)
    ax.set_yticks(y, list(t["parameter"]))
    ax.invert_yaxis()
    ax.set_title(f"{P['moves'].format(outcome=outcome_label(sens.outcome, lang))}\n{what}", fontsize=13)
    ax.legend(loc="lower right")
    return fig


def binned_means(points: "Points", x: str, y: str, bins: int = 6) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The mean outcome of the points in each cell of a ``bins`` × ``bins`` grid over the
    parameters ``x`` and ``y`` (NaN where no point falls): (means [y bin, x bin], counts, x edges,
    y edges)."""
    px, py = points.x[x].to_numpy(float), points.x[y].to_numpy(float)
    ok = np.isfinite(points.y)
    ex = np.linspace(px.min(), px.max(), bins + 1)
    ey = np.linspace(py.min(), py.max(), bins + 1)
    ix = np.clip(np.searchsorted(ex, px, side="right") - 1, 0, bins - 1)
    iy = np.clip(np.searchsorted(ey, py, side="right") - 1, 0, bins - 1)
    sums, counts = np.zeros((bins, bins)), np.zeros((bins, bins), int)
    np.add.at(sums, (iy[ok], ix[ok]), points.y[ok])
    np.add.at(counts, (iy[ok], ix[ok]), 1)
    return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan), counts, ex, ey


@plotting
def plot_sweep_heatmap(points: "Points", x: str, y: str, lang: str = "en", bins: int = 6) -> PlotFigure:
    """A heatmap of the sweep's mean outcome over two of its parameters (``x``, ``y``): each
    cell the mean over the points that fall in it, its value written in it."""
    means, counts, ex, ey = binned_means(points, x, y, bins)
    fig, ax = new_figure(10, 7.5, text("heatmap_caption", lang))
    image = ax.pcolormesh(ex, ey, np.ma.masked_invalid(means), cmap="viridis", shading="flat", gid="heatmap")
    money = points.outcome.endswith("_sek_per_year") or points.outcome.endswith("_sek")
    for i in range(bins):
        for j in range(bins):
            if counts[i, j]:
                ax.text((ex[j] + ex[j + 1]) / 2, (ey[i] + ey[i + 1]) / 2,
                        number(means[i, j], lang, decimals=0 if money or abs(means[i, j]) >= 100 else 2),
                        ha="center", va="center", fontsize=9,
                        color="black" if image.norm(means[i, j]) > 0.6 else "white")
    bar = fig.colorbar(image, ax=ax)
    bar.set_label(outcome_label(points.outcome, lang))
    bar.ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: number(v, lang, decimals=0 if money else None)))
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    number_axis(ax, "x", lang)
    number_axis(ax, "y", lang)
    ax.grid(False)
    ax.set_title(text("heatmap_title", lang, outcome=outcome_label(points.outcome, lang)), fontsize=13)
    return fig


@plotting
def plot_peeling(disc: "Discovery", outcome: str, threshold: float, above: bool = True, lang: str = "en") -> PlotFigure:
    """PRIM's peeling trajectory: each box's coverage (x) against its density (y), coloured by
    how many parameters it restricts; the reported box circled."""
    P = _PHRASES[lang]
    t = disc.trajectory
    fig, ax = new_figure(9, 6.5)
    top = int(t["res_dim"].max())
    colors = ListedColormap([PALETTE[i % len(PALETTE)] for i in range(top + 1)])
    norm = BoundaryNorm(np.arange(-0.5, top + 1.5), colors.N)
    dots = ax.scatter(t["coverage"], t["density"], c=t["res_dim"], cmap=colors, norm=norm, s=26, zorder=2)
    ax.plot(t["coverage"], t["density"], color="lightgray", lw=0.8, zorder=1)
    chosen = t.loc[disc.chosen]
    ax.scatter([chosen["coverage"]], [chosen["density"]], s=180, facecolors="none", edgecolors="black", lw=1.5,
               zorder=3, label=P["box"].format(box=disc.chosen, coverage=number(chosen["coverage"], lang, 2),
                                               density=number(chosen["density"], lang, 2)))
    bar = fig.colorbar(dots, ax=ax, ticks=range(top + 1))
    bar.set_label(P["restricts"])
    ax.set_xlabel(P["coverage"])
    ax.set_ylabel(P["density"])
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    number_axis(ax, "x", lang)
    number_axis(ax, "y", lang)
    side = P["above"] if above else P["below"]
    ax.set_title(P["where"].format(outcome=outcome_label(outcome, lang), side=side,
                                   threshold=number(threshold, lang, digits=6))
                 + "\n" + P["peeling"].format(cases=disc.cases, points=disc.points), fontsize=12)
    ax.legend(loc="lower left")
    return fig
