"""Display names, never internal keys: each kind of internal key (event types, states,
operators, dayparts, payers, book lines, dated actions, weekdays, months, …) mapped to an English
msgid in one table, translated when shown (:func:`display`); and the names of the scenario's own
things — a unit's ``label`` from the scenario (or the catalogue), a payer's label (a default
English label translated), a mix of units. An unknown key is written with spaces for its
underscores, as a last resort.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .. import outcomes as registry
from ..msgids import N_
from .language import _, ngettext, number, outcome_title, pgettext

if TYPE_CHECKING:  # pragma: no cover
    from ..results import Results
    from ..scenario import Scenario

EVENT_TYPES = {"car_fire": N_("car fire"), "graffiti": N_("graffiti"), "stone_throwing": N_("stone throwing"),
               "vandalism": N_("vandalism"), "threat": N_("threats")}
STATES = {"open": N_("open"), "paused": N_("paused"), "closed": N_("closed"), "vacant": N_("vacant"),
          "planned": N_("planned")}
"""A premises' state on the plan."""
OPERATORS = {"enterprise": N_("enterprise"), "commercial": N_("commercial"), "public": N_("public")}
GROUPS = {"enterprise": N_("The enterprise's units"), "public": N_("Public activity houses"),
          "commercial": N_("Shops and other premises")}
"""The plan's groups of premises, by who runs them."""
DAYPARTS = {"day": N_("daytime"), "evening": N_("evening")}
GENDERS = {"male": N_("men and boys"), "female": N_("women and girls")}
VARIANTS = {"enterprise": N_("A: the enterprise"), "tenants": N_("B: tenants"),
            "tenants_without_support": N_("C: tenants, no support")}
"""The variants of ``compare`` (in its plot)."""
COMPARE_COLUMNS = {"enterprise": N_("enterprise"), "tenants": N_("tenants"),
                   "tenants_without_support": N_("tenants, no support")}
"""The variants of ``compare`` (the columns of its printed table)."""
PAYERS = {"municipality": N_("Municipality"), "housing_company": N_("Housing company"), "police": N_("Police"),
          "employment_service": N_("Employment service"), "study_associations": N_("Study associations"),
          "sponsors": N_("Sponsors")}
"""The default English labels of the payers (a scenario may name them otherwise)."""
PUBLIC_LINES = {"grants": N_("grants"), "house_funding": N_("funding of the houses"),
                "wage_subsidies": N_("wage subsidies"), "trainee_payments": N_("trainee places"),
                "service_contracts": N_("service contracts"), "sponsorship": N_("sponsorship"),
                "guards": N_("security guards"), "est": N_("EST"), "crackdown": N_("police crackdown"),
                "rent_discounts": N_("rent discounts"), "rent_lost_vacant": N_("rent lost to vacancy"),
                "rent_income": N_("rent received"), "police_response": N_("police response"),
                "fire_service": N_("fire and rescue service"), "property_damage": N_("damage to property"),
                "clean_up": N_("clean-up"), "existing_funding": N_("funding that would be spent anyway"),
                "existing_rent_income": N_("rent received that would be received anyway"),
                "service_bought_elsewhere": N_("service bought elsewhere (a contract the centre stopped serving)")}
BOOK_LINES = {"sales": N_("sales"), "fees": N_("fees"), "service_contracts": N_("service contracts"),
              "grants": N_("grants"), "sponsorship": N_("sponsorship"), "wage_subsidies": N_("wage subsidies"),
              "trainee_payments": N_("trainee places"), "rent": N_("rent"), "staff": N_("staff"),
              "goods": N_("cost of goods"), "upkeep": N_("upkeep"), "other": N_("other"), "repairs": N_("repairs"),
              "insurance": N_("insurance"), "overhead": N_("overhead"), "environment": N_("common spaces"),
              "interest": N_("interest")}
ACTIONS = {"open_unit": N_("{unit} opens"), "close_unit": N_("{unit} closes"), "start_est": N_("EST starts"),
           "stop_est": N_("EST ends"), "hire_guards": N_("guards ({value} FTE)"),
           "set_lighting": N_("lighting: {value}"),
           "improve_tram_crossing": N_("safer tram crossing"), "set_accessibility": N_("accessibility {value}"),
           "set_rent_discount": N_("rent discount for {unit}"), "set_grant": N_("new grant for {unit}"),
           "start_crackdown": N_("police crackdown"), "set_area_income": N_("incomes change")}
"""The dated actions of a scenario as the unrest timeline marks them (``{unit}``, ``{value}`` filled in)."""
WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
WEEKDAYS_PLURAL = (N_("Mondays"), N_("Tuesdays"), N_("Wednesdays"), N_("Thursdays"), N_("Fridays"),
                   N_("Saturdays"), N_("Sundays"))
MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
          N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))
MONTHS_SHORT = (N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"), N_("Jul"), N_("Aug"), N_("Sep"),
                N_("Oct"), N_("Nov"), N_("Dec"))


def display(table: Mapping[str, str], key: str, lang: str = "en") -> str:
    """The display name of an internal ``key`` from one of the tables above, in ``lang``
    (``display(EVENT_TYPES, "car_fire", "sv")`` → 'bilbrand'); an unknown key with spaces for
    its underscores."""
    return _(table[key], lang) if key in table else key.replace("_", " ")


def state_count(state: str, n: float, lang: str = "en") -> str:
    """How many premises are in a state, in words: '3 open' / '3 öppna', '1 öppen'."""
    if state == "open":
        return ngettext("{n} open", "{n} open", n, lang)
    if state == "paused":
        return ngettext("{n} paused", "{n} paused", n, lang)
    if state == "closed":
        return ngettext("{n} closed", "{n} closed", n, lang)
    return ngettext("{n} vacant", "{n} vacant", n, lang)


