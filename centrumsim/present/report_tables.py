"""The tables of the HTML report: a run's summary (the rows the printed summary has, from the
outcome registry, written by the same formatter, :mod:`.language`) and, for several scenarios,
their key outcomes side by side. Each table is a :class:`Table` of words already formatted; the
report's template (``templates/report.html``) writes it as HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import outcomes as registry
from ..scenario import AGE_LABELS
from .language import DASH, _, capital, formatted, money, number, outcome_title, percent
from .names import GENDERS, OPERATORS, display, event_label
from .textreport import printed
from .verdict import MIN_SHARE

__all__ = ["Table", "comparison_table", "summary_tables"]


@dataclass(frozen=True)
class Table:
    """A table of formatted words: ``title``, the column ``head``, the ``rows`` (the first cell
    of each is its label), which rows are indented (``sub``, a part of the row above) and the
    first column of numbers (``numeric_from``: it and those after it are right-aligned); ``css_class``
    the table's class in the page ('wide': across the page)."""

    title: str
    head: list[str]
    rows: list[list[str]]
    sub: set[int] = field(default_factory=set)
    numeric_from: int = 1
    css_class: str = ""


def _median(q: Mapping[str, float] | None, fmt: Callable[[Any], str]) -> str:
    return DASH if not q or q.get("median") is None else fmt(q["median"])


def _range(q: Mapping[str, float] | None, fmt: Callable[[Any], str]) -> str:
    if not q or q.get("p05") is None:
        return DASH
    return f"{fmt(q['p05'])} … {fmt(q['p95'])}"


def _formatter(fmt: str, lang: str) -> Callable[[Any], str]:
    """A value in the number format ``fmt`` (one of the registry's), in ``lang``."""
    return lambda v: formatted(v, fmt, lang)


def _quantile_row(label: str, q: Mapping[str, float] | None, fmt: Callable[[Any], str]) -> list[str]:
    return [label, _median(q, fmt), _range(q, fmt)]


def _outcome_table(title: str, section: Mapping[str, Any], outcomes: Sequence[registry.Outcome],
                   quant: list[str], lang: str) -> Table:
    """A table of one section's outcomes: a band as its median and 5–95 % range, a share as
    itself; a note after the label; parts of the row above indented."""
    rows = []
    for o in outcomes:
        label = capital(_(o.row_label, lang)) + (f" {_(o.note, lang)}" if o.note else "")
        value = section[o.key]
        fmt = _formatter(o.format, lang)
        rows.append(_quantile_row(label, value, fmt) if isinstance(value, Mapping) else [label, fmt(value), ""])
    return Table(title, quant, rows, sub={i for i, o in enumerate(outcomes) if o.sub})


def summary_tables(s: dict[str, Any], lang: str = "en") -> list[Table]:
    """The summary of one scenario's runs (``Results.summary()``) as tables, in ``lang``: the
    enterprise, who carries whom, the units, the public purse, the letting market, the centre,
    unrest by type and who visits."""
    quant = [capital(_("Measure", lang)), capital(_("Median", lang)), _("5–95%", lang)]
    tables = []
    e = s["enterprise"]
    labels = {u["name"]: u["label"] for u in s["units"]}
    if e["present"]:
        tables.append(_outcome_table(capital(_("Enterprise: {name}", lang, name=e["name"])), e, printed("enterprise"),
                                     quant, lang))
        cs = e.get("cross_subsidy") or {}
        if cs:
            central = _("Central costs less the enterprise's grant", lang)
            tables.append(Table(_("Cross-subsidy, SEK/year (median)", lang),
                                [capital(_("Unit", lang)), capital(_("carries others", lang)),
                                 capital(_("is carried by others", lang))],
                                [[labels.get(n, central if n == "central" else n),
                                  money(v["carried_others_sek_per_year"], lang),
                                  money(v["was_carried_sek_per_year"], lang)]
                                 for n, v in cs.items()]))
    else:
        tables.append(Table(_("Enterprise: none in this scenario", lang), [], []))
    drivers = drivers_table(s, lang)
    if drivers is not None:
        tables.append(drivers)
    tables.append(Table(_("Units: contribution to the whole, months open and visits", lang),
                        [capital(_("Unit", lang)), capital(_("Run by", lang)),
                         capital(_("Contribution to the whole, SEK/year (median)", lang)), _("5–95%", lang),
                         capital(_("Months open", lang)), capital(_("Visits per day (median)", lang))],
                        [[u["label"], capital(display(OPERATORS, u["operator"], lang)),
                          _median(u["contribution_sek_per_year"], lambda v: money(v, lang)),
                          _range(u["contribution_sek_per_year"], lambda v: money(v, lang)),
                          percent(u["share_of_months_open"], lang),
                          _median(u["visits_per_day"], lambda v: formatted(v, registry.COUNT, lang))]
                         for u in s["units"]],
                        numeric_from=2, css_class="wide"))
    pub = s["public"]
    public = _outcome_table(_("Public purse: what the centre costs, SEK/year, net of rent received (median, 5–95%)",
                              lang), pub, printed("public"), quant, lang)
    public.rows.extend(_quantile_row(pub["labels"].get(p, p), q, lambda v: money(v, lang))
                       for p, q in pub["by_payer"].items())
    tables.append(public)
    tables.append(_outcome_table(_("Letting market: tenants per year (median, 5–95%)", lang), s["market"],
                                 printed("market"), quant, lang))
    tables += _centre_tables(s["centre"], quant, lang)
    return tables


