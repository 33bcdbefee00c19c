"""Parameters are shown by their labels, never by their dotted keys (issue: "dotted keys never
shown under --lang sv"): every numeric key of every shipped scenario and every numeric field of
the schema has a label in English and Swedish; a unit's field is named after the unit, an
assumption's key by the catalogue's label; the sensitivity plot, the heatmap, the peeling plot,
the printed tables and the goal-seek sentence show labels."""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Iterator, Mapping

import numpy as np
import pytest

from centrumsim import load_scenario
from centrumsim.analysis.goalseek import GoalSeek, Lever
from centrumsim.present.language import _
from centrumsim.present.names import scenario_unit_labels
from centrumsim.present.parameters import FIELD_LABELS, SECTION_LABELS, parameter_label
from centrumsim.scenario import Scenario
from centrumsim.scenario.assumptions import CATALOGUE, expand

from .conftest import MAIN, SCENARIOS, draw
from .sweep_fakes import OUTCOME, PARAMETERS, fake_store, sweep_spec, unit_cube

DOTTED = re.compile(r"[A-Za-z]\.[A-Za-z]")
"""A dotted key: a dot between letters."""
LANGS = ("en", "sv")


def numeric_keys(obj: object, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, str | None]]:
    """Every numeric key of a validated scenario (its schema's fields, not its provenance), with
    the field name it ends in (None for an entry of a table of numbers, such as a payer's)."""
    if dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            if f.init:
                yield from _leaf(getattr(obj, f.name), (*prefix, f.name), f.name)
    elif isinstance(obj, Mapping):
        for k, v in obj.items():
            yield from _leaf(v, (*prefix, str(k)), None)


def _leaf(value: object, path: tuple[str, ...], field: str | None) -> Iterator[tuple[str, str | None]]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        yield ".".join(path), field
    elif dataclasses.is_dataclass(value) or isinstance(value, Mapping):
        yield from numeric_keys(value, path)


def schema_fields(cls: type, seen: set[type] | None = None) -> set[str]:
    """The names of every numeric field of the schema under ``cls`` (a tuple or a table of numbers
    is not one)."""
    seen = set() if seen is None else seen
    if cls in seen:
        return set()
    seen.add(cls)
    hints = typing.get_type_hints(cls)
    out = set()
    for f in dataclasses.fields(cls):
        if not f.init:
            continue
        hint = hints[f.name]
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if typing.get_origin(hint) is dict:  # a table: of named entries, or of numbers (TABLE_LABELS)
            out |= schema_fields(args[1], seen) if dataclasses.is_dataclass(args[1]) else set()
        elif dataclasses.is_dataclass(hint):
            out |= schema_fields(hint, seen)
        elif hint in (int, float) or (typing.get_origin(hint) is not tuple and set(args) & {int, float}):
            out.add(f.name)
    return out


@pytest.fixture(scope="module", params=SCENARIOS, ids=[p.stem for p in SCENARIOS])
def shipped(request):
    return load_scenario(request.param)


@pytest.fixture(scope="module")
def main_scenario():
    return load_scenario(MAIN)


def readable(label: str) -> bool:
    return bool(label.strip()) and "_" not in label and not DOTTED.search(label)


def test_every_numeric_field_of_the_schema_has_a_label():
    fields = schema_fields(Scenario)
    assert len(fields) > 180
    assert sorted(fields - set(FIELD_LABELS)) == []
    assert sorted(set(FIELD_LABELS) - fields) == []  # none left over from a field that is gone
    for label in FIELD_LABELS.values():
        assert readable(label) and label[:1].islower(), label


def test_every_section_has_a_label():
    sections = {f.name for f in dataclasses.fields(Scenario) if f.init} - {"name", "description"}
    assert sections == set(SECTION_LABELS)