def event_label(kind: str, lang: str = "en") -> str:
    """An unrest event type as written ('car fire' / 'bilbrand')."""
    return display(EVENT_TYPES, kind, lang)


def month_name(month: int, lang: str = "en", short: bool = True) -> str:
    """The name of month 1–12: 'Mar' / 'mars' (short), 'March' / 'mars'."""
    return _((MONTHS_SHORT if short else MONTHS)[month - 1], lang)


def month_label(label: str, lang: str = "en") -> str:
    """A month 'YYYY-MM' as written: 'March 2024' / 'mars 2024'."""
    year, month = label[:4], int(label[5:7])
    return _("{month} {year}", lang, month=month_name(month, lang, short=False), year=year)


def weekdays(lang: str = "en", plural: bool = False) -> list[str]:
    """Monday to Sunday, short ('Mon' … / 'mån' …), or as 'on Mondays' says them (``plural``)."""
    return [_(day, lang) for day in (WEEKDAYS_PLURAL if plural else WEEKDAYS)]


def lighting_word(quality: float, lang: str = "en") -> str:
    """The lighting's quality (0–1) in a word a room understands: poor, dim, fair, good or very
    good (fifths of the scale)."""
    words = (pgettext("lighting", "poor", lang), pgettext("lighting", "dim", lang), pgettext("lighting", "fair", lang),
             pgettext("lighting", "good", lang), pgettext("lighting", "very good", lang))
    return words[min(max(int(quality * 5), 0), 4)]


def lever_value(action: str, value: float | None, lang: str = "en") -> str:
    """A dated action's value in words where a number would mean nothing to the audience
    (lighting), else the number."""
    if value is None:
        return ""
    return lighting_word(value, lang) if action == "set_lighting" else number(value, lang)


def unit_labels(results: Results) -> dict[str, str]:
    """Unit name → display name: the label each run reports (the scenario's, or the catalogue's
    for an entrant: its kind), else the scenario's, else the name with spaces. Units that would
    share a display name (five shops are each a "Butik") get their premises after it, and a
    number where even that is shared: "Butik (butik 2)", "Butik (butik 2) 2"."""
    out = {n: (u.label or n.replace("_", " ")) for n, u in results.scenario.units.items()}
    premises: dict[str, str | None] = {n: u.premises for n, u in results.scenario.units.items()}
    for r in results.runs:
        for u in r.units:
            out[u["name"]] = u.get("label") or out.get(u["name"]) or u["name"].replace("_", " ")
            premises[u["name"]] = u.get("premises") or premises.get(u["name"])
    return distinct(out, premises)


def distinct(labels: Mapping[str, str], premises: Mapping[str, str | None]) -> dict[str, str]:
    """``labels`` with those shared by several units told apart: the premises after the label,
    then a number (in the order of ``labels``)."""
    counts = Counter(labels.values())
    out = dict(labels)
    for n, label in labels.items():
        where = premises.get(n)
        if counts[label] > 1 and where:
            out[n] = f"{label} ({where.replace('_', ' ')})"
    seen: Counter[str] = Counter()
    counts = Counter(out.values())
    for n, label in out.items():
        if counts[label] > 1:
            seen[label] += 1
            out[n] = label if seen[label] == 1 else f"{label} {seen[label]}"
    return out


def scenario_unit_labels(scenario: Scenario) -> dict[str, str]:
    """Unit name → display name from a scenario alone (its ``label``, else the name with spaces;
    shared ones told apart as in :func:`unit_labels`)."""
    return distinct({n: (u.label or n.replace("_", " ")) for n, u in scenario.units.items()},
                    {n: u.premises for n, u in scenario.units.items()})


def mix_label(mix: str, labels: Mapping[str, str]) -> str:
    """A break-even mix written with display names: 'cafe + gym' → 'Kafé Klockrent + Gym och
    friskvård'."""
    return " + ".join(labels.get(part, part.replace("_", " ")) for part in mix.split(" + "))


def payer_label(payer: str, scenario: Scenario, lang: str = "en") -> str:
    """A payer's display name: the scenario's label; a default English label (:data:`PAYERS`)
    translated into ``lang``."""
    spec = scenario.payers.get(payer)
    label = spec.label if spec is not None and spec.label else payer.replace("_", " ")
    return _(label, lang) if PAYERS.get(payer) == label else label


def enterprise_label(results: Results, lang: str = "en") -> str:
    """The enterprise's name (the scenario's; the generic term if it has none)."""
    return results.scenario.enterprise.name or _("the social centre enterprise", lang)


def outcome_label(key: str, lang: str = "en") -> str:
    """A readable label with its unit for a summary path, from the outcome registry:
    ``enterprise.result_sek_per_year`` → "the enterprise's yearly result (SEK per year)"; a
    path inside a family names its part (``units.cafe.visits_per_day`` → 'visits per day: cafe');
    an undeclared path is written as it is."""
    declared = registry.find(key)
    if declared is None:
        return key
    title = outcome_title(declared, lang)
    below = key[len(declared.path):].lstrip(".") if "*" not in declared.path else key.split(".")[1]
    return _("{outcome}: {part}", lang, outcome=title, part=below) if below else title


def outcome_unit(key: str, lang: str = "en") -> str:
    """The unit of a summary path's value ('SEK per year', …; '' when it has none or is unknown)."""
    declared = registry.find(key)
    return _(declared.unit, lang) if declared is not None and declared.unit else ""
