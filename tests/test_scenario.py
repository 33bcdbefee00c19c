"""Scenario files: loading, extends, overrides, and one clear line per problem."""

from __future__ import annotations

import pytest

from centrumsim import ScenarioError, load_scenario
from centrumsim.scenario import AGE_BANDS, UNIT_KINDS, Unit, build, kind_defaults, parse_override

from .conftest import MAIN, SCENARIOS


def errors_of(path, overrides=None) -> list[str]:
    with pytest.raises(ScenarioError) as exc:
        load_scenario(path, overrides)
    return exc.value.lines


def test_shipped_scenarios_validate():
    assert SCENARIOS, "no scenarios shipped"
    for path in SCENARIOS:
        sc = load_scenario(path)
        assert sc.units and sc.time.years >= 1


def test_main_scenario_carries_the_seeds_figures(main_scenario):
    sc = main_scenario
    assert sc.area.residents == 5800 and sc.area.households == 2050
    young = sum(getattr(sc.area.age_shares, f"age_{b}") for b in AGE_BANDS[:3])
    assert young == pytest.approx(0.35)
    kinds = {u.kind for u in sc.units.values()}
    assert {"cafe", "gym", "music_studio", "work_integration", "activity_house", "fritidsbanken"} <= kinds
    houses = [u.label for u in sc.units.values() if u.kind == "activity_house"]
    assert {"Idrottens Hus", "Kunskapens Hus", "Föreningarnas Hus"} <= set(houses)


def test_every_catalogue_kind_is_a_valid_unit():
    for kind in UNIT_KINDS:
        problems: list = []
        spec = build(Unit, kind_defaults(kind) | {"kind": kind, "operator": "commercial", "premises": "p"}, kind, problems)
        assert spec is not None, problems


def test_scenario_is_immutable(main_scenario):
    import dataclasses

    with pytest.raises(dataclasses.FrozenInstanceError):
        main_scenario.time.years = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        main_scenario.units["x"] = None  # type: ignore[index]


def test_extends_changes_only_what_differs(child_of_main, main_scenario):
    sc = load_scenario(child_of_main("[units.cafe]\nprice_sek = 45\n"))
    assert sc.units["cafe"].price_sek == 45
    assert sc.units["cafe"].staff_fte == main_scenario.units["cafe"].staff_fte
    assert sc.units["gym"] == main_scenario.units["gym"]
    assert sc.sha256 != main_scenario.sha256


def test_broken_toml(write):
    path = write("broken.toml", "name = 'x'\n[time\nstart_date = 2022-01-01\n")
    (line,) = errors_of(path)
    assert line.startswith(f"{path}: invalid TOML")


def test_empty_file(write):
    path = write("empty.toml", "# nothing here\n")
    assert errors_of(path) == [f"{path}: file is empty (no keys)"]


def test_missing_file(tmp_path):
    path = tmp_path / "nope.toml"
    assert errors_of(path) == [f"{path}: file not found"]


def test_missing_extends_target(write):
    path = write("orphan.toml", 'extends = "no_such_base.toml"\nname = "x"\n')
    assert errors_of(path) == [f"{path}: extends: file not found 'no_such_base.toml'"]


def test_extends_cycle(write):
    a = write("a.toml", 'extends = "b.toml"\nname = "a"\n')
    write("b.toml", 'extends = "a.toml"\nname = "b"\n')
    (line,) = errors_of(a)
    assert "extends: cycle" in line