def test_every_numeric_key_of_a_shipped_scenario_has_a_readable_label(shipped):
    keys = list(numeric_keys(shipped))
    assert keys
    assert sorted({f for _k, f in keys if f is not None} - set(FIELD_LABELS)) == []
    for lang in LANGS:
        labels = {key: parameter_label(key, shipped, lang) for key, _f in keys}
        bad = {key: label for key, label in labels.items() if not readable(label)}
        assert not bad, list(bad.items())[:5]
        bare = {key: parameter_label(key, lang=lang) for key, _f in keys[:200]}  # without the scenario
        assert all(readable(label) for label in bare.values()), bare


def test_a_units_field_is_named_after_the_unit(main_scenario):
    labels = scenario_unit_labels(main_scenario)
    for name in main_scenario.units:
        for lang in LANGS:
            label = parameter_label(f"units.{name}.staff_fte", main_scenario, lang)
            assert label == _("{where}: {what}", lang, where=labels[name], what=_(FIELD_LABELS["staff_fte"], lang))
    assert main_scenario.units["cafe"].label and parameter_label("units.cafe.price_sek", main_scenario).startswith(
        main_scenario.units["cafe"].label + ": ")
    assert parameter_label("units.cafe.price_sek") == "cafe: price per visit (SEK)"  # no scenario: the name in words
    assert parameter_label("units.gym_lokal.hours_day") == "gym lokal: opening hours in the daytime (hours a day)"
    assert parameter_label("premises.butik_1.area_m2") == "premises butik 1: floor area (m²)"


def test_other_keys_are_named_after_their_section():
    assert parameter_label("unrest.lighting_quality") == "unrest and safety: lighting quality (0–1)"
    assert parameter_label("tenants.lease_term_months") == "commercial tenants: lease term (months)"
    assert parameter_label("footfall.spend_factor_by_age.age_13_19") == (
        "footfall: spending per visit against an adult's, ages 13–19 (factor)")
    assert parameter_label("unrest.types.car_fire.cleanup_sek") == (
        "unrest and safety: car fire, clean-up per event (SEK)")
    assert parameter_label("footfall.new_thing_sek_per_month") == "footfall: new thing (SEK a month)"  # no label yet


@pytest.mark.parametrize("lang", LANGS)
def test_an_assumptions_key_takes_the_catalogues_label(main_scenario, lang):
    for name, a in CATALOGUE.items():
        want = _(a.label, lang)
        assert parameter_label(name, lang=lang) == want
        for key in a.keys:  # the key as the catalogue writes it, selectors and all
            assert parameter_label(key, main_scenario, lang) == want
    assert parameter_label("unrest.legitimacy", lang=lang) == _("trust in the authorities", lang)
    # a unit's own key under a templated assumption is that unit's, not the whole assumption's
    concrete = expand(main_scenario, "units.{enterprise}.wage_sek_per_month")[0]
    assert parameter_label(concrete, main_scenario, lang) != _(CATALOGUE["wages"].label, lang)


@pytest.mark.parametrize("key", ["units.{enterprise}.staff_fte", "units.*.hours_day", "premises.{shops}.area_m2",
                                 "unrest.types.*.weight", "footfall.new_thing_sek_per_month", "mystery.odd_key",
                                 "units.cafe.appeal.age_6_12", "assumptions.contracts.min", "interventions.est.value",
                                 "unrest.est_cost_sek_per_month_by_payer.police",
                                 "area.zones.sandtorp.walk_distance_m"])
@pytest.mark.parametrize("lang", LANGS)
def test_a_templated_or_unknown_key_still_reads(key, lang):
    assert readable(parameter_label(key, lang=lang)), parameter_label(key, lang=lang)


# ---------------------------------------------------------------------------- where the labels are shown
def _texts(fig) -> list[str]:
    from matplotlib.text import Text

    draw(fig)
    return [t.get_text() for t in fig.findobj(Text) if t.get_text().strip()]


