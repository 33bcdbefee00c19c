"""Every outcome declared once: the series the model records and the numbers of a run's summary.

An outcome has a name (a series' key, or its dotted path in ``summary.json``), a unit, its
dimensions (one number per run summarised over the seeds, or one per month, day, unit, event
type, …), how it is measured (:class:`Measure`: a kind of measure that
:mod:`centrumsim.results.measuring` defines, attached here by name, and what it reads), how its
numbers are written (:data:`FORMATS`) and its label: an English message id that the translation
catalogue translates (:func:`centrumsim.present.language._`).

Everything that names outcomes reads this module: the model records :func:`series_names`
(``model/indicators.py``), the summary is built from :data:`OUTCOMES` in their order
(``results/summary.py``), the printed text and the report's tables show the outcomes in
:data:`TABLE`, the report's side-by-side table those in :data:`SIDE_BY_SIDE`, ``compare`` those in
:data:`COMPARE`, the page those in :data:`PAGE`; a sweep may keep any number of the summary (a
path :func:`find` knows) and any monthly series; the axes of the plots are labelled with
:func:`centrumsim.present.language.outcome_title`.

**Adding an outcome** is one declaration here — in the order a reader should meet it — and, when
no kind of :class:`Measure` fits, its measure in :mod:`centrumsim.results.measuring`; then its
label's Swedish in the catalogue (``locale/sv/LC_MESSAGES/centrumsim.po``; see CONTRIBUTING).
E.g. the mean number of guardians in the evening, per day::

    Outcome("centre.guardians_per_day", N_("guardians in the evening per day"),
            measure=Measure("monthly_mean", ("guardians",))),

It then appears in ``summary.json``, in the printed summary and the report's tables, among the
outcomes a sweep may keep, and with its label on any axis that plots it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .msgids import N_

__all__ = ["COMPARE", "DESCRIPTIVE", "FORMATS", "OUTCOMES", "PAGE", "PLOT", "SERIES", "SIDE_BY_SIDE", "TABLE",
           "Measure", "Outcome", "Series", "declared", "find", "section", "series_names"]

# ---------------------------------------------------------------------------- number formats
MONEY = "money"
"""Whole kronor, grouped (``1 250 000``)."""
SHARE = "share"
"""A share 0–1, written as a percentage (``85 %``)."""
COUNT = "count"
"""Whole from 100, one decimal below (``680``, ``3,5``)."""
INDEX = "index"
"""An index 0–100, written like a count."""
DECIMAL = "decimal"
"""Two decimals (``0,85``): ratios and rates."""
WHOLE = "whole"
"""A whole number (``7``)."""
FORMATS = (MONEY, SHARE, COUNT, INDEX, DECIMAL, WHOLE)

# ---------------------------------------------------------------------------- dimensions
RUN, MONTH, DAY = "run", "month", "day"
"""One number per run (summarised over the seeds), one per month or one per day of a run."""
UNIT, EVENT_TYPE, YEAR, PAYER, PUBLIC_LINE, AGE_BAND, GENDER, ZONE, VARIANT = (
    "unit", "event type", "year", "payer", "public line", "age band", "gender", "zone", "variant")
"""One number (or band) per unit, event type, calendar year, payer, …: a family of numbers."""
RECORD = "record"
"""Plain data with named fields (the design of the futures): not summarised, kept as it is."""

# ---------------------------------------------------------------------------- statistics over seeds
QUANTILES = "quantiles"
"""``{p05, median, p95}`` of a per-run measure over the seeds."""
SHARE_OF_SEEDS = "share of seeds"
"""The share of seeds where a per-run measure is true."""
MEAN, MEDIAN = "mean", "median"
"""The mean or the median of a per-run measure over the seeds."""
WHOLE_RESULTS = "whole results"
"""The measure takes all the runs and returns the summary's value itself (a family of numbers)."""

# ---------------------------------------------------------------------------- where outcomes show
TABLE = "table"
"""The printed summary of ``run`` and the report's summary tables."""
SIDE_BY_SIDE = "side by side"
"""The report's table of key outcomes of several scenarios side by side."""
COMPARE = "compare"
"""The table ``compare`` prints (and writes to compare.csv)."""
PLOT = "plot"
"""A panel of ``compare``'s small multiples."""
PAGE = "page"
"""The line of numbers of the interactive page."""


