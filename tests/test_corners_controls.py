"""Nothing lost in the last corners (issue 19): control characters — a newline, ``ESC ]0;…``
that sets a terminal's title, a bidirectional override — are refused in names and labels
wherever a file or an override gives them, one line each, and escaped in everything a command
prints, error lines quoting user input included."""

from __future__ import annotations

import pytest

from centrumsim.cli import main
from centrumsim.scenario import ScenarioError, load_scenario
from centrumsim.scenario.controls import visible

from .conftest import MAIN, ROOT

ESC_TITLE = "\\u001b]0;owned\\u0007"  # as TOML writes it: ESC ] 0 ; owned BEL


def refused_lines(capsys, argv: list[str]) -> list[str]:
    """Run the CLI; it must exit 2, and its standard error must hold no raw control character."""
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err
    return err.strip().splitlines()


def test_names_and_labels_with_control_characters_are_refused_one_line_each(capsys, child_of_main):
    path = child_of_main(f'[units."caf{ESC_TITLE}"]\nkind = "cafe"\n'
                         '[units.cafe]\nlabel = "Café\\nmain.toml: units: every unit is fine"\n'
                         '[payers.municipality]\nlabel = "Kommunen\\u202e"\n'
                         f'[interventions.x]\ndate = 2022-03-01\naction = "start_est"\nnote = "x{ESC_TITLE}"\n')
    assert refused_lines(capsys, ["validate", str(path)]) == [
        f"{path}: interventions.x.note: holds a control character ('\\x1b') in 'x\\x1b]0;owned\\x07'; "
        "a name, a label or any other text is one line without them",
        f"{path}: payers.municipality.label: holds a control character ('\\u202e') in 'Kommunen\\u202e'; "
        "a name, a label or any other text is one line without them",
        f"{path}: units: the key 'caf\\x1b]0;owned\\x07' holds a control character ('\\x1b'); "
        "a key is text of one line without them",
        f"{path}: units.cafe.label: holds a control character ('\\n') in 'Café\\nmain.toml: units: every unit "
        "is fin…'; a name, a label or any other text is one line without them"]


def test_a_description_may_run_over_lines(child_of_main):
    path = child_of_main('description = """Two lines,\n\tand a tab."""\n')
    assert load_scenario(path).description == "Two lines,\n\tand a tab."


def test_sweep_history_and_parameters_files_are_checked_alike(capsys, tmp_path):
    sweep = tmp_path / "s.toml"
    sweep.write_text((ROOT / "sweeps" / "small.toml").read_text("utf-8").replace(
        '[parameters."', f'[parameters."x{ESC_TITLE}"]\nmin = 1\nmax = 2\n[parameters."', 1), "utf-8")
    history = tmp_path / "h.toml"
    history.write_text((ROOT / "histories" / "klockaretorpet.toml").read_text("utf-8") +
                       f'\n[patterns."x{ESC_TITLE}"]\nkind = "burstiness"\n', "utf-8")
    params = tmp_path / "p.toml"
    params.write_text(f'[parameters."unrest.legitimacy"]\nmin = 0.7\nmax = 0.8\n[waves]\npoints = 4\n'
                      f'[parameters."x"]\nmin = 1\nmax = 2\nnote = "\\u001b[2J"\n', "utf-8")
    lines = refused_lines(capsys, ["validate", str(sweep), str(history), str(params)])
    assert lines == [
        f"{sweep}: parameters: the key 'x\\x1b]0;owned\\x07' holds a control character ('\\x1b'); a key is text of one "
        "line without them",
        f"{history}: patterns: the key 'x\\x1b]0;owned\\x07' holds a control character ('\\x1b'); a key is text of one "
        "line without them",
        f"{params}: parameters.x.note: holds a control character ('\\x1b') in '\\x1b[2J'; a name, a label or any "
        "other text is one line without them"]


def test_overrides_with_control_characters_are_refused(capsys, main_scenario, tmp_path):
    lines = refused_lines(capsys, ["run", "--fixed", str(MAIN), "--seeds", "1", "--years", "1", "--set",
                                   'units.cafe.label="Caf\\u001b]0;x\\u0007"', "--out", str(tmp_path / "out")])
    assert lines == ["--set units.cafe.label: holds a control character ('\\x1b') in 'Caf\\x1b]0;x\\x07'; a name, a "
                     "label or any other text is one line without them"]
    assert not (tmp_path / "out").exists()
    assert refused_lines(capsys, ["validate", str(MAIN), "--set", "units.ca\x1bfe.price_sek=5"]) == [
        "--set units.ca\\x1bfe.price_sek: a key holds a control character ('\\x1b'); a key is text of one line "
        "without them"]
    with pytest.raises(ScenarioError) as exc:
        main_scenario.with_overrides({"units.cafe.label": "a\nb"})
    assert exc.value.lines == ["--set units.cafe.label: holds a control character ('\\n') in 'a\\nb'; a name, a "
                               "label or any other text is one line without them"]


def test_user_input_echoed_in_error_lines_is_escaped(capsys, tmp_path):
    missing = tmp_path / "no\x1b]0;owned\x07\nforged: line.toml"
    assert refused_lines(capsys, ["validate", str(missing)]) == [f"{visible(str(missing))}: file not found"]
    with pytest.raises(SystemExit) as exc:
        main(["validate", str(MAIN), "--b\x1b]0;x\x07ogus"])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "\x1b" not in err and "--b\\x1b]0;x\\x07ogus" in err


def test_what_a_command_prints_is_escaped(capsys, tmp_path):
    out = tmp_path / "run\x1b]0;owned\x07"
    assert main(["run", "--fixed", str(MAIN), "--seeds", "1", "--years", "1", "--no-plots", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "\x1b" not in printed and visible(str(out)) in printed and "\n" in printed  # several lines, still
