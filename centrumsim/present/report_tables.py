"""The tables of the HTML report: a run's summary (the numbers ``centrumsim run`` prints, written
by the same formatter, :mod:`.language`) and, for several scenarios, their key outcomes side by
side. Each table is a :class:`Table` of words already formatted; :func:`table_html` writes one as
HTML.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from ..scenario import AGE_LABELS
from .language import DASH, capital, event_label, money, name, number, percent, text

__all__ = ["Table", "comparison_table", "summary_tables", "table_html"]


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


def _label(key: str, lang: str, **values: Any) -> str:
    """A label of the printed summary as a table's row label: trimmed, in sentence case."""
    return capital(text(key, lang, **values).strip())


class _Formats:
    """The number formats of the printed summary (:func:`.textreport.format_summary`)."""

    def __init__(self, lang: str):
        self.lang = lang

    def sek(self, v: float | None) -> str:
        return money(v, self.lang)

    def num(self, v: float | None) -> str:
        return DASH if v is None else number(v, self.lang, decimals=0 if abs(v) >= 100 else 1)

    def two(self, v: float | None) -> str:
        return number(v, self.lang, decimals=2)

    def pct(self, v: float | None) -> str:
        return percent(v, self.lang)


def _median(q: Mapping[str, float] | None, fmt: Callable[[Any], str]) -> str:
    return DASH if not q or q.get("median") is None else fmt(q["median"])


def _range(q: Mapping[str, float] | None, fmt: Callable[[Any], str]) -> str:
    if not q or q.get("p05") is None:
        return DASH
    return f"{fmt(q['p05'])} … {fmt(q['p95'])}"


def _quantile_row(label: str, q: Mapping[str, float] | None, fmt: Callable[[Any], str]) -> list[str]:
    return [label, _median(q, fmt), _range(q, fmt)]


def summary_tables(s: dict[str, Any], lang: str = "en") -> list[Table]:
    """The summary of one scenario's runs (``Results.summary()``) as tables, in ``lang``: the
    enterprise, who carries whom, the units, the public purse, the letting market, the centre,
    unrest by type and who visits."""
    f = _Formats(lang)
    quant = [_label("r_measure", lang), _label("r_median", lang), text("range", lang)]
    tables = []
    e = s["enterprise"]
    labels = {u["name"]: u["label"] for u in s["units"]}
    if e["present"]:
        tables.append(Table(_label("s_enterprise", lang, name=e["name"]), quant, [
            _quantile_row(_label("s_result", lang), e["result_sek_per_year"], f.sek),
            [_label("s_p_even", lang), f.pct(e["p_break_even"]), ""],
            [_label("s_p_solvent", lang), f.pct(e["p_solvent"]), ""],
            _quantile_row(_label("s_min_cash", lang), e["min_cash_sek"], f.sek),
            _quantile_row(_label("s_end_cash", lang), e["end_cash_sek"], f.sek)]))
        cs = e.get("cross_subsidy") or {}
        if cs:
            central = text("central_costs", lang)
            tables.append(Table(text("r_cross_title", lang),
                                [_label("r_unit", lang), _label("carries", lang), _label("is_carried", lang)],
                                [[labels.get(n, central if n == "central" else n),
                                  f.sek(v["carried_others_sek_per_year"]), f.sek(v["was_carried_sek_per_year"])]
                                 for n, v in cs.items()]))
    else:
        tables.append(Table(text("s_no_enterprise", lang), [], []))
    tables.append(Table(text("r_units_title", lang),
                        [_label("r_unit", lang), _label("r_operator", lang), _label("r_contribution", lang),
                         text("range", lang), _label("r_months_open", lang), _label("r_visits_day", lang)],
                        [[u["label"], capital(name("operator", u["operator"], lang)),
                          _median(u["contribution_sek_per_year"], f.sek), _range(u["contribution_sek_per_year"], f.sek),
                          f.pct(u["share_of_months_open"]), _median(u["visits_per_day"], f.num)] for u in s["units"]],
                        numeric_from=2, css_class="wide"))
    pub = s["public"]
    tables.append(Table(text("s_public", lang), quant,
                        [_quantile_row(_label("s_in_all", lang), pub["cost_sek_per_year"], f.sek)]
                        + [_quantile_row(pub["labels"].get(p, p), q, f.sek) for p, q in pub["by_payer"].items()]))
    mk = s["market"]
    tables.append(Table(text("s_market", lang), quant, [
        _quantile_row(_label("s_entering", lang), mk["entries_per_year"], f.two),
        _quantile_row(_label("s_leaving", lang), mk["exits_per_year"], f.two)]))
    tables += _centre_tables(s["centre"], f, quant)
    return tables


