"""Each outcome declared once (centrumsim/outcomes.py) and everything tied to the declarations:
the series the model records, the keys of a summary, the measures, the sweep's outcomes, the
words; and adding an outcome is one declaration — it then shows in the summary, the printed
text, the report's tables and among the outcomes a sweep may keep."""

from __future__ import annotations

import dataclasses
import importlib.util

import pytest

import centrumsim
from centrumsim import outcomes as registry
from centrumsim.analysis import compare
from centrumsim.model.indicators import DAILY_SERIES, MONTHLY_SERIES
from centrumsim.present.report_tables import summary_tables
from centrumsim.present.names import outcome_label, outcome_unit
from centrumsim.present.textreport import format_summary
from centrumsim.results import measuring
from centrumsim.sweeps.outcomes import SERIES, flatten

from .conftest import ROOT


@pytest.fixture(scope="module")
def runs(one_year):
    """One year of the main scenario (an enterprise) and of the decline (none), two seeds each."""
    decline = centrumsim.load_scenario(ROOT / "scenarios" / "decline_2013.toml").with_years(1)
    return [centrumsim.analysis.run_seeds(one_year, seeds=2, workers=1), centrumsim.analysis.run_seeds(decline, seeds=2, workers=1)]


def _paths(value, prefix=""):
    """Every key of a summary, dotted (a unit by its name; a band {p05, median, p95} is one number)."""
    if isinstance(value, dict) and set(value) != {"p05", "median", "p95"}:
        for k, v in value.items():
            yield f"{prefix}{k}"
            yield from _paths(v, f"{prefix}{k}.")
    elif isinstance(value, list) and value and all(isinstance(v, dict) and "name" in v for v in value):
        for item in value:
            yield from _paths(item, f"{prefix}{item['name']}.")


def test_the_model_records_exactly_the_declared_series(runs):
    assert MONTHLY_SERIES == registry.series_names(registry.MONTH)
    assert DAILY_SERIES == registry.series_names(registry.DAY)
    r = runs[0].runs[0]
    assert tuple(r.monthly) == MONTHLY_SERIES and tuple(r.daily) == DAILY_SERIES
    assert set(runs[0].timeseries.columns) == {"seed", "month", *MONTHLY_SERIES}
    assert SERIES == MONTHLY_SERIES  # what a sweep may keep


def test_every_key_of_a_summary_is_declared_and_every_declared_outcome_is_in_it(runs):
    for res in runs:
        s = res.summary()
        undeclared = [p for p in _paths(s) if not registry.declared(p)]
        assert not undeclared, undeclared
        for o in registry.OUTCOMES:
            if o.section == "compare":
                continue
            section = s[o.section]
            value = section[0][o.key] if isinstance(section, list) else section[o.key]
            assert value is not None or (o.section == "enterprise" and not s["enterprise"]["present"]), o.path
        # each section holds its outcomes in the registry's order
        assert [k for k in s["centre"]] == [o.key for o in registry.section("centre")]
    # a sweep may keep any number of the summary, and each is an outcome's (its label on an axis)
    numbers = flatten(runs[0].summary())
    outcome_paths = [p for p in numbers if registry.find(p) is not None]
    assert "centre.safety_index" in outcome_paths and "units.cafe.visits_per_day" in outcome_paths
    assert "centre.unrest_by_type.car_fire" in outcome_paths


def test_declarations_are_whole():
    paths = [o.path for o in registry.OUTCOMES]
    assert len(paths) == len(set(paths))
    series = [(s.name, s.per) for s in registry.SERIES]
    assert len(series) == len(set(series))
    views = {registry.TABLE, registry.SIDE_BY_SIDE, registry.COMPARE, registry.PLOT, registry.PAGE}
    for o in registry.OUTCOMES:
        assert o.format in registry.FORMATS and set(o.views) <= views and o.measure is not None, o.path
        assert o.label and o.label == o.label.strip(), o.path
        assert o.section in ("compare", "enterprise", "units", "centre", "public", "market", "uncertainty"), o.path
    for s in registry.SERIES:
        assert s.per in (registry.MONTH, registry.DAY) and s.format in registry.FORMATS and s.label


