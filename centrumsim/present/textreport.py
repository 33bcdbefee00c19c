"""The text the commands print, in English or Swedish: the summary of a run, the comparison, the
break-even ranking, the price scan and the closing "wrote …" line.

Every number goes through :mod:`.language` (the formatter the plots use), every label column is
as wide as its longest label (nothing is cut), names are display names.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import pandas as pd

from ..analysis.breakeven import Plan
from ..scenario import AGE_LABELS
from .language import DASH, event_label, listing, mix_label, money, name, number, percent, plural, text

__all__ = ["format_breakeven", "format_comparison", "format_prices", "format_summary", "wrote"]


def _quantiles(q: Mapping[str, float] | None, fmt, pad: int = 0) -> str:
    """'median   (5–95%: p05 … p95)', the median right-aligned in ``pad`` characters."""
    if not q or q.get("median") is None:
        return DASH
    return f"{fmt(q['median']):>{pad}}   ({{range}}: {fmt(q['p05'])} … {fmt(q['p95'])})"


def _block(rows: Sequence[tuple[str, str]], lang: str, indent: str = "  ") -> list[str]:
    """Label–value rows with the labels padded to the longest (``{range}`` filled in)."""
    width = max((len(label) for label, _ in rows), default=0)
    return [f"{indent}{label:<{width}}  {value}".rstrip().replace("{range}", text("range", lang)) for label, value in rows]


def format_summary(s: dict[str, Any], lang: str = "en") -> str:
    """Plain-text tables of the enterprise, the units, the public purse, the letting market and
    the centre, in ``lang``."""
    def t(key: str, **kw: Any) -> str:
        return text(key, lang, **kw)

    def sek(v: float | None) -> str:
        return money(v, lang)

    def num(v: float | None) -> str:
        return DASH if v is None else number(v, lang, decimals=0 if abs(v) >= 100 else 1)

    def two(v: float | None) -> str:
        return number(v, lang, decimals=2)

    def pct(v: float | None) -> str:
        return percent(v, lang)

    head = (f"  {s['scenario_file']}  ·  {plural(len(s['seeds']), 'seed', lang)} × {plural(s['years'], 'year', lang)} "
            f"{t('from')} {s['start_date']}  ·  centrumsim {s['version']}")
    lines = [f"{s['scenario']}", head]
    if s["overrides"]:
        lines.append(f"  {t('overrides')}: " + ", ".join(f"{k}={v}" for k, v in s["overrides"].items()))
    e = s["enterprise"]
    lines.append("")
    labels = {u["name"]: u["label"] for u in s["units"]}
    if e["present"]:
        lines.append(t("s_enterprise", name=e["name"]))
        lines += _block([(t("s_result"), _quantiles(e["result_sek_per_year"], sek, 11)),
                         (t("s_p_even"), f"{pct(e['p_break_even']):>11}"),
                         (t("s_p_solvent"), f"{pct(e['p_solvent']):>11}"),
                         (t("s_min_cash"), _quantiles(e["min_cash_sek"], sek, 11)),
                         (t("s_end_cash"), _quantiles(e["end_cash_sek"], sek, 11))], lang)
        cs = e.get("cross_subsidy") or {}
        if cs:
            lines.append(f"  {t('s_cross')}")
            central = text("central_costs", lang)
            lines += _block([(labels.get(n, central if n == "central" else n),
                              f"{sek(v['carried_others_sek_per_year']):>12} / {sek(v['was_carried_sek_per_year']):>12}")
                             for n, v in cs.items()], lang, "    ")
    else:
        lines.append(t("s_no_enterprise"))
    lines += ["", t("s_units")]
    ops = [name("operator", u["operator"], lang) for u in s["units"]]
    op_width = max((len(o) for o in ops), default=0)
    lines += _block([(u["label"], f"{op:<{op_width}} {sek(u['contribution_sek_per_year']['median']):>11} "
                                  f"({sek(u['contribution_sek_per_year']['p05'])} … "
                                  f"{sek(u['contribution_sek_per_year']['p95'])})  "
                                  f"{pct(u['share_of_months_open']):>5}  {num(u['visits_per_day']['median']):>6}")
                     for u, op in zip(s["units"], ops)], lang)
    pub = s["public"]
    lines += ["", t("s_public")]
    lines += _block([(t("s_in_all"), _quantiles(pub["cost_sek_per_year"], sek, 11))]
                    + [(pub["labels"].get(p, p), _quantiles(q, sek, 11)) for p, q in pub["by_payer"].items()], lang)
    mk = s["market"]
    lines += ["", t("s_market")]
    lines += _block([(t("s_entering"), _quantiles(mk["entries_per_year"], two)),
                     (t("s_leaving"), _quantiles(mk["exits_per_year"], two))], lang)
    c = s["centre"]
    by_age = "  ".join(f"{label}: {pct(v['share_of_visitors']['median'])} ({pct(v['share_of_residents'])})"
                       for label, v in zip(AGE_LABELS, c["visitors_by_age"].values()))
    by_gender = "  ".join(f"{text(f'gender_{g}', lang)}: {pct(v['share_of_visitors']['median'])} "
                          f"({pct(v['share_of_residents'])})" for g, v in c["visitors_by_gender"].items())
    by_type = "  ".join(f"{event_label(k, lang)}: {number(v['median'], lang, decimals=1)}"
                        for k, v in c["unrest_by_type"].items())
    police = ", ".join(f"{y}: {pct(v)}" for y, v in c["years_on_police_list"].items() if v > 0) or t("s_never")
    lines += ["", t("s_centre")]
    lines += _block([
        (t("s_visitors"), _quantiles(c["visitors_per_day"], num)),
        (t("s_evening"), _quantiles(c["visitors_per_evening"], num)),
        (t("s_unique"), _quantiles(c["unique_visitors_per_month"], num)),
        (t("s_evenness"), f"{_quantiles(c['evenness'], two)}   {t('s_evenness_note')}"),
        (t("s_by_age"), f"{by_age}   {t('s_by_age_note')}"),
        (t("s_by_gender"), by_gender),
        (t("s_public_events"), _quantiles(c["public_events_per_year"], num)),
        (t("s_activities"), _quantiles(c["activities_per_year"], num)),
        (t("s_club"), _quantiles(c["club_active_share"], pct)),
        (t("s_satisfaction"), f"{_quantiles(c['satisfaction_index'], num)}   {t('s_0_100')}"),
        (t("s_unrest"), _quantiles(c["unrest_events_per_year"], num)),
        (t("s_by_type"), by_type),
        (t("s_burstiness"), _quantiles(c["burstiness"], two)),
        (t("s_top"), _quantiles(c["share_events_top_actors"], pct)),
        (t("s_police"), police),
        (t("s_safety"), _quantiles(c["safety_index"], num)),
        (t("s_vacancy"), _quantiles(c["vacancy_rate"], pct)),
    ], lang)
    return "\n".join(lines)


COMPARED = (("share_of_unit_months_open", "percent"), ("months_until_first_gap", "whole"),
            ("units_open_at_end", "whole"), ("operators_result_sek_per_year", "money"),
            ("units_public_support_sek_per_year", "money"), ("centre_public_support_sek_per_year", "money"),
            ("public_cost_sek_per_year", "money"), ("vacancy_rate", "percent"), ("visitors_per_day", "money"),
            ("unrest_events_per_year", "one"), ("safety_index", "one"))
"""The rows of the comparison and how their numbers are written."""


def _value(v: float, kind: str, lang: str) -> str:
    if kind == "percent":
        return percent(v, lang)
    if kind == "money":
        return money(v, lang)
    return number(v, lang, decimals=0 if kind == "whole" else 1)


def format_comparison(table: pd.DataFrame, seeds: int, years: int, lang: str = "en",
                      labels: Mapping[str, str] | None = None) -> str:
    """The comparison as a readable text table, one column per variant; units by ``labels``."""
    rows = table.set_index("variant")
    variants = list(rows.index)
    units = [u.strip() for u in str(table["units"].iloc[0]).split(",")]
    head = text("c_head", lang, units=listing([(labels or {}).get(u, u) for u in units], lang),
                seeds=plural(seeds, "seed", lang), years=plural(years, "year", lang))
    width = max(21, *(len(text(f"c_{v}", lang)) + 2 for v in variants))
    label_width = max(len(text(f"c_{key}", lang)) for key, _ in COMPARED)
    out = [head, " " * (label_width + 2) + "".join(f"{text(f'c_{v}', lang):>{width}}" for v in variants)]
    for key, kind in COMPARED:
        out.append(f"  {text(f'c_{key}', lang):<{label_width}}"
                   + "".join(f"{_value(rows.loc[v, key], kind, lang):>{width}}" for v in variants))
    return "\n".join(out)


def format_breakeven(table: pd.DataFrame, plan: Plan, n_mixes: int, rows: int = 20, lang: str = "en",
                     labels: Mapping[str, str] | None = None) -> str:
    """The ranking as a readable text table, saying how the seeds were spent; mixes by their
    units' display names (``labels``), last on each line so that none is cut."""
    n_full = int((table["stage"] == "full").sum())
    head = [text("b_head", lang, mixes=plural(n_mixes, "mix", lang), screen=plural(plan.screen_seeds, "seed", lang),
                 full=n_full, best=plan.contenders, seeds=plural(plan.seeds, "seed", lang)),
            text("b_ranked", lang), ""]
    names = text("b_columns", lang).split("|")
    widths = [max(len(n), w) for n, w in zip(names, (5, 8, 8, 14, 8, 9, 8, 7, 7))]
    head.append("  " + " ".join(f"{n:>{w}}" for n, w in zip(names, widths)) + " " + names[-1])
    body = []
    for r in table.head(rows).itertuples():
        cells = [str(r.seeds), percent(r.p_break_even, lang), percent(r.p_solvent, lang),
                 money(r.result_sek_per_year, lang), number(r.visitors_per_day, lang, decimals=0),
                 number(r.activities_per_year, lang, decimals=0), number(r.safety_index, lang, decimals=1),
                 number(r.posts_work_integration, lang, decimals=1), number(r.social_value, lang, decimals=2)]
        body.append(("* " if r.pareto else "  ") + " ".join(f"{c:>{w}}" for c, w in zip(cells, widths))
                    + " " + mix_label(r.mix, labels or {}))
    more = [f"  {text('b_more', lang, n=len(table) - rows)}"] if len(table) > rows else []
    return "\n".join(head + body + more)


