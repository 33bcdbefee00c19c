"""History files: patterns as data, checked like scenarios; the patterns command's table and
exit status; seed blocks that keep calibration and reporting apart."""

from __future__ import annotations

from centrumsim.cli import main
from centrumsim.validation import load_history

from .conftest import ROOT

HISTORY = ROOT / "histories" / "klockaretorpet.toml"


def test_the_shipped_history_names_every_pattern_and_its_scenarios():
    h = load_history(HISTORY)
    assert list(h.patterns) == [str(n) for n in range(1, 13)]
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
    assert "small.toml: ok (a sweep: sobol, 96 runs of" in out and "ok (a history: 12 patterns over 6 scenarios)" in out


def test_validate_checks_a_calibration_parameters_file_on_its_own(tmp_path, capsys):
    assert main(["validate", str(ROOT / "calibration" / "klockaretorpet_small.toml")]) == 0
    assert "ok (calibration parameters: 2 parameters, 6 points × 2 seeds a wave" in capsys.readouterr().out
    bad = tmp_path / "p.toml"
    bad.write_text('[parameters."unrest.legitimacy"]\nmin = 0.8\nmax = 0.7\n\n[parameters."unrest.arrest_k"]\n'
                   'min = 3\nmax = 2\n', encoding="utf-8")
    assert main(["validate", str(bad)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f'{bad}: parameters."unrest.legitimacy": needs min < max (and no levels)',
        f'{bad}: parameters."unrest.arrest_k": needs min < max (and no levels)']