def test_all_problems_reported_at_once(child_of_main):
    path = child_of_main(
        "[units.cafe]\nprice_sek = -5\npricesek = 3\nstaff_fte = 'two'\n"
        "[units.bakery]\nkind = 'bakerie'\noperator = 'enterprise'\npremises = 'butik_4'\n"
        "[area]\nresidentz = 10\n"
    )
    lines = errors_of(path)
    assert f"{path}: units.cafe.price_sek: must be >= 0 (got -5)" in lines
    assert f"{path}: units.cafe.pricesek: unknown key (did you mean 'price_sek'?)" in lines
    assert f"{path}: units.cafe.staff_fte: expected a number (got 'two')" in lines
    assert any(line.startswith(f"{path}: units.bakery.kind: unknown unit kind 'bakerie'") for line in lines)
    assert f"{path}: area.residentz: unknown key (did you mean 'residents'?)" in lines
    assert len(lines) == len(set(lines)) >= 5


def test_wrong_types_and_choices(child_of_main):
    path = child_of_main("[time]\nyears = 2.5\n[units.gym]\noperator = 'privat'\nopen_weekends = 'yes'\n")
    lines = errors_of(path)
    assert f"{path}: time.years: expected a whole number (got 2.5)" in lines
    assert any(line.startswith(f"{path}: units.gym.operator: must be one of 'enterprise'") for line in lines)
    assert f"{path}: units.gym.open_weekends: expected true or false (got 'yes')" in lines


def test_cross_field_checks(child_of_main):
    path = child_of_main(
        "[area.age_shares]\nage_0_5 = 0.5\n[units.cafe]\npremises = 'kafelokalen2'\n"
        "[interventions.x]\ndate = 2023-01-01\naction = 'open_unit'\nunit = 'kafe'\n"
    )
    lines = errors_of(path)
    assert any("area.age_shares: must sum to 1" in line for line in lines)
    assert f"{path}: units.cafe.premises: no premises named 'kafelokalen2' (did you mean 'kafelokalen'?)" in lines
    assert f"{path}: interventions.x.unit: no unit named 'kafe' (did you mean 'cafe'?)" in lines


def test_overrides_apply_and_validate_like_the_file(main_scenario):
    sc = main_scenario.with_overrides({"units.cafe.price_sek": 45, "time.years": 2})
    assert sc.units["cafe"].price_sek == 45 and sc.time.years == 2
    assert dict(sc.overrides) == {"units.cafe.price_sek": 45, "time.years": 2}
    assert sc.sha256 == main_scenario.sha256  # the file's identity; overrides are listed beside it
    with pytest.raises(ScenarioError) as exc:
        main_scenario.with_overrides({"units.cafe.price_sek": -5, "units.cafe.prise_sek": 1})
    assert exc.value.lines == [
        f"{MAIN}: --set units.cafe.prise_sek: unknown key (did you mean 'price_sek'?)",
        f"{MAIN}: --set units.cafe.price_sek: must be >= 0 (got -5)",
    ]


def test_override_into_a_value_is_an_error(main_scenario):
    with pytest.raises(ScenarioError) as exc:
        main_scenario.with_overrides({"name.x": 1})
    assert exc.value.lines == [f"{MAIN}: --set name: is a value, not a table"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("units.cafe.price_sek=45", ("units.cafe.price_sek", 45)),
        ("footfall.huff_beta=1.5", ("footfall.huff_beta", 1.5)),
        ("unrest.est_active=false", ("unrest.est_active", False)),
        ("name=Ny mix", ("name", "Ny mix")),
        ('name="Ny mix"', ("name", "Ny mix")),
    ],
)
def test_parse_override(text, expected):
    assert parse_override(text) == expected


