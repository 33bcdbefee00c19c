"""Numbers, words and names in English or Swedish: the one formatter that every plot and every
printed text uses, and the names of things as a reader expects them.

Swedish follows ../shared/GLOSSARY.md: a no-break space (U+00A0) as the thousands separator and
before "kr" and "%", a decimal comma and a typographic minus (U+2212): ``1 250 000 kr``,
``0,85``, ``−3,5 %``. English: ``1,250,000 SEK``, ``0.85``, ``-3.5%``. The words themselves live
in :mod:`.words`; this module formats and looks them up.

Names are display names, never internal keys: a unit's ``label`` from the scenario (or the
catalogue), a payer's ``label`` (the default English labels translated), event types, book
lines and statuses from the word tables (an unknown key is written with spaces for
underscores, as a last resort).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from .words import NAMES, NOUNS, TEXTS

if TYPE_CHECKING:  # pragma: no cover
    from ..results import Results
    from ..scenario import Scenario

LANGS: tuple[str, ...] = ("en", "sv")
"""The languages of plots and printed text (``--lang``)."""

NBSP = "\u00a0"
"""The Swedish thousands separator, and the space before "kr" and "%"."""
_SEP = {"en": ",", "sv": NBSP}
_DEC = {"en": ".", "sv": ","}
_MINUS = {"en": "-", "sv": "\u2212"}
DASH = "—"
"""What a missing value (None, NaN) is written as."""


def check_lang(lang: str) -> str:
    """``lang`` if plots and texts exist in it; ValueError otherwise."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)} (got {lang!r})")
    return lang


def _missing(value: Any) -> bool:
    try:
        return value is None or not math.isfinite(float(value))
    except (TypeError, ValueError):
        return True


def number(value: float | None, lang: str = "en", decimals: int | None = None, digits: int = 3,
           sign: bool = False) -> str:
    """A number as people write it in ``lang``: thousands grouped, the language's decimal mark
    and minus. ``decimals`` fixes the decimals (``number(1234.5, "sv", 1)`` → '1 234,5'); without
    it, numbers of 1000 or more are whole (``'1,250,000'``) and smaller ones keep ``digits``
    significant digits (``'0.25'``, ``'3.5'``, ``'1.23e-05'``). ``sign`` writes a plus on
    positive numbers. None and NaN are '—'."""
    if _missing(value):
        return DASH
    v = float(value)
    if decimals is not None:
        text = f"{v:,.{decimals}f}"
    elif abs(v) >= 1000:
        text = f"{v:,.0f}"
    else:
        text = f"{v:,.{digits}g}"
    if text.lstrip("-").strip("0.,") == "":  # rounds to zero: no sign
        text = text.lstrip("-")
    text = text.translate(str.maketrans({",": _SEP[lang], ".": _DEC[lang]}))
    if text.startswith("-"):
        text = _MINUS[lang] + text[1:]
    elif sign and v > 0:
        text = "+" + text
    return text


def money(value: float | None, lang: str = "en", unit: bool = False, step: float = 1.0,
          sign: bool = False) -> str:
    """Kronor, whole (or rounded to ``step``, e.g. 100), grouped: '1,250,000' (en) or
    '1 250 000' (sv); with ``unit`` '1,250,000 SEK' or '1 250 000 kr'."""
    if _missing(value):
        return DASH
    text = number(round(float(value) / step) * step, lang, decimals=0, sign=sign)
    return f"{text}{NBSP}{currency(lang)}" if unit else text


def currency(lang: str) -> str:
    """The currency as written after an amount or on an axis: 'SEK' or 'kr'."""
    return "kr" if lang == "sv" else "SEK"


def percent(share: float | None, lang: str = "en", decimals: int = 0, sign: bool = False) -> str:
    """A share (0–1) as a percentage: '85%' (en) or '85 %' (sv)."""
    if _missing(share):
        return DASH
    text = number(100 * float(share), lang, decimals=decimals, sign=sign)
    return f"{text}{NBSP}%" if lang == "sv" else f"{text}%"


