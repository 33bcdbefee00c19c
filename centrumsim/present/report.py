"""The HTML report: one self-contained page of one or more scenarios' runs, in English or Swedish.

:func:`build_report` turns Results into one HTML string — the title and the run identity (each
scenario's name, file, hash, overrides and seeds, the package version, the date), the summary
tables (:mod:`.report_tables`: the numbers ``centrumsim run`` prints), every plot of the run's plot
set with its plain-language reading (:mod:`.readings`), and the plan of the centre in a few
months. Several scenarios stand side by side: a table of their key outcomes and each plot per
scenario next to each other (one after another on a narrow screen or on paper).

The page needs nothing from outside: images are PNG data URIs, the style sheet is inline, there
are no scripts and no web fonts, so nothing is fetched when it is opened. The identity is in
``<meta name="centrumsim-identity">`` (JSON) and in every image's PNG metadata. Writing the file
is the command's (:mod:`centrumsim.cli.report`); this module only builds the text.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
from typing import Any, Callable, Sequence

from ..results import Results, jsonable
from ..version import __version__
from .language import capital, check_lang, listing, month_label, plural, text
from .plan import plot_plan
from .plots import NEEDS_ENTERPRISE, RUN_PLOTS
from .readings import plan_reading, reading
from .report_tables import Table, comparison_table, summary_tables, table_html
from .style import figure_png
from .unrest_plots import events_by_month

__all__ = ["IDENTITY_META", "build_report", "figure_count", "plan_months", "report_identity"]

IDENTITY_META = "centrumsim-identity"
"""The name of the ``<meta>`` element whose content is the report's identity as JSON."""
PNG_URI = "data:image/png;base64,"
_esc = html.escape

CSS = """
:root { --ink: #1a1a1a; --soft: #555; --line: #d6d6d6; --band: #f4f6f8; --accent: #0072B2; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.45;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
main { max-width: 1500px; margin: 0 auto; padding: 1.5rem 2rem 3rem; }
h1 { font-size: 2rem; margin: 0 0 .3rem; }
h2 { font-size: 1.5rem; margin: 2.2rem 0 .8rem; padding-bottom: .25rem; border-bottom: 3px solid var(--accent); }
h3 { font-size: 1.2rem; margin: 1.6rem 0 .6rem; }
h4 { font-size: 1rem; margin: .4rem 0; color: var(--soft); }
.subtitle, .note { color: var(--soft); }
nav ol { columns: 2; max-width: 40rem; }
a { color: var(--accent); }
table { border-collapse: collapse; margin: 0 0 1.2rem; font-size: .92rem; width: 100%; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { padding: .28rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { text-align: left; background: var(--band); border-bottom: 2px solid #bbb; }
tbody th { text-align: left; font-weight: normal; }
tbody tr:nth-child(even) { background: #fafbfc; }
tr.sub th { padding-left: 1.6rem; color: var(--soft); }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
table.identity td { overflow-wrap: anywhere; }
table.compare td, table.compare thead th.num { min-width: 9rem; }
.tables { display: grid; gap: 0 2rem; align-items: start;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 560px), 1fr)); }
.tables > .wide { grid-column: 1 / -1; }
.side { display: grid; gap: 1.2rem 2rem; align-items: start;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 560px), 1fr)); }
.cell { min-width: 0; }
figure { margin: 0 0 1rem; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); }
figcaption { margin-top: .5rem; max-width: 60rem; }
footer { margin-top: 3rem; color: var(--soft); font-size: .85rem; }
@page { size: A4; margin: 12mm; }
@media print {
  main { max-width: none; padding: 0; }
  .side { grid-template-columns: 1fr; }
  h2 { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
  figure, table { break-inside: avoid; }
  nav ol { columns: 1; }
  body { font-size: 10pt; }
  table { font-size: 8.5pt; }
  th, td { padding: .2rem .35rem; }
}
"""


def _list(results: Results | Sequence[Results]) -> list[Results]:
    items = [results] if isinstance(results, Results) else list(results)
    if not items or not all(isinstance(r, Results) for r in items):
        raise TypeError("results must be centrumsim Results, or a list of them")
    return items


