"""The text the commands print, in English or Swedish: the summary of a run, the comparison, the
break-even ranking, the price scan and the closing "wrote …" line.

The rows of the summary and of the comparison are the outcomes the registry shows there
(:mod:`centrumsim.outcomes`), with their labels and number formats. Every number goes through
:mod:`.language` (the formatter the plots use), every label column is as wide as its longest
label (nothing is cut), names are display names.
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd

from .. import outcomes as registry
from ..analysis.breakeven import Plan
from ..analysis.compare import COMPARED, column
from ..analysis.goalseek import GoalSeek
from ..scenario import AGE_LABELS
from .language import DASH, _, formatted, listing, money, ngettext, number, percent
from .names import COMPARE_COLUMNS, GENDERS, OPERATORS, display, event_label, mix_label
from .parameters import parameter_label
from .verdict import runs_phrase, verdict

__all__ = ["format_breakeven", "format_comparison", "format_prices", "format_summary", "wrote"]

Row = tuple[str, str]


def _quantiles(q: Mapping[str, float] | None, fmt: Callable[[Any], str], pad: int = 0) -> str:
    """'median   (5–95%: p05 … p95)', the median right-aligned in ``pad`` characters."""
    if not q or q.get("median") is None:
        return DASH
    return f"{fmt(q['median']):>{pad}}   ({{range}}: {fmt(q['p05'])} … {fmt(q['p95'])})"


def _block(rows: Sequence[Row], lang: str, indent: str = "  ") -> list[str]:
    """Label–value rows with the labels padded to the longest (``{range}`` filled in)."""
    width = max((len(label) for label, _value in rows), default=0)
    return [f"{indent}{label:<{width}}  {value}".rstrip().replace("{range}", _("5–95%", lang))
            for label, value in rows]


def _family(o: registry.Outcome, value: Mapping[str, Any], lang: str) -> str:
    """A family of numbers on one line: visitors by age band or gender (their share of the
    visits, and of the residents), unrest events by type (medians), the years on the police list."""
    def pct(v: float | None) -> str:
        return percent(v, lang)

    if o.per in (registry.AGE_BAND, registry.GENDER):
        names = AGE_LABELS if o.per == registry.AGE_BAND else [display(GENDERS, g, lang) for g in value]
        return "  ".join(f"{n}: {pct(v['share_of_visitors']['median'])} ({pct(v['share_of_residents'])})"
                         for n, v in zip(names, value.values()))
    if o.per == registry.EVENT_TYPE:
        return "  ".join(f"{event_label(k, lang)}: {number(v['median'], lang, decimals=1)}" for k, v in value.items())
    if o.per == registry.YEAR:
        return ", ".join(f"{y}: {pct(v)}" for y, v in value.items() if v > 0) or _("never", lang)
    raise ValueError(f"{o.path}: no way to print a family per {o.per}")


def outcome_rows(section: Mapping[str, Any], outcomes: Sequence[registry.Outcome], lang: str,
                 pad: int = 0) -> list[Row]:
    """The rows of the registry's ``outcomes`` (shown in the printed summary) of one section of a
    summary: the label, the value (a band: median and 5–95 %; a share; a family on one line) and
    its note; a part of the row above indented."""
    rows = []
    for o in outcomes:
        value = section[o.key]
        if o.per != registry.RUN:
            text = _family(o, value, lang)
        elif isinstance(value, Mapping):
            text = _quantiles(value, functools.partial(formatted, fmt=o.format, lang=lang), pad)
        else:
            text = f"{formatted(value, o.format, lang):>{pad}}"
        note = f"   {_(o.note, lang)}" if o.note else ""
        rows.append((("  " if o.sub else "") + _(o.row_label, lang), text + note))
    return rows


INLINE = (registry.RUN, registry.AGE_BAND, registry.GENDER, registry.EVENT_TYPE, registry.YEAR)
"""The dimensions whose outcomes take one row of a table (a family on one line)."""


def printed(section: str) -> list[registry.Outcome]:
    """The outcomes of a summary's section that take a row of the printed summary and of the
    report's tables, in order (the families per unit and per payer have tables of their own)."""
    return [o for o in registry.section(section) if registry.TABLE in o.views and o.per in INLINE]


