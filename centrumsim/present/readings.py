"""Plain-language readings of the plots: one paragraph per plot, in English or Swedish, computed
from the same numbers the plot draws — for a report to print under a figure or an app to show
beside it. ``reading(results, "cash.png", lang)`` or the functions by name; each returns text.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..results import Results
from ..scenario import CENTRAL
from .footfall_plots import unit_visits_by_month, visits_by_weekday
from .language import _, capital, listing, money, ngettext, number, percent
from .money_plots import carrying, flow_amount, net_cost_by_payer, public_cost_table
from .names import PUBLIC_LINES, display, event_label, month_label, payer_label, state_count, unit_labels, weekdays
from .plan import month_index, premises_states
from .unrest_plots import dated_interventions, events_by_month


def _sek(v: float, lang: str) -> str:
    return money(v, lang, unit=True, step=1000 if abs(v) >= 10_000 else 1)


def _net(v: float, lang: str) -> str:
    return (_("a surplus of {x}", lang, x=_sek(abs(v), lang)) if v >= 0
            else _("a deficit of {x}", lang, x=_sek(abs(v), lang)))


def cash_reading(results: Results, lang: str = "en") -> str:
    """The enterprise's cash and yearly result in words."""
    s = results.summary()
    e = s["enterprise"]
    if not e["present"]:
        return ""
    ts = results.timeseries.pivot(index="month", columns="seed", values="cash_sek")
    mid = ts.median(axis=1)
    q = e["result_sek_per_year"]
    return _("In the middle run the enterprise's cash goes from {start} to {end} over {years}, at its lowest {low}. "
             "In {solvent} of the runs it stays above the overdraft limit of {limit}; its yearly result is {result} "
             "(90% of the runs between {lo} and {hi}).", lang,
             start=_sek(results.scenario.enterprise.starting_cash_sek, lang), end=_sek(mid.iloc[-1], lang),
             years=ngettext("{n} year", "{n} years", s["years"], lang), low=_sek(mid.min(), lang),
             solvent=percent(e["p_solvent"], lang),
             limit=_sek(-results.scenario.enterprise.overdraft_limit_sek, lang), result=_sek(q["median"], lang),
             lo=_sek(q["p05"], lang), hi=_sek(q["p95"], lang))


def carry_reading(results: Results, lang: str = "en") -> str:
    """Who carries whom in words, from the numbers the plot draws (:func:`.money_plots.carrying`):
    the units whose bars lie above and below zero over the horizon, with their averages; the
    month-by-month flows as the arrows label them; the central costs and the net result."""
    if not results.runs[0].has_enterprise:
        return ""
    c = carrying(results)
    if c.idle:
        return _("The enterprise has no unit open and no costs in these runs: there is nothing to carry.", lang)
    labels = unit_labels(results) | {CENTRAL: _("the central costs", lang)}
    per_year = c.per_year()

    def named(units: list[str]) -> str:
        return listing([_("{unit} ({amount} a year)", lang, unit=labels.get(u, u), amount=_sek(per_year[u], lang))
                        for u in units], lang)

    earners = [u for u in per_year.index if round(per_year[u]) > 0]
    losers = [u for u in per_year.index if round(per_year[u]) < 0]
    clauses = [ngettext("{units} earns more than it costs", "{units} earn more than they cost", len(earners), lang,
                        units=named(earners)) if earners else _("no unit earns more than it costs", lang)]
    if losers:
        clauses.append(ngettext("{units} costs more than it brings in", "{units} cost more than they bring in",
                                len(losers), lang, units=named(losers)))
    parts = [capital(_("{clauses}, on average over {years}.", lang, clauses="; ".join(clauses),
                       years=ngettext("{n} year", "{n} years", results.scenario.time.years, lang)))]
    if c.flows.empty:
        parts.append(_("No unit needed another's surplus in any month.", lang))
    else:
        flows = [_("{carrier} covered {amount} a year of {carried}", lang, carrier=labels.get(f.carrier, f.carrier),
                   carried=labels.get(f.carried, f.carried), amount=flow_amount(f.sek_per_year, lang, unit=True))
                 for f in c.flows.head(4).itertuples()]
        parts.append(_("In the months a unit ran at a surplus, the surplus covered deficits elsewhere: {flows}.", lang,
                       flows="; ".join(flows)))
    parts.append(_("With the central costs of {central} a year, the enterprise as a whole has {net} a year on "
                   "average.", lang, central=_sek(-c.central_per_year(), lang), net=_net(c.net_per_year(), lang)))
    return " ".join(parts)


