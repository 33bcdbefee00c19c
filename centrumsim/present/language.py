"""Words and numbers in the reader's language: the translation catalogue and the one number
formatter that every plot, printed text, report and page uses.

The words are English message ids (msgids) in the code; ``centrumsim/locale/<lang>/LC_MESSAGES/
centrumsim.mo`` (compiled from its ``.po``, shipped with the package) translates them, read with
the standard library's :mod:`gettext`. English needs no catalogue: its words are the msgids.
:data:`LANGS` are English and every language with a catalogue — adding a language is adding a
catalogue folder. ``_("Cash, month by month", lang)``, ``ngettext("{n} seed", "{n} seeds", n,
lang)`` and ``pgettext(context, msgid, lang)`` look words up; ``{name}`` fields are filled in
from keyword arguments.

Numbers follow ../shared/GLOSSARY.md, with the marks the catalogue gives them (msgids with the
context ``number format``): in Swedish a no-break space (U+00A0) as the thousands separator and
before "kr" and "%", a decimal comma and a typographic minus (U+2212): ``1 250 000 kr``,
``0,85``, ``−3,5 %``; in English ``1,250,000 SEK``, ``0.85``, ``-3.5%``.
"""

from __future__ import annotations

import functools
import gettext
import math
from collections.abc import Iterable
from importlib import resources
from typing import TYPE_CHECKING, Any

from .. import outcomes

if TYPE_CHECKING:  # pragma: no cover
    from ..outcomes import Outcome, Series

DOMAIN = "centrumsim"
"""The catalogue's domain: ``locale/<lang>/LC_MESSAGES/centrumsim.mo``."""
SOURCE = "en"
"""The language of the msgids, which needs no catalogue."""
NBSP = "\u00a0"
"""The Swedish thousands separator, and the space before "kr" and "%"."""
DASH = "—"
"""What a missing value (None, NaN) is written as."""


def _locale() -> Any:
    return resources.files("centrumsim") / "locale"


def locale_dir() -> str:
    """The folder of the catalogues (``centrumsim/locale``)."""
    return str(_locale())


def languages() -> tuple[str, ...]:
    """English and every language with a compiled catalogue, in alphabetical order after English."""
    root = _locale()
    found = sorted(p.name for p in root.iterdir()
                   if p.is_dir() and (p / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()) if root.is_dir() else []
    return (SOURCE, *(lang for lang in found if lang != SOURCE))


LANGS: tuple[str, ...] = languages()
"""The languages of plots, printed text, the report and the page (``--lang``, the page's switch)."""


def check_lang(lang: object) -> str:
    """``lang`` if there are words in it; ValueError otherwise."""
    if not isinstance(lang, str) or lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)} (got {lang!r})")
    return lang


@functools.cache
def translation(lang: str) -> gettext.NullTranslations:
    """The catalogue of ``lang`` (for English the msgids themselves)."""
    check_lang(lang)
    if lang == SOURCE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, locale_dir(), languages=[lang])


def _fill(phrase: str, fields: dict[str, Any]) -> str:
    return phrase.format(**fields) if fields else phrase


def _(message: str, lang: str, **fields: Any) -> str:
    """The English msgid ``message`` in ``lang``, its ``{name}`` fields filled in from ``fields``."""
    return _fill(translation(lang).gettext(message), fields)


def pgettext(context: str, message: str, lang: str, **fields: Any) -> str:
    """:func:`_` for a msgid that needs a ``context`` to be translated right (the same English
    for different things)."""
    return _fill(translation(lang).pgettext(context, message), fields)


def ngettext(singular: str, plural: str, count: float, lang: str, **fields: Any) -> str:
    """The form of a phrase for ``count`` in ``lang`` ('{n} seed' / '{n} seeds', '{n} körning' /
    '{n} körningar'), ``{n}`` the count written by :func:`number` (unless ``fields`` write it
    otherwise), other fields from ``fields``. A fraction takes the form of 2 (the plural in English
    and Swedish)."""
    form = int(count) if float(count).is_integer() else 2
    return _fill(translation(lang).ngettext(singular, plural, form), {"n": number(count, lang)} | fields)


