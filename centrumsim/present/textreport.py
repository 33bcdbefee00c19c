"""The text the commands print: the summary of a run, the comparison, the break-even ranking."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..analysis.breakeven import Plan
from ..scenario import AGE_LABELS


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 seed``, ``2 seeds`` (``many``: the plural when it is not word + s)."""
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"


def _sek(v: float | None) -> str:
    return "—" if v is None else f"{v:,.0f}".replace(",", " ")


def _q(q: dict[str, float] | None, fmt=_sek, unit: str = "") -> str:
    if not q or q.get("median") is None:
        return "—"
    return f"{fmt(q['median'])}{unit}   (5–95%: {fmt(q['p05'])} … {fmt(q['p95'])})"


def _pct(v: float | None) -> str:
    return "—" if v is None or v != v else f"{100 * v:.0f}%"


def _two(v: float | None) -> str:
    return "—" if v is None else f"{v:.2f}"


def _num(v: float | None) -> str:
    if v is None:
        return "—"
    return f"{v:,.0f}".replace(",", " ") if abs(v) >= 100 else f"{v:.1f}"


def format_summary(s: dict[str, Any]) -> str:
    """Plain-text tables of the enterprise, the units and the centre."""
    lines = [
        f"{s['scenario']}",
        f"  {s['scenario_file']}  ·  {plural(len(s['seeds']), 'seed')} × {plural(s['years'], 'year')} from {s['start_date']}"
        f"  ·  centrumsim {s['version']}",
    ]
    if s["overrides"]:
        lines.append("  overrides: " + ", ".join(f"{k}={v}" for k, v in s["overrides"].items()))
    e = s["enterprise"]
    lines.append("")
    if e["present"]:
        lines += [
            f"Enterprise: {e['name']}",
            f"  yearly result (SEK)        {_q(e['result_sek_per_year'])}",
            f"  probability of breaking even   {_pct(e['p_break_even'])}",
            f"  probability of staying solvent {_pct(e['p_solvent'])}",
            f"  lowest cash (SEK)          {_q(e['min_cash_sek'])}",
            f"  cash at the end (SEK)      {_q(e['end_cash_sek'])}",
        ]
        cs = e.get("cross_subsidy") or {}
        if cs:
            lines.append("  cross-subsidy, SEK/year (median): carried others / was carried")
            for name, v in cs.items():
                lines.append(
                    f"    {name:28s} {_sek(v['carried_others_sek_per_year']):>12} / {_sek(v['was_carried_sek_per_year']):>12}"
                )
    else:
        lines.append("Enterprise: none in this scenario")
    lines += ["", "Units: contribution to the whole, SEK/year (median, 5–95%) · months open · visits/day"]
    for u in s["units"]:
        c = u["contribution_sek_per_year"]
        lines.append(
            f"  {u['label'][:30]:30s} {u['operator']:10s} {_sek(c['median']):>11} "
            f"({_sek(c['p05'])} … {_sek(c['p95'])})  {_pct(u['share_of_months_open']):>5}  "
            f"{u['visits_per_day']['median']:6.1f}"
        )
    pub = s["public"]
    lines += ["", "Public purse: what the centre costs, SEK/year, net of rent received (median, 5–95%)",
              f"  in all                     {_q(pub['cost_sek_per_year'])}"]
    for payer, q in pub["by_payer"].items():
        lines.append(f"  {pub['labels'].get(payer, payer)[:26]:26s} {_q(q)}")
    mk = s["market"]
    lines += ["", "Letting market: tenants per year (median, 5–95%)",
              f"  entering empty premises    {_q(mk['entries_per_year'], _two)}",
              f"  leaving (shop closed, lease served out) {_q(mk['exits_per_year'], _two)}"]
    c = s["centre"]
    lines += [
        "",
        "Centre",
        f"  visitors per day           {_q(c['visitors_per_day'], _num)}",
        f"    of which in the evening  {_q(c['visitors_per_evening'], _num)}",
        f"  unique visitors per month  {_q(c['unique_visitors_per_month'], _num)}",
        f"  evenness by age and gender {_q(c['evenness'], _two)}   (1 = visitors mirror the residents)",
        "  resident visitors by age   " + "  ".join(
            f"{label}: {_pct(v['share_of_visitors']['median'])} ({_pct(v['share_of_residents'])})"
            for label, v in zip(AGE_LABELS, c["visitors_by_age"].values())) + "   (share of residents)",
        "  resident visitors by gender " + "  ".join(
            f"{g}: {_pct(v['share_of_visitors']['median'])} ({_pct(v['share_of_residents'])})"
            for g, v in c["visitors_by_gender"].items()),
        f"  public events per year     {_q(c['public_events_per_year'], _num)}",
        f"  activities per year        {_q(c['activities_per_year'], _num)}",
        f"  club-active children 6–19  {_q(c['club_active_share'], _pct)}",
        f"  resident satisfaction      {_q(c['satisfaction_index'], _num)}   (0–100)",
        f"  unrest events per year     {_q(c['unrest_events_per_year'], _num)}",
        "    by type (median)         " + "  ".join(
            f"{name.replace('_', ' ')}: {v['median']:.1f}" for name, v in c["unrest_by_type"].items()),
        f"    burstiness (Fano factor of monthly counts; 1 = Poisson) {_q(c['burstiness'], _two)}",
        f"    share caused by the most active 2 % of youths            {_q(c['share_events_top_actors'], _pct)}",
        "  on the police list (share of runs)  " + (", ".join(
            f"{y}: {_pct(v)}" for y, v in c["years_on_police_list"].items() if v > 0) or "never"),
        f"  safety index (0–100)       {_q(c['safety_index'], _num)}",
        f"  vacancy rate               {_q(c['vacancy_rate'], _pct)}",
    ]
    return "\n".join(lines)


