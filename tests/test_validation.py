"""History files: patterns as data, checked like scenarios; the patterns command's table and
exit status; seed blocks that keep calibration and reporting apart."""

from __future__ import annotations

from centrumsim.cli import main
from centrumsim.validation import load_history

from .conftest import ROOT

HISTORY = ROOT / "histories" / "klockaretorpet.toml"


def test_the_shipped_history_names_every_pattern_and_its_scenarios():
    h = load_history(HISTORY)
    assert list(h.patterns) == [str(n) for n in range(1, 17)]
    for p in h.patterns.values():
        assert set(p.scenarios()) <= set(h.scenarios) and p.name and 0 < p.need <= 1
    assert "held out" in h.block_of(h.seeds.block("held_out"))
    assert "not held out" in h.block_of(h.seeds.block("calibration"))


def test_a_bad_history_file_gets_one_line_per_problem(tmp_path, capsys):
    path = tmp_path / "h.toml"
    path.write_text(
        f'name = "x"\n[seeds]\ncalibration_first = 0\nheld_out_first = 10\n'
        f'[scenarios.decline]\nfile = "{(ROOT / "scenarios" / "decline_2013.toml").as_posix()}"\n'
        '[scenarios.decline.set]\n"unrest.legitimcy" = 1.0\n'
        '[patterns.1]\nname = "a"\nkind = "declin"\nneed = 0.8\n'
        '[patterns.2]\nname = "b"\nkind = "burstiness"\nscenario = "declne"\nmin_fano = 1.5\nneed = 1.5\n',
        encoding="utf-8")
    assert main(["patterns", str(path), "--seeds", "1"]) == 2
    err = capsys.readouterr().err
    assert f"{path}: seeds: the held-out and CI blocks must not overlap the calibration block" in err
    assert "unrest.legitimcy" in err and "did you mean 'legitimacy'" in err
    assert f"{path}: patterns.1.kind: must be one of" in err and "(did you mean 'decline'?)" in err
    assert f"{path}: patterns.2.need: must be <= 1 (got 1.5)" in err
    assert "Traceback" not in err


def test_the_command_prints_the_block_and_exits_1_when_a_pattern_fails(tmp_path, capsys):
    path = tmp_path / "h.toml"
    decline = (ROOT / "scenarios" / "decline_2013.toml").as_posix()
    path.write_text(
        f'name = "two patterns"\n[scenarios.decline]\nfile = "{decline}"\n'
        '[patterns.bursts]\nname = "bursts"\nkind = "burstiness"\nscenario = "decline"\nmin_fano = 1.5\nneed = 0.5\n'
        '[patterns.never]\nname = "impossible"\nkind = "burstiness"\nscenario = "decline"\nmin_fano = 1e6\nneed = 0.5\n',
        encoding="utf-8")
    code = main(["patterns", str(path), "--seeds", "2", "--first-seed", "7000", "--set", "time.years=2", "-q"])
    assert code == 1
    code = main(["patterns", str(path), "--seeds", "2", "--first-seed", "7000", "--set", "time.years=2"])
    out = capsys.readouterr().out
    assert code == 1 and "seeds 7000–7001, held out (the parameters were chosen on seeds 0–49)" in out
    assert "FAIL    impossible" in out and "1 of 2 patterns pass." in out


def test_criteria_no_run_could_meet_are_refused(tmp_path, capsys):
    text = HISTORY.read_text(encoding="utf-8").replace('"../scenarios/', f'"{(ROOT / "scenarios").as_posix()}/')
    path = tmp_path / "h.toml"
    path.write_text(text.replace("on_from = 2015", "on_from = 2025").replace("date = 2016-03-01", "date = 2036-03-01"),
                    encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}: patterns.4.date: 2036-03-01 is outside the scenario's horizon 2013-01-01 – 2016-12-31" in err
    assert f"{path}: patterns.5.on_to: ends (2019) before on_from (2025)" in err


