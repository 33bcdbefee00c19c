"""Plain-language readings of the plots: one paragraph per plot, in English or Swedish, computed
from the same numbers the plot draws — for a report to print under a figure or an app to show
beside it. ``reading(results, "cash.png", lang)`` or the functions by name; each returns text.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from ..results import Results
from ..scenario import CENTRAL
from .footfall_plots import unit_visits_by_month, visits_by_weekday
from .language import (capital, event_label, listing, money, month_label, name, number, payer_label, percent, plural,
                       unit_labels)
from .money_plots import carrying, flow_amount, net_cost_by_payer, public_cost_table
from .plan import month_index, premises_states
from .words import NAMES
from .unrest_plots import dated_interventions, events_by_month

_T = {
    "en": {
        "cash": "In the middle run the enterprise's cash goes from {start} to {end} over {years}, at its lowest "
                "{low}. In {solvent} of the runs it stays above the overdraft limit of {limit}; its yearly result is "
                "{result} (90% of the runs between {lo} and {hi}).",
        "carry_units": "{clauses}, on average over {years}.",
        "surplus_one": "{units} earns more than it costs", "surplus_many": "{units} earn more than they cost",
        "surplus_none": "no unit earns more than it costs",
        "deficit_one": "{units} costs more than it brings in", "deficit_many": "{units} cost more than they bring in",
        "unit_amount": "{unit} ({amount} a year)",
        "carry_flows": "In the months a unit ran at a surplus, the surplus covered deficits elsewhere: {flows}.",
        "flow": "{carrier} covered {amount} a year of {carried}",
        "carry_no_flows": "No unit needed another's surplus in any month.",
        "carry_net": "With the central costs of {central} a year, the enterprise as a whole has {net} a year on "
                     "average.",
        "carry_idle": "The enterprise has no unit open and no costs in these runs: there is nothing to carry.",
        "surplus": "a surplus of {x}", "deficit": "a deficit of {x}", "central": "the central costs",
        "footfall": "The centre is busiest on {busy} in the daytime ({busy_n} visitors on an average day) and "
                    "quietest on {quiet} in the evening ({quiet_n}). {unit} has the most visits, {unit_n} a day.",
        "unrest": "About {per_year} unrest events a year on average, most often {kind}; the worst month is {month} "
                  "with {worst} events on average.",
        "unrest_none": "There are no unrest events in these runs.",
        "interventions": " Marked: {marks}.",
        "safety": "The safety index goes from {s0} to {s1} in the middle run, and the share of vacant premises from "
                  "{v0} to {v1}.",
        "public": "The public purse pays {total} a year net for the centre. {payer} pays most, {amount}, mostly "
                  "{line}.{rent}",
        "rent": " {owner} receives {rent} a year in rent.",
        "visitors": "About {visitors} visitors a day come to the centre in the middle run, {evening} of them in the "
                    "evening; {unique} different residents a month.",
        "who": "Compared with their share of the residents, {over} come most often ({over_v} of the visits, "
               "{over_r} of the residents) and {under} least often ({under_v} against {under_r}). Evenness {even} "
               "(1 = the visitors mirror the residents).",
        "plan": "In {month}: {counts}.{events}",
        "plan_events": " {n} unrest events per run hit a unit.",
    },
    "sv": {
        "cash": "I mittenkörningen går centrumföretagets kassa från {start} till {end} på {years}, som lägst {low}. "
                "I {solvent} av körningarna håller den sig över checkkrediten på {limit}; årsresultatet är {result} "
                "(90 % av körningarna mellan {lo} och {hi}).",
        "carry_units": "{clauses}, i genomsnitt över {years}.",
        "surplus_one": "{units} går med överskott", "surplus_many": "{units} går med överskott",
        "surplus_none": "ingen verksamhet går med överskott",
        "deficit_one": "{units} går med underskott", "deficit_many": "{units} går med underskott",
        "unit_amount": "{unit} ({amount} per år)",
        "carry_flows": "De månader en verksamhet gick med överskott täckte överskottet underskott på annat håll: "
                       "{flows}.",
        "flow": "{carrier} täckte {amount} per år av {carried}",
        "carry_no_flows": "Ingen verksamhet behövde en annans överskott någon månad.",
        "carry_net": "Med de gemensamma kostnaderna på {central} per år har centrumföretaget som helhet {net} per år "
                     "i genomsnitt.",
        "carry_idle": "Centrumföretaget har ingen öppen verksamhet och inga kostnader i de här körningarna: det finns "
                      "inget att bära.",
        "surplus": "ett överskott på {x}", "deficit": "ett underskott på {x}", "central": "de gemensamma kostnaderna",
        "footfall": "Centrum har mest folk på {busy} dagtid ({busy_n} besökare en genomsnittlig dag) och minst på "
                    "{quiet} kvällstid ({quiet_n}). {unit} har flest besök, {unit_n} per dag.",
        "unrest": "I genomsnitt omkring {per_year} oroshändelser per år, oftast {kind}; värsta månaden är {month} med "
                  "{worst} händelser i genomsnitt.",
        "unrest_none": "Det finns inga oroshändelser i de här körningarna.",
        "interventions": " Markerat: {marks}.",
        "safety": "Trygghetsindex går från {s0} till {s1} i mittenkörningen, och andelen tomma lokaler från {v0} "
                  "till {v1}.",
        "public": "Det offentliga betalar netto {total} per år för centrum. {payer} betalar mest, {amount}, mest "
                  "{line}.{rent}",
        "rent": " {owner} får in {rent} per år i hyra.",
        "visitors": "Omkring {visitors} besökare per dag kommer till centrum i mittenkörningen, {evening} av dem "
                    "kvällstid; {unique} olika boende per månad.",
        "who": "Jämfört med sin andel av de boende kommer {over} oftast ({over_v} av besöken, {over_r} av de boende) "
               "och {under} minst ({under_v} mot {under_r}). Jämn spridning {even} (1 = besökarna speglar de boende).",
        "plan": "I {month}: {counts}.{events}",
        "plan_events": " {n} oroshändelser per körning drabbade en verksamhet.",
    },
}


def _sek(v: float, lang: str) -> str:
    return money(v, lang, unit=True, step=1000 if abs(v) >= 10_000 else 1)


def _net(v: float, lang: str) -> str:
    return _T[lang]["surplus" if v >= 0 else "deficit"].format(x=_sek(abs(v), lang))


def cash_reading(results: Results, lang: str = "en") -> str:
    """The enterprise's cash and yearly result in words."""
    s = results.summary()
    e = s["enterprise"]
    if not e["present"]:
        return ""
    ts = results.timeseries.pivot(index="month", columns="seed", values="cash_sek")
    mid = ts.median(axis=1)
    q = e["result_sek_per_year"]
    return _T[lang]["cash"].format(
        start=_sek(results.scenario.enterprise.starting_cash_sek, lang), end=_sek(mid.iloc[-1], lang),
        years=plural(s["years"], "year", lang), low=_sek(mid.min(), lang), solvent=percent(e["p_solvent"], lang),
        limit=_sek(-results.scenario.enterprise.overdraft_limit_sek, lang), result=_sek(q["median"], lang),
        lo=_sek(q["p05"], lang), hi=_sek(q["p95"], lang))