def test_every_measure_is_defined_and_reads_declared_series():
    for o in registry.OUTCOMES:
        m = o.measure
        if o.section == "compare":
            assert m.kind in compare.MEASURES, o.path
            continue
        assert m.kind in measuring.kinds(), o.path
        if o.section == "units":
            assert m.kind in measuring.PER_UNIT, o.path
        elif m.over == registry.WHOLE_RESULTS:
            assert m.kind in measuring.WHOLE, o.path
        else:
            assert m.kind in measuring.PER_RUN and m.over in measuring.STATISTICS, o.path
        if m.kind in measuring.SERIES_KINDS:
            per = measuring.SERIES_KINDS[m.kind]
            assert m.of and set(m.of) <= set(registry.series_names(per)), (o.path, m.of)


def test_every_word_of_the_registry_is_a_msgid_the_catalogue_extracts():
    spec = importlib.util.spec_from_file_location("catalogue_tool", ROOT / "tools" / "catalogue.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    ids = {m.id for m in tool.extract() if isinstance(m.id, str)}
    words = {w for o in registry.OUTCOMES for w in (o.label, o.unit, o.row, o.note) if w}
    words |= {w for s in registry.SERIES for w in (s.label, s.unit) if w}
    assert words <= ids, sorted(words - ids)  # each wrapped in N_ (and so translated: tests/test_catalogue.py)


def test_labels_on_axes_and_sweeps_come_from_the_registry():
    assert outcome_label("enterprise.result_sek_per_year", "sv") == "centrumföretagets årsresultat (kr per år)"
    assert outcome_label("enterprise.p_break_even") == "probability of breaking even (0–1)"
    assert outcome_label("units.cafe.visits_per_day") == "visits per day: cafe"
    assert outcome_unit("public.cost_sek_per_year", "sv") == "kr per år" and outcome_unit("centre.burstiness") == ""
    assert outcome_label("no.such.path") == "no.such.path"


def test_adding_an_outcome_is_one_declaration(runs, monkeypatch):
    """The demonstration of the issue's closing note: a declaration, and the outcome is in the
    summary, the printed summary, the report's tables and among what a sweep may keep."""
    guardians = registry.Outcome("centre.guardians_per_day", "guardians in the evening per day",
                                 measure=registry.Measure("monthly_mean", ("guardians",)))
    i = registry.OUTCOMES.index(next(o for o in registry.OUTCOMES if o.path == "centre.safety_index"))
    monkeypatch.setattr(registry, "OUTCOMES", (*registry.OUTCOMES[:i], guardians, *registry.OUTCOMES[i:]))
    res = centrumsim.Results(runs[0].scenario, runs[0].runs)  # a fresh summary
    s = res.summary()
    expected = float(sorted(r.monthly["guardians"].mean() for r in res.runs)[0])  # two seeds: p05 near the lower
    assert s["centre"]["guardians_per_day"]["p05"] == pytest.approx(expected, rel=0.1)
    assert list(s["centre"]).index("guardians_per_day") == list(s["centre"]).index("safety_index") - 1
    assert "guardians in the evening per day" in format_summary(s, "en")
    centre = next(t for t in summary_tables(s, "en") if t.title == "Centre")
    assert any(row[0] == "Guardians in the evening per day" for row in centre.rows)
    assert "centre.guardians_per_day" in flatten(s) and registry.declared("centre.guardians_per_day")
    assert outcome_label("centre.guardians_per_day") == "guardians in the evening per day"


def test_the_outcome_class_matches_paths():
    o = registry.find("units.cafe.contribution_sek_per_year")
    assert o is not None and o.path == "units.*.contribution_sek_per_year" and o.key == "contribution_sek_per_year"
    assert registry.find("centre.visitors_by_age.0_5.share_of_visitors").path == "centre.visitors_by_age"
    assert registry.find("centre.safety_index.median") is None  # a number, not a family
    assert dataclasses.is_dataclass(o) and registry.declared("units.cafe.label") and registry.declared("overrides.x")
