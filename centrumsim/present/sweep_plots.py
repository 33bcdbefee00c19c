"""Plots and printed tables of what is learnt from a sweep: sensitivity indices (Sobol S1 and ST
with their 95 % intervals, Morris μ* and σ) and PRIM's peeling trajectory (coverage against
density, coloured by how many parameters a box restricts). English labels with units; figures
are built with matplotlib's object API and rendered by :func:`.plots.figure_png`.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import numpy as np
from matplotlib import rc_context
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from .plots import money

if TYPE_CHECKING:
    from ..sweeps.discovery import Discovery
    from ..sweeps.sensitivity import Sensitivity

_UNITS = (("_sek_per_year", "SEK per year"), ("_sek_per_month", "SEK per month"), ("_sek", "SEK"),
          ("_per_year", "per year"), ("_per_month", "per month"), ("_per_day", "per day"),
          ("_share", "share, 0–1"), ("_rate", "share, 0–1"), ("_index", "index"), ("_m2", "m²"))


def outcome_label(key: str) -> str:
    """A readable label with its unit for a summary path: ``enterprise.result_sek_per_year`` →
    'enterprise result (SEK per year)', ``enterprise.p_break_even`` → 'enterprise probability
    of break even (0–1)'."""
    head, _, last = key.rpartition(".")
    unit = ""
    if last.startswith("p_"):
        last, unit = "probability of " + last[2:], "0–1"
    for suffix, name in _UNITS:
        if last.endswith(suffix):
            last, unit = last[: -len(suffix)], name
            break
    words = " ".join([*(head.split(".") if head else []), last]).replace("_", " ").strip()
    return f"{words} ({unit})" if unit else words


def outcome_unit(key: str) -> str:
    """The unit of a summary path's value ('SEK per year', …; '' when unknown)."""
    label = outcome_label(key)
    return label[label.rfind("(") + 1:-1] if label.endswith(")") else ""


def number(value: float, digits: int = 3) -> str:
    """A number as written for people: '-150,000', '0.25', '1.23e-05' (``digits`` significant
    digits below 1000)."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.{digits}g}"


def _plain_text(fn):
    """Text as written: a ``$`` or ``_`` in a parameter's name is not mathematical notation."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with rc_context({"text.parse_math": False}):
            return fn(*args, **kwargs)
    return wrapper