@dataclass(frozen=True)
class Measure:
    """How an outcome is measured: the ``kind`` of measure (a name that
    :data:`centrumsim.results.measuring.KINDS` resolves), what it reads (``of``: series names for
    the series kinds, a column or a reason for others) and the statistic over the seeds
    (``over``)."""

    kind: str
    of: tuple[str, ...] = ()
    over: str = QUANTILES


@dataclass(frozen=True)
class Series:
    """A series the model records for each run: ``name`` (the key in ``RunOutput.monthly`` or
    ``.daily``, a column of ``Results.timeseries`` or ``.daily``), ``per`` (:data:`MONTH` or
    :data:`DAY`), the ``label`` and ``unit`` (English msgids) and the number ``format``."""

    name: str
    per: str
    label: str
    unit: str = ""
    format: str = COUNT


@dataclass(frozen=True)
class Outcome:
    """A number (or a family of numbers) of a run's summary.

    ``path`` is its dotted path in the summary (``centre.safety_index``; ``*`` stands for each
    unit in ``units.*.visits_per_day``); ``per`` the dimension: :data:`RUN` for one number per
    run summarised over the seeds, or what a family is per (:data:`UNIT`, :data:`EVENT_TYPE`, …;
    the summary then holds one entry per key below the path). ``label`` names it standing alone
    (axes, sweep outcomes, the page); ``row`` in a table whose heading already says whose it is
    (default: the label); ``note`` is written after the value (in a table: after the row's label);
    ``sub``: the row is part of the one above (indented). ``unit`` and all words are English
    msgids. ``views`` says where it shows beyond ``summary.json`` and sweeps."""

    path: str
    label: str
    unit: str = ""
    format: str = COUNT
    per: str = RUN
    measure: Measure | None = None
    row: str = ""
    note: str = ""
    sub: bool = False
    views: tuple[str, ...] = (TABLE,)

    @property
    def section(self) -> str:
        """The summary's section: the path's first part (``centre``)."""
        return self.path.split(".", 1)[0]

    @property
    def key(self) -> str:
        """The key within its section (``safety_index``; ``visits_per_day`` for ``units.*.visits_per_day``)."""
        return self.path.rsplit(".", 1)[-1]

    @property
    def row_label(self) -> str:
        """The msgid of its row in a table."""
        return self.row or self.label

    def matches(self, path: str) -> bool:
        """Does the summary path ``path`` belong to this outcome (a family: any path below it)?"""
        pattern = r"[^.]+".join(re.escape(p) for p in self.path.split("*"))
        below = r"(\..+)?" if self.per != RUN and "*" not in self.path else ""
        return re.fullmatch(pattern + below, path) is not None


def _m(kind: str, *of: str, over: str = QUANTILES) -> Measure:
    return Measure(kind, tuple(of), over)


def _fact(path: str, label: str, unit: str = "", format: str = COUNT, per: str = RUN) -> Outcome:
    """An outcome the runs' uncertainty facts give as they are (``results/uncertainty.py``),
    shown only in ``summary.json``."""
    return Outcome(path, label, unit, format, per, _m("uncertainty", path.rsplit(".", 1)[-1], over=WHOLE_RESULTS),
                   views=())


SEK, SEK_PER_YEAR, SEK_PER_MONTH = N_("SEK"), N_("SEK per year"), N_("SEK per month")
ZERO_ONE, ZERO_HUNDRED = N_("0–1"), N_("0–100")