def plural(n: float, noun: str, lang: str = "en") -> str:
    """``n`` and the noun in the right number: '1 year', '2 years', '1 körning', '20 körningar'
    (the nouns are in :data:`.words.NOUNS`)."""
    one, many = NOUNS[noun][lang]
    return f"{number(n, lang)} {one if n == 1 else many}"


def text(key: str, lang: str = "en", **values: Any) -> str:
    """The phrase ``key`` in ``lang`` (:data:`.words.TEXTS`), with ``{name}`` fields filled in."""
    phrase = TEXTS[lang][key]
    return phrase.format(**values) if values else phrase


def name(kind: str, key: str, lang: str = "en") -> str:
    """The display name of an internal key of a kind of thing (``name("event", "car_fire",
    "sv")`` → 'bilbrand'); an unknown key with spaces for its underscores."""
    return NAMES[lang].get(kind, {}).get(key) or key.replace("_", " ")


def capital(words: str) -> str:
    """Sentence case: the first letter upper case, the rest as written."""
    return words[:1].upper() + words[1:]


def month_name(month: int, lang: str = "en", short: bool = True) -> str:
    """The name of month 1–12: 'Mar' / 'mars' (short), 'March' / 'mars'."""
    return NAMES[lang]["month_short" if short else "month"][month - 1]


def month_label(label: str, lang: str = "en") -> str:
    """A month 'YYYY-MM' as written: 'March 2024' / 'mars 2024'."""
    year, month = label[:4], int(label[5:7])
    return f"{month_name(month, lang, short=False)} {year}"


def weekdays(lang: str = "en") -> list[str]:
    """Monday to Sunday, short: 'Mon' … / 'mån' …"""
    return list(NAMES[lang]["weekday"])


def listing(items: Iterable[str], lang: str = "en") -> str:
    """'a, b and c' / 'a, b och c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {text('and', lang)} {items[-1]}"


# ---------------------------------------------------------------------------- names of things
def unit_labels(results: "Results") -> dict[str, str]:
    """Unit name → display name: the label each run reports (the scenario's, or the catalogue's
    for an entrant), else the scenario's, else the name with spaces."""
    out = {n: (u.label or n.replace("_", " ")) for n, u in results.scenario.units.items()}
    for r in results.runs:
        for u in r.units:
            out[u["name"]] = u.get("label") or out.get(u["name"]) or u["name"].replace("_", " ")
    return out


def scenario_unit_labels(scenario: "Scenario") -> dict[str, str]:
    """Unit name → display name from a scenario alone (its ``label``, else the name with spaces)."""
    return {n: (u.label or n.replace("_", " ")) for n, u in scenario.units.items()}


def mix_label(mix: str, labels: Mapping[str, str]) -> str:
    """A break-even mix written with display names: 'cafe + gym' → 'Kafé Klockrent + Gym och
    friskvård'."""
    return " + ".join(labels.get(part, part.replace("_", " ")) for part in mix.split(" + "))


def payer_label(payer: str, scenario: "Scenario", lang: str = "en") -> str:
    """A payer's display name: the scenario's label; a default English label in Swedish when
    ``lang`` is 'sv' (and the other way round)."""
    spec = scenario.payers.get(payer)
    label = spec.label if spec is not None and spec.label else payer.replace("_", " ")
    defaults = NAMES["en"]["payer"]
    if defaults.get(payer) == label:
        return NAMES[lang]["payer"][payer]
    return label


def event_label(kind: str, lang: str = "en") -> str:
    """An unrest event type as written ('car fire' / 'bilbrand')."""
    return name("event", kind, lang)


def enterprise_label(results: "Results", lang: str = "en") -> str:
    """The enterprise's name (the scenario's; the generic term if it has none)."""
    return results.scenario.enterprise.name or text("enterprise", lang)
