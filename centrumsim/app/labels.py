"""The page's words in English and Swedish (Swedish after ../shared/GLOSSARY.md: sentence case,
"kr", a space between thousands, a decimal comma)."""

from __future__ import annotations

from ..present import language
from ..present.language import LANGS, check_lang, percent  # noqa: F401 (the page's words and numbers)

WORDS = {
    "en": {
        "title": "Klockaretorpet centre — try a mix",
        "scenario": "Scenario",
        "units": "Units (on / off)",
        "operator": {"enterprise": "the enterprise", "commercial": "commercial tenants", "public": "public"},
        "levers": "Levers",
        "levers_note": "Rent and prices of the enterprise's units and the hours of youth activities in % of "
                       "today's; the enterprise's grant in SEK per month.",
        "rent": "Rent (%)",
        "prices": "Prices (%)",
        "est": "EST: coordinated crime prevention",
        "lighting": "Lighting",
        "tram": "Better crossing of the tram line",
        "youth": "Youth activities (%)",
        "grant": "Grant (SEK/month)",
        "as_scenario": "As in the scenario.",
        "changed": "Changed from the scenario: {changes}.",
        "ch": {"unit": "{unit} off", "rent": "rent {v}", "prices": "prices {v}", "grant": "grant {v} SEK a month",
               "est": "EST {onoff}", "lighting": "lighting {v}", "tram": "tram crossing {onoff}",
               "youth": "youth activities {v}"},
        "onoff": {True: "on", False: "off"},
        "dated": "{what}: the scenario changes it on {dates}; moving the lever sets it for the whole run.",
        "no_enterprise": "This scenario has no social centre enterprise: rent, prices and grant do not apply.",
        "runs": "Runs over several seeds",
        "seeds": "Seeds (runs)",
        "run": "Run {n} seeds",
        "running": "Running: {done} of {n} runs",
        "press_run": "Press “Run {n} seeds” to see the plots.",
        "stale": "The levers have changed since these runs: press “Run {n} seeds” again.",
        "shown": "{n} runs of {scenario}",
        "p_even": "probability of breaking even",
        "result": "the enterprise's yearly result (median)",
        "visitors": "visitors per day (median)",
        "same_runs": "The same runs from the command line:",
        "bad_levers": "These levers do not make a valid scenario:",
        "failed": "The runs failed:",
        "plan": "Plan of the centre",
        "month": "Month",
        "plan_missing": "The plan of the centre will be shown here, with a month slider, once centrumsim.present "
                        "draws it (plot_plan).",
        "live": "One run, day by day (Mesa's controls in the sidebar: Step, ▶, Reset)",
        "live_cash": "The enterprise's cash (SEK), one run",
        "live_visitors": "Visitors today, one run",
        "live_safety": "Safety index, one run",
        "seed": "Seed of the live run",
        "sek": "SEK",
    },
    "sv": {
        "title": "Klockaretorpets centrum — pröva en mix",
        "scenario": "Scenario",
        "units": "Verksamheter (på / av)",
        "operator": {"enterprise": "centrumföretaget", "commercial": "kommersiella hyresgäster", "public": "offentliga"},
        "levers": "Reglage",
        "levers_note": "Hyra och priser för centrumföretagets verksamheter och timmarna med aktiviteter för unga "
                       "i % av dagens; centrumföretagets bidrag i kr per månad.",
        "rent": "Hyra (%)",
        "prices": "Priser (%)",
        "est": "EST (Effektiv samordning för trygghet)",
        "lighting": "Belysning",
        "tram": "Bättre passage över spårvägen",
        "youth": "Aktiviteter för unga (%)",
        "grant": "Bidrag (kr/mån)",
        "as_scenario": "Som i scenariot.",
        "changed": "Ändrat från scenariot: {changes}.",
        "ch": {"unit": "{unit} av", "rent": "hyra {v}", "prices": "priser {v}", "grant": "bidrag {v} kr i månaden",
               "est": "EST {onoff}", "lighting": "belysning {v}", "tram": "passage över spårvägen {onoff}",
               "youth": "aktiviteter för unga {v}"},
        "onoff": {True: "på", False: "av"},
        "dated": "{what}: scenariot ändrar det {dates}; flyttar du reglaget gäller det hela körningen.",
        "no_enterprise": "Scenariot har inget socialt centrumföretag: hyra, priser och bidrag gäller inte.",
        "runs": "Flera körningar",
        "seeds": "Antal körningar",
        "run": "Starta {n} körningar",
        "running": "Kör: {done} av {n} körningar klara",
        "press_run": "Tryck på ”Starta {n} körningar” för att se diagrammen.",
        "stale": "Reglagen har ändrats sedan de här körningarna: tryck på ”Starta {n} körningar” igen.",
        "shown": "{n} körningar av {scenario}",
        "p_even": "sannolikhet att gå runt",
        "result": "centrumföretagets årsresultat (median)",
        "visitors": "besökare per dag (median)",
        "same_runs": "Samma körningar från kommandoraden:",
        "bad_levers": "Reglagen ger inget giltigt scenario:",
        "failed": "Körningarna misslyckades:",
        "plan": "Centrumets plan",
        "month": "Månad",
        "plan_missing": "Här visas centrumets plan, med ett reglage för månaden, när centrumsim.present ritar den "
                        "(plot_plan).",
        "live": "En körning, dag för dag (Mesas knappar i sidofältet: Step, ▶, Reset)",
        "live_cash": "Centrumföretagets kassa (kr), en körning",
        "live_visitors": "Besökare i dag, en körning",
        "live_safety": "Trygghetsindex, en körning",
        "seed": "Slumptal (seed) för körningen",
        "sek": "kr",
    },
}


def words(lang: str) -> dict:
    """The page's words in ``lang`` (en or sv)."""
    return WORDS[check_lang(lang)]


def number(value: float, lang: str, decimals: int = 0) -> str:
    """:func:`..present.language.number` with fixed decimals, and the typographic minus in
    both languages (the page's headline numbers): 1,250,000 (en) or 1 250 000 (sv)."""
    return language.number(value, lang, decimals=decimals).replace("-", "\u2212")