def carry_reading(results: Results, lang: str = "en") -> str:
    """Who carries whom in words, from the numbers the plot draws (:func:`.money_plots.carrying`):
    the units whose bars lie above and below zero over the horizon, with their averages; the
    month-by-month flows as the arrows label them; the central costs and the net result."""
    if not results.runs[0].has_enterprise:
        return ""
    c = carrying(results)
    T = _T[lang]
    if c.idle:
        return T["carry_idle"]
    labels = unit_labels(results) | {CENTRAL: T["central"]}
    per_year = c.per_year()

    def clause(kind: str, units: list[str]) -> str:
        named = [T["unit_amount"].format(unit=labels.get(u, u), amount=_sek(per_year[u], lang)) for u in units]
        return T[f"{kind}_{'one' if len(units) == 1 else 'many'}"].format(units=listing(named, lang))

    earners = [u for u in per_year.index if round(per_year[u]) > 0]
    losers = [u for u in per_year.index if round(per_year[u]) < 0]
    clauses = [clause("surplus", earners) if earners else T["surplus_none"]] + ([clause("deficit", losers)] if losers else [])
    parts = [capital(T["carry_units"].format(clauses="; ".join(clauses), years=plural(results.scenario.time.years,
                                                                                      "year", lang)))]
    if c.flows.empty:
        parts.append(T["carry_no_flows"])
    else:
        flows = [T["flow"].format(carrier=labels.get(f.carrier, f.carrier), carried=labels.get(f.carried, f.carried),
                                  amount=flow_amount(f.sek_per_year, lang, unit=True)) for f in c.flows.head(4).itertuples()]
        parts.append(T["carry_flows"].format(flows="; ".join(flows)))
    parts.append(T["carry_net"].format(central=_sek(-c.central_per_year(), lang), net=_net(c.net_per_year(), lang)))
    return " ".join(parts)


def footfall_reading(results: Results, lang: str = "en") -> str:
    """The busiest and quietest times and the busiest unit."""
    week = visits_by_weekday(results)
    busy = week[week["daypart"] == "day"].sort_values("visitors_per_day").iloc[-1]
    quiet = week[week["daypart"] == "evening"].sort_values("visitors_per_day").iloc[0]
    units = unit_visits_by_month(results)
    days = units.mean(axis=1)
    top = days.idxmax()
    names = NAMES[lang]["weekdays"]
    return _T[lang]["footfall"].format(
        busy=names[int(busy["weekday"])], busy_n=number(busy["visitors_per_day"], lang, 0),
        quiet=names[int(quiet["weekday"])], quiet_n=number(quiet["visitors_per_day"], lang, 0),
        unit=unit_labels(results).get(top, top), unit_n=number(days[top], lang, 0))


