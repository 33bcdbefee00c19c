"""Every hostile input is answered with exit status 2 and one clear line naming the file and the
key, never a traceback, and nothing is written (the reproductions of issue 9)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from centrumsim.cli import main
from centrumsim.scenario import load_scenario

from .conftest import MAIN

S = str(MAIN)
ALL_UNITS = sorted(load_scenario(MAIN).units)


def refused(capsys, tmp_path, argv: list[str]) -> str:
    """Run the CLI; it must exit 2 with exactly one line on stderr and write nothing."""
    out = tmp_path / "out"
    code = main([*argv, *(["--out", str(out)] if argv[0] != "validate" and "--out" not in argv else [])])
    err = capsys.readouterr().err
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, lines
    assert "Traceback" not in err
    assert not out.exists() and not any(p.name.startswith(".out") for p in tmp_path.iterdir())
    return lines[0]


def run_args(*sets: str) -> list[str]:
    return ["run", "--fixed", S, "--seeds", "2", "--years", "1", *[x for s in sets for x in ("--set", s)]]


@pytest.mark.parametrize("sets, expected", [
    ([f"units.{u}.enabled=false" for u in ALL_UNITS],
     f"{S}: --set units: every unit is disabled (enabled = false): a scenario needs at least one unit"),
    (["time.start_date=0001-01-01"],
     f"{S}: --set time.start_date: must be a date from 1900-01-01 to 2200-12-31 (got 0001-01-01)"),
    (["time.start_date=2200-01-01"],
     f"{S}: --set time: the run must end by 2200-12-31 (starts 2200-01-01, 1 year)"),
    (["units.cafe.work_integration_posts=1" + "0" * 400],
     f"{S}: --set units.cafe.work_integration_posts: must be at most 1e+09 in size (got a 401-digit number)"),
    (["units.cafe.price_sek=1" + "0" * 400],
     f"{S}: --set units.cafe.price_sek: must be at most 1e+09 in size (got a 401-digit number)"),
    (["footfall.outside_option_distance_m=1e-300", "footfall.huff_beta=5"],
     f"{S}: --set footfall.outside_option_distance_m: must be >= 1 (got 1e-300)"),
    (["interventions.x.date=2022-03-01", "interventions.x.action=set_accessibility", "interventions.x.value=1e9"],
     f"{S}: --set interventions.x.value: must be <= 10 for set_accessibility: the new accessibility index (got 1e+09)"),
    (["interventions.x.date=2022-03-01", "interventions.x.action=set_lighting", "interventions.x.value=2"],
     f"{S}: --set interventions.x.value: must be <= 1 for set_lighting: the new lighting quality, 0–1 (got 2)"),
    (["interventions.x.date=2022-03-01", "interventions.x.action=start_est", "interventions.x.value=3"],
     f"{S}: --set interventions.x.value: start_est takes no value (got 3)"),
    (["interventions.x.date=2022-03-01", "interventions.x.action=hire_guards", "interventions.x.value=-1"],
     f"{S}: --set interventions.x.value: must be >= 0 for hire_guards: guards hired, FTE (got -1)"),
    (["footfall.trips_per_day_day.age_26_64=5"],
     f"{S}: --set footfall.trips_per_day_day.age_26_64: must be <= 1 (got 5)"),
    (["footfall.trips_per_day_evening.age_13_19=1.5"],
     f"{S}: --set footfall.trips_per_day_evening.age_13_19: must be <= 1 (got 1.5)"),
    (["interventions.x.date=2022-03-01"],
     f"{S}: --set interventions.x: no such table in the scenario; a new one needs all its required keys "
     "(missing: action)"),
    (["unrest.events_per_active_day=0.5"],
     f"{S}: --set unrest.events_per_active_day: at a drive of (1.5 − unrest.activation_threshold) / "
     "unrest.activation_threshold, the most driven youth would make 7 events a day (at most 1)"),
    (["unrest.trust_reopen_threshold=0.1"],
     f"{S}: --set unrest.trust_reopen_threshold: must be >= unrest.trust_pause_threshold"),
    (["area.school_holiday_weeks=[8, 54]"],
     f"{S}: --set area.school_holiday_weeks: ISO weeks are 1–53 (got 54)"),
    (["footfall.outside_visitors_per_day=1e9"],
     f"{S}: --set footfall.outside_visitors_per_day: must be <= 100000 (got 1e+09)"),
])
def test_bad_overrides(capsys, tmp_path, sets, expected):
    assert refused(capsys, tmp_path, run_args(*sets)) == expected


def test_a_number_too_long_to_read(capsys, tmp_path):
    line = refused(capsys, tmp_path, run_args("units.cafe.work_integration_posts=1" + "0" * 5000))
    assert line == "--set units.cafe.work_integration_posts: a number with more digits than can be read (at most 4300)"


@pytest.mark.parametrize("value, expected", [
    ("123abc", "--set units.cafe.label: cannot read '123abc' as a value (a number, true or false, a date "
               "YYYY-MM-DD, a [list] or \"text in quotes\")"),
    ("2022-13-01", "--set units.cafe.label: cannot read '2022-13-01' as a value (a number, true or false, a date "
                   "YYYY-MM-DD, a [list] or \"text in quotes\")"),
    ("", "--set units.cafe.label: no value after '='"),
    ('45\nname="x"', "--set units.cafe.label: a value is one line"),
])
def test_values_that_cannot_be_read(capsys, tmp_path, value, expected):
    assert refused(capsys, tmp_path, run_args(f"units.cafe.label={value}")) == expected


def test_an_action_that_needs_a_value_must_have_one(capsys, tmp_path):
    line = refused(capsys, tmp_path, run_args("interventions.x.date=2022-03-01", "interventions.x.action=set_lighting"))
    assert line == f"{S}: --set interventions.x.value: set_lighting needs a value: the new lighting quality, 0–1"


def test_control_characters_in_keys_stay_on_one_line(capsys, tmp_path, child):
    path = child('"foo\\nbar" = 1\n"\\u001b[31mred" = 2\n')
    code = main(["validate", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 2 and "\x1b" not in err
    assert (f"{path}: the key 'foo\\nbar' holds a control character ('\\n'); a key is text of one line "
            "without them") in err.splitlines()


def test_too_many_units_are_refused_at_once(capsys, tmp_path):
    sets = [f"units.u{i}.kind=cafe" for i in range(401)]
    line = refused(capsys, tmp_path, run_args(*sets))
    assert line == f"{S}: --set units: at most 400 entries (got 413)"


@pytest.fixture
def child(write):
    def _child(text: str, name: str = "child.toml"):
        return write(name, f'extends = "{MAIN.as_posix()}"\n{text}')
    return _child


def test_names_that_overrides_cannot_address(capsys, tmp_path, child):
    for table, extra in (("units", 'kind = "cafe"\noperator = "enterprise"\npremises = "butik_4"\n'
                                   'initially_open = false\n'),
                         ("premises", "area_m2 = 10\nrent_sek_per_m2_year = 100\n"),
                         ("area.zones", "share_of_households = 0\nwalk_distance_m = 100\n"),
                         ("unrest.types", "weight = 1\ndamage_median_sek = 10\n"),
                         ("interventions", 'date = 2023-01-01\naction = "start_est"\n')):
        for bad in ("caf.e", "my cafe", "kafé", "a=b"):
            path = child(f'[{table}."{bad}"]\n{extra}')
            line = refused(capsys, tmp_path, ["validate", str(path)])
            assert line == (f"{path}: {table}: the name {bad!r} is not allowed: a name uses only letters a–z and "
                            f"A–Z, digits, '_' and '-', so that --set {table}.NAME.key=value can address it")


def test_deep_nesting_is_bounded(capsys, tmp_path, write):
    deep = write("deep.toml", "x = " + "[" * 600 + "]" * 600 + "\n")
    assert refused(capsys, tmp_path, ["validate", str(deep)]) == \
        f"{deep}: invalid TOML: nested too deeply (at most 16 levels)"
    header = write("header.toml", "[" + ".".join(["a"] * 3000) + "]\nv = 1\n")
    line = refused(capsys, tmp_path, ["validate", str(header)])
    assert line.startswith(f"{header}: a.a.a.a") and line.endswith("nested more than 16 levels deep")
    deep_set = refused(capsys, tmp_path, run_args("x=" + "[" * 600 + "]" * 600))
    assert deep_set == "--set x: invalid TOML: nested too deeply (at most 16 levels)"
    many_parts = refused(capsys, tmp_path, run_args(".".join(["a"] * 3000) + "=1"))
    assert many_parts.startswith("--set a.a.a") and many_parts.endswith("a key has at most 16 parts (got 3000)")


def test_a_long_extends_chain_is_bounded(capsys, tmp_path, write):
    for i in range(1000):
        write(f"c{i}.toml", f'extends = "c{i + 1}.toml"\nname = "x"\n')
    write("c1000.toml", MAIN.read_text("utf-8"))
    line = refused(capsys, tmp_path, ["validate", str(tmp_path / "c0.toml")])
    assert line == f"{tmp_path / 'c31.toml'}: extends: a chain of more than 32 files"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_not_regular_files_are_refused_without_reading(capsys, tmp_path):
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    assert refused(capsys, tmp_path, ["validate", str(fifo)]) == \
        f"{fifo}: not a regular file (a device, pipe or socket?)"
    assert refused(capsys, tmp_path, ["validate", "/dev/zero"]) == \
        "/dev/zero: not a regular file (a device, pipe or socket?)"
    assert refused(capsys, tmp_path, ["validate", str(tmp_path)]) == f"{tmp_path}: is a folder, not a scenario file"


def test_a_huge_file_is_refused(capsys, tmp_path, write):
    big = write("big.toml", 'name = "' + "x" * 5_000_000 + '"\n')
    line = refused(capsys, tmp_path, ["validate", str(big)])
    assert line == f"{big}: file too large (5000010 bytes; at most 4194304 bytes)"


def test_a_problem_inherited_through_extends_names_the_file_that_holds_the_key(capsys, tmp_path, child, write):
    parent = child("[units.cafe]\nprice_sek = -5\n", name="parent.toml")
    grandchild = write("grandchild.toml", 'extends = "parent.toml"\nname = "gc"\n')
    assert refused(capsys, tmp_path, ["validate", str(grandchild)]) == \
        f"{parent}: units.cafe.price_sek: must be >= 0 (got -5)"
    # a key the child sets is the child's problem, even when the parent made the table
    fixed = write("fixed.toml", 'extends = "parent.toml"\n[units.cafe]\nstaff_fte = -1\nprice_sek = 5\n')
    assert refused(capsys, tmp_path, ["validate", str(fixed)]) == f"{fixed}: units.cafe.staff_fte: must be >= 0 (got -1)"


def test_a_disabled_unit_named_by_an_intervention(capsys, tmp_path, child):
    path = child("[units.gym]\nenabled = false\n"
                 "[interventions.g]\ndate = 2023-01-01\naction = 'set_grant'\nunit = 'gym'\nvalue = 5\n")
    assert refused(capsys, tmp_path, ["validate", str(path)]) == (
        f"{path}: interventions.g.unit: unit 'gym' is disabled (enabled = false); disable this intervention too "
        "(enabled = false) or enable the unit")


def test_bad_breakeven_candidates_and_compare_without_enterprise_leave_no_folder(capsys, tmp_path):
    line = refused(capsys, tmp_path, ["breakeven", "--fixed", S, "--candidates", "cafe,gymm", "--seeds", "1", "--years", "1"])
    assert line == "--candidates: no unit named 'gymm' (did you mean 'gym'?)"
    ent = [u for u, spec in load_scenario(MAIN).units.items() if spec.operator == "enterprise"]
    line = refused(capsys, tmp_path, ["compare", S, "--seeds", "1", "--years", "1",
                                      *[x for u in ent for x in ("--set", f"units.{u}.operator=commercial")]])
    assert line == f"{S}: units: no unit has operator = 'enterprise'; nothing to compare"


def test_bad_options_are_refused_before_running(capsys, tmp_path):
    assert refused(capsys, tmp_path, ["run", "--fixed", S, "--seeds", "0"]) == "--seeds: must be in 1..1000000 (got 0)"
    assert refused(capsys, tmp_path, ["run", "--fixed", S, "--seeds", "9" * 30]) == f"--seeds: must be in 1..1000000 (got {'9' * 30})"
    assert refused(capsys, tmp_path, ["run", "--fixed", S, "--workers", "0"]) == "--workers: must be >= 1 (got 0)"
    assert refused(capsys, tmp_path, ["run", "--fixed", S, "--years", "99"]) == "--years: must be in 1..50 (got 99)"
    assert refused(capsys, tmp_path, ["run", "--fixed", S, "--out", " "]) == \
        "--out: give a folder name (or leave --out out for a new folder under runs/)"


def test_a_bad_option_is_one_line(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["run", "--fixed", S, "--seeds", "abc"])
    assert exc.value.code == 2
    assert capsys.readouterr().err.strip() == \
        "centrumsim run: argument --seeds: invalid int value: 'abc' (see centrumsim run --help)"


def test_every_problem_at_once_options_scenario_and_folder(capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code = main(["run", "--fixed", S, "--seeds", "0", "--out", str(blocker), "--set", "units.cafe.price_sek=-1"])
    assert code == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        "--seeds: must be in 1..1000000 (got 0)", f"--out: '{blocker}' is a file, not a folder",
        f"{S}: --set units.cafe.price_sek: must be >= 0 (got -1)"]


def test_the_current_folder_is_not_replaced(capsys, tmp_path, monkeypatch):
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    assert refused(capsys, here, ["run", "--fixed", S, "--seeds", "1", "--years", "1", "--out", "."]) == \
        f"--out: '{here}' is the current folder or holds it; choose a folder inside it"


def test_no_traceback_from_the_console_script_for_a_hostile_file(write):
    path = write("bad.toml", "x = " + "[" * 600 + "]" * 600 + "\n")
    proc = subprocess.run([sys.executable, "-m", "centrumsim", "validate", str(path)], capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip() == f"{path}: invalid TOML: nested too deeply (at most 16 levels)"


@pytest.mark.parametrize("sets, expected", [
    # a list item set by an override
    (['tenants.entry_kinds=["piza"]'],
     f"{S}: --set tenants.entry_kinds[0]: unknown unit kind 'piza' (did you mean 'pizzeria'?)"),
    # a problem between two keys is the override's when it set either
    (["units.cafe.staff_fte=0", "units.cafe.subsidised_fte=0.5"],
     f"{S}: --set units.cafe.subsidised_fte: must be <= staff_fte (0) (got 0.5)"),
    (["unrest.trust_pause_threshold=0.9"],
     f"{S}: --set unrest.trust_reopen_threshold: must be >= unrest.trust_pause_threshold"),
    (["units.cafe.premises=butik_1"],
     f"{S}: --set units.livs.premises: 'butik_1' is already taken by units.cafe at the start"),
])
def test_problems_an_override_causes_are_blamed_on_it(capsys, tmp_path, sets, expected):
    assert refused(capsys, tmp_path, run_args(*sets)) == expected


def test_a_harmless_override_does_not_take_the_blame_for_the_file(capsys, tmp_path, child):
    path = child("[area.zones.sandtorp]\nshare_of_households = 0.5\n")
    line = refused(capsys, tmp_path, ["validate", str(path), "--set", "area.zones.sandtorp.walk_distance_m=900"])
    assert line == f"{path}: area.zones: share_of_households must sum to 1 (got 1.300)"


def test_extends_that_cannot_be_followed(capsys, tmp_path, write):
    loop = tmp_path / "loop.toml"
    loop.symlink_to(loop)
    for name, reason in (("loop.toml", "a loop of symbolic links"), ("a" * 300 + ".toml", "File name too long")):
        path = write("child.toml", f'extends = "{name}"\nname = "x"\n')
        line = refused(capsys, tmp_path, ["validate", str(path)])
        assert line.startswith(f"{path}: extends: cannot use ") and reason in line, line
    path = write("nul.toml", 'extends = "a\\u0000b"\nname = "x"\n')
    line = refused(capsys, tmp_path, ["validate", str(path)])
    assert line.startswith(f"{path}: extends: holds a control character ('\\x00') in 'a\\x00b'"), line


def test_odd_but_fine_files_and_odd_and_wrong_values(capsys, tmp_path, write):
    bom = write("bom.toml", "\ufeff" + MAIN.read_text("utf-8"))
    assert main(["validate", str(bom)]) == 0
    line = refused(capsys, tmp_path, run_args("time.start_date=2022-01-01T10:00:00"))
    assert line == f"{S}: --set time.start_date: expected a date YYYY-MM-DD (got 2022-01-01 10:00:00)"
    assert refused(capsys, tmp_path, run_args('name=""')) == \
        f"{S}: --set name: must not be empty (the scenario's name heads every output)"


def test_the_python_api_saves_only_results_in_a_known_language(tmp_path, one_year):
    import centrumsim

    with pytest.raises(TypeError, match="results must be centrumsim Results"):
        centrumsim.save(42, tmp_path / "x")
    res = centrumsim.analysis.run_seeds(one_year, seeds=1)
    with pytest.raises(ValueError, match="lang must be one of en, sv"):
        centrumsim.save(res, tmp_path / "x", lang="fr")
    with pytest.raises(TypeError, match="years must be a whole number"):
        centrumsim.analysis.run_seeds(one_year, seeds=1, years=1.5)
    assert not (tmp_path / "x").exists()