def format_summary(s: dict[str, Any], lang: str = "en") -> str:
    """Plain-text tables of the enterprise, the units, the public purse, the letting market and
    the centre, in ``lang``."""
    def sek(v: float | None) -> str:
        return money(v, lang)

    seeds = runs_phrase(s, lang)
    years = ngettext("{n} year", "{n} years", s["years"], lang)
    since = _("from", lang)
    head = f"  {s['scenario_file']}  ·  {seeds} × {years} {since} {s['start_date']}  ·  centrumsim {s['version']}"
    lines = [f"{s['scenario']}", head]
    if s["overrides"]:
        lines.append("  " + _("overrides", lang) + ": " + ", ".join(f"{k}={v}" for k, v in s["overrides"].items()))
    lines += ["", *textwrap.wrap(verdict(s, lang), 100)]
    e = s["enterprise"]
    lines.append("")
    labels = {u["name"]: u["label"] for u in s["units"]}
    if e["present"]:
        lines.append(_("Enterprise: {name}", lang, name=e["name"]))
        lines += _block(outcome_rows(e, printed("enterprise"), lang, pad=11), lang)
        cs = e.get("cross_subsidy") or {}
        if cs:
            cross = next(o for o in registry.section("enterprise") if o.per == registry.UNIT)
            lines.append(f"  {_(cross.row_label, lang)}")
            central = _("Central costs less the enterprise's grant", lang)
            lines += _block([(labels.get(n, central if n == "central" else n),
                              f"{sek(v['carried_others_sek_per_year']):>12} / {sek(v['was_carried_sek_per_year']):>12}")
                             for n, v in cs.items()], lang, "    ")
    else:
        lines.append(_("Enterprise: none in this scenario", lang))
    lines += ["", _("Units: contribution to the whole, SEK/year (median, 5–95%) · months open · visits/day", lang)]
    ops = [display(OPERATORS, u["operator"], lang) for u in s["units"]]
    op_width = max((len(o) for o in ops), default=0)
    lines += _block([(u["label"], f"{op:<{op_width}} {sek(u['contribution_sek_per_year']['median']):>11} "
                                  f"({sek(u['contribution_sek_per_year']['p05'])} … "
                                  f"{sek(u['contribution_sek_per_year']['p95'])})  "
                                  f"{percent(u['share_of_months_open'], lang):>5}  "
                                  f"{formatted(u['visits_per_day']['median'], registry.COUNT, lang):>6}")
                     for u, op in zip(s["units"], ops)], lang)
    pub = s["public"]
    lines += ["", _("Public purse: what the centre costs, SEK/year, net of rent received (median, 5–95%)", lang)]
    lines += _block(outcome_rows(pub, printed("public"), lang, pad=11)
                    + [(pub["labels"].get(p, p), _quantiles(q, sek, 11)) for p, q in pub["by_payer"].items()], lang)
    lines += ["", _("Letting market: tenants per year (median, 5–95%)", lang)]
    lines += _block(outcome_rows(s["market"], printed("market"), lang), lang)
    lines += ["", _("Centre", lang)]
    lines += _block(outcome_rows(s["centre"], printed("centre"), lang), lang)
    return "\n".join(lines)


def _compared_row(o: registry.Outcome, lang: str) -> str:
    """An outcome's row in the comparison: compare's own by their row label, the summary's as
    their medians."""
    return _(o.row_label, lang) if o.section == "compare" else _("{label} (median)", lang, label=_(o.label, lang))


