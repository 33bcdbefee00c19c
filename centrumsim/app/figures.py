"""Which of :mod:`centrumsim.present`'s plots the page shows: the one place that names them.

The plots are restyled in :mod:`centrumsim.present.plots` from time to time; the page looks them
up by name here, so a renamed plot is one line to change, and a plot that is missing or fails
shows as a note on the page instead of breaking it. Every figure is rendered to PNG by
``figure_png`` (the run identity goes into its metadata).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..present import plots
from ..results import Results

# (key, the function's names in centrumsim.present.plots — the first that exists is drawn —, needs an
# enterprise in the scenario); every plot is called as plot(results, lang=…)
SEED_PLOTS: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("cash", ("plot_cash",), True),
    ("visitors", ("plot_visitors",), False),
    ("who_carries_whom", ("plot_who_carries_whom", "plot_contributions"), True),
    ("who_comes", ("plot_who_comes",), False),
)
# plot_plan(results, month, lang): the plan of the centre in a month (the month's index from 0).
# It is being written in centrumsim.present; until it exists the page shows a note in its place.
PLAN_PLOT = "plot_plan"
PNG = "figure_png"


@dataclass(frozen=True)
class Figure:
    """One figure for the page: PNG bytes, or the reason there is none."""

    key: str
    png: bytes | None = None
    problem: str = ""


def plot_function(names: tuple[str, ...]):
    """The first of ``names`` that :mod:`centrumsim.present.plots` has (None if none)."""
    return next((fn for fn in (getattr(plots, n, None) for n in names) if callable(fn)), None)


def _draw(key: str, names: tuple[str, ...], results: Results, *args: object, lang: str) -> Figure:
    fn = plot_function(names)
    if fn is None:
        return Figure(key, problem=f"centrumsim.present.plots has no {' or '.join(names)}")
    name = getattr(fn, "__name__", names[0])
    try:
        return Figure(key, getattr(plots, PNG)(fn(results, *args, lang=lang), results.identity()))
    except Exception as exc:  # noqa: BLE001 - a plot that fails, however, is a note on the page, not a broken page
        return Figure(key, problem=f"{name}: {type(exc).__name__}: {exc}")


def seed_figures(results: Results, lang: str = "en") -> list[Figure]:
    """The plots of a set of runs, in the order the page shows them."""
    has_enterprise = bool(results.runs) and results.runs[0].has_enterprise
    return [_draw(key, names, results, lang=lang) for key, names, needs in SEED_PLOTS if has_enterprise or not needs]


def has_plan() -> bool:
    """Does :mod:`centrumsim.present.plots` draw the plan of the centre yet?"""
    return plot_function((PLAN_PLOT,)) is not None


def plan_figure(results: Results, month: int, lang: str = "en") -> Figure:
    """The plan of the centre in ``month`` (an index from 0), through ``plot_plan``."""
    return _draw("plan", (PLAN_PLOT,), results, month, lang=lang)


def months(results: Results) -> list[str]:
    """The months of the runs, as labels (YYYY-MM), in order."""
    return sorted({str(m) for m in results.timeseries["month"].unique()})
