"""Which of :mod:`centrumsim.present`'s plots the page shows: the one place that names them.

The plots are restyled in :mod:`centrumsim.present.plots` from time to time; the page looks them
up by name here, so a renamed plot is one line to change, and a plot that is missing or fails
shows as a note on the page instead of breaking it. Every figure is made for the screen
(:func:`centrumsim.present.style.for_screen`: as wide as the page's plot column at 1280×720, no text
under 16 px, its caption given to the page as text) and rendered to PNG by ``figure_png`` (the
run identity goes into its metadata).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..msgids import N_
from ..present import plots
from ..present.language import _, number
from ..present.style import BLUE, ORANGE, RED, date_axis, new_figure, plotting, take_caption
from ..results import Results

# (key, the function's names in centrumsim.present.plots — the first that exists is drawn —, needs an
# enterprise in the scenario, the plot's name on its button); every plot is called as plot(results, lang=…)
SEED_PLOTS: tuple[tuple[str, tuple[str, ...], bool, str], ...] = (
    ("cash", ("plot_cash",), True, N_("Cash")),
    ("visitors", ("plot_visitors",), False, N_("Visitors")),
    ("contributions", ("plot_contributions", "plot_who_carries_whom"), True, N_("Each unit's part")),
    ("flows", ("plot_flows",), True, N_("Who carries whom")),
    ("who_comes", ("plot_who_comes",), False, N_("Who comes")),
)
SCREEN_PX = (850, 500)
"""A plot's size on the page, in pixels: the plot column beside the controls at 1280×720."""

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
    caption: str = ""
    title: str = ""


def plot_function(names: tuple[str, ...]):
    """The first of ``names`` that :mod:`centrumsim.present.plots` has (None if none)."""
    return next((fn for fn in (getattr(plots, n, None) for n in names) if callable(fn)), None)


def _draw(key: str, names: tuple[str, ...], results: Results, *args: object, lang: str, title: str = "",
          size: tuple[int, int] | None = SCREEN_PX) -> Figure:
    fn = plot_function(names)
    if fn is None:
        return Figure(key, problem=f"centrumsim.present.plots has no {' or '.join(names)}", title=title)
    name = getattr(fn, "__name__", names[0])
    try:
        fig = fn(results, *args, lang=lang)
        # the plan keeps its own size and text (its names fill their premises): only its caption moves
        caption = plots.for_screen(fig, *size) if size is not None else take_caption(fig)
        return Figure(key, getattr(plots, PNG)(fig, results.identity()), caption=caption, title=title)
    except Exception as exc:  # noqa: BLE001 - a plot that fails, however, is a note on the page, not a broken page
        return Figure(key, problem=f"{name}: {type(exc).__name__}: {exc}", title=title)


def seed_figures(results: Results, lang: str = "en") -> list[Figure]:
    """The plots of a set of runs, in the order the page shows them (one at a time)."""
    has_enterprise = bool(results.runs) and results.runs[0].has_enterprise
    return [_draw(key, names, results, lang=lang, title=_(title, lang))
            for key, names, needs, title in SEED_PLOTS if has_enterprise or not needs]


def has_plan() -> bool:
    """Does :mod:`centrumsim.present.plots` draw the plan of the centre yet?"""
    return plot_function((PLAN_PLOT,)) is not None


def plan_figure(results: Results, month: int, lang: str = "en") -> Figure:
    """The plan of the centre in ``month`` (an index from 0), through ``plot_plan``."""
    return _draw("plan", (PLAN_PLOT,), results, month, lang=lang, size=None)


def months(results: Results) -> list[str]:
    """The months of the runs, as labels (YYYY-MM), in order."""
    return sorted({str(m) for m in results.timeseries["month"].unique()})


LIVE_SERIES = (("visitors_today", BLUE, N_("visitors today"), None),
               ("fear", ORANGE, N_("fear in the area (0–1)"), 1.0),
               ("events_today", RED, N_("unrest events today"), 3.0))
"""The live run's panels: a daily column of the model's DataCollector, its colour, its name and
the top of its scale (None: the data's; else at least this, so that a quiet start reads as
zero, not as noise around it)."""
LIVE_WINDOW_DAYS = 365
"""The live plot shows at least the run's first year (then everything so far)."""


@plotting
def live_figure(model: Any, lang: str = "en") -> bytes:
    """The live run so far, day by day: a panel per :data:`LIVE_SERIES`, for the screen (PNG)."""
    frame = model.datacollector.get_model_vars_dataframe()
    fig, axes = new_figure(SCREEN_PX[0] / 110, 5, "", nrows=len(LIVE_SERIES), sharex=True)
    dates = model.calendar.dates
    days = dates[: len(frame)]
    end = dates[min(max(len(frame), LIVE_WINDOW_DAYS), len(dates)) - 1]
    for ax, (column, colour, label, top) in zip(axes, LIVE_SERIES):
        values = frame[column].to_numpy(dtype=float) if len(frame) else np.zeros(0)
        if values.size:
            ax.plot(days, values, color=colour, lw=1.6, gid=f"live:{column}")
        highest = float(np.nanmax(values)) if values.size else 0.0
        ax.set_ylim(0, max(top or 0.0, highest * 1.1, 1.0))
        ax.set_xlim(dates[0], end)
        ax.set_title(_(label, lang), loc="left")
    date_axis(axes[-1], lang)
    plots.for_screen(fig, SCREEN_PX[0], 460)
    return getattr(plots, PNG)(fig)


def live_status(model: Any, lang: str = "en") -> str:
    """Where the live run is: the day and its date (none yet before the first step)."""
    if model.steps == 0:
        return _("Day 0: press “Step a month” or “Play”.", lang)
    day = model.steps - 1
    return _("Day {day} of {days}: {date}", lang, day=number(day + 1, lang, 0), days=number(model.calendar.n_days,
             lang, 0), date=str(np.datetime_as_string(model.calendar.dates[day], unit="D")))