def footfall_reading(results: Results, lang: str = "en") -> str:
    """The busiest and quietest times and the busiest unit."""
    week = visits_by_weekday(results)
    busy = week[week["daypart"] == "day"].sort_values("visitors_per_day").iloc[-1]
    quiet = week[week["daypart"] == "evening"].sort_values("visitors_per_day").iloc[0]
    units = unit_visits_by_month(results)
    days = units.mean(axis=1)
    top = days.idxmax()
    names = weekdays(lang, plural=True)
    return _("The centre is busiest on {busy} in the daytime ({busy_n} visitors on an average day) and quietest on "
             "{quiet} in the evening ({quiet_n}). {unit} has the most visits, {unit_n} a day.", lang,
             busy=names[int(busy["weekday"])], busy_n=number(busy["visitors_per_day"], lang, 0),
             quiet=names[int(quiet["weekday"])], quiet_n=number(quiet["visitors_per_day"], lang, 0),
             unit=unit_labels(results).get(top, top), unit_n=number(days[top], lang, 0))


def unrest_reading(results: Results, lang: str = "en") -> str:
    """How many unrest events, of which kind, the worst month and the interventions."""
    table = events_by_month(results)
    marks = dated_interventions(results, lang)
    tail = " " + _("Marked: {marks}.", lang, marks="; ".join(f"{d.isoformat()} {w}" for d, w in marks)) if marks else ""
    if not table.to_numpy().any():
        return _("There are no unrest events in these runs.", lang) + tail
    totals = table.sum(axis=1)
    return _("About {per_year} unrest events a year on average, most often {kind}; the worst month is {month} with "
             "{worst} events on average.", lang,
             per_year=number(totals.sum() / results.years, lang, 1), kind=event_label(table.sum().idxmax(), lang),
             month=month_label(totals.idxmax(), lang), worst=number(totals.max(), lang, 1)) + tail


def safety_reading(results: Results, lang: str = "en") -> str:
    """The safety index and the vacancy rate at the start and the end, in the middle run."""
    ts = results.timeseries
    safety = ts.pivot(index="month", columns="seed", values="safety_index").median(axis=1)
    vacancy = ts.pivot(index="month", columns="seed", values="vacancy_rate").median(axis=1)
    s0, s1 = number(safety.iloc[0], lang, 1), number(safety.iloc[-1], lang, 1)
    v0, v1 = percent(vacancy.iloc[0], lang), percent(vacancy.iloc[-1], lang)
    # "from 43 % to 43 %" says nothing: a value that rounds the same at both ends stays
    safety_part = _("The safety index stays at {s0}", lang, s0=s0) if s0 == s1 else \
        _("The safety index goes from {s0} to {s1}", lang, s0=s0, s1=s1)
    vacancy_part = _("the share of vacant premises stays at {v0}", lang, v0=v0) if v0 == v1 else \
        _("the share of vacant premises goes from {v0} to {v1}", lang, v0=v0, v1=v1)
    return _("{safety} in the middle run; {vacancy}.", lang, safety=safety_part, vacancy=vacancy_part)


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
        rent_text = " " + _("{owner} receives {rent} a year in rent.", lang,
                            owner=payer_label(owner["payer"], results.scenario, lang),
                            rent=_sek(-owner["sek_per_year"], lang))
    # the plot's bars are means (they add up), so the reading says means and says so
    return _("On average over the runs the public purse pays {total} a year net for the centre. {payer} pays "
             "most, {amount}, mostly {line}.", lang, total=_sek(net[list(dict.fromkeys(public["payer"]))].sum(), lang),
             payer=payer_label(payer, results.scenario, lang), amount=_sek(net[payer], lang),
             line=display(PUBLIC_LINES, lines.idxmax(), lang)) + rent_text


def visitors_reading(results: Results, lang: str = "en") -> str:
    """Visitors per day, in the evening, unique visitors per month (medians over seeds)."""
    c = results.summary()["centre"]
    return _("About {visitors} visitors a day come to the centre in the middle run, {evening} of them in the evening; "
             "{unique} different residents a month.", lang, visitors=number(c["visitors_per_day"]["median"], lang, 0),
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
    return _("Compared with their share of the residents, {over} come most often ({over_v} of the visits, {over_r} of "
             "the residents) and {under} least often ({under_v} against {under_r}). Evenness {even} (1 = the visitors "
             "mirror the residents).", lang,
             over=_("aged {g}", lang, g=over["group"]), over_v=percent(over["share_of_visits"], lang),
             over_r=percent(over["share_of_residents"], lang), under=_("aged {g}", lang, g=under["group"]),
             under_v=percent(under["share_of_visits"], lang), under_r=percent(under["share_of_residents"], lang),
             even=number(even, lang, 2))


def plan_reading(results: Results, month: int | str = -1, lang: str = "en", seed: int | None = None) -> str:
    """How many premises are open, paused, closed and vacant in ``month``, and the events at units."""
    m = month_index(results, month)
    states = premises_states(results, m, seed)
    counts = states["state"].value_counts()
    parts = [state_count(s, counts[s], lang) for s in ("open", "paused", "closed", "vacant") if s in counts]
    events = float(np.sum([sum(e.values()) for e in states["events"]]))
    hit = " " + ngettext("{n} unrest event per run hit a unit.", "{n} unrest events per run hit a unit.", events, lang,
                         n=number(events, lang, digits=2)) if events else ""
    return _("In {month}: {counts}.", lang, month=month_label(results.runs[0].month_labels[m], lang),
             counts=listing(parts, lang)) + hit


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
