"""The HTML report: one self-contained page of one or more scenarios' runs, in English or Swedish.

:func:`build_report` turns Results into one HTML string — the title and the run identity (each
scenario's name, file, hash, overrides and seeds, the package version, the date), the summary
tables (:mod:`.report_tables`: the numbers ``centrumsim run`` prints), every plot of the run's plot
set with its plain-language reading (:mod:`.readings`), and the plan of the centre in a few
months. Several scenarios stand side by side: a table of their key outcomes and each plot per
scenario next to each other (one after another on a narrow screen or on paper).

The page is the jinja2 template ``templates/report.html`` (autoescaping on, the words through
the catalogue with jinja2's i18n extension): this module gathers what it shows. It needs
nothing from outside: images are PNG data URIs, the style sheet is inline, there are no scripts
and no web fonts, so nothing is fetched when it is opened. The identity is in
``<meta name="centrumsim-identity">`` (JSON) and in every image's PNG metadata. Writing the file
is the command's (:mod:`centrumsim.cli.report`); this module only builds the text.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any

import jinja2

from ..msgids import N_
from ..results import Results, jsonable
from ..version import __version__
from .language import _, capital, check_lang, listing, ngettext
from .names import month_label
from .plan import plot_plan
from .plots import NEEDS_ENTERPRISE, RUN_PLOTS
from .readings import plan_reading, reading
from .report_tables import Table, comparison_table, summary_tables
from .style import figure_png
from .unrest_plots import events_by_month
from .verdict import runs_phrase, verdict

__all__ = ["HEADINGS", "IDENTITY_META", "build_report", "figure_count", "plan_months", "report_identity"]

IDENTITY_META = "centrumsim-identity"
"""The name of the ``<meta>`` element whose content is the report's identity as JSON."""
PNG_URI = "data:image/png;base64,"
TEMPLATE = "report.html"
"""The page's template, in ``centrumsim/present/templates``."""
HEADINGS = {
    "cash.png": N_("Cash and yearly result"),
    "who_carries_whom.png": N_("Swings and roundabouts: who carries whom"),
    "footfall_heatmap.png": N_("When and where people come"),
    "unrest_timeline.png": N_("Unrest events month by month"),
    "safety_vacancy.png": N_("Safety and vacant premises"),
    "public_cost.png": N_("What the centre costs the public purse"),
    "visitors.png": N_("Visitors to the centre"),
    "who_comes.png": N_("Who comes to the centre"),
}
"""The heading of each plot of the set (:data:`.plots.RUN_PLOTS`) in the report."""


def _list(results: Results | Sequence[Results]) -> list[Results]:
    items = [results] if isinstance(results, Results) else list(results)
    if not items or not all(isinstance(r, Results) for r in items):
        raise TypeError("results must be centrumsim Results, or a list of them")
    return items