def _centre_tables(c: dict[str, Any], f: _Formats, quant: list[str]) -> list[Table]:
    lang = f.lang
    rows = [
        _quantile_row(_label("s_visitors", lang), c["visitors_per_day"], f.num),
        _quantile_row(_label("s_evening", lang), c["visitors_per_evening"], f.num),
        _quantile_row(_label("s_unique", lang), c["unique_visitors_per_month"], f.num),
        _quantile_row(f"{_label('s_evenness', lang)} {text('s_evenness_note', lang)}", c["evenness"], f.two),
        _quantile_row(_label("s_public_events", lang), c["public_events_per_year"], f.num),
        _quantile_row(_label("s_activities", lang), c["activities_per_year"], f.num),
        _quantile_row(_label("s_club", lang), c["club_active_share"], f.pct),
        _quantile_row(f"{_label('s_satisfaction', lang)} {text('s_0_100', lang)}", c["satisfaction_index"], f.num),
        _quantile_row(_label("s_unrest", lang), c["unrest_events_per_year"], f.num),
        _quantile_row(_label("s_burstiness", lang), c["burstiness"], f.two),
        _quantile_row(_label("s_top", lang), c["share_events_top_actors"], f.pct),
        _quantile_row(_label("s_safety", lang), c["safety_index"], f.num),
        _quantile_row(_label("s_vacancy", lang), c["vacancy_rate"], f.pct),
    ]
    centre = Table(text("s_centre", lang), quant, rows, sub={1, 9, 10})
    listed = [[str(y), f.pct(v)] for y, v in c["years_on_police_list"].items() if v > 0]
    police = Table(_label("s_police", lang), [_label("year", lang), _label("r_share_of_runs", lang)],
                   listed or [[_label("s_never", lang), ""]])
    events = Table(text("r_events_title", lang), [_label("r_event_type", lang), _label("r_per_year", lang)],
                   [[capital(event_label(k, lang)), number(v["median"], lang, decimals=1)]
                    for k, v in c["unrest_by_type"].items()])
    who = [[label, f.pct(v["share_of_visitors"]["median"]), f.pct(v["share_of_residents"])]
           for label, v in zip(AGE_LABELS, c["visitors_by_age"].values())]
    who += [[capital(text(f"gender_{g}", lang)), f.pct(v["share_of_visitors"]["median"]), f.pct(v["share_of_residents"])]
            for g, v in c["visitors_by_gender"].items()]
    visitors = Table(text("r_who_title", lang), [_label("r_group", lang), _label("visits_share", lang),
                                                  _label("residents_share", lang)], who)
    return [centre, events, visitors, police]


def _period(s: Mapping[str, Any]) -> str:
    start = int(str(s["start_date"])[:4])
    years = int(round(float(s["years"])))
    return f"{start}–{start + years - 1}" if years > 1 else str(start)


def _enterprise(key: str) -> Callable[[Mapping[str, Any]], Any]:
    """The enterprise's ``key`` in a summary (None when the scenario has no enterprise)."""
    return lambda s: s["enterprise"].get(key) if s["enterprise"]["present"] else None


COMPARED: tuple[tuple[str, Callable[[Mapping[str, Any]], Any], str], ...] = (
    ("s_result", _enterprise("result_sek_per_year"), "sek"),
    ("s_p_even", _enterprise("p_break_even"), "pct"),
    ("s_p_solvent", _enterprise("p_solvent"), "pct"),
    ("s_end_cash", _enterprise("end_cash_sek"), "sek"),
    ("c_public_cost_sek_per_year", lambda s: s["public"]["cost_sek_per_year"], "sek"),
    ("s_visitors", lambda s: s["centre"]["visitors_per_day"], "num"),
    ("s_unique", lambda s: s["centre"]["unique_visitors_per_month"], "num"),
    ("s_evenness", lambda s: s["centre"]["evenness"], "two"),
    ("s_activities", lambda s: s["centre"]["activities_per_year"], "num"),
    ("s_club", lambda s: s["centre"]["club_active_share"], "pct"),
    ("s_satisfaction", lambda s: s["centre"]["satisfaction_index"], "num"),
    ("s_unrest", lambda s: s["centre"]["unrest_events_per_year"], "num"),
    ("s_safety", lambda s: s["centre"]["safety_index"], "num"),
    ("s_vacancy", lambda s: s["centre"]["vacancy_rate"], "pct"),
)
"""The rows of the side-by-side table: the summary label, where its value is, its format."""


def comparison_table(summaries: Sequence[Mapping[str, Any]], lang: str = "en") -> Table:
    """Key outcomes of several scenarios side by side, a column per scenario (medians over the
    runs; a share as a percentage; '—' where a scenario has no enterprise)."""
    f = _Formats(lang)
    rows = [[_label("r_period", lang), *(_period(s) for s in summaries)]]
    for key, where, kind in COMPARED:
        fmt = getattr(f, kind)
        values = [where(s) for s in summaries]
        rows.append([_label(key, lang), *(_median(v, fmt) if isinstance(v, Mapping) else fmt(v) for v in values)])
    return Table(text("r_key_outcomes", lang), [_label("r_measure", lang), *(s["scenario"] for s in summaries)], rows,
                 css_class="compare")


def table_html(table: Table) -> str:
    """A table as HTML: its title as the caption, the columns of numbers right-aligned."""
    esc = html.escape
    out = [f'<table class="{table.css_class}">' if table.css_class else "<table>", f'<caption>{esc(table.title)}</caption>']
    if table.head:
        out.append("<thead><tr>" + "".join(f'<th scope="col"{_num(i, table.numeric_from)}>{esc(h)}</th>'
                                           for i, h in enumerate(table.head)) + "</tr></thead>")
    out.append("<tbody>")
    for k, row in enumerate(table.rows):
        label, *cells = row
        cls = ' class="sub"' if k in table.sub else ""
        out.append(f'<tr{cls}><th scope="row">{esc(label)}</th>'
                   + "".join(f"<td{_num(i + 1, table.numeric_from)}>{esc(c)}</td>" for i, c in enumerate(cells)) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _num(column: int, numeric_from: int) -> str:
    return ' class="num"' if column >= numeric_from else ""