def format_comparison(table: pd.DataFrame, seeds: int, years: int, lang: str = "en",
                      labels: Mapping[str, str] | None = None) -> str:
    """The comparison as a readable text table, one column per variant; units by ``labels``."""
    rows = table.set_index("variant")
    variants = list(rows.index)
    units = [u.strip() for u in str(table["units"].iloc[0]).split(",")]
    head = _("The same units ({units}), {seeds} × {years}, common random numbers", lang,
             units=listing([(labels or {}).get(u, u) for u in units], lang),
             seeds=ngettext("{n} seed", "{n} seeds", seeds, lang), years=ngettext("{n} year", "{n} years", years, lang))
    names = [display(COMPARE_COLUMNS, v, lang) for v in variants]
    width = max(21, *(len(n) + 2 for n in names))
    label_width = max(len(_compared_row(o, lang)) for o in COMPARED)
    out = [head, " " * (label_width + 2) + "".join(f"{n:>{width}}" for n in names)]
    for o in COMPARED:
        out.append(f"  {_compared_row(o, lang):<{label_width}}"
                   + "".join(f"{formatted(rows.loc[v, column(o)], o.format, lang):>{width}}" for v in variants))
    return "\n".join(out)


def format_breakeven(table: pd.DataFrame, plan: Plan, n_mixes: int, rows: int = 20, lang: str = "en",
                     labels: Mapping[str, str] | None = None) -> str:
    """The ranking as a readable text table, saying how the seeds were spent; mixes by their
    units' display names (``labels``), last on each line so that none is cut."""
    n_full = int((table["stage"] == "full").sum())
    head = [_("{mixes} screened with {screen} each; {full} contenders (the best {best} and the screening Pareto "
              "front) re-run with {seeds}.", lang, mixes=ngettext("{n} mix", "{n} mixes", n_mixes, lang),
              screen=ngettext("{n} seed", "{n} seeds", plan.screen_seeds, lang), full=n_full, best=plan.contenders,
              seeds=ngettext("{n} seed", "{n} seeds", plan.seeds, lang)),
            _("Ranked by probability of breaking even, then yearly result. * = on the Pareto front of break-even "
              "probability against social value (0–1).", lang), ""]
    if plan.draws:
        head.insert(1, _("Contenders also over {futures} plausible futures drawn over the assumptions (the same for "
                         "every mix): P(even) covers the assumptions and chance, with its 90% interval; P(chance) "
                         "is at the assumed values alone.", lang, futures=plan.draws * plan.replicates))
    names = _("seeds|futures|P(even)|90% interval|P(chance)|P(solv.)|result SEK/yr|visits/d|activ./yr|safety|posts|"
              "social|mix", lang).split("|")
    widths = [max(len(n), w) for n, w in zip(names, (5, 7, 8, 12, 9, 8, 14, 8, 9, 8, 7, 7))]
    head.append("  " + " ".join(f"{n:>{w}}" for n, w in zip(names, widths)) + " " + names[-1])
    body = []
    for r in table.head(rows).itertuples():
        cells = [str(r.seeds), str(r.futures), percent(r.p_break_even, lang),
                 f"{percent(r.p_break_even_low, lang)}–{percent(r.p_break_even_high, lang)}",
                 percent(r.p_break_even_chance_only, lang), percent(r.p_solvent, lang),
                 money(r.result_sek_per_year, lang), number(r.visitors_per_day, lang, decimals=0),
                 number(r.activities_per_year, lang, decimals=0), number(r.safety_index, lang, decimals=1),
                 number(r.posts_work_integration, lang, decimals=1), number(r.social_value, lang, decimals=2)]
        body.append(("* " if r.pareto else "  ") + " ".join(f"{c:>{w}}" for c, w in zip(cells, widths))
                    + " " + mix_label(r.mix, labels or {}))
    more = ["  " + _("… {n} more rows in breakeven.csv", lang, n=len(table) - rows)] if len(table) > rows else []
    return "\n".join(head + body + more)