def test_validate_tells_sweep_and_history_files_from_scenarios(capsys):
    assert main(["validate", str(ROOT / "sweeps" / "small.toml"), str(HISTORY)]) == 0
    out = capsys.readouterr().out
    assert "small.toml: ok (a sweep: sobol, 96 runs of" in out and "ok (a history: 16 patterns over 6 scenarios)" in out


def test_validate_checks_a_calibration_parameters_file_with_its_history(tmp_path, capsys):
    assert main(["validate", str(HISTORY), str(ROOT / "calibration" / "klockaretorpet_small.toml")]) == 0
    assert "ok (calibration parameters: 2 parameters, 6 points × 2 seeds a wave" in capsys.readouterr().out
    bad = tmp_path / "p.toml"
    bad.write_text('[parameters."unrest.legitimacy"]\nmin = 0.8\nmax = 0.7\n\n[parameters."unrest.arrest_k"]\n'
                   'min = 3\nmax = 2\n', encoding="utf-8")
    assert main(["validate", str(bad), str(HISTORY)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f'{bad}: parameters."unrest.legitimacy": needs min < max (and no levels)',
        f'{bad}: parameters."unrest.arrest_k": needs min < max (and no levels)']


def test_validate_checks_a_parameters_file_as_calibrate_does(tmp_path, capsys):
    """Issue 19: validate said ok to a parameters file (an unknown key, a negative share) that
    calibrate refused; now both use calibrate's checker, against the history."""
    params = tmp_path / "p.toml"
    params.write_text((ROOT / "calibration" / "klockaretorpet_small.toml").read_text("utf-8")
                      + '[parameters."area.summer_away_share"]\nmin = -0.2\nmax = 0.4\n'
                        '[parameters."unrest.legitimcy"]\nmin = 0.7\nmax = 0.8\n', encoding="utf-8")
    assert main(["calibrate", str(HISTORY), "--parameters", str(params), "--out", str(tmp_path / "cal")]) == 2
    refused_by_calibrate = capsys.readouterr().err.splitlines()
    assert len(refused_by_calibrate) >= 2 and not (tmp_path / "cal").exists()
    assert main(["validate", str(HISTORY), str(params)]) == 2
    assert capsys.readouterr().err.splitlines() == refused_by_calibrate
    assert main(["validate", str(params)]) == 2  # without its history it cannot be checked, and says so
    assert capsys.readouterr().err.splitlines() == [
        f"{params}: a calibration parameters file is checked against the history it calibrates; give that too: "
        f"centrumsim validate HISTORY.toml {params}"]


def test_a_pattern_spanning_backwards_is_refused_when_read(tmp_path, capsys):
    """Issue 19: a span that runs backwards passed validate and failed at run time."""
    text = HISTORY.read_text("utf-8")
    path = tmp_path / "h.toml"
    path.write_text(text.replace(f'"{"../scenarios/"}', f'"{(ROOT / "scenarios").as_posix()}/')
                    .replace("from_year = 2013", "from_year = 2016", 1).replace("to_year = 2016", "to_year = 2013", 1)
                    .replace("fall_from_day = 90", "fall_from_day = 270", 1)
                    .replace("after_from = 2020", "after_from = 2015", 1)
                    .replace("off_from = 2020", "off_from = 2014", 1), encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{path}: patterns.1.to_year: must be after from_year (2016), not 2013: the span runs backwards",
        f"{path}: patterns.4.fall_to_day: must be after fall_from_day (270), not 270: the span runs backwards",
        f"{path}: patterns.5.off_from: must be after on_from (2015), not 2014: the span runs backwards",
        f"{path}: patterns.9.after_from: must be after before_from (2016), not 2015: the span runs backwards"]


def test_a_backlash_window_past_the_end_of_its_scenarios_is_refused(tmp_path, capsys):
    text = HISTORY.read_text("utf-8")
    path = tmp_path / "h.toml"
    path.write_text(text.replace(f'"{"../scenarios/"}', f'"{(ROOT / "scenarios").as_posix()}/')
                    .replace("fall_to_day = 270", "fall_to_day = 3000", 1), encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"{path}: patterns.4.fall_to_day: day 3000 after 2016-03-01 is 2024-05-17, after the end "
                           "of scenario")
