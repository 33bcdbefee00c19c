"""The words of the study commands' printed text (``patterns`` and its knock-outs, ``validate``'s
"ok (…)" lines, ``sensitivity``, ``discover`` and ``calibrate``) in English and Swedish
(../shared/GLOSSARY.md: seeds are "körningar"); merged into :data:`.words.TEXTS` and
:data:`.words.NOUNS`. Pattern names and criteria, parameter and outcome keys are written as
their files write them, in either language."""

from __future__ import annotations

NOUNS: dict[str, dict[str, tuple[str, str]]] = {
    "pattern": {"en": ("pattern", "patterns"), "sv": ("mönster", "mönster")},
    "scenario": {"en": ("scenario", "scenarios"), "sv": ("scenario", "scenarier")},
    "parameter": {"en": ("parameter", "parameters"), "sv": ("parameter", "parametrar")},
    "point": {"en": ("point", "points"), "sv": ("punkt", "punkter")},
    "wave": {"en": ("wave", "waves"), "sv": ("våg", "vågor")},
    "calibration_seed": {"en": ("calibration seed", "calibration seeds"),
                         "sv": ("kalibreringskörning", "kalibreringskörningar")},
    "trajectory": {"en": ("trajectory", "trajectories"), "sv": ("bana", "banor")},
}

EN = {
    "st_of": "of",
    # the block of seeds
    "st_span": "seeds {first}–{last}",
    "st_held_out": "{span}, held out (the parameters were chosen on seeds {first}–{last})",
    "st_calibration_block": "{span}, the calibration block: these are not held out",
    "st_partly": "{span}, {n} of them in the calibration block ({first}–{last})",
    # patterns
    "st_rule_share": "rule: a pattern passes when the share of seeds showing the pattern is at least the need",
    "st_rule_binomial": "rule: a pattern fails only when the count is below the need at {confidence} confidence "
                        "(binomial)",
    "st_columns": "seeds showing it|needed|result|pattern / criterion",
    "st_pass": "pass", "st_fail": "FAIL", "st_criterion": "criterion: {criterion}",
    "st_passed": "{passed} of {patterns} pass.",
    "st_knockouts": "{name}: knock-outs, {block}", "st_need": "need",
    "st_fails_as_it_should": "fails, as it should", "st_still_holds": "STILL HOLDS",
    "st_knockout": "knock-out: {overrides} ({reason})",
    "st_no_knockout": "no knock-out named for pattern(s) {patterns}",
    # validate
    "st_ok": "{file}: ok ({what})",
    "st_ok_sweep": "a sweep: {method}, {runs} of {base}",
    "st_ok_history": "a history: {patterns} over {scenarios}",
    "st_ok_parameters": "calibration parameters: {parameters}, {points} × {seeds} a wave, checked against "
                        "{history}",
    "st_ok_scenario": "{name}; {units}, {years}",
    # sensitivity and discover
    "st_parameter": "parameter",
    "st_sobol": "Sobol indices of {outcome} (N = {n}; ± 95 % interval)",
    "st_morris": "Morris screening of {outcome} ({n}; ± 95 % interval{unit})",
    "st_morris_unit": "; {unit} over each parameter's range",
    "st_points_where": "Points where the mean {outcome} is {side} {threshold}: {cases} of {points}",
    "st_above": "above", "st_below": "below",
    "st_box": "Box {box} of {boxes} on the peeling trajectory: coverage {coverage}, density {density}, "
              "{n} points inside",
    "st_no_restriction": "The box restricts no parameter.",
    "st_box_columns": "from|to|sweep range",
    # calibrate
    "st_matching": "History matching: {name}, {waves} of {points} × {seeds}; cut-off {cutoff}, model discrepancy "
                   "{discrepancy} (share of seeds)",
    "st_wave": "wave {wave}: {kept} of {points} points not implausible",
    "st_range_columns": "prior|kept after the last wave|default",
    "st_inside": "inside", "st_outside": "OUTSIDE",
    "st_defaults": "the defaults themselves as a point: largest implausibility {worst} ({where}): {verdict}",
    "st_worst_pattern": "pattern {pattern}", "st_all_met": "every pattern at or above its need",
    "st_plausible": "not implausible", "st_implausible": "IMPLAUSIBLE",
    "st_held_out_sets": "parameter sets from the kept region on held-out seeds {first}–{last}: share of seeds "
                        "showing each pattern",
    "st_set_columns": "set|passed",
}