# ---------------------------------------------------------------------------- the series
SERIES: tuple[Series, ...] = (
    # month by month
    Series("cash_sek", MONTH, N_("cash"), SEK, MONEY),
    Series("result_sek", MONTH, N_("result"), SEK_PER_MONTH, MONEY),
    Series("safety_index", MONTH, N_("safety index"), ZERO_HUNDRED, INDEX),
    Series("vacancy_rate", MONTH, N_("vacancy rate"), ZERO_ONE, SHARE),
    Series("events", MONTH, N_("unrest events")),
    Series("unique_visitors", MONTH, N_("unique visitors")),
    Series("guardians", MONTH, N_("guardians in the evening (eyes on the street)")),
    Series("active_youths", MONTH, N_("youths active in unrest")),
    Series("open_units", MONTH, N_("open units"), format=WHOLE),
    Series("activities", MONTH, N_("activities")),
    Series("guard_cost_sek", MONTH, N_("cost of security guards"), SEK_PER_MONTH, MONEY),
    Series("public_events", MONTH, N_("public events")),
    Series("residents", MONTH, N_("residents"), format=WHOLE),
    Series("evenness", MONTH, N_("evenness by age and gender"), ZERO_ONE, DECIMAL),
    Series("club_active_share", MONTH, N_("club-active children 6–19"), ZERO_ONE, SHARE),
    Series("satisfaction_index", MONTH, N_("resident satisfaction"), ZERO_HUNDRED, INDEX),
    Series("services_share", MONTH, N_("share of the kinds of service open"), ZERO_ONE, SHARE),
    Series("guardians_day", MONTH, N_("guardians in the daytime (eyes on the street)")),
    Series("willingness_to_report", MONTH, N_("willingness to report crime"), ZERO_ONE, DECIMAL),
    Series("displaced_events", MONTH, N_("unrest events displaced elsewhere")),
    Series("youths_in_posts", MONTH, N_("youths in work-integration posts"), format=WHOLE),
    Series("area_income", MONTH, N_("the area's median income against the national median"), format=DECIMAL),
    # day by day
    Series("visitors_day", DAY, N_("visitors in the daytime")),
    Series("visitors_evening", DAY, N_("visitors in the evening")),
    Series("outside_day", DAY, N_("outside visitors in the daytime")),
    Series("outside_evening", DAY, N_("outside visitors in the evening")),
    Series("unit_visits", DAY, N_("visits to the units")),
    Series("events", DAY, N_("unrest events")),
    Series("fear", DAY, N_("fear"), ZERO_ONE, DECIMAL),
    Series("public_events", DAY, N_("public events")),
    Series("displaced_events", DAY, N_("unrest events displaced elsewhere")),
    Series("unrepaired_damage", DAY, N_("unrepaired damage")),
)
"""The series the model records, month by month and day by day, in the order it records them."""

