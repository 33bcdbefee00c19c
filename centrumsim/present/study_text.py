"""The text the study commands print, in English or Swedish: ``patterns`` (its table and the
knock-outs), ``validate``'s "ok (…)" lines, the ``sensitivity`` indices, ``discover``'s box and
``calibrate``'s summary.

Every number goes through :mod:`.language` (the formatter the plots use); seed numbers and N
as the files write them; pattern names, criteria and outcome keys as written; the parameters of
``sensitivity`` and ``discover`` by their labels (:func:`.parameters.parameter_label`), those of
``calibrate`` and the knock-outs by their keys (the files they are set in write them so).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .language import _, ngettext, number, percent
from .names import outcome_label, outcome_unit
from .parameters import parameter_label

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..scenario import Scenario
    from ..sweeps.discovery import Discovery
    from ..sweeps.sensitivity import Sensitivity
    from ..validation import History, Knockout, PatternResult

__all__ = ["block_words", "format_box", "format_calibration", "format_knockouts", "format_patterns",
           "format_sensitivity", "validated_line"]


# ---------------------------------------------------------------------------- patterns
def block_words(history: History, seeds: range, lang: str = "en") -> str:
    """How a block of seeds relates to the history's calibration block, in words."""
    cal = history.seeds.block("calibration")
    overlap = len(set(seeds) & set(cal))
    span = _("seeds {first}–{last}", lang, first=seeds.start, last=seeds.stop - 1)
    if overlap == 0:
        return _("{span}, held out (the parameters were chosen on seeds {first}–{last})", lang, span=span,
                 first=cal.start, last=cal.stop - 1)
    if overlap == len(seeds):
        return _("{span}, the calibration block: these are not held out", lang, span=span)
    return _("{span}, {n} of them in the calibration block ({first}–{last})", lang, span=span, n=overlap,
             first=cal.start, last=cal.stop - 1)


def format_patterns(history: History, rows: Sequence[PatternResult], seeds: range, lang: str = "en") -> str:
    """The patterns table: the block of seeds and how it was chosen, the rule, one line per
    pattern (seeds showing it, the need, pass or fail, the name and criterion) and how many pass."""
    rule = rows[0].rule if rows else "share"
    how = (_("rule: a pattern passes when the share of seeds showing the pattern is at least the need", lang)
           if rule == "share" else
           _("rule: a pattern fails only when the count is below the need at {confidence} confidence (binomial)", lang,
             confidence=percent(history.seeds.confidence, lang)))
    showing, needed, result, pattern = _("seeds showing it|needed|result|pattern / criterion", lang).split("|")
    verdicts = _("pass", lang), _("FAIL", lang)
    of = _("of", lang)
    shown_width = max(len(showing), 5 + len(of) + 11)
    result_width = max(len(result), *map(len, verdicts))
    ids = max(3, *(len(r.pattern) for r in rows)) if rows else 3
    lines = [f"{history.name}: {block_words(history, seeds, lang)}", how, "",
             f"{'#':>{ids}}  {showing:>{shown_width}}  {needed:>7}  {result:<{result_width}}  {pattern}"]
    indent = ids + 2 + shown_width + 2 + 7 + 2 + result_width + 2 + 4  # the criterion under the name, indented
    for r in rows:
        shown = f"{r.shown:>5} {of} {r.counted:<3} {percent(r.share, lang):>5}"
        lines.append(f"{r.pattern:>{ids}}  {shown:>{shown_width}}  {percent(r.need, lang):>7}  "
                     f"{verdicts[0] if r.passed else verdicts[1]:<{result_width}}  {r.name}")
        lines.append(" " * indent + _("criterion: {criterion}", lang, criterion=r.criterion))
        if not r.diagnostic:
            lines.append(" " * indent + _("not diagnostic (holds by construction): {reason}", lang,
                                          reason=r.diagnostic_reason))
    passed = sum(r.passed for r in rows)
    lines += ["", _("{passed} of {patterns} pass.", lang, passed=passed,
                    patterns=ngettext("{n} pattern", "{n} patterns", len(rows), lang))]
    echoed = [r for r in rows if not r.diagnostic]
    if echoed:
        lines.append(_("Not diagnostic, passing or not: {patterns} (marked above); of the {n} diagnostic "
                       "patterns {passed} pass.", lang, patterns=", ".join(r.pattern for r in echoed),
                       n=len(rows) - len(echoed), passed=sum(r.passed for r in rows if r.diagnostic)))
    return "\n".join(lines)


