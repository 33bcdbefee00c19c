"""The page's inputs as Mesa's SolaraViz describes model parameters (``{"type": "SliderFloat",
"value": …, "min": …, "max": …, "step": …, "label": …}`` and ``"Checkbox"``), built from a
scenario and the current levers, and a changed input turned back into levers. Plain data: no
Solara here, so it is tested without a browser."""

from __future__ import annotations

import os
from typing import Any

from ..msgids import N_
from ..present.language import _, headline, percent, pgettext
from ..present.names import lighting_word
from ..scenario import Scenario
from .levers import Levers

OPERATORS = ("enterprise", "public", "commercial")
UNIT = "unit:"
DEFAULT_SCENARIO = "klockaretorpet"
DEFAULT_SEEDS = 10
MAX_SEEDS = 40
MAX_GRANT_SEK = 100_000
SEEDS_ENV = "CENTRUMSIM_APP_SEEDS"
"""The environment variable through which ``centrumsim app --seeds N`` sets the page's first seed count."""


def first_seeds() -> int:
    """The seed count the page starts with: $CENTRUMSIM_APP_SEEDS (1 … MAX_SEEDS), else DEFAULT_SEEDS."""
    try:
        return min(max(int(os.environ.get(SEEDS_ENV, DEFAULT_SEEDS)), 1), MAX_SEEDS)
    except ValueError:
        return DEFAULT_SEEDS


def operator_heading(operator: str, lang: str) -> str:
    """The heading of the units an operator runs ('the enterprise', 'commercial tenants', 'public')."""
    if operator == "enterprise":
        return pgettext("units run by", "the enterprise", lang)
    if operator == "commercial":
        return pgettext("units run by", "commercial tenants", lang)
    return pgettext("units run by", "public", lang)


def unit_inputs(base: Scenario, levers: Levers, lang: str) -> dict[str, dict[str, dict[str, Any]]]:
    """A checkbox per unit of the scenario, grouped by operator (heading → inputs)."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for op in OPERATORS:
        names = [n for n, u in base.units.items() if u.operator == op]
        if names:
            out[operator_heading(op, lang)] = {
                f"{UNIT}{n}": {"type": "Checkbox", "label": base.units[n].label or n,
                               "value": n not in levers.units_off}
                for n in names}
    return out


def lever_inputs(base: Scenario, levers: Levers, lang: str) -> dict[str, dict[str, Any]]:
    """The sliders and switches for the levers; rent, prices and grant only when the scenario has
    an enterprise."""
    def slider(label: str, value: float, lo: float, hi: float, step: float, kind: str = "SliderInt") -> dict:
        return {"type": kind, "label": _(label, lang), "value": value, "min": lo, "max": hi, "step": step}

    def switch(label: str, value: bool) -> dict:
        # the label is looked up here, not as _(LEVER_LABELS[...]): Babel before 2.13 extracts a
        # subscript's key inside _() as a msgid of its own
        return {"type": "Checkbox", "label": _(label, lang), "value": value}

    out: dict[str, dict[str, Any]] = {}
    if base.enterprise_units:
        out["rent"] = slider(LEVER_LABELS["rent"], int(levers.rent_percent), 0, 200, 10)
        out["prices"] = slider(LEVER_LABELS["prices"], int(levers.price_percent), 50, 200, 10)
        out["grant"] = slider(LEVER_LABELS["grant"], int(levers.grant_sek_per_month), 0,
                              max(MAX_GRANT_SEK, int(base.enterprise.grant_sek_per_month) * 2), 5_000)
    out["est"] = switch(LEVER_LABELS["est"], levers.est_active)
    out["lighting"] = slider(LEVER_LABELS["lighting"], float(levers.lighting_quality), 0.0, 1.0, 0.05, "SliderFloat")
    out["tram"] = switch(LEVER_LABELS["tram"], levers.tram_crossing_improved)
    out["youth"] = slider(LEVER_LABELS["youth"], int(levers.youth_percent), 0, 300, 25)
    return out


def changes(base: Scenario, levers: Levers, lang: str) -> str:
    """What the levers change from the scenario, in a sentence ("Changed from the scenario: …")."""
    today = Levers.of(base)
    out = [_("{unit} off", lang, unit=base.units[n].label or n) for n in levers.units_off if n in base.units]
    for name, field in FIELDS.items():
        value = getattr(levers, field)
        if value == getattr(today, field) or (name in ENTERPRISE_LEVERS and not base.enterprise_units):
            continue
        if isinstance(value, bool):
            onoff = pgettext("switch", "on", lang) if value else pgettext("switch", "off", lang)
            out.append(_(CHANGES[name], lang, onoff=onoff))
        elif field.endswith("_percent"):
            out.append(_(CHANGES[name], lang, v=percent(value / 100, lang)))
        elif name == "lighting":
            better = value > getattr(today, field)
            out.append(_("lighting: better ({level})", lang, level=lighting_word(value, lang)) if better
                       else _("lighting: worse ({level})", lang, level=lighting_word(value, lang)))
        else:
            out.append(_(CHANGES[name], lang, v=headline(value, lang, decimals=0)))
    return _("Changed from the scenario: {changes}.", lang, changes=", ".join(out)) if out else \
        _("As in the scenario.", lang)


ENTERPRISE_LEVERS = ("rent", "prices", "grant")
LEVER_LABELS = {"rent": N_("Rent (%)"), "prices": N_("Prices (%)"), "grant": N_("Grant (SEK/month)"),
                "est": N_("EST: coordinated crime prevention"), "lighting": N_("Lighting"),
                "tram": N_("Better crossing of the tram line"), "youth": N_("Youth activities (%)")}
"""Each lever's label on the page."""
CHANGES = {"rent": N_("rent {v}"), "prices": N_("prices {v}"), "grant": N_("grant {v} SEK a month"),
           "est": N_("EST {onoff}"), "tram": N_("tram crossing {onoff}"),
           "youth": N_("youth activities {v}")}
"""What the page says a moved lever changes (``{v}`` its value, ``{onoff}`` on or off; the
lighting in words, better or worse)."""
FIELDS = {"rent": "rent_percent", "prices": "price_percent", "grant": "grant_sek_per_month",
          "est": "est_active", "lighting": "lighting_quality", "tram": "tram_crossing_improved",
          "youth": "youth_percent"}


def changed(levers: Levers, name: str, value: Any) -> Levers:
    """The levers after the input ``name`` took ``value`` (from :func:`unit_inputs` or
    :func:`lever_inputs`)."""
    if name.startswith(UNIT):
        return levers.with_unit(name[len(UNIT):], bool(value))
    field = FIELDS[name]
    if isinstance(getattr(levers, field), bool):
        return levers.but(**{field: bool(value)})
    value = round(float(value), 4)  # a slider's 0.1 + 0.2: the scenario's 0.3 again
    return levers.but(**{field: value})