@pytest.mark.parametrize("method", ["sobol", "morris"])
def test_the_sensitivity_plot_and_table_show_labels_in_swedish(tmp_path, main_scenario, method):
    from centrumsim.present.study_text import format_sensitivity
    from centrumsim.present.sweep_plots import plot_sensitivity
    from centrumsim.sweeps.sensitivity import analyse_store

    spec = sweep_spec(tmp_path, method, 16 if method == "sobol" else 6)
    fake_store(tmp_path / "s", spec, lambda x: 3 * unit_cube(spec, x)[:, 0] + unit_cube(spec, x)[:, 1])
    sens, _ident = analyse_store(tmp_path / "s", OUTCOME)
    for scenario in (None, main_scenario):
        fig = plot_sensitivity(sens, lang="sv", scenario=scenario)
        draw(fig)
        ticks = [t.get_text() for t in fig.axes[0].get_yticklabels() if t.get_text()]
        assert len(ticks) == len(PARAMETERS) and not [t for t in ticks if DOTTED.search(t) or "_" in t], ticks
        wanted = {parameter_label(k, scenario, "sv") for k in PARAMETERS}
        assert {t[:1].lower() + t[1:] for t in ticks} == {w[:1].lower() + w[1:] for w in wanted}
        text = format_sensitivity(sens, "sv", scenario).replace(OUTCOME, "")
        assert not DOTTED.search(text) and all(w in text for w in wanted)
    assert any(t.startswith(main_scenario.units["cafe"].label) for t in ticks)


def test_the_heatmap_the_peeling_plot_and_the_box_show_labels(tmp_path):
    from centrumsim.present.study_text import format_box
    from centrumsim.present.sweep_plots import plot_peeling, plot_sweep_heatmap
    from centrumsim.sweeps.discovery import discover_store
    from centrumsim.sweeps.points import open_sweep, point_outcomes

    spec = sweep_spec(tmp_path, "lhs", 200)
    fake_store(tmp_path / "lhs", spec, lambda x: np.where(unit_cube(spec, x)[:, 0] > 0.5, 1.0, -1.0) * 100_000)
    with open_sweep(tmp_path / "lhs") as store:
        points = point_outcomes(store, OUTCOME)
    price, legitimacy = list(PARAMETERS)[:2]
    heat = plot_sweep_heatmap(points, price, legitimacy, lang="sv", bins=4)
    ax = heat.axes[0]
    assert ax.get_xlabel().lower() == parameter_label(price, lang="sv").lower()
    assert ax.get_ylabel().lower() == parameter_label(legitimacy, lang="sv").lower()
    disc, _ident = discover_store(tmp_path / "lhs", OUTCOME, threshold=0.0)
    for lang in LANGS:
        drawn = " ".join(" ".join(_texts(plot_peeling(disc, OUTCOME, 0.0, lang=lang))).split()).replace(OUTCOME, "")
        assert parameter_label(price, lang=lang) in drawn and not DOTTED.search(drawn)
        text = format_box(disc, OUTCOME, 0.0, lang=lang).replace(OUTCOME, "")
        assert parameter_label(price, lang=lang) in text and not DOTTED.search(text)


@pytest.mark.parametrize("lang", LANGS)
def test_the_goal_seek_sentence_names_the_lever_by_its_label(main_scenario, lang):
    from centrumsim.present.verdict import need_sentence

    key = "units.cafe.price_sek"
    missed = GoalSeek(Lever(key, 0.0, 100.0, 60.0, False), 0.8, (0, 1), True, np.array([np.inf, np.inf]), 0.0, 0.0,
                      None, None, None, None, 4)
    words = need_sentence(missed, lang, main_scenario)
    assert parameter_label(key, main_scenario, lang) in words and key not in words and not DOTTED.search(words)
    assert _("“{parameter}”", lang, parameter=parameter_label(key, main_scenario, lang)) in words  # quoted
    found = dataclasses.replace(missed, lever=Lever("enterprise.grant_sek_per_month", 0.0, 1e5, 1.5e4, False),
                                value=2e4, value_interval=(1e4, 3e4), achieved=0.85, achieved_interval=(0.7, 0.9))
    words = need_sentence(found, lang)
    assert _(CATALOGUE["enterprise.grant_sek_per_month"].label, lang) in words and not DOTTED.search(words)