def format_knockouts(history: History, seeds: range,
                     judged: Sequence[tuple[str, PatternResult, Knockout]], missing: Sequence[str],
                     lang: str = "en") -> str:
    """Each pattern with its knock-out: whether switching its mechanism off makes it fail (as it
    should), and the patterns that name no knock-out."""
    lines = [_("{name}: knock-outs, {block}", lang, name=history.name, block=block_words(history, seeds, lang))]
    of, need = _("of", lang), _("need", lang)
    ids = max(3, *(len(pid) for pid, _, _ in judged)) if judged else 3
    for pid, r, k in judged:
        verdict = _("STILL HOLDS", lang) if r.passed else _("fails, as it should", lang)
        lines.append(("\n" if len(lines) == 1 else "")
                     + f"{pid:>{ids}}  {r.shown:>4} {of} {r.counted:<3} {need} {percent(r.need, lang):>4}  "
                       f"{verdict}  {r.name}")
        overrides = ", ".join(f"{parameter_label(key, None, lang)} = {v}" for key, v in k.overrides.items())
        lines.append(" " * (ids + 3) + _("knock-out: {overrides} ({reason})", lang, overrides=overrides,
                                         reason=k.reason))
    if missing:
        lines.append("\n" + _("no knock-out named for pattern(s) {patterns}", lang, patterns=", ".join(missing)))
    return "\n".join(lines)


# ---------------------------------------------------------------------------- validate
def validated_line(path: str, kind: str, info: Mapping[str, Any], lang: str = "en") -> str:
    """'FILE: ok (what it is)' for a file ``validate`` found sound: ``kind`` 'sweep' (method,
    runs, base), 'history' (patterns, scenarios), 'parameters' (parameters, points, seeds, history) or
    'scenario' (name, units, years)."""
    if kind == "sweep":
        what = _("a sweep: {method}, {runs} of {base}", lang, method=info["method"],
                 runs=ngettext("{n} run", "{n} runs", info["runs"], lang),
                    base=info["base"])
    elif kind == "history":
        what = _("a history: {patterns} over {scenarios}", lang,
                 patterns=ngettext("{n} pattern", "{n} patterns", info["patterns"], lang),
                 scenarios=ngettext("{n} scenario", "{n} scenarios", info["scenarios"], lang))
    elif kind == "parameters":
        what = _("calibration parameters: {parameters}, {points} × {seeds} a wave, checked against {history}", lang,
                 parameters=ngettext("{n} parameter", "{n} parameters", info["parameters"], lang),
                 points=ngettext("{n} point", "{n} points", info["points"], lang),
                 seeds=ngettext("{n} seed", "{n} seeds", info["seeds"], lang), history=info["history"])
    else:
        what = _("{name}; {units}, {years}", lang, name=info["name"],
                 units=ngettext("{n} unit", "{n} units", info["units"], lang),
                 years=ngettext("{n} year", "{n} years", info["years"], lang))
    return _("{file}: ok ({what})", lang, file=path, what=what)


# ---------------------------------------------------------------------------- sensitivity, discover
def format_sensitivity(sens: Sensitivity, lang: str = "en", scenario: Scenario | None = None) -> str:
    """The indices as a printed table (± the half-width of the 95 % interval), a row per
    parameter by its label (the units' display names from ``scenario`` when given)."""
    t = sens.table
    word = _("parameter", lang)
    names = [parameter_label(key, scenario, lang) for key in t["parameter"]]
    width = max(len(word), *(len(p) for p in names))

    def n3(v: float) -> str:
        return number(v, lang, decimals=3)

    if sens.method == "sobol":
        head = f"{word:<{width}}  {'S1':>15}  {'ST':>15}"
        rows = [f"{name:<{width}}  {n3(r.S1):>7} ± {n3(r.S1_conf):<5}  {n3(r.ST):>7} ± {n3(r.ST_conf):<5}"
                for name, r in zip(names, t.itertuples())]
        title = _("Sobol indices of {outcome} (N = {n}; ± 95 % interval)", lang,
                  outcome=outcome_label(sens.outcome, lang), n=sens.samples)
    else:
        unit = outcome_unit(sens.outcome, lang)
        head = f"{word:<{width}}  {'mu*':>22}  {'sigma':>11}  {'mu':>11}"
        rows = [f"{name:<{width}}  {number(r.mu_star, lang):>11} ± {number(r.mu_star_conf, lang):<8}  "
                f"{number(r.sigma, lang):>11}  {number(r.mu, lang):>11}" for name, r in zip(names, t.itertuples())]
        title = _("Morris screening of {outcome} ({n}; ± 95 % interval{unit})", lang,
                  outcome=outcome_label(sens.outcome, lang),
                  n=ngettext("{n} trajectory", "{n} trajectories", sens.samples, lang),
                  unit=_("; {unit} over each parameter's range", lang, unit=unit) if unit else "")
    return "\n".join([title, head, *rows])