SV = {
    "st_of": "av",
    "st_span": "körningarna {first}–{last}",
    "st_held_out": "{span}, utanför kalibreringen (parametrarna valdes på körningarna {first}–{last})",
    "st_calibration_block": "{span}, kalibreringens körningar: de här hålls inte utanför",
    "st_partly": "{span}, {n} av dem bland kalibreringens körningar ({first}–{last})",
    "st_rule_share": "regel: ett mönster godkänns när andelen körningar som visar det är minst kravet",
    "st_rule_binomial": "regel: ett mönster underkänns bara när antalet ligger under kravet med {confidence} "
                        "säkerhet (binomialt)",
    "st_columns": "körningar som visar det|krav|resultat|mönster / kriterium",
    "st_pass": "godkänt", "st_fail": "UNDERKÄNT", "st_criterion": "kriterium: {criterion}",
    "st_passed": "{passed} av {patterns} godkänns.",
    "st_knockouts": "{name}: utslagningar, {block}", "st_need": "krav",
    "st_fails_as_it_should": "underkänns, som det ska", "st_still_holds": "HÅLLER FORTFARANDE",
    "st_knockout": "utslagning: {overrides} ({reason})",
    "st_no_knockout": "ingen utslagning angiven för mönster {patterns}",
    "st_ok": "{file}: ok ({what})",
    "st_ok_sweep": "en svepning: {method}, {runs} av {base}",
    "st_ok_history": "en historia: {patterns} i {scenarios}",
    "st_ok_parameters": "kalibreringsparametrar: {parameters}, {points} × {seeds} per våg, prövade mot "
                        "{history}",
    "st_ok_scenario": "{name}; {units}, {years}",
    "st_parameter": "parameter",
    "st_sobol": "Sobolindex för {outcome} (N = {n}; ± 95\u00a0%-intervall)",
    "st_morris": "Morrisscreening av {outcome} ({n}; ± 95\u00a0%-intervall{unit})",
    "st_morris_unit": "; {unit} över varje parameters intervall",
    "st_points_where": "Punkter där medelvärdet av {outcome} ligger {side} {threshold}: {cases} av {points}",
    "st_above": "över", "st_below": "under",
    "st_box": "Box {box} av {boxes} på skalningsbanan: täckning {coverage}, täthet {density}, {n} punkter inne i "
              "boxen",
    "st_no_restriction": "Boxen begränsar ingen parameter.",
    "st_box_columns": "från|till|svepets intervall",
    "st_matching": "Historiematchning: {name}, {waves} med {points} × {seeds}; gräns {cutoff}, modellavvikelse "
                   "{discrepancy} (andel av körningarna)",
    "st_wave": "våg {wave}: {kept} av {points} punkter inte osannolika",
    "st_range_columns": "a priori|kvar efter sista vågen|standard",
    "st_inside": "inom", "st_outside": "UTANFÖR",
    "st_defaults": "standardvärdena själva som en punkt: största osannolikhet {worst} ({where}): {verdict}",
    "st_worst_pattern": "mönster {pattern}", "st_all_met": "varje mönster når sitt krav",
    "st_plausible": "inte osannolika", "st_implausible": "OSANNOLIKA",
    "st_held_out_sets": "parameteruppsättningar från det kvarvarande området på körningarna {first}–{last} utanför "
                        "kalibreringen: andel körningar som visar varje mönster",
    "st_set_columns": "nr|godkända",
}