# ---------------------------------------------------------------------------- the summary
_KEY = (TABLE, SIDE_BY_SIDE)
OUTCOMES: tuple[Outcome, ...] = (
    # the compared study's own outcomes (compare.csv), measured in centrumsim.analysis.compare
    Outcome("compare.share_of_unit_months_open", N_("units open"), ZERO_ONE, SHARE, VARIANT,
            _m("share_of_unit_months_open", over=MEAN), row=N_("units open (share of unit-months)"),
            views=(COMPARE, PLOT)),
    Outcome("compare.months_until_first_gap", N_("months until a unit first stops"), format=WHOLE, per=VARIANT,
            measure=_m("months_until_first_gap", over=MEDIAN), row=N_("months until a unit first stops (median)"),
            views=(COMPARE,)),
    Outcome("compare.units_open_at_end", N_("units open at the end"), format=WHOLE, per=VARIANT,
            measure=_m("units_open_at_end", over=MEDIAN), row=N_("units open at the end (median)"),
            views=(COMPARE,)),
    Outcome("compare.operators_result_sek_per_year", N_("operators' result"), SEK_PER_YEAR, MONEY, VARIANT,
            _m("operators_result_sek_per_year", over=MEDIAN), row=N_("operators' result, SEK/year (median)"),
            views=(COMPARE, PLOT)),
    Outcome("compare.units_public_support_sek_per_year", N_("the units' public support"), SEK_PER_YEAR, MONEY,
            VARIANT, _m("units_public_support_sek_per_year", over=MEDIAN),
            row=N_("the units' public support, SEK/year"), views=(COMPARE, PLOT)),
    Outcome("compare.centre_public_support_sek_per_year", N_("all public support, houses included"), SEK_PER_YEAR,
            MONEY, VARIANT, _m("centre_public_support_sek_per_year", over=MEDIAN), views=(COMPARE,)),

    # the enterprise
    Outcome("enterprise.result_sek_per_year", N_("the enterprise's yearly result"), SEK_PER_YEAR, MONEY,
            measure=_m("enterprise_result_per_year"), row=N_("yearly result (SEK)"), views=(*_KEY, PAGE)),
    Outcome("enterprise.p_break_even", N_("probability of breaking even"), ZERO_ONE, SHARE,
            measure=_m("breaks_even", over=SHARE_OF_SEEDS), views=(*_KEY, PAGE)),
    _fact("enterprise.p_break_even_interval", N_("interval of the probability of breaking even"), ZERO_ONE, SHARE),
    _fact("enterprise.p_break_even_chance_only", N_("probability of breaking even by chance alone"), ZERO_ONE, SHARE),
    _fact("enterprise.p_break_even_chance_only_interval", N_("its interval by chance alone"), ZERO_ONE, SHARE),
    Outcome("enterprise.p_solvent", N_("probability of staying solvent"), ZERO_ONE, SHARE,
            measure=_m("stays_solvent", over=SHARE_OF_SEEDS), views=_KEY),
    Outcome("enterprise.min_cash_sek", N_("the enterprise's lowest cash"), SEK, MONEY, measure=_m("lowest_cash"),
            row=N_("lowest cash (SEK)")),
    Outcome("enterprise.end_cash_sek", N_("the enterprise's cash at the end"), SEK, MONEY,
            measure=_m("last", "cash_sek"), row=N_("cash at the end (SEK)"), views=_KEY),
    Outcome("enterprise.cross_subsidy", N_("cross-subsidy"), SEK_PER_YEAR, MONEY, UNIT,
            _m("cross_subsidy", over=WHOLE_RESULTS),
            row=N_("cross-subsidy, SEK/year (median): carried others / was carried")),

    # each unit
    Outcome("units.*.contribution_sek_per_year", N_("contribution to the whole"), SEK_PER_YEAR, MONEY, UNIT,
            _m("unit_column", "contribution_sek_per_year")),
    Outcome("units.*.share_of_months_open", N_("share of months open"), ZERO_ONE, SHARE, UNIT,
            _m("unit_column", "share_of_months_open", over=MEAN)),
    Outcome("units.*.visits_per_day", N_("visits per day"), format=COUNT, per=UNIT,
            measure=_m("unit_column", "visits_per_day")),
    Outcome("units.*.posts_work_integration", N_("work-integration posts"), format=DECIMAL, per=UNIT,
            measure=_m("unit_column", "posts_work_integration"), views=()),
    Outcome("units.*.share_of_seeds_present", N_("share of the runs with the unit"), ZERO_ONE, SHARE, UNIT,
            _m("unit_presence", over=WHOLE_RESULTS), views=()),

    # the public purse
    Outcome("public.cost_sek_per_year", N_("net cost to the public purse"), SEK_PER_YEAR, MONEY,
            measure=_m("public_cost"), row=N_("in all"),
            views=(*_KEY, COMPARE, PLOT)),
    Outcome("public.incremental_cost_sek_per_year", N_("incremental cost to the public purse"), SEK_PER_YEAR, MONEY,
            measure=_m("public_cost", "incremental"), row=N_("beyond what would be spent anyway"),
            views=(*_KEY, COMPARE)),
    Outcome("public.unrest_cost_sek_per_year", N_("what unrest costs the public"), SEK_PER_YEAR, MONEY,
            measure=_m("public_cost", "unrest"), row=N_("police, fire service, damage and clean-up"),
            views=(*_KEY, COMPARE)),
    Outcome("public.by_payer", N_("net cost to each public payer"), SEK_PER_YEAR, MONEY, PAYER,
            _m("public_cost_by_payer", over=WHOLE_RESULTS)),
    Outcome("public.by_line_sek_per_year", N_("public money by line"), SEK_PER_YEAR, MONEY, PUBLIC_LINE,
            _m("public_by_line", over=WHOLE_RESULTS), views=()),

    # the letting market
    Outcome("market.entries_per_year", N_("tenants entering empty premises per year"), format=DECIMAL,
            measure=_m("market_changes", "entered"), row=N_("entering empty premises")),
    Outcome("market.exits_per_year", N_("tenants leaving per year"), format=DECIMAL,
            measure=_m("market_changes", "notice"), row=N_("leaving (shop closed, lease served out)")),

    # the centre, in the order the printed summary reads
    Outcome("centre.visitors_per_day", N_("visitors per day"),
            measure=_m("daily_mean", "visitors_day", "visitors_evening"), views=(*_KEY, COMPARE, PLOT, PAGE)),
    Outcome("centre.visitors_per_evening", N_("visitors per day in the evening"),
            measure=_m("daily_mean", "visitors_evening"), row=N_("of which in the evening"), sub=True),
    Outcome("centre.unique_visitors_per_month", N_("unique visitors per month"),
            measure=_m("monthly_mean", "unique_visitors"), views=_KEY),
    Outcome("centre.evenness", N_("evenness by age and gender"), ZERO_ONE, DECIMAL,
            measure=_m("monthly_nanmean", "evenness"), note=N_("(1 = visitors mirror the residents)"), views=_KEY),
    Outcome("centre.visitors_by_age", N_("resident visitors by age"), ZERO_ONE, SHARE, AGE_BAND,
            _m("visitors_by_age", over=WHOLE_RESULTS), note=N_("(share of residents)")),
    Outcome("centre.visitors_by_gender", N_("resident visitors by gender"), ZERO_ONE, SHARE, GENDER,
            _m("visitors_by_gender", over=WHOLE_RESULTS)),
    Outcome("centre.public_events_per_year", N_("public events per year"),
            measure=_m("monthly_per_year", "public_events")),
    Outcome("centre.activities_per_year", N_("activities per year"), measure=_m("monthly_per_year", "activities"),
            views=_KEY),
    Outcome("centre.club_active_share", N_("club-active children 6–19"), ZERO_ONE, SHARE,
            measure=_m("monthly_mean", "club_active_share"), views=_KEY),
    Outcome("centre.satisfaction_index", N_("resident satisfaction"), ZERO_HUNDRED, INDEX,
            measure=_m("monthly_mean", "satisfaction_index"), note=N_("(0–100)"), views=_KEY),
    Outcome("centre.unrest_events_per_year", N_("unrest events per year"), measure=_m("daily_per_year", "events"),
            views=(*_KEY, COMPARE, PLOT)),
    Outcome("centre.unrest_by_type", N_("unrest events per year by type"), per=EVENT_TYPE,
            measure=_m("events_by_type", over=WHOLE_RESULTS), row=N_("by type (median)"), sub=True),
    Outcome("centre.burstiness", N_("burstiness (Fano factor of monthly counts; 1 = Poisson)"), format=DECIMAL,
            measure=_m("fano_factor", "events"), sub=True),
    Outcome("centre.actors", N_("youths who caused an event"), format=WHOLE, measure=_m("actors"), sub=True),
    Outcome("centre.actors_gini", N_("concentration of events among them (Gini: 0 even, 1 one youth)"), ZERO_ONE,
            DECIMAL, measure=_m("actors_gini"), sub=True),
    Outcome("centre.years_on_police_list", N_("on the police list (share of runs)"), ZERO_ONE, SHARE, YEAR,
            _m("police_list", over=WHOLE_RESULTS)),
    Outcome("centre.safety_index", N_("safety index"), ZERO_HUNDRED, INDEX, measure=_m("monthly_mean", "safety_index"),
            row=N_("safety index (0–100)"), views=(*_KEY, COMPARE, PLOT)),
    Outcome("centre.vacancy_rate", N_("vacancy rate"), ZERO_ONE, SHARE, measure=_m("monthly_mean", "vacancy_rate"),
            views=(*_KEY, COMPARE, PLOT)),
    Outcome("centre.vacancy_changes_per_year", N_("months a year the vacancy changed (0: the market never moved)"),
            format=DECIMAL, measure=_m("monthly_changes_per_year", "vacancy_rate"), sub=True),
    # … and in summary.json only
    Outcome("centre.guard_cost_sek_per_year", N_("cost of security guards"), SEK_PER_YEAR, MONEY,
            measure=_m("monthly_per_year", "guard_cost_sek"), views=()),
    Outcome("centre.displaced_events_per_year", N_("unrest events displaced elsewhere per year"),
            measure=_m("monthly_per_year", "displaced_events"), views=()),
    Outcome("centre.willingness_to_report", N_("willingness to report crime"), ZERO_ONE, DECIMAL,
            measure=_m("monthly_mean", "willingness_to_report"), views=()),
    Outcome("centre.visitors_per_daytime", N_("visitors per day in the daytime"),
            measure=_m("daily_mean", "visitors_day"), views=()),
    Outcome("centre.residents_at_end", N_("residents at the end"), format=WHOLE, measure=_m("last", "residents"),
            views=()),
    Outcome("centre.visitors_by_zone", N_("resident visitors by zone"), ZERO_ONE, SHARE, ZONE,
            _m("visitors_by_zone", over=WHOLE_RESULTS), views=()),

    # how sure the answer is: over the assumptions and chance (centrumsim.analysis.uncertainty)
    _fact("uncertainty.assumptions_drawn", N_("the assumptions were drawn"), format=WHOLE),
    _fact("uncertainty.chance_share", N_("the part of the result's spread that chance alone explains"), ZERO_ONE,
          SHARE),
    _fact("uncertainty.drivers", N_("the assumptions the answer turns on"), ZERO_ONE, SHARE),
    _fact("uncertainty.drivers_r2", N_("how much of the spread over the assumptions the drivers explain"), ZERO_ONE,
          DECIMAL),
    _fact("uncertainty.method", N_("how the answer was reached"), format=WHOLE),
    _fact("uncertainty.runs", N_("runs the answer rests on"), format=WHOLE),
    _fact("uncertainty.assumptions", N_("the assumptions drawn, their ranges and reasons"), format=WHOLE),
    _fact("uncertainty.design", N_("the design of the futures"), format=WHOLE, per=RECORD),
    _fact("uncertainty.result_sek_per_year_chance_only", N_("the yearly result by chance alone"), SEK_PER_YEAR, MONEY),
)
"""The outcomes: each section's in the order of its summary (and of its printed table)."""

