"""The plot set of a run, and where each plot lives.

Every plot takes what it draws (``Results``, or a study's table) and ``lang`` ('en' or 'sv'),
and returns a :class:`.style.PlotFigure` — a matplotlib Figure built with the object API, never
pyplot, so nothing switches a backend; a report renders it with :func:`figure_png`, a notebook
shows it as it is, an app embeds it. The captions under the figures are short; the longer
plain-language reading of each is :func:`.readings.reading`.

- :mod:`.run_plots` — cash and yearly result, visitors, who comes, safety and vacancy, any series
- :mod:`.money_plots` — who carries whom (gungor och karuseller), what each payer spends
- :mod:`.footfall_plots` — visitors by weekday and daypart, each unit month by month
- :mod:`.unrest_plots` — unrest events by type over time, the interventions marked
- :mod:`.plan` — the plan of the centre in a month
- :mod:`.study_plots` — compare, breakeven, prices; :mod:`.sweep_plots` — sweeps
"""

from __future__ import annotations

from collections.abc import Callable

from ..results import Results
from .footfall_plots import plot_footfall
from .money_plots import plot_contributions, plot_flows, plot_public_cost, plot_who_carries_whom
from .plan import plot_plan
from .run_plots import plot_cash, plot_safety_vacancy, plot_series, plot_visitors, plot_who_comes
from .study_plots import plot_breakeven, plot_compare, plot_prices
from .style import PlotFigure, figure_png, for_screen
from .unrest_plots import plot_unrest_timeline

RUN_PLOTS: dict[str, Callable[..., PlotFigure]] = {
    "cash.png": plot_cash,
    "who_carries_whom.png": plot_who_carries_whom,
    "footfall_heatmap.png": plot_footfall,
    "unrest_timeline.png": plot_unrest_timeline,
    "safety_vacancy.png": plot_safety_vacancy,
    "public_cost.png": plot_public_cost,
    "visitors.png": plot_visitors,
    "who_comes.png": plot_who_comes,
}
"""The files ``centrumsim run`` writes, and the plot of each (``plot(results, lang=…)``)."""
NEEDS_ENTERPRISE = ("cash.png", "who_carries_whom.png")
"""Plots of the enterprise, left out when a scenario has none."""


def result_plots(results: Results, lang: str = "en") -> list[tuple[str, PlotFigure]]:
    """The plot set of a run as (file name, figure), in :data:`RUN_PLOTS` order; the
    enterprise's plots only when there is one."""
    has_enterprise = results.runs[0].has_enterprise
    return [(name, plot(results, lang=lang)) for name, plot in RUN_PLOTS.items()
            if has_enterprise or name not in NEEDS_ENTERPRISE]


__all__ = [
    "NEEDS_ENTERPRISE", "RUN_PLOTS", "PlotFigure", "figure_png", "for_screen", "plot_breakeven", "plot_cash",
    "plot_compare", "plot_contributions", "plot_flows", "plot_footfall", "plot_plan", "plot_prices",
    "plot_public_cost", "plot_safety_vacancy", "plot_series", "plot_unrest_timeline", "plot_visitors",
    "plot_who_carries_whom", "plot_who_comes", "result_plots"
]