# ---------------------------------------------------------------------------- numbers
@functools.cache
def _marks(lang: str) -> dict[str, str]:
    """The thousands separator, the decimal mark and the minus sign of ``lang``."""
    # TRANSLATORS: the thousands separator (Swedish: a no-break space)
    separator = pgettext("number format", ",", lang)
    # TRANSLATORS: the decimal mark
    decimal = pgettext("number format", ".", lang)
    # TRANSLATORS: the minus sign (Swedish: the typographic minus, U+2212)
    minus = pgettext("number format", "-", lang)
    return {",": separator, ".": decimal, "-": minus}


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
    if value is None or _missing(value):
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
    marks = _marks(lang)
    text = text.translate({ord(","): marks[","], ord("."): marks["."]})
    if text.startswith("-"):
        text = marks["-"] + text[1:]
    elif sign and v > 0:
        text = "+" + text
    return text


def headline(value: float, lang: str = "en", decimals: int = 0) -> str:
    """A number with fixed decimals and the typographic minus (U+2212) in every language: the
    page's headline numbers, 1,250,000 (en) or 1 250 000 (sv), −5."""
    return number(value, lang, decimals=decimals).replace("-", "\u2212")


def currency(lang: str) -> str:
    """The currency as written after an amount or on an axis: 'SEK' or 'kr'."""
    return _("SEK", lang)


def money(value: float | None, lang: str = "en", unit: bool = False, step: float = 1.0,
          sign: bool = False) -> str:
    """Kronor, whole (or rounded to ``step``, e.g. 100), grouped: '1,250,000' (en) or
    '1 250 000' (sv); with ``unit`` '1,250,000 SEK' or '1 250 000 kr'."""
    if value is None or _missing(value):
        return DASH
    text = number(round(float(value) / step) * step, lang, decimals=0, sign=sign)
    return f"{text}{NBSP}{currency(lang)}" if unit else text


def percent(share: float | None, lang: str = "en", decimals: int = 0, sign: bool = False) -> str:
    """A share (0–1) as a percentage: '85%' (en) or '85 %' (sv)."""
    if share is None or _missing(share):
        return DASH
    # TRANSLATORS: a percentage (Swedish: a no-break space before %)
    return pgettext("number format", "{value}%", lang,
                    value=number(100 * float(share), lang, decimals=decimals, sign=sign))


def formatted(value: float | None, fmt: str, lang: str = "en") -> str:
    """A value in one of the registry's number formats (:data:`centrumsim.outcomes.FORMATS`):
    money whole kronor, a share as a percentage, a count or an index whole from 100 (one decimal
    below), a decimal with two, a whole number without."""
    if fmt == outcomes.MONEY:
        return money(value, lang)
    if fmt == outcomes.SHARE:
        return percent(value, lang)
    if fmt == outcomes.DECIMAL:
        return number(value, lang, decimals=2)
    if fmt == outcomes.WHOLE:
        return number(value, lang, decimals=0)
    if value is None or _missing(value):
        return DASH
    return number(value, lang, decimals=0 if abs(float(value)) >= 100 else 1)


# ---------------------------------------------------------------------------- phrases
def capital(words: str) -> str:
    """Sentence case: the first letter upper case, the rest as written."""
    return words[:1].upper() + words[1:]


def listing(items: Iterable[str], lang: str = "en") -> str:
    """'a, b and c' / 'a, b och c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return _("{items} and {last}", lang, items=", ".join(items[:-1]), last=items[-1])


def outcome_title(declared: Outcome | Series, lang: str = "en", percent_axis: bool = False) -> str:
    """An outcome's or a series' label with its unit, standing alone (an axis, a colour bar, a
    sweep's outcome): 'the enterprise's yearly result (SEK per year)'; with ``percent_axis`` a
    share's unit is '%' (the ticks are percentages)."""
    label = _(declared.label, lang)
    if percent_axis and declared.format == outcomes.SHARE:
        unit = "%"
    else:
        unit = _(declared.unit, lang) if declared.unit else ""
    return _("{label} ({unit})", lang, label=label, unit=unit) if unit else label
