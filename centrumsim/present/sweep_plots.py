"""Plots of what is learnt from a sweep, in English or Swedish: sensitivity indices (Sobol S1
and ST with their 95 % intervals, Morris μ* and σ), a heatmap of the mean outcome over two
parameters, and PRIM's peeling trajectory (coverage against density, coloured by how many
parameters a box restricts). In the plot style of :mod:`.style`; parameters are named by their
labels (:func:`.parameters.parameter_label`: a unit's display name when the scenario is given),
never by their dotted keys. The printed tables are in :mod:`.study_text`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.ticker import FuncFormatter

from .. import outcomes as registry
from .language import _, capital, ngettext, number
from .names import outcome_label, outcome_unit
from .parameters import parameter_label, parameter_phrase
from .style import BLUE, GREY, ORANGE, PALETTE, PlotFigure, new_figure, number_axis, plotting

if TYPE_CHECKING:
    from ..scenario import Scenario
    from ..sweeps.discovery import Discovery
    from ..sweeps.points import Points
    from ..sweeps.sensitivity import Sensitivity




def axis_label(key: str, scenario: Scenario | None = None, lang: str = "en") -> str:
    """A parameter's label as an axis or a tick writes it (sentence case)."""
    return capital(parameter_label(key, scenario, lang))


@plotting
def plot_sensitivity(sens: Sensitivity, lang: str = "en", scenario: Scenario | None = None) -> PlotFigure:
    """Sobol: S1 and ST bars with 95 % interval whiskers; Morris: μ* bars with their 95 %
    whiskers and σ beside them; one row per parameter, most influential on top, each named by
    its label (the units' display names from ``scenario`` when given)."""
    t = sens.table
    fig, ax = new_figure(11, 0.6 * max(len(t), 3) + 2.2)
    y = np.arange(len(t))
    h = 0.38
    if sens.method == "sobol":
        ax.barh(y - h / 2, t["S1"], height=h, xerr=t["S1_conf"], color=BLUE, capsize=3,
                label=_("first order S1 (alone)", lang))
        ax.barh(y + h / 2, t["ST"], height=h, xerr=t["ST_conf"], color=ORANGE, capsize=3,
                label=_("total order ST (with interactions)", lang))
        ax.axvline(0, color="black", lw=0.6)
        ax.set_xlabel(_("Sobol index (share of the variance of the outcome, 0–1); whiskers: 95 % interval", lang))
        number_axis(ax, "x", lang)
        what = _("Sobol indices, N = {n}", lang, n=sens.samples)
    else:
        unit = outcome_unit(sens.outcome, lang) or _("outcome units", lang)
        ax.barh(y - h / 2, t["mu_star"], height=h, xerr=t["mu_star_conf"], color=BLUE, capsize=3,
                label=_("μ* (mean absolute effect)", lang))
        ax.barh(y + h / 2, t["sigma"], height=h, color=GREY, label=_("σ (spread: non-linearity, interactions)", lang))
        ax.set_xlabel(_("Elementary effect over a parameter's whole range ({unit}); whiskers: 95 % interval of μ*",
                        lang, unit=unit))
        number_axis(ax, "x", lang)
        what = ngettext("Morris screening, {n} trajectory", "Morris screening, {n} trajectories", sens.samples, lang,
                        n=sens.samples)
    ax.set_yticks(y, [axis_label(key, scenario, lang) for key in t["parameter"]])
    ax.invert_yaxis()
    moves = _("What moves {outcome}", lang, outcome=outcome_label(sens.outcome, lang))
    ax.set_title(f"{moves}\n{what}", fontsize=13)
    ax.legend(loc="lower right")
    return fig