def report_identity(results: Results | Sequence[Results], lang: str = "en", created: str | None = None) -> dict[str, Any]:
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
    """The months whose plan the report shows, in order, each with why (word keys): the first,
    the middle, the last and the month with the most unrest events (if any)."""
    n = len(results.runs[0].month_labels)
    picks: dict[int, list[str]] = {}
    for month, why in ((0, "r_first"), (n // 2, "r_middle"), (n - 1, "r_last")):
        picks.setdefault(month, []).append(why)
    totals = events_by_month(results).sum(axis=1).to_numpy()
    if totals.size and totals.max() > 0:
        picks.setdefault(int(totals.argmax()), []).append("r_worst")
    return sorted(picks.items())


def _plots_for(results: Results) -> list[str]:
    return [n for n in RUN_PLOTS if results.runs[0].has_enterprise or n not in NEEDS_ENTERPRISE]


def figure_count(results: Results | Sequence[Results]) -> int:
    """How many figures :func:`build_report` renders (for a progress bar)."""
    return sum(len(_plots_for(r)) + len(plan_months(r)) for r in _list(results))


def _image(fig: Any, ident: dict[str, Any], alt: str) -> str:
    data = base64.b64encode(figure_png(fig, ident)).decode("ascii")
    fig.clear()
    return f'<img src="{PNG_URI}{data}" alt="{_esc(alt)}">'


def _figure(fig: Any, ident: dict[str, Any], alt: str, words: str) -> str:
    caption = f"<figcaption>{_esc(words)}</figcaption>" if words else ""
    return f"<figure>{_image(fig, ident, alt)}{caption}</figure>"


def _seeds(seeds: Sequence[int], lang: str) -> str:
    runs = plural(len(seeds), "seed", lang)
    if list(seeds) == list(range(seeds[0], seeds[0] + len(seeds))):
        span = str(seeds[0]) if len(seeds) == 1 else f"{seeds[0]}–{seeds[-1]}"
    else:
        span = ", ".join(map(str, seeds))
    return f"{span} ({runs})"


def _identity_table(items: list[Results], ident: dict[str, Any], lang: str) -> str:
    def t(key: str) -> str:
        return text(key, lang)

    scen = ident["scenarios"]
    rows = [
        [t("r_file"), *(s["scenario_file"] for s in scen)],
        [t("r_sha"), *(s["scenario_sha256"] for s in scen)],
        [t("r_overrides"), *(", ".join(f"{k}={v}" for k, v in s["overrides"].items()) or t("r_none") for s in scen)],
        [t("r_seeds"), *(_seeds(s["seeds"], lang) for s in scen)],
        [t("r_period"), *(f"{month_label(r.runs[0].month_labels[0], lang)} – "
                          f"{month_label(r.runs[0].month_labels[-1], lang)} ({plural(r.scenario.time.years, 'year', lang)})"
                          for r in items)],
        [t("r_run_id"), *(s["run_id"] for s in scen)],
    ]
    scenarios = Table(t("r_scenario"), ["", *(s["scenario"] for s in scen)], rows, numeric_from=99,
                      css_class="identity")
    created = ident["created"][:16].replace("T", " ")
    report = Table(t("r_report"), [], [[t("r_version"), ident["version"]], [t("r_created"), created],
                                      [t("r_report_id"), ident["run_id"]]], numeric_from=99, css_class="identity")
    return table_html(scenarios) + "\n" + table_html(report)


def _cell(name: str | None, body: str) -> str:
    head = f"<h4>{_esc(name)}</h4>" if name else ""
    return f'<div class="cell">{head}{body}</div>'


def _plot_sections(items: list[Results], lang: str, tick: Callable[[], None]) -> list[str]:
    several = len(items) > 1
    out = []
    for file_name, plot in RUN_PLOTS.items():
        wanted = [file_name in _plots_for(r) for r in items]
        if not any(wanted):
            continue
        stem = file_name.removesuffix(".png")
        heading = text(f"h_{stem}", lang)
        cells = []
        for r, has in zip(items, wanted):
            if has:
                body = _figure(plot(r, lang=lang), r.identity(), heading, reading(r, file_name, lang))
                tick()
            else:
                body = f'<p class="note">{_esc(text("r_no_enterprise_plot", lang))}</p>'
            cells.append(_cell(r.scenario.name if several else None, body))
        out.append(f'<section class="plot" id="plot-{stem}"><h3>{_esc(heading)}</h3>'
                   f'<div class="side">{"".join(cells)}</div></section>')
    return out


def _plan_section(items: list[Results], lang: str, tick: Callable[[], None]) -> str:
    """The plan in the months of :func:`plan_months`, each scenario's under its name, one plan
    to a row (a plan needs the width; the scenarios' months differ anyway)."""
    out = []
    for r in items:
        if len(items) > 1:
            out.append(f"<h3>{_esc(r.scenario.name)}</h3>")
        for month, why in plan_months(r):
            label = capital(month_label(r.runs[0].month_labels[month], lang))
            head = f"{label} ({', '.join(text(w, lang) for w in why)})"
            out.append(f'<div class="plan"><h4>{_esc(head)}</h4>'
                       + _figure(plot_plan(r, month, lang=lang), r.identity(), head, plan_reading(r, month, lang))
                       + "</div>")
            tick()
    return (f'<section id="plan"><h2>{_esc(text("plan_title", lang))}</h2>'
            f'<p>{_esc(text("r_plans_intro", lang))}</p>{"".join(out)}</section>')


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
    title = text("r_title", lang, names=names[0] if len(names) == 1 else
                 f"{names[0]} {text('r_compared_with', lang)} {listing(names[1:], lang)}")
    created_text = ident["created"][:16].replace("T", " ")
    seeds = {len(r.seeds) for r in items}
    years = {r.scenario.time.years for r in items}
    subtitle = text("r_subtitle", lang, runs=plural(max(seeds), "seed", lang),
                    years=plural(max(years), "year", lang), version=__version__, created=created_text)
    sections = [("identity", text("r_identity", lang), _identity_table(items, ident, lang))]
    if len(items) > 1:
        compare = comparison_table([r.summary() for r in items], lang)
        sections.append(("side-by-side", text("r_side_by_side", lang),
                         f'<p>{_esc(text("r_crn", lang))}</p>{table_html(compare)}'))
    summary = [f'<p>{_esc(text("r_intro", lang))}</p>']
    for r in items:
        if len(items) > 1:
            summary.append(f"<h3>{_esc(r.scenario.name)}</h3>")
        summary.append('<div class="tables">' + "\n".join(table_html(t) for t in summary_tables(r.summary(), lang))
                       + "</div>")
    sections.append(("summary", text("r_summary", lang), "\n".join(summary)))
    sections.append(("plots", text("r_plots", lang), "\n".join(_plot_sections(items, lang, tick))))
    body = [f'<section id="{key}"><h2>{_esc(head)}</h2>\n{content}</section>' for key, head, content in sections]
    body.append(_plan_section(items, lang, tick))
    contents = [(key, head) for key, head, _ in sections] + [("plan", text("plan_title", lang))]
    nav = (f'<nav><h2>{_esc(text("r_contents", lang))}</h2><ol>'
           + "".join(f'<li><a href="#{key}">{_esc(head)}</a></li>' for key, head in contents) + "</ol></nav>")
    footer = f'<footer><p>{_esc(text("r_footer", lang, version=__version__, created=created_text))}</p></footer>'
    meta = _esc(json.dumps(ident, ensure_ascii=False, sort_keys=True))
    return "\n".join([
        "<!DOCTYPE html>", f'<html lang="{lang}">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="centrumsim {_esc(__version__)}">',
        f'<meta name="{IDENTITY_META}" content="{meta}">', f"<title>{_esc(title)}</title>",
        f"<style>{CSS}</style>", "</head>", "<body><main>",
        f'<header><h1>{_esc(title)}</h1><p class="subtitle">{_esc(subtitle)}</p></header>', nav, *body, footer,
        "</main></body>", "</html>", ""])