def test_parse_override_needs_equals():
    with pytest.raises(ScenarioError):
        parse_override("units.cafe.price_sek")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("[units.cafe]\nprice_sek = inf\n", "units.cafe.price_sek: must be a finite number (got inf)"),
        ("[premises.kafelokalen]\nrent_sek_per_m2_year = 1e22\n", "premises.kafelokalen.rent_sek_per_m2_year: must be at most 1e+09 in size"),
        ("[units.cafe]\ncapacity_visits_per_day = 100000000\n", "units.cafe.capacity_visits_per_day: must be <= 100000 (got 1e+08)"),
        ("[area]\nhouseholds = 5000\n", "area.households: must be <= residents aged 13+"),
        ("[unrest.types.car_fire]\nweight = 0\n[unrest.types.graffiti]\nweight = 0\n[unrest.types.stone_throwing]\nweight = 0\n"
         "[unrest.types.vandalism]\nweight = 0\n[unrest.types.threat]\nweight = 0\n",
         "unrest.types: at least one event type with weight > 0 is needed"),
        ("[time]\nstart_date = 9995-01-01\n", "time.start_date: must be a date from 1900-01-01 to 2200-12-31 (got 9995-01-01)"),
        ("[time]\nstart_date = 2195-01-01\n", "time: the run must end by 2200-12-31 (starts 2195-01-01, 10 years)"),
        ('[units.cafe]\nkind = ["cafe"]\n', "units.cafe.kind: expected a string (got ['cafe'])"),
        ('[units.central]\nkind = "cafe"\noperator = "enterprise"\npremises = "butik_4"\n',
         "units.central: the name 'central' is reserved"),
        ('[indicators]\nservice_kinds = ["groccery"]\n',
         "indicators.service_kinds[0]: unknown unit kind 'groccery' (did you mean 'grocery'?)"),
    ],
)
def test_bad_values_are_caught_by_validation(child_of_main, text, expected):
    lines = errors_of(child_of_main(text))
    assert any(expected in line for line in lines), lines


def test_cross_checks_run_even_when_a_section_has_errors(child_of_main):
    path = child_of_main("[units.cafe]\nprice_sek = -5\n[area.age_shares]\nage_0_5 = 0.5\n")
    lines = errors_of(path)
    assert f"{path}: units.cafe.price_sek: must be >= 0 (got -5)" in lines
    assert any("area.age_shares: must sum to 1 (got 1.400)" in line for line in lines)


def test_unknown_kind_gives_one_line_not_follow_on_errors(main_scenario):
    with pytest.raises(ScenarioError) as exc:
        main_scenario.with_overrides({"units.cafe.kind": "kafe"})
    assert exc.value.lines == [f"{MAIN}: --set units.cafe.kind: unknown unit kind 'kafe' (did you mean 'cafe'?)"]


def test_override_of_a_misspelt_unit_names_the_unit(main_scenario):
    with pytest.raises(ScenarioError) as exc:
        main_scenario.with_overrides({"units.caffe.price_sek": 45})
    (line,) = exc.value.lines
    assert line.startswith(f"{MAIN}: --set units.caffe: no such table in the scenario (did you mean 'cafe'?)")


def test_dropped_unit_with_a_disabled_intervention(child_of_main):
    path = child_of_main(
        "[interventions.gym_rent]\ndate = 2023-01-01\naction = 'set_rent_discount'\nunit = 'gym'\nvalue = 0.5\n"
        "enabled = false\n[units.gym]\nenabled = false\n"
    )
    sc = load_scenario(path)
    assert "gym" not in sc.units


def test_until_only_for_guards(child_of_main):
    path = child_of_main("[interventions.x]\ndate = 2023-01-01\naction = 'start_est'\nuntil = 2024-01-01\n")
    assert errors_of(path) == [f"{path}: interventions.x.until: only hire_guards, start_crackdown, set_grant take an end date"]


def test_hash_covers_the_file_and_the_catalogue(main_scenario):
    import hashlib

    from centrumsim.scenario import canonical

    raw_only = hashlib.sha256(canonical(main_scenario.raw).encode()).hexdigest()
    assert main_scenario.sha256 != raw_only


def test_a_negative_est_cost_is_refused(child_of_main):
    path = child_of_main("[unrest.est_cost_sek_per_month_by_payer]\npolice = -5000\n")
    assert errors_of(path) == [f"{path}: unrest.est_cost_sek_per_month_by_payer.police: must be >= 0 (got -5000)"]