def unrest_reading(results: Results, lang: str = "en") -> str:
    """How many unrest events, of which kind, the worst month and the interventions."""
    table = events_by_month(results)
    marks = dated_interventions(results, lang)
    tail = _T[lang]["interventions"].format(marks="; ".join(f"{d.isoformat()} {w}" for d, w in marks)) if marks else ""
    if not table.to_numpy().any():
        return _T[lang]["unrest_none"] + tail
    totals = table.sum(axis=1)
    return _T[lang]["unrest"].format(
        per_year=number(totals.sum() / results.years, lang, 1), kind=event_label(table.sum().idxmax(), lang),
        month=month_label(totals.idxmax(), lang), worst=number(totals.max(), lang, 1)) + tail


def safety_reading(results: Results, lang: str = "en") -> str:
    """The safety index and the vacancy rate at the start and the end, in the middle run."""
    ts = results.timeseries
    safety = ts.pivot(index="month", columns="seed", values="safety_index").median(axis=1)
    vacancy = ts.pivot(index="month", columns="seed", values="vacancy_rate").median(axis=1)
    return _T[lang]["safety"].format(s0=number(safety.iloc[0], lang, 1), s1=number(safety.iloc[-1], lang, 1),
                                     v0=percent(vacancy.iloc[0], lang), v1=percent(vacancy.iloc[-1], lang))


def public_reading(results: Results, lang: str = "en") -> str:
    """The public purse's net cost, the largest payer and its largest line, the rent received."""
    table = public_cost_table(results)
    net = net_cost_by_payer(results)
    public = table[table["public"]]
    payer = net[list(dict.fromkeys(public["payer"]))].idxmax()
    lines = public[public["payer"] == payer].set_index("line")["sek_per_year"]
    rent = table[table["line"] == "rent_income"]
    rent_text = ""
    if not rent.empty:
        owner = rent.sort_values("sek_per_year").iloc[0]
        rent_text = _T[lang]["rent"].format(owner=payer_label(owner["payer"], results.scenario, lang),
                                            rent=_sek(-owner["sek_per_year"], lang))
    return _T[lang]["public"].format(
        total=_sek(net[list(dict.fromkeys(public["payer"]))].sum(), lang),
        payer=payer_label(payer, results.scenario, lang), amount=_sek(net[payer], lang),
        line=name("public_line", lines.idxmax(), lang), rent=rent_text)


def visitors_reading(results: Results, lang: str = "en") -> str:
    """Visitors per day, in the evening, unique visitors per month (medians over seeds)."""
    c = results.summary()["centre"]
    return _T[lang]["visitors"].format(visitors=number(c["visitors_per_day"]["median"], lang, 0),
                                       evening=number(c["visitors_per_evening"]["median"], lang, 0),
                                       unique=number(c["unique_visitors_per_month"]["median"], lang, 0))


def who_reading(results: Results, lang: str = "en") -> str:
    """The age band that comes most often and least often against its share of the residents."""
    from .run_plots import who_comes_table

    t = who_comes_table(results, lang)
    t = t[(t["panel"] == "age") & (t["share_of_residents"] > 0)].copy()
    t["ratio"] = t["share_of_visits"] / t["share_of_residents"]
    over, under = t.sort_values("ratio").iloc[-1], t.sort_values("ratio").iloc[0]
    even = results.summary()["centre"]["evenness"]["median"]
    years = {"en": "aged {g}", "sv": "de i åldern {g}"}[lang]
    return _T[lang]["who"].format(
        over=years.format(g=over["group"]), over_v=percent(over["share_of_visits"], lang),
        over_r=percent(over["share_of_residents"], lang), under=years.format(g=under["group"]),
        under_v=percent(under["share_of_visits"], lang), under_r=percent(under["share_of_residents"], lang),
        even=number(even, lang, 2))


def plan_reading(results: Results, month: int | str = -1, lang: str = "en", seed: int | None = None) -> str:
    """How many premises are open, paused, closed and vacant in ``month``, and the events at units."""
    m = month_index(results, month)
    states = premises_states(results, m, seed)
    counts = states["state"].value_counts()
    parts = [f"{number(counts[s], lang)} {NAMES[lang]['states'][s]}" for s in ("open", "paused", "closed", "vacant")
             if s in counts]
    events = float(np.sum([sum(e.values()) for e in states["events"]]))
    return _T[lang]["plan"].format(month=month_label(results.runs[0].month_labels[m], lang), counts=listing(parts, lang),
                                   events=_T[lang]["plan_events"].format(n=number(events, lang, digits=2)) if events else "")


READINGS: dict[str, Callable[[Results, str], str]] = {
    "cash.png": cash_reading, "who_carries_whom.png": carry_reading, "footfall_heatmap.png": footfall_reading,
    "unrest_timeline.png": unrest_reading, "safety_vacancy.png": safety_reading, "public_cost.png": public_reading,
    "visitors.png": visitors_reading, "who_comes.png": who_reading,
}
"""The reading of each file of the plot set (:data:`.plots.RUN_PLOTS`)."""


def reading(results: Results, plot: str, lang: str = "en") -> str:
    """The plain-language reading of one plot of the set (its file name, e.g. 'cash.png')."""
    if plot not in READINGS:
        raise KeyError(f"no reading for {plot!r}; there are readings for {', '.join(READINGS)}")
    return READINGS[plot](results, lang)