def format_prices(table: pd.DataFrame, unit: str, label: str, seeds: int, years: int, lang: str = "en") -> str:
    """The price scan as a readable table, the best price marked with *."""
    field = "price_sek" if "price_sek" in table.columns else "membership_fee_sek_per_month"
    sales = "sales_sek_per_year" if field == "price_sek" else "fees_sek_per_year"
    what = _("price per visit", lang) if field == "price_sek" else _("membership fee per month", lang)
    names = _("SEK|× now|demand visits/open day|demand SEK/yr|visits/day|sales/fees SEK/yr|contribution SEK/yr|"
              "P(even)|enterprise SEK/yr", lang).split("|")
    widths = [max(len(n), w) for n, w in zip(names, (9, 6, 10, 12, 10, 18, 20, 8, 18))]
    out = [_("{label} ({unit}): {what}, {seeds} × {years}, common random numbers", lang, label=label, unit=unit,
             what=what, seeds=ngettext("{n} seed", "{n} seeds", seeds, lang),
             years=ngettext("{n} year", "{n} years", years, lang)),
           _("* = the highest contribution to the whole (median over seeds)", lang),
           _("demand: over the months the unit was open throughout, as if it stayed open at that price", lang), "",
           "  " + " ".join(f"{n:>{w}}" for n, w in zip(names, widths))]
    for r in table.itertuples():
        row = r._asdict()
        cells = [number(row[field], lang, decimals=2), number(row["multiplier"], lang, decimals=2),
                 number(row.get("visits_per_open_day"), lang, decimals=1), money(row.get(sales + "_open"), lang),
                 number(row["visits_per_day"], lang, decimals=1), money(row[sales], lang),
                 money(row["contribution_sek_per_year"], lang), percent(row["p_break_even"], lang),
                 money(row["enterprise_result_sek_per_year"], lang)]
        out.append(("* " if row["best"] else "  ") + " ".join(f"{c:>{w}}" for c, w in zip(cells, widths)))
    return "\n".join(out)


def format_goalseek(gs: GoalSeek, years: int, lang: str = "en") -> str:
    """Goal seek in words: the value that reaches the target, its interval, what the check run
    achieved — or why no value in the range does."""
    lv = gs.lever
    key = parameter_label(lv.key, None, lang)  # the lever by its label (goalseek.json keeps the key)
    head = _("Goal seek: {key} for a probability of breaking even of {target}; {seeds} × {years}, common "
             "random numbers; searched {low} … {high} (today {current})", lang, key=key,
             target=percent(gs.target, lang),
             seeds=ngettext("{n} seed", "{n} seeds", len(gs.seeds), lang) if gs.draws is None else
             _("{n} plausible futures ({draws} drawn over the assumptions × {replicates} seeds)", lang,
               n=len(gs.seeds), draws=gs.draws["draws"], replicates=gs.draws["replicates"]),
             years=ngettext("{n} year", "{n} years", years, lang), low=number(lv.low, lang),
             high=number(lv.high, lang), current=number(lv.current, lang))
    ends = _("It breaks even in {low} of the futures at {at_low} and in {high} at {at_high}.", lang,
             low=percent(gs.p_low, lang), at_low=number(lv.low, lang), high=percent(gs.p_high, lang),
             at_high=number(lv.high, lang))
    if gs.value is None or gs.achieved is None or gs.value_interval is None or gs.achieved_interval is None:
        return "\n".join([head, "", ends, _("No value of {key} in this range reaches {target}: widen the range "
                                             "(--range) or change something else.", lang, key=key,
                                             target=percent(gs.target, lang))])
    lo, hi = gs.value_interval
    found = _("At {key} = {value} the enterprise breaks even in {achieved} of the futures (95% interval "
              "{p_lo}–{p_hi}, the check run over the same futures); the value varies between {v_lo} and {v_hi} "
              "with other sets of futures (5–95%, futures resampled).", lang, key=key,
              value=number(gs.value, lang), achieved=percent(gs.achieved, lang),
              p_lo=percent(gs.achieved_interval[0], lang), p_hi=percent(gs.achieved_interval[1], lang),
              v_lo=number(lo, lang), v_hi=number(hi, lang))
    lines = [head, "", found, ends]
    if gs.reached_at_start:
        lines.append(_("The target is met at the range's worse end already: it holds for every value searched.", lang))
    return "\n".join(lines)


def wrote(names: Sequence[str], target: object, lang: str = "en", count: bool = False) -> str:
    """The closing line: 'Wrote 12 files to DIR/: a, b, …' (``count``) or 'Wrote a, b and c to DIR/'."""
    if count:
        return _("Wrote {files} to {target}/: {names}", lang, files=ngettext("{n} file", "{n} files", len(names), lang),
                 target=target, names=", ".join(names))
    return _("Wrote {names} to {target}/", lang, names=listing(list(names), lang), target=target)
