"""History matching in waves: the implausibility by hand, a small calibration that keeps a
region, resumes after a kill to the same result, and checks the kept region on held-out seeds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import numpy as np
import pandas as pd
import pytest

from centrumsim.present.parameters import parameter_label
from centrumsim.cli import main
from centrumsim.validation import load_history
from centrumsim.validation.matching import calibrate, defaults_point, implausibility, load_parameters

from .conftest import ROOT
from .sweep_fakes import store_rows

DECLINE = (ROOT / "scenarios" / "decline_2013.toml").as_posix()


def test_implausibility_by_hand():
    # need 0.8 over 4 seeds, discrepancy 0.05: sd = sqrt(0.16 / 4 + 0.0025) = 0.2062
    i = implausibility(np.array([0.0, 0.5, 0.8, 1.0]), np.array(0.8), np.array(4), 0.05)
    assert i == pytest.approx([0.8 / 0.20616, 0.3 / 0.20616, 0.0, 0.0], rel=1e-4)


@pytest.fixture
def files(tmp_path):
    history = tmp_path / "history.toml"
    history.write_text(
        f'name = "tiny"\n[seeds]\ncalibration_first = 0\ncalibration_count = 10\nheld_out_first = 100\n'
        f'[scenarios.decline]\nfile = "{DECLINE}"\n[scenarios.decline.set]\n"time.years" = 2\n'
        '[patterns.bursts]\nname = "unrest in bursts"\nkind = "burstiness"\nscenario = "decline"\nmin_fano = 1.5\n'
        'need = 0.8\n', encoding="utf-8")
    params = tmp_path / "params.toml"
    params.write_text('[parameters."unrest.legitimacy"]\nmin = 0.70\nmax = 1.0\n'
                      '[waves]\npoints = 6\nseeds_per_point = 4\nseed = 5\n', encoding="utf-8")
    return history, params


@pytest.mark.slow
def test_two_waves_narrow_the_region_and_rule_out_a_calm_centre(files, tmp_path):
    # 4 seeds a point: a point that shows no bursts in any is 3.9 sd short of the need 0.8
    # (with 2 seeds it would be 2.8: too few to rule anything out)
    history, params = files
    h = load_history(history)
    cal = load_parameters(params, h)
    tables = calibrate(h, cal, tmp_path / "out", waves=2, workers=1)
    first = tables[0]
    assert len(first) == 6 and set(first.columns) >= {"unrest.legitimacy", "share.bursts", "I.bursts", "kept"}
    # legitimacy near 1 means no unrest, hence no bursts: those points are ruled out
    assert not first.loc[first["unrest.legitimacy"] > 0.95, "kept"].any()
    assert first["kept"].any()
    if len(tables) > 1:
        kept = first[first["kept"]]
        assert tables[1]["unrest.legitimacy"].between(kept["unrest.legitimacy"].min(),
                                                      kept["unrest.legitimacy"].max()).all()


def test_the_defaults_are_judged_as_a_point_of_their_own(files, tmp_path):
    # the tiny history's scenario: decline_2013 over two years, legitimacy 0.78 in 2013 (troubled,
    # bursty) — not implausible; with legitimacy 1 (no unrest, no bursts) it is ruled out
    history, params = files
    h = load_history(history)
    cal = load_parameters(params, h)
    worst, pattern, kept = defaults_point(h, cal)
    assert kept and worst <= 3 and pattern == "bursts"
    calm = h.with_overrides({"unrest.legitimacy": 1.0})
    worst, _, kept = defaults_point(calm, cal)
    assert not kept and worst == pytest.approx(0.8 / 0.20616, rel=1e-3)  # 0 of 4 seeds: 3.9 sd short


@pytest.mark.slow
def test_the_command_resumes_after_a_kill_and_reports_held_out_pass_rates(files, tmp_path, capsys):
    history, params = files
    args = ["calibrate", str(history), "--parameters", str(params), "--waves", "2", "--held-out-sets", "2",
            "--held-out-seeds", "2", "--workers", "1"]
    out = tmp_path / "killed"
    proc = subprocess.Popen([sys.executable, "-m", "centrumsim", *args, "--out", str(out), "-q"],
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, start_new_session=True)
    deadline = time.monotonic() + 120
    while store_rows(out / "wave_1" / "runs.sqlite") < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 3 <= store_rows(out / "wave_1" / "runs.sqlite") < 24
    assert main([*args, "--out", str(out)]) == 0  # the same command again goes on
    text = capsys.readouterr().out
    assert "wave 1:" in text and "held-out seeds 100–101" in text and parameter_label("unrest.legitimacy") in text
    assert "the defaults themselves as a point: largest implausibility" in text
    whole = tmp_path / "whole"
    assert main([*args, "--out", str(whole), "-q"]) == 0
    pd.testing.assert_frame_equal(pd.read_csv(out / "waves.csv"), pd.read_csv(whole / "waves.csv"))
    for name in ("kept_ranges.csv", "held_out.csv", "calibration.txt", "pairs.png"):
        assert (out / name).stat().st_size > 0


def test_a_bad_parameters_file_is_one_line_per_problem(files, tmp_path, capsys):
    history, _ = files
    params = tmp_path / "bad.toml"
    params.write_text('[parameters."unrest.legitimacy"]\nmin = 0.9\nmax = 0.8\n[waves]\npoints = 1\ncutof = 3\n',
                      encoding="utf-8")
    assert main(["calibrate", str(history), "--parameters", str(params), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert f"{params}: waves.cutof: unknown key (did you mean 'cutoff'?)" in err
    assert f"{params}: waves.points: must be >= 2 (got 1)" in err
    assert "Traceback" not in err


def test_a_folder_with_other_files_is_refused_and_the_outputs_carry_the_identity(files, tmp_path, capsys):
    history, params = files
    # the folder and the files are the point, not the region kept: the smallest wave will do
    smallest = params.read_text("utf-8").replace("points = 6\nseeds_per_point = 4", "points = 2\nseeds_per_point = 1")
    assert "points = 2" in smallest
    params.write_text(smallest, encoding="utf-8")
    mine = tmp_path / "mydata"
    mine.mkdir()
    (mine / "notes.txt").write_text("my own notes")
    args = ["calibrate", str(history), "--parameters", str(params), "--waves", "1", "--held-out-sets", "0", "-q"]
    assert main([*args, "--out", str(mine)]) == 2
    assert "holds other files (notes.txt)" in capsys.readouterr().err
    assert (mine / "notes.txt").read_text() == "my own notes" and sorted(p.name for p in mine.iterdir()) == ["notes.txt"]
    out = tmp_path / "out"
    assert main([*args, "--out", str(out)]) == 0
    import json

    manifest = json.loads((out / "manifest.json").read_text())
    assert {f["name"] for f in manifest["files"]} == {"waves.csv", "kept_ranges.csv", "calibration.txt", "pairs.png"}
    assert (pd.read_csv(out / "waves.csv")["calibration_sha256"] == manifest["calibration_sha256"]).all()
