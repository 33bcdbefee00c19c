"""The verdict in words: what breaks even, in how many plausible futures (with the interval), how
much of that is chance, and the assumptions it turns on — the first lines of ``run``,
``compare``, ``breakeven``, ``report`` and the page, in English and Swedish.

It reads a run's summary (``summary.json``): ``enterprise.p_break_even`` and its interval,
``enterprise.p_break_even_chance_only`` and the ``uncertainty`` section
(:mod:`centrumsim.analysis.uncertainty`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..analysis.goalseek import GoalSeek
from ..scenario.assumptions import CATALOGUE
from .language import _, capital, listing, ngettext, number, percent
from .names import mix_label
from .parameters import parameter_label, parameter_phrase

if TYPE_CHECKING:  # pragma: no cover
    from ..scenario import Scenario

MOST = 0.8  # "in most plausible futures" from here …
FEW = 0.2  # … and "not in most" up to here
DRIVERS = 3
MIN_SHARE = 0.01  # a driver with less of the spread is not named (the verdict, the report's table)
FEW_RUNS = 20
"""Below this many runs a probability moves in steps of more than 5 percentage points (1/n): the
verdict says so rather than read more into it than the runs allow."""


def verdict(s: Mapping[str, Any], lang: str = "en", subject: str | None = None) -> str:
    """A paragraph answering "does it break even, and how sure are we" for one summary; ``subject``
    names what breaks even (default: the enterprise's units by the scenario's name)."""
    e = s["enterprise"]
    if not e.get("present"):
        return _("Verdict: this scenario has no enterprise, so nothing breaks even or fails to.", lang)
    u = s.get("uncertainty") or {}
    who = subject or _("the enterprise in “{scenario}”", lang, scenario=s["scenario"])
    years = ngettext("{n} year", "{n} years", s["years"], lang)
    p, (lo, hi) = e["p_break_even"], e["p_break_even_interval"]
    interval = _("{low}–{high}", lang, low=percent(lo, lang), high=percent(hi, lang))
    if not u.get("assumptions_drawn"):
        runs = len(s["seeds"])
        head = _headline(who, p, lang, years, drawn=False)
        return " ".join([
            _("Verdict:", lang), head,
            _("That is {p} of {runs} runs at the assumed values (90% interval {interval}): chance alone. The "
              "assumptions were not drawn, so this does not say how sure we can be of them.", lang,
              p=percent(p, lang), runs=runs, interval=interval), *few_runs(runs, lang)])
    parts = [_("Verdict:", lang), _headline(who, p, lang, years, drawn=True),
             _("It does in {p} of the plausible futures drawn over the assumptions and chance (90% interval "
               "{interval}); at the assumed values alone, in {p0} ({interval0}).", lang, p=percent(p, lang),
               interval=interval, p0=percent(e["p_break_even_chance_only"], lang),
               interval0=_("{low}–{high}", lang, low=percent(e["p_break_even_chance_only_interval"][0], lang),
                           high=percent(e["p_break_even_chance_only_interval"][1], lang))),
             _("Chance explains {share} of the spread of its yearly result; the assumptions the rest.", lang,
               share=percent(u["chance_share"], lang))]
    parts += few_runs(len(s["seeds"]), lang)
    drivers = [d for d in u.get("drivers", []) if d["share"] >= MIN_SHARE][:DRIVERS]
    if drivers:
        parts.append(_("It turns most on {drivers}.", lang, drivers=listing([_driver(d, lang) for d in drivers], lang)))
    outside = [a for a in u.get("assumptions", []) if not a.get("inside", True) and a.get("history_match")]
    if outside:
        labels = [a["label"] for a in outside]  # msgids; no subscript inside _(): Babel 2.12 would extract it
        names = listing([_(label, lang) for label in labels], lang)  # outside ngettext: Babel misses nested calls
        parts.append(ngettext("The assumed value of {names} lies outside the range the history match kept.",
                              "The assumed values of {names} lie outside the ranges the history match kept.",
                              len(outside), lang, names=names))
    return " ".join(parts)


def verdict_headline(s: Mapping[str, Any], lang: str = "en") -> str:
    """The verdict's first sentence alone, for large type: does the enterprise break even in most
    runs (or futures), or is it open; that there is no enterprise when there is none."""
    e = s["enterprise"]
    if not e.get("present"):
        return _("This scenario has no enterprise, so nothing breaks even or fails to.", lang)
    who = _("the enterprise in “{scenario}”", lang, scenario=s["scenario"])
    years = ngettext("{n} year", "{n} years", s["years"], lang)
    drawn = bool((s.get("uncertainty") or {}).get("assumptions_drawn"))
    return _headline(who, e["p_break_even"], lang, years, drawn=drawn)


def few_runs(runs: int, lang: str = "en") -> list[str]:
    """The warning a probability over fewer than :data:`FEW_RUNS` runs needs (none above)."""
    if runs >= FEW_RUNS:
        return []
    return [_("With only {runs} runs a probability moves in steps of {step}: take it as a rough guide, and run more "
              "seeds before deciding.", lang, runs=runs, step=percent(1 / runs, lang))]


def runs_phrase(s: Mapping[str, Any], lang: str = "en") -> str:
    """How many runs a summary is over: '20 seeds', or '192 runs (96 futures drawn over the
    assumptions × 2 seeds)'."""
    u = s.get("uncertainty") or {}
    design = u.get("design")
    if not u.get("assumptions_drawn") or not design:
        return ngettext("{n} seed", "{n} seeds", len(s["seeds"]), lang)
    return _("{runs} runs ({draws} futures drawn over the assumptions × {replicates} seeds)", lang,
             runs=len(s["seeds"]), draws=design["draws"], replicates=design["replicates"])


