"""Plots in a notebook: ``res.plot.cash()`` returns a figure that Jupyter shows inline.

``Results.plot`` is a :class:`Plots` (hung on Results through :mod:`centrumsim.accessors`, since
the results layer may not import this one). Every method returns a :class:`.style.PlotFigure`,
a matplotlib Figure built without pyplot: it shows itself through ``_repr_png_``, is not one of
pyplot's figures (nothing to close, ``plt.get_fignums()`` stays empty) and leaves the user's
backend alone. ``res.plot("sv")`` is the same in Swedish; ``res.plot.reading("cash.png")`` is
the plot's reading in words. Pandas' own ``res.timeseries.plot()`` works too (through pyplot).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import footfall_plots, money_plots, plan, run_plots, unrest_plots
from .language import check_lang
from .plots import RUN_PLOTS, result_plots
from .readings import plan_reading, reading
from .style import PlotFigure

if TYPE_CHECKING:  # pragma: no cover
    from ..results import Results


class Plots:
    """The plots of one Results, in ``lang`` ('en' or 'sv')."""

    def __init__(self, results: Results, lang: str = "en"):
        self._results = results
        self.lang = check_lang(lang)

    def __call__(self, lang: str) -> Plots:
        """The same plots in another language: ``res.plot("sv").cash()``."""
        return Plots(self._results, lang)

    def __repr__(self) -> str:
        names = ", ".join(n for n in dir(self) if not n.startswith("_") and n != "lang")
        return f"<plots of {self._results.scenario.name} ({self.lang}): {names}>"

    def _lang(self, lang: str | None) -> str:
        return check_lang(lang or self.lang)

    def cash(self, lang: str | None = None) -> PlotFigure:
        """The enterprise's cash and yearly result (cash.png)."""
        return run_plots.plot_cash(self._results, lang=self._lang(lang))

    def who_carries_whom(self, lang: str | None = None) -> PlotFigure:
        """Gungor och karuseller: each unit's contribution and who carried whom (who_carries_whom.png)."""
        return money_plots.plot_who_carries_whom(self._results, lang=self._lang(lang))

    def footfall(self, lang: str | None = None) -> PlotFigure:
        """Visitors by weekday and daypart, each unit month by month (footfall_heatmap.png)."""
        return footfall_plots.plot_footfall(self._results, lang=self._lang(lang))

    def unrest(self, lang: str | None = None) -> PlotFigure:
        """Unrest events by type month by month, the interventions marked (unrest_timeline.png)."""
        return unrest_plots.plot_unrest_timeline(self._results, lang=self._lang(lang))

    def safety_vacancy(self, lang: str | None = None) -> PlotFigure:
        """The safety index and the vacancy rate (safety_vacancy.png)."""
        return run_plots.plot_safety_vacancy(self._results, lang=self._lang(lang))

    def public_cost(self, lang: str | None = None) -> PlotFigure:
        """What each payer spends on the centre, by line (public_cost.png)."""
        return money_plots.plot_public_cost(self._results, lang=self._lang(lang))

    def visitors(self, lang: str | None = None) -> PlotFigure:
        """Visitors per day (visitors.png)."""
        return run_plots.plot_visitors(self._results, lang=self._lang(lang))

    def who_comes(self, lang: str | None = None) -> PlotFigure:
        """Visits by age and gender against the residents (who_comes.png)."""
        return run_plots.plot_who_comes(self._results, lang=self._lang(lang))

    def plan(self, month: int | str = -1, seed: int | None = None, lang: str | None = None) -> PlotFigure:
        """The plan of the centre in ``month`` (an index or 'YYYY-MM'; one run with ``seed``)."""
        return plan.plot_plan(self._results, month, lang=self._lang(lang), seed=seed)

    def series(self, key: str, lang: str | None = None) -> PlotFigure:
        """Any monthly or daily series (a column of ``timeseries`` or ``daily``), median and band."""
        return run_plots.plot_series(self._results, key, lang=self._lang(lang))

    def all(self, lang: str | None = None) -> dict[str, PlotFigure]:
        """The plot set of ``centrumsim run``, file name → figure."""
        return dict(result_plots(self._results, self._lang(lang)))

    def reading(self, plot: str, lang: str | None = None) -> str:
        """The plain-language reading of a plot of the set ('cash.png', …) or of the plan ('plan')."""
        if plot == "plan":
            return plan_reading(self._results, lang=self._lang(lang))
        return reading(self._results, plot, self._lang(lang))

    @staticmethod
    def names() -> list[str]:
        """The file names of the plot set."""
        return list(RUN_PLOTS)
