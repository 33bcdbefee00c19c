"""Scenario discovery: PRIM finds a known box in synthetic data, from a run store as the command
does, and the command writes the box, the trajectory and its plot, refusing what it cannot use."""

from __future__ import annotations

import json
import sys

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from centrumsim.present.parameters import parameter_label
from centrumsim.cli import main
from centrumsim.results import OutputError, check_manifest
from centrumsim.sweeps.discovery import choose_box, discover_store, find_box

from .sweep_fakes import OUTCOME, PARAMETERS, fake_store, sweep_spec, unit_cube

PRICE, LEGITIMACY, DISSIMILARITY = PARAMETERS


def in_box(u: np.ndarray) -> np.ndarray:
    """The truth: x1 > 0.6 and x2 < 0.3 (in the unit cube); x3 plays no part."""
    return (u[:, 0] > 0.6) & (u[:, 1] < 0.3)


def test_prim_finds_a_known_box_in_uniform_points():
    rng = np.random.default_rng(5)
    x = pd.DataFrame(rng.uniform(size=(1000, 3)), columns=["x1", "x2", "x3"])
    found = find_box(x, in_box(x.to_numpy()))
    lim = found.limits.set_index("parameter")
    assert lim.loc["x1", "lower"] == pytest.approx(0.6, abs=0.03) and lim.loc["x1", "upper"] > 0.97
    assert lim.loc["x2", "upper"] == pytest.approx(0.3, abs=0.03) and lim.loc["x2", "lower"] < 0.03
    assert list(lim.index[lim["restricted"]]) == ["x1", "x2"]  # x3 is left free
    assert found.coverage > 0.9 and found.density > 0.95
    assert found.cases == int(in_box(x.to_numpy()).sum()) and found.points == 1000
    t = found.trajectory
    assert list(t.columns) == ["box", "coverage", "density", "mass", "res_dim", "n", "k"]
    assert t["density"].iloc[-1] >= t["density"].iloc[0] and t["mass"].iloc[0] == 1.0


def test_the_box_chosen_is_pure_and_wide():
    t = pd.DataFrame({"coverage": [1.0, 1.0, 0.95, 0.5], "density": [0.2, 0.85, 0.99, 1.0]})
    assert choose_box(t, 0.8) == 2  # the best balance of coverage and density among the dense enough
    assert choose_box(t, 1.0) == 3
    assert choose_box(t.iloc[:2], 0.9) == 1  # none dense enough: the densest


@pytest.fixture(scope="module")
def lhs_store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lhs")
    spec = sweep_spec(tmp, "lhs", 600)
    fake_store(tmp / "store", spec, lambda x: np.where(in_box(unit_cube(spec, x)), 1.0, 0.0) * 250_000 - 100_000,
               replicates=2, noise=1_000.0, fail={(0, 0), (0, 1)})
    return spec, tmp / "store"


def test_the_box_from_a_run_store_is_in_the_parameters_units(lhs_store):
    spec, store = lhs_store
    found, ident = discover_store(store, OUTCOME, threshold=0.0)
    lim = found.limits.set_index("parameter")
    lo, hi = PARAMETERS[PRICE]
    assert lim.loc[PRICE, "lower"] == pytest.approx(lo + 0.6 * (hi - lo), abs=0.05 * (hi - lo))
    lo, hi = PARAMETERS[LEGITIMACY]
    assert lim.loc[LEGITIMACY, "upper"] == pytest.approx(lo + 0.3 * (hi - lo), abs=0.05 * (hi - lo))
    assert not lim.loc[DISSIMILARITY, "restricted"]
    assert list(lim.loc[PRICE, ["sweep_min", "sweep_max"]]) == list(PARAMETERS[PRICE])
    assert ident["left_out"] == 1 and found.points == 599  # point 0's runs failed
    below, _ = discover_store(store, OUTCOME, threshold=0.0, above=False)  # the complement: another box
    assert below.cases == found.points - found.cases


def test_the_command_prints_and_writes_the_box(lhs_store, tmp_path, capsys):
    spec, store = lhs_store
    out = tmp_path / "disc"
    assert main(["discover", str(store), "--outcome", OUTCOME, "--threshold", "0", "--out", str(out)]) == 0
    printed = capsys.readouterr()
    assert "Points where the mean of the enterprise's yearly result (SEK per year) is above 0:" in printed.out
    assert parameter_label(PRICE) in printed.out and "coverage" in printed.out
    assert printed.err.strip() == f"warning: 1 points have no done run with a value of {OUTCOME} and were left out"
    assert check_manifest(out) == []
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["command"] == "discover" and manifest["threshold"] == 0.0 and manifest["direction"] == "above"
    box = pd.read_csv(out / "box.csv")
    assert {"parameter", "lower", "upper", "restricted", "sweep_min", "sweep_max"} <= set(box.columns)
    traj = pd.read_csv(out / "peeling_trajectory.csv")
    assert traj["chosen"].sum() == 1 and set(traj["run_id"]) == {manifest["run_id"]}
    png = json.loads(Image.open(out / "peeling_trajectory.png").text["Description"])
    assert png["run_id"] == manifest["run_id"]
    assert main(["discover", str(store), "--outcome", OUTCOME, "--threshold", "0", "--box", "3", "-q",
                 "--out", str(out), "--overwrite"]) == 0
    assert json.loads((out / "manifest.json").read_text("utf-8"))["box"] == 3


def test_what_discovery_cannot_use_is_refused_in_one_line(lhs_store, tmp_path, capsys, monkeypatch):
    spec, store = lhs_store
    base = ["discover", str(store), "--outcome", OUTCOME, "--out", str(tmp_path / "d")]
    cases = [
        ([*base, "--threshold", "1e9"], "--threshold: no point of 599 is of interest: there is no boundary to find; "
                                        "choose another threshold; enterprise.result_sek_per_year ranges"),
        ([*base, "--threshold=-1e9"], "--threshold: every point of 599 is of interest"),
        ([*base, "--threshold", "0", "--min-density", "2"], "--min-density: must be in (0, 1] (got 2)"),
        ([*base, "--threshold", "0", "--box", "999"], "--box: the peeling trajectory has boxes 0.."),
        (["discover", str(tmp_path), "--outcome", OUTCOME, "--threshold", "0"],
         f"{tmp_path}: no sweep here (no runs.sqlite)"),
    ]
    for argv, start in cases:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err.strip()
        assert err.startswith(start) and "\n" not in err, err
    with pytest.raises(SystemExit) as exc:
        main([*base, "--threshold", "0", "--above", "--below"])
    assert exc.value.code == 2 and "not allowed with argument" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "ema_workbench.analysis", None)
    assert main([*base, "--threshold", "0"]) == 2
    assert capsys.readouterr().err.strip() == 'discover: the EMA Workbench is not installed; pip install -e ".[ema]"'
    with pytest.raises(OutputError):
        discover_store(store, OUTCOME, 0.0)
    assert not (tmp_path / "d").exists()


def test_a_negative_threshold_in_exponent_form_is_a_value(lhs_store, tmp_path, capsys):
    _spec, store = lhs_store
    out = tmp_path / "neg"
    assert main(["discover", str(store), "--outcome", OUTCOME, "--threshold", "-1e5", "--out", str(out), "-q"]) == 0
    assert json.loads((out / "manifest.json").read_text("utf-8"))["threshold"] == -1e5