def format_box(disc: Discovery, outcome: str, threshold: float, above: bool = True, lang: str = "en",
               scenario: Scenario | None = None) -> str:
    """The reported box: its coverage, density and the limits of the parameters it restricts
    (by their labels; the units' display names from ``scenario`` when given)."""
    lines = [_("Points where the mean of {outcome} is {side} {threshold}: {cases} of {points}", lang,
               outcome=outcome_label(outcome, lang),
               side=_("above", lang) if above else _("below", lang),
                  threshold=number(threshold, lang, digits=6), cases=number(disc.cases, lang),
                  points=number(disc.points, lang)),
             _("Box {box} of {boxes} on the peeling trajectory: coverage {coverage}, density {density}, {n} points "
               "inside", lang, box=disc.chosen, boxes=len(disc.trajectory),
                  coverage=number(disc.coverage, lang, decimals=2), density=number(disc.density, lang, decimals=2),
                  n=number(int(disc.trajectory.loc[disc.chosen, "n"]), lang))]
    restricted = disc.limits[disc.limits["restricted"]]
    if restricted.empty:
        return "\n".join([*lines, _("The box restricts no parameter.", lang)])
    word = _("parameter", lang)
    low, high, sweep = _("from|to|sweep range", lang).split("|")
    names = [parameter_label(key, scenario, lang) for key in restricted["parameter"]]
    width = max(len(word), *(len(p) for p in names))
    lines.append(f"{word:<{width}}  {low:>11}  {high:>11}  {sweep:>23}")
    for name, r in zip(names, restricted.itertuples()):
        rng = (f"{number(r.sweep_min, lang, digits=4)} – {number(r.sweep_max, lang, digits=4)}"
               if "sweep_min" in disc.limits and np.isfinite(r.sweep_min) else "")
        lines.append(f"{name:<{width}}  {number(r.lower, lang, digits=4):>11}  "
                     f"{number(r.upper, lang, digits=4):>11}  {rng:>23}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------- calibrate
def format_calibration(history: History, waves: Any, seeds: int, tables: Sequence[pd.DataFrame],
                       ranges: pd.DataFrame, inside: Mapping[str, tuple[float, bool]],
                       defaults: tuple[float, str, bool], held: pd.DataFrame, held_seeds: Sequence[int],
                       lang: str = "en") -> str:
    """The summary of a history matching: the waves and how many points each kept, each
    parameter's prior and kept range and its default (inside or outside), the defaults judged as
    a point of their own (``defaults``: largest implausibility, its pattern, kept), and, when
    ``held`` has rows, the share of the held-out seeds showing each pattern per parameter set."""
    def g4(v: float) -> str:
        return number(v, lang, digits=4)

    lines = [_("History matching: {name}, {waves} of {points} × {seeds}; cut-off {cutoff}, model discrepancy "
               "{discrepancy} (share of seeds)", lang, name=history.name,
               waves=ngettext("{n} wave", "{n} waves", len(tables), lang),
               points=ngettext("{n} point", "{n} points", waves.points, lang),
               seeds=ngettext("{n} calibration seed", "{n} calibration seeds", seeds, lang),
                  cutoff=number(waves.cutoff, lang), discrepancy=number(waves.discrepancy, lang)), ""]
    for t in tables:
        lines.append(_("wave {wave}: {kept} of {points} points not implausible", lang, wave=int(t["wave"].iloc[0]),
                       kept=int(t["kept"].sum()), points=len(t)))
    prior, kept_after, default = _("prior|kept after the last wave|default", lang).split("|")
    parameter = _("parameter", lang)
    names = {key: parameter_label(key, None, lang) for key in ranges["parameter"]}
    width = max(44, *(len(n) for n in names.values())) if names else 44
    lines += ["", f"{parameter:{width}} {prior:>19}  {kept_after:>26}  {default}"]
    last = f"wave_{int(tables[-1]['wave'].iloc[0])}"
    for _row, r in ranges.iterrows():
        value, ok = inside[r["parameter"]]
        lines.append(f"{names[r['parameter']]:{width}} {g4(r['prior_min']):>9} – {g4(r['prior_max']):<7}  "
                     f"{g4(r[last + '_min']):>11} – {g4(r[last + '_max']):<12}  {number(value, lang)} "
                     + "(" + (_("inside", lang) if ok else _("OUTSIDE", lang)) + ")")
    worst, pattern, plausible = defaults
    where = (_("pattern {pattern}", lang, pattern=pattern) if worst > 0
             else _("every pattern at or above its need", lang))
    lines.append(_("the defaults themselves as a point: largest implausibility {worst} ({where}): {verdict}", lang,
                   worst=number(worst, lang, decimals=2), where=where,
                   verdict=_("not implausible", lang) if plausible else _("IMPLAUSIBLE", lang)))
    if not held.empty:
        lines += ["", _("parameter sets from the kept region on held-out seeds {first}–{last}: share of seeds "
                        "showing each pattern", lang, first=held_seeds[0], last=held_seeds[-1])]
        pids = list(history.patterns)
        widths = [max(5, len(p)) for p in pids]
        number_word, passed = _("set|passed", lang).split("|")
        lines.append(f"{number_word:<3}  " + "  ".join(f"{p:>{w}}" for p, w in zip(pids, widths)) + f"   {passed}")
        of = _("of", lang)
        for i, row in held.reset_index(drop=True).iterrows():
            lines.append(f"{i + 1:>3}  " + "  ".join(f"{percent(row[f'share.{p}'], lang):>{w}}"
                                                     for p, w in zip(pids, widths))
                         + f"   {int(row['patterns_passed'])} {of} {int(row['patterns'])}")
    return "\n".join(lines)