@_plain_text
def plot_sensitivity(sens: "Sensitivity") -> Figure:
    """Sobol: S1 and ST bars with 95 % interval whiskers; Morris: μ* bars with their 95 %
    whiskers and σ beside them; one row per parameter, most influential on top."""
    t = sens.table
    fig = Figure(figsize=(9, 0.55 * max(len(t), 3) + 1.8))
    ax = fig.subplots()
    y = np.arange(len(t))
    h = 0.38
    if sens.method == "sobol":
        ax.barh(y - h / 2, t["S1"], height=h, xerr=t["S1_conf"], color="tab:blue", capsize=3,
                label="first order S1 (alone)")
        ax.barh(y + h / 2, t["ST"], height=h, xerr=t["ST_conf"], color="tab:orange", capsize=3,
                label="total order ST (with interactions)")
        ax.axvline(0, color="black", lw=0.6)
        ax.set_xlabel("Sobol index (share of the variance of the outcome, 0–1); whiskers: 95 % interval")
        what = f"Sobol indices, N = {sens.samples}"
    else:
        unit = outcome_unit(sens.outcome) or "outcome units"
        ax.barh(y - h / 2, t["mu_star"], height=h, xerr=t["mu_star_conf"], color="tab:blue", capsize=3,
                label="μ* (mean absolute effect)")
        ax.barh(y + h / 2, t["sigma"], height=h, color="tab:gray", label="σ (spread: non-linearity, interactions)")
        ax.set_xlabel(f"Elementary effect over a parameter's whole range ({unit}); whiskers: 95 % interval of μ*")
        if float(np.nanmax(np.r_[t["mu_star"], t["sigma"]])) >= 1000:
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: money(v)))
        what = f"Morris screening, {sens.samples} trajectories"
    ax.set_yticks(y, list(t["parameter"]))
    ax.invert_yaxis()
    ax.set_title(f"What moves {outcome_label(sens.outcome)}\n{what}", fontsize=11)
    ax.legend(loc="lower right", fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    return fig


@_plain_text
def plot_peeling(disc: "Discovery", outcome: str, threshold: float, above: bool = True) -> Figure:
    """PRIM's peeling trajectory: each box's coverage (x) against its density (y), coloured by
    how many parameters it restricts; the reported box circled."""
    t = disc.trajectory
    fig = Figure(figsize=(8, 5.5))
    ax = fig.subplots()
    top = int(t["res_dim"].max())
    colors = ListedColormap([f"C{i % 10}" for i in range(top + 1)])
    norm = BoundaryNorm(np.arange(-0.5, top + 1.5), colors.N)
    points = ax.scatter(t["coverage"], t["density"], c=t["res_dim"], cmap=colors, norm=norm, s=22, zorder=2)
    ax.plot(t["coverage"], t["density"], color="lightgray", lw=0.8, zorder=1)
    chosen = t.loc[disc.chosen]
    ax.scatter([chosen["coverage"]], [chosen["density"]], s=160, facecolors="none", edgecolors="black", lw=1.5,
               zorder=3, label=f"box {disc.chosen}: coverage {chosen['coverage']:.2f}, density {chosen['density']:.2f}")
    bar = fig.colorbar(points, ax=ax, ticks=range(top + 1))
    bar.set_label("Parameters the box restricts")
    ax.set_xlabel("Coverage (share of the points of interest inside the box, 0–1)")
    ax.set_ylabel("Density (share of the points inside that are of interest, 0–1)")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    side = "above" if above else "below"
    ax.set_title(f"Where {outcome_label(outcome)} stays {side} {number(threshold, 6)}\n"
                 f"PRIM peeling trajectory ({disc.cases} of {disc.points} points of interest)", fontsize=11)
    ax.legend(loc="lower left", fontsize=8)
    ax.grid(alpha=0.3)
    return fig


def format_sensitivity(sens: "Sensitivity") -> str:
    """The indices as a printed table (± the half-width of the 95 % interval)."""
    t = sens.table
    width = max(9, *(len(p) for p in t["parameter"]))
    if sens.method == "sobol":
        head = f"{'parameter':<{width}}  {'S1':>15}  {'ST':>15}"
        rows = [f"{r.parameter:<{width}}  {r.S1:>7.3f} ± {r.S1_conf:<5.3f}  {r.ST:>7.3f} ± {r.ST_conf:<5.3f}"
                for r in t.itertuples()]
        title = f"Sobol indices of {sens.outcome} (N = {sens.samples}; ± 95 % interval)"
    else:
        unit = outcome_unit(sens.outcome)
        head = f"{'parameter':<{width}}  {'mu*':>22}  {'sigma':>11}  {'mu':>11}"
        rows = [f"{r.parameter:<{width}}  {number(r.mu_star):>11} ± {number(r.mu_star_conf):<8}  {number(r.sigma):>11}  "
                f"{number(r.mu):>11}" for r in t.itertuples()]
        title = (f"Morris screening of {sens.outcome} ({sens.samples} trajectories; ± 95 % interval"
                 + (f"; {unit} over each parameter's range)" if unit else ")"))
    return "\n".join([title, head, *rows])


def format_box(disc: "Discovery", outcome: str, threshold: float, above: bool = True) -> str:
    """The reported box: its coverage, density and the limits of the parameters it restricts."""
    side = "above" if above else "below"
    lines = [f"Points where the mean {outcome} is {side} {number(threshold, 6)}: {disc.cases} of {disc.points}",
             f"Box {disc.chosen} of {len(disc.trajectory)} on the peeling trajectory: coverage {disc.coverage:.2f}, "
             f"density {disc.density:.2f}, {int(disc.trajectory.loc[disc.chosen, 'n'])} points inside"]
    restricted = disc.limits[disc.limits["restricted"]]
    if restricted.empty:
        return "\n".join([*lines, "The box restricts no parameter."])
    width = max(9, *(len(p) for p in restricted["parameter"]))
    lines.append(f"{'parameter':<{width}}  {'from':>11}  {'to':>11}  {'sweep range':>23}")
    for r in restricted.itertuples():
        rng = f"{number(r.sweep_min, 4)} – {number(r.sweep_max, 4)}" if "sweep_min" in disc.limits and np.isfinite(r.sweep_min) else ""
        lines.append(f"{r.parameter:<{width}}  {number(r.lower, 4):>11}  {number(r.upper, 4):>11}  {rng:>23}")
    return "\n".join(lines)