def _headline(who: str, p: float, lang: str, years: str, drawn: bool) -> str:
    fields = {"who": who, "years": years}
    if p >= MOST:
        text = (_("{who} breaks even over {years} in most plausible futures.", lang, **fields) if drawn
                else _("{who} breaks even over {years} in most runs at the assumed values.", lang, **fields))
    elif p <= FEW:
        text = (_("{who} does not break even over {years} in most plausible futures.", lang, **fields) if drawn
                else _("{who} does not break even over {years} in most runs at the assumed values.", lang, **fields))
    else:
        text = _("Whether {who} breaks even over {years} is open.", lang, **fields)
    return capital(text)


def _driver(d: Mapping[str, Any], lang: str) -> str:
    """'the enterprise's wages (31 % of the spread; lower helps; assumed 27 000)'."""
    helps = _("higher helps", lang) if d["direction"] == "up" else _("lower helps", lang)
    if d.get("share_interval"):
        low, high = d["share_interval"]
        share = _("{share} of the spread, 90% interval {low}–{high}", lang, share=percent(d["share"], lang),
                  low=percent(low, lang), high=percent(high, lang))
    else:
        share = _("{share} of the spread", lang, share=percent(d["share"], lang))
    bits = [share, helps]
    if d.get("assumed") is not None:
        bits.append(_("assumed {value}", lang, value=number(d["assumed"], lang)))
    label = d["label"]  # a msgid; no subscript inside _()
    return f"{_(label, lang)} ({'; '.join(bits)})"


def breakeven_verdict(table: pd.DataFrame, need: GoalSeek | None, years: int, lang: str = "en",
                      labels: Mapping[str, str] | None = None, target: float = MOST,
                      scenario: Scenario | None = None) -> str:
    """The verdict of a break-even search: whether a mix breaks even in most plausible futures;
    if none does, the closest and what it would need (``need``: goal seek on the grant, its lever
    named by its label — the units' display names from ``scenario`` when given)."""
    best = table.iloc[0]
    span = ngettext("{n} year", "{n} years", years, lang)
    if math.isnan(best["p_break_even"]):
        return _("Verdict: no mix of these has an enterprise unit, so nothing breaks even or fails to.", lang)
    mix = mix_label(best["mix"], labels or {})
    drawn = int(best.get("futures", 0) or 0) > 0
    p = _("{p} ({low}–{high})", lang, p=percent(best["p_break_even"], lang),
          low=percent(best["p_break_even_low"], lang), high=percent(best["p_break_even_high"], lang))
    if drawn:
        odds = _("in {p} of the plausible futures drawn over the assumptions and chance, in {p0} at the assumed "
                 "values alone", lang, p=p, p0=percent(best["p_break_even_chance_only"], lang))
    else:
        odds = _("in {p} of the runs at the assumed values (chance alone; the assumptions were not drawn)", lang, p=p)
    fields = {"mix": mix, "years": span, "odds": odds, "target": percent(target, lang)}
    if best["p_break_even"] >= target:
        parts = [_("Verdict: {mix} breaks even over {years} in at least {target} of the plausible futures: {odds}.",
                   lang, **fields) if drawn else
                 _("Verdict: {mix} breaks even over {years} in at least {target} of the runs at the assumed values: "
                   "{odds}.", lang, **fields)]
    else:
        parts = [_("Verdict: no mix of these breaks even over {years} in {target} of the plausible futures. The "
                   "closest is {mix}: it breaks even {odds}.", lang, **fields) if drawn else
                 _("Verdict: no mix of these breaks even over {years} in {target} of the runs at the assumed values. "
                   "The closest is {mix}: it breaks even {odds}.", lang, **fields)]
    keys = [k for k in str(best.get("drivers") or "").split(", ") if k in CATALOGUE]
    if drawn and keys:
        parts.append(_("It turns most on {drivers}.", lang,
                       drivers=listing([parameter_label(k, lang=lang) for k in keys], lang)))
    if need is not None:
        parts.append(need_sentence(need, lang, scenario))
    return " ".join(parts)


def need_sentence(gs: GoalSeek, lang: str = "en", scenario: Scenario | None = None) -> str:
    """What a goal seek found, in one sentence for a verdict; the lever by its label
    (:func:`.parameters.parameter_phrase`), never its dotted key."""
    lv = gs.lever
    what = parameter_phrase(lv.key, scenario, lang)
    if gs.value is None or gs.achieved_interval is None or gs.value_interval is None:
        return _("No value of {parameter} from {low} to {high} brings it to {target}.", lang, parameter=what,
                 low=number(lv.low, lang), high=number(lv.high, lang), target=percent(gs.target, lang))
    return _("To break even in {target} of them it would need {what} at {value} (today {current}; {v_low}–{v_high} "
             "with other futures); a check run there gave {achieved} (95% interval {a_low}–{a_high}).", lang,
             target=percent(gs.target, lang), what=what, value=number(gs.value, lang),
             current=number(lv.current, lang), v_low=number(gs.value_interval[0], lang),
             v_high=number(gs.value_interval[1], lang), achieved=percent(gs.achieved, lang),
             a_low=percent(gs.achieved_interval[0], lang), a_high=percent(gs.achieved_interval[1], lang))