def report_identity(results: Results | Sequence[Results], lang: str = "en",
                    created: str | None = None) -> dict[str, Any]:
    """What identifies a report: each scenario's run identity (:meth:`Results.identity`), the
    language, the package version, when it was made, and ``run_id``, a short hash of the runs'
    ids and the language."""
    items = _list(results)
    scenarios = [r.identity() for r in items]
    key = {"command": "report", "lang": lang, "runs": [s["run_id"] for s in scenarios]}
    return jsonable({"command": "report", "lang": lang, "version": __version__,
                     "created": created or _now(), "scenarios": scenarios,
                     "run_id": hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]})


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def plan_months(results: Results) -> list[tuple[int, list[str]]]:
    """The months whose plan the report shows, in order, each with why (English msgids): the
    first, the middle, the last and the month with the most unrest events (if any)."""
    n = len(results.runs[0].month_labels)
    picks: dict[int, list[str]] = {}
    for month, why in ((0, N_("the first month")), (n // 2, N_("the middle of the period")),
                       (n - 1, N_("the last month"))):
        picks.setdefault(month, []).append(why)
    totals = events_by_month(results).sum(axis=1).to_numpy()
    if totals.size and totals.max() > 0:
        picks.setdefault(int(totals.argmax()), []).append(N_("the most unrest events"))
    return sorted(picks.items())


def _plots_for(results: Results) -> list[str]:
    return [n for n in RUN_PLOTS if results.runs[0].has_enterprise or n not in NEEDS_ENTERPRISE]


def figure_count(results: Results | Sequence[Results]) -> int:
    """How many figures :func:`build_report` renders (for a progress bar)."""
    return sum(len(_plots_for(r)) + len(plan_months(r)) for r in _list(results))


def _figure(fig: Any, ident: dict[str, Any], caption: str) -> dict[str, str]:
    """A figure for the page: its PNG as a data URI (with the identity in its metadata) and its caption."""
    data = base64.b64encode(figure_png(fig, ident)).decode("ascii")
    fig.clear()
    return {"src": PNG_URI + data, "caption": caption}


def _seeds(seeds: Sequence[int], lang: str) -> str:
    runs = ngettext("{n} seed", "{n} seeds", len(seeds), lang)
    if list(seeds) == list(range(seeds[0], seeds[0] + len(seeds))):
        span = str(seeds[0]) if len(seeds) == 1 else f"{seeds[0]}–{seeds[-1]}"
    else:
        span = ", ".join(map(str, seeds))
    return f"{span} ({runs})"


def _identity_tables(items: list[Results], ident: dict[str, Any], lang: str) -> list[Table]:
    scen = ident["scenarios"]
    spans = [ngettext("{n} year", "{n} years", r.scenario.time.years, lang) for r in items]
    rows = [
        [_("File", lang), *(s["scenario_file"] for s in scen)],
        [_("Scenario hash (SHA-256)", lang), *(s["scenario_sha256"] for s in scen)],
        [_("Overrides", lang), *(", ".join(f"{k}={v}" for k, v in s["overrides"].items()) or _("none", lang)
                                 for s in scen)],
        [_("Seeds", lang), *(_seeds(s["seeds"], lang) for s in scen)],
        [_("Period", lang), *(f"{month_label(r.runs[0].month_labels[0], lang)} – "
                              f"{month_label(r.runs[0].month_labels[-1], lang)} ({years})"
                              for r, years in zip(items, spans))],
        [_("Run id", lang), *(s["run_id"] for s in scen)],
    ]
    scenarios = Table(_("Scenario", lang), ["", *(s["scenario"] for s in scen)], rows, numeric_from=99,
                      css_class="identity")
    created = ident["created"][:16].replace("T", " ")
    report = Table(_("The report", lang), [], [[_("centrumsim version", lang), ident["version"]],
                                               [_("Created", lang), created], [_("Report id", lang), ident["run_id"]]],
                   numeric_from=99, css_class="identity")
    return [scenarios, report]


def _plots(items: list[Results], lang: str, tick: Callable[[], None]) -> list[dict[str, Any]]:
    """Each plot of the set that some scenario has: its heading and, per scenario, its figure
    with its reading (or None where the scenario has no such plot)."""
    out = []
    for file_name, plot in RUN_PLOTS.items():
        wanted = [file_name in _plots_for(r) for r in items]
        if not any(wanted):
            continue
        figs = [plot(r, lang=lang) if has else None for r, has in zip(items, wanted)]
        share_y([f for f in figs if f is not None])
        cells = []
        for r, fig in zip(items, figs):
            figure = None
            if fig is not None:
                figure = _figure(fig, r.identity(), reading(r, file_name, lang))
                tick()
            cells.append({"name": r.scenario.name, "figure": figure})
        out.append({"stem": file_name.removesuffix(".png"), "heading": _(HEADINGS[file_name], lang), "cells": cells})
    return out


def share_y(figures: Sequence[Any]) -> None:
    """Scenarios side by side read on one scale: each panel's y range widened to the union of the
    same panel's ranges in ``figures`` (panels matched by position and y label; a panel without
    axes drawn, or with an image such as a heatmap, keeps its own)."""
    if len(figures) < 2 or len({len(f.axes) for f in figures}) != 1:
        return
    for panels in zip(*(f.axes for f in figures)):
        if len({ax.get_ylabel() for ax in panels}) != 1 or any(ax.images or not ax.axison or hasattr(ax, "_colorbar")
                                                               for ax in panels):
            continue
        lows, highs = zip(*(ax.get_ylim() for ax in panels))
        if any(lo > hi for lo, hi in zip(lows, highs)):  # an inverted axis: leave it as drawn
            continue
        for ax in panels:
            ax.set_ylim(min(lows), max(highs))


def _plans(items: list[Results], lang: str, tick: Callable[[], None]) -> list[dict[str, Any]]:
    """The plan in the months of :func:`plan_months`, each scenario's under its name, one plan
    to a row (a plan needs the width; the scenarios' months differ anyway)."""
    out = []
    for r in items:
        months = []
        for month, why in plan_months(r):
            label = capital(month_label(r.runs[0].month_labels[month], lang))
            heading = f"{label} ({', '.join(_(w, lang) for w in why)})"
            months.append({"heading": heading, "figure": _figure(plot_plan(r, month, lang=lang), r.identity(),
                                                                  plan_reading(r, month, lang))})
            tick()
        out.append({"name": r.scenario.name, "months": months})
    return out


def _environment(lang: str) -> jinja2.Environment:
    """The template's environment: autoescaping on, and ``_`` and ``ngettext`` of jinja2's i18n
    extension looking words up in ``lang``'s catalogue (``{name}`` fields from keyword arguments)."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("centrumsim.present", "templates"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n"],
                             undefined=jinja2.StrictUndefined)
    # the i18n extension adds this method to the environment when loaded; jinja2's types do not declare it
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda message, **fields: _(message, lang, **fields),
        ngettext=lambda singular, plural, n, **fields: ngettext(singular, plural, n, lang, **fields),
        newstyle=False)
    return env


def build_report(results: Results | Sequence[Results], lang: str = "en", created: str | None = None,
                 progress: Callable[[], None] | None = None) -> str:
    """The report of one scenario's runs (a Results) or of several side by side (a list of
    them, best run on the same seeds), in ``lang`` ('en' or 'sv'), as one self-contained HTML
    document. ``created`` (ISO date and time; default now) is printed and kept in the identity;
    ``progress`` (optional) is called once per figure rendered (:func:`figure_count` of them)."""
    check_lang(lang)
    items = _list(results)
    ident = report_identity(items, lang, created)
    tick = progress or (lambda: None)
    names = [r.scenario.name for r in items]
    compared = " ".join([names[0], _("compared with", lang), listing(names[1:], lang)])
    title = _("Report: {names}", lang, names=names[0] if len(names) == 1 else compared)
    years = {r.scenario.time.years for r in items}
    page = _environment(lang).get_template(TEMPLATE).render(
        lang=lang, version=__version__, identity_meta=IDENTITY_META,
        identity=json.dumps(ident, ensure_ascii=False, sort_keys=True), title=title,
        runs=max((runs_phrase(r.summary(), lang) for r in items), key=len),
        years=ngettext("{n} year", "{n} years", max(years), lang),
        created=ident["created"][:16].replace("T", " "), several=len(items) > 1,
        identity_tables=_identity_tables(items, ident, lang),
        side_by_side=comparison_table([r.summary() for r in items], lang) if len(items) > 1 else None,
        scenarios=[{"name": r.scenario.name, "tables": summary_tables(r.summary(), lang)} for r in items],
        verdicts=[verdict(r.summary(), lang) for r in items],
        plots=_plots(items, lang, tick), plans=_plans(items, lang, tick))
    return page if page.endswith("\n") else page + "\n"