def _centre_tables(c: dict[str, Any], quant: list[str], lang: str) -> list[Table]:
    def pct(v: float | None) -> str:
        return percent(v, lang)

    centre = _outcome_table(_("Centre", lang), c, [o for o in printed("centre") if o.per == registry.RUN], quant,
                            lang)
    listed = [[str(y), pct(v)] for y, v in c["years_on_police_list"].items()]  # every year: 0 % is news too
    police = Table(capital(_("on the police list (share of runs)", lang)), [capital(_("Year", lang)),
                                                                       capital(_("Share of the runs", lang))],
                   listed or [[capital(_("never", lang)), ""]])
    events = Table(_("Unrest events per year by type", lang), [capital(_("Type of event", lang)),
                                                               capital(_("Per year (median)", lang))],
                   [[capital(event_label(k, lang)), number(v["median"], lang, decimals=1)]
                    for k, v in c["unrest_by_type"].items()])
    who = [[label, pct(v["share_of_visitors"]["median"]), pct(v["share_of_residents"])]
           for label, v in zip(AGE_LABELS, c["visitors_by_age"].values())]
    who += [[capital(display(GENDERS, g, lang)), pct(v["share_of_visitors"]["median"]), pct(v["share_of_residents"])]
            for g, v in c["visitors_by_gender"].items()]
    visitors = Table(_("Who visits, against their share of the residents", lang),
                     [capital(_("Group", lang)), capital(_("share of the residents' visits", lang)),
                      capital(_("share of the residents", lang))], who)
    return [centre, events, visitors, police]


def _period(s: Mapping[str, Any]) -> str:
    start = int(str(s["start_date"])[:4])
    years = round(float(s["years"]))
    return f"{start}–{start + years - 1}" if years > 1 else str(start)


def comparison_table(summaries: Sequence[Mapping[str, Any]], lang: str = "en") -> Table:
    """Key outcomes of several scenarios side by side (:data:`centrumsim.outcomes.SIDE_BY_SIDE`),
    a column per scenario (medians over the runs; a share as a percentage; '—' where a scenario
    has no enterprise)."""
    rows = [[capital(_("Period", lang)), *(_period(s) for s in summaries)]]
    for o in registry.shown(registry.SIDE_BY_SIDE):
        values = [s[o.section][o.key] for s in summaries]
        fmt = _formatter(o.format, lang)
        rows.append([capital(outcome_title(o, lang, percent_axis=True)),
                     *(_median(v, fmt) if isinstance(v, Mapping) else fmt(v) for v in values)])
    return Table(_("Key outcomes (medians over the runs)", lang), [capital(_("Measure", lang)),
                                                                  *(s["scenario"] for s in summaries)], rows,
                 css_class="compare")


def drivers_table(s: Mapping[str, Any], lang: str = "en") -> Table | None:
    """The assumptions the answer turns on (drawn runs only): each one's share of the spread of
    the enterprise's yearly result, which way helps, and the range drawn from; chance last."""
    u = s.get("uncertainty") or {}
    if not u.get("assumptions_drawn") or not s["enterprise"]["present"]:
        return None
    ranges = {a["key"]: a for a in u["assumptions"]}
    rows = []
    for d in u["drivers"]:
        if d["share"] < MIN_SHARE:
            continue
        a = ranges[d["key"]]
        span = (f"× {number(a['low'], lang, decimals=2)} … {number(a['high'], lang, decimals=2)}" if a["scale"]
                else f"{number(a['low'], lang)} … {number(a['high'], lang)}")
        low, high = d.get("share_interval") or (None, None)
        label = d["label"]  # a msgid of the catalogue (no subscript inside _(): Babel 2.12 would extract it)
        rows.append([capital(_(label, lang)), percent(d["share"], lang),
                     f"{percent(low, lang)}–{percent(high, lang)}" if low is not None else DASH,
                     _("higher helps", lang) if d["direction"] == "up" else _("lower helps", lang), span])
    rows.append([capital(_("chance", lang)), percent(u["chance_share"], lang), "", "", ""])
    return Table(_("What the answer turns on: shares of the spread of the yearly result", lang),
                 [capital(_("Assumption", lang)), capital(_("Share", lang)), _("90% interval", lang),
                  capital(_("Which way", lang)), capital(_("Range drawn", lang))], rows)