DESCRIPTIVE: tuple[str, ...] = (
    "scenario", "scenario_file", "scenario_sha256", "overrides", "seeds", "version", "run_id", "years",
    "start_date", "enterprise.name", "enterprise.present", "units.*.name", "units.*.label", "units.*.kind",
    "units.*.operator", "units.*.premises", "public.labels",
)
"""The keys of a summary that say what was run rather than measure it (the run identity, the
enterprise's name and whether there is one, each unit's names, the payers' labels)."""


def series_names(per: str) -> tuple[str, ...]:
    """The names of the series recorded per :data:`MONTH` or per :data:`DAY`, in order."""
    return tuple(s.name for s in SERIES if s.per == per)


def series(name: str, per: str = MONTH) -> Series:
    """The declaration of a series; KeyError if there is none."""
    for s in SERIES:
        if s.name == name and s.per == per:
            return s
    raise KeyError(f"no {per}ly series {name!r}")


def section(name: str) -> tuple[Outcome, ...]:
    """The outcomes of one section of the summary (``enterprise``, ``units``, ``centre``, ``public``,
    ``market``, ``uncertainty``) or of ``compare``, in order."""
    return tuple(o for o in OUTCOMES if o.section == name)


def shown(view: str) -> Iterator[Outcome]:
    """The outcomes shown in ``view`` (:data:`TABLE`, :data:`SIDE_BY_SIDE`, :data:`COMPARE`, …), in order."""
    return (o for o in OUTCOMES if view in o.views)


def find(path: str) -> Outcome | None:
    """The outcome a summary path belongs to (``units.cafe.visits_per_day``,
    ``centre.unrest_by_type.car_fire``), or None."""
    return next((o for o in OUTCOMES if o.matches(path)), None)


def declared(path: str) -> bool:
    """Is ``path`` (a key of a summary, dotted) a section, an outcome, a part of one, or a
    descriptive key?"""
    if find(path) is not None or path in {o.section for o in OUTCOMES}:
        return True
    for key in DESCRIPTIVE:
        pattern = r"[^.]+".join(re.escape(p) for p in key.split("*"))
        if re.fullmatch(pattern + r"(\..+)?", path):
            return True
    return False