def format_comparison(table: pd.DataFrame, seeds: int, years: int) -> str:
    """The comparison as a readable text table, one column per variant."""
    sek = lambda v: f"{v:,.0f}".replace(",", " ")  # noqa: E731
    labels = {
        "share_of_unit_months_open": ("units open (share of unit-months)", lambda v: f"{100 * v:.0f}%"),
        "months_until_first_gap": ("months until a unit first stops (median)", lambda v: f"{v:.0f}"),
        "units_open_at_end": ("units open at the end (median)", lambda v: f"{v:.0f}"),
        "operators_result_sek_per_year": ("operators' result, SEK/year (median)", sek),
        "units_public_support_sek_per_year": ("the units' public support, SEK/year", sek),
        "centre_public_support_sek_per_year": ("all public support, houses included", sek),
        "public_cost_sek_per_year": ("public purse, net of rent, SEK/year", sek),
        "vacancy_rate": ("vacancy rate (median)", lambda v: f"{100 * v:.0f}%"),
        "visitors_per_day": ("visitors per day (median)", sek),
        "unrest_events_per_year": ("unrest events per year (median)", lambda v: f"{v:.1f}"),
        "safety_index": ("safety index (median)", lambda v: f"{v:.1f}"),
    }
    heads = {"enterprise": "enterprise", "tenants": "tenants", "tenants_without_support": "tenants, no support"}
    rows = table.set_index("variant")
    variants = list(rows.index)
    out = [f"The same units ({table['units'].iloc[0]}), {plural(seeds, 'seed')} × {plural(years, 'year')}, "
           "common random numbers",
           f"{'':44s}" + "".join(f"{heads.get(v, v):>21s}" for v in variants)]
    for key, (label, fmt) in labels.items():
        out.append(f"  {label:42s}" + "".join(f"{fmt(rows.loc[v, key]):>21s}" for v in variants))
    return "\n".join(out)


def format_breakeven(table: pd.DataFrame, plan: Plan, n_mixes: int, rows: int = 20) -> str:
    """The ranking as a readable text table, saying how the seeds were spent."""
    n_full = int((table["stage"] == "full").sum())
    head = [
        f"{plural(n_mixes, 'mix', 'mixes')} screened with {plural(plan.screen_seeds, 'seed')} each; {n_full} contenders "
        f"(the best {plan.contenders} and the screening Pareto front) re-run with {plural(plan.seeds, 'seed')}.",
        "Ranked by probability of breaking even, then yearly result. * = on the Pareto front of "
        "break-even probability against social value (0–1).",
        "",
        f"{'mix':44s} {'seeds':>5s} {'P(even)':>8s} {'P(solv.)':>8s} {'result SEK/yr':>14s} "
        f"{'visits/d':>8s} {'activ./yr':>9s} {'safety':>6s} {'posts':>5s} {'social':>6s}",
    ]
    body = [
        f"{('* ' if r.pareto else '  ') + r.mix:44s} {r.seeds:5d} {100 * r.p_break_even:7.0f}% "
        f"{100 * r.p_solvent:7.0f}% {r.result_sek_per_year:14,.0f} {r.visitors_per_day:8.0f} "
        f"{r.activities_per_year:9.0f} {r.safety_index:6.1f} {r.posts_work_integration:5.1f} {r.social_value:6.2f}"
        for r in table.head(rows).itertuples()
    ]
    more = [f"  … {len(table) - rows} more rows in breakeven.csv"] if len(table) > rows else []
    return "\n".join(head + [b.replace(",", " ") for b in body] + more)


def format_prices(table: pd.DataFrame, unit: str, label: str, seeds: int, years: int) -> str:
    """The price scan as a readable table, the best price marked with *."""
    field = "price_sek" if "price_sek" in table.columns else "membership_fee_sek_per_month"
    money = "sales_sek_per_year" if field == "price_sek" else "fees_sek_per_year"
    what = "price per visit" if field == "price_sek" else "membership fee per month"
    out = [f"{label} ({unit}): {what}, {plural(seeds, 'seed')} × {plural(years, 'year')}, common random numbers",
           "* = the highest contribution to the whole (median over seeds)", "",
           f"  {'SEK':>9s} {'× now':>6s} {'visits/day':>10s} {'sales/fees SEK/yr':>18s} {'contribution SEK/yr':>20s} "
           f"{'P(even)':>8s} {'enterprise SEK/yr':>18s}"]
    for r in table.itertuples():
        row = r._asdict()
        p_even = row["p_break_even"]
        out.append(
            f"{'*' if row['best'] else ' '} {row[field]:9,.2f} {row['multiplier']:6.2f} {row['visits_per_day']:10.1f} "
            f"{row[money]:18,.0f} {row['contribution_sek_per_year']:20,.0f} "
            f"{'—' if p_even != p_even else f'{100 * p_even:.0f}%':>8s} {row['enterprise_result_sek_per_year']:18,.0f}"
            .replace(",", " "))
    return "\n".join(out)