def binned_means(points: Points, x: str, y: str,
                 bins: int = 6) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
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
def plot_sweep_heatmap(points: Points, x: str, y: str, lang: str = "en", bins: int = 6,
                       scenario: Scenario | None = None) -> PlotFigure:
    """A heatmap of the sweep's mean outcome over two of its parameters (``x``, ``y``: dotted
    keys, labelled on the axes): each cell the mean over the points that fall in it, its value
    written in it."""
    means, counts, ex, ey = binned_means(points, x, y, bins)
    fig, ax = new_figure(10, 7.5, _("Each cell is the mean outcome of the sweep's points that fall in it; a blank "
                                    "cell had no point.", lang))
    image = ax.pcolormesh(ex, ey, np.ma.masked_invalid(means), cmap="viridis", shading="flat", gid="heatmap")
    declared = registry.find(points.outcome)
    money = declared.format == registry.MONEY if declared is not None else points.outcome.endswith("_sek")
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
    ax.set_xlabel(axis_label(x, scenario, lang))
    ax.set_ylabel(axis_label(y, scenario, lang))
    number_axis(ax, "x", lang)
    number_axis(ax, "y", lang)
    ax.grid(False)
    ax.set_title(_("Mean {outcome} over two parameters", lang, outcome=outcome_label(points.outcome, lang)),
                 fontsize=13)
    return fig


@plotting
def plot_peeling(disc: Discovery, outcome: str, threshold: float, above: bool = True, lang: str = "en",
                 scenario: Scenario | None = None) -> PlotFigure:
    """PRIM's peeling trajectory: each box's coverage (x) against its density (y), coloured by
    how many parameters it restricts; the reported box circled, and the parameters it restricts
    (by their labels) with their limits under the plot."""
    t = disc.trajectory
    fig, ax = new_figure(9, 6.5, box_caption(disc, lang, scenario))
    top = int(t["res_dim"].max())
    colors = ListedColormap([PALETTE[i % len(PALETTE)] for i in range(top + 1)])
    norm = BoundaryNorm(np.arange(-0.5, top + 1.5), colors.N)
    dots = ax.scatter(t["coverage"], t["density"], c=t["res_dim"], cmap=colors, norm=norm, s=26, zorder=2)
    ax.plot(t["coverage"], t["density"], color="lightgray", lw=0.8, zorder=1)
    chosen = t.loc[disc.chosen]
    ax.scatter([chosen["coverage"]], [chosen["density"]], s=180, facecolors="none", edgecolors="black", lw=1.5,
               zorder=3, label=_("box {box}: coverage {coverage}, density {density}", lang, box=disc.chosen,
                                 coverage=number(chosen["coverage"], lang, 2),
                                 density=number(chosen["density"], lang, 2)))
    bar = fig.colorbar(dots, ax=ax, ticks=range(top + 1))
    bar.set_label(_("Parameters the box restricts", lang))
    ax.set_xlabel(_("Coverage (share of the points of interest inside the box, 0–1)", lang))
    ax.set_ylabel(_("Density (share of the points inside that are of interest, 0–1)", lang))
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    number_axis(ax, "x", lang)
    number_axis(ax, "y", lang)
    side = _("above", lang) if above else _("below", lang)
    ax.set_title(_("Where {outcome} stays {side} {threshold}", lang, outcome=outcome_label(outcome, lang), side=side,
                   threshold=number(threshold, lang, digits=6))
                 + "\n" + _("PRIM peeling trajectory ({cases} of {points} points of interest)", lang,
                             cases=disc.cases, points=disc.points), fontsize=12)
    ax.legend(loc="lower left")
    return fig


def box_caption(disc: Discovery, lang: str = "en", scenario: Scenario | None = None) -> str:
    """The parameters the reported box restricts, each by its label with its limits, in words."""
    restricted = disc.limits[disc.limits["restricted"]]
    if restricted.empty:
        return _("The box restricts no parameter.", lang)
    limits = [_("{parameter} from {low} to {high}", lang, parameter=parameter_phrase(r.parameter, scenario, lang),
                low=number(r.lower, lang, digits=4), high=number(r.upper, lang, digits=4))
              for r in restricted.itertuples()]
    return _("The circled box restricts {limits}.", lang, limits="; ".join(limits))