def format_prices(table: pd.DataFrame, unit: str, label: str, seeds: int, years: int, lang: str = "en") -> str:
    """The price scan as a readable table, the best price marked with *."""
    field = "price_sek" if "price_sek" in table.columns else "membership_fee_sek_per_month"
    sales = "sales_sek_per_year" if field == "price_sek" else "fees_sek_per_year"
    what = text("p_price" if field == "price_sek" else "p_fee", lang)
    names = text("p_columns", lang).split("|")
    widths = [max(len(n), w) for n, w in zip(names, (9, 6, 10, 18, 20, 8, 18))]
    out = [text("p_head", lang, label=label, unit=unit, what=what, seeds=plural(seeds, "seed", lang),
                years=plural(years, "year", lang)), text("p_best", lang), "",
           "  " + " ".join(f"{n:>{w}}" for n, w in zip(names, widths))]
    for r in table.itertuples():
        row = r._asdict()
        cells = [number(row[field], lang, decimals=2), number(row["multiplier"], lang, decimals=2),
                 number(row["visits_per_day"], lang, decimals=1), money(row[sales], lang),
                 money(row["contribution_sek_per_year"], lang), percent(row["p_break_even"], lang),
                 money(row["enterprise_result_sek_per_year"], lang)]
        out.append(("* " if row["best"] else "  ") + " ".join(f"{c:>{w}}" for c, w in zip(cells, widths)))
    return "\n".join(out)


def wrote(names: Sequence[str], target: object, lang: str = "en", count: bool = False) -> str:
    """The closing line: 'Wrote 12 files to DIR/: a, b, …' (``count``) or 'Wrote a, b and c to DIR/'."""
    if count:
        return text("wrote_count", lang, files=plural(len(names), "file", lang), target=target, names=", ".join(names))
    return text("wrote", lang, names=listing(list(names), lang), target=target)
