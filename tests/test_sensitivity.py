"""Sensitivity indices from a run store: the Ishigami function's known Sobol indices, a Morris
ranking known by construction, Saltelli's design size, small samples warned, incomplete or
unsuitable sweeps refused in one line."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from centrumsim.cli import main
from centrumsim.results import check_manifest
from centrumsim.sweeps.design import design_matrix, expected_points
from centrumsim.sweeps.points import open_sweep, point_outcomes
from centrumsim.sweeps.sensitivity import analyse, analyse_store, problem_of

from .sweep_fakes import OUTCOME, PARAMETERS, fake_store, sweep_spec, unit_cube

NAMES = list(PARAMETERS)
# Ishigami (a = 7, b = 0.1) on [-π, π]³: S1 = (0.314, 0.442, 0), ST = (0.558, 0.442, 0.244)
ISHIGAMI_S1 = (0.3139, 0.4424, 0.0)
ISHIGAMI_ST = (0.5576, 0.4424, 0.2437)


def ishigami(spec):
    def f(x: np.ndarray) -> np.ndarray:
        z = -np.pi + 2 * np.pi * unit_cube(spec, x)  # the sweep's bounds mapped onto [-π, π] (indices do not change)
        return np.sin(z[:, 0]) + 7 * np.sin(z[:, 1]) ** 2 + 0.1 * z[:, 2] ** 4 * np.sin(z[:, 0])
    return f


@pytest.fixture(scope="module")
def sobol_sweep(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sobol")
    spec = sweep_spec(tmp, "sobol", 1024)
    fake_store(tmp / "store", spec, ishigami(spec))
    return spec, tmp / "store"


def test_a_sobol_design_has_n_times_2d_plus_2_points(tmp_path):
    spec = sweep_spec(tmp_path, "sobol", 16)
    assert len(design_matrix(spec)) == expected_points(spec) == 16 * (2 * 3 + 2)
    first = sweep_spec(tmp_path, "sobol", 16, design="second_order = false")
    assert len(design_matrix(first)) == expected_points(first) == 16 * (3 + 2)


def test_ishigami_indices_from_the_store_match_the_known_values(sobol_sweep):
    spec, store = sobol_sweep
    sens, ident = analyse_store(store, OUTCOME)
    assert sens.method == "sobol" and sens.samples == 1024 and ident["points"] == 8192
    t = sens.table.set_index("parameter").loc[NAMES]
    for name, s1, st in zip(NAMES, ISHIGAMI_S1, ISHIGAMI_ST):
        assert abs(t.loc[name, "S1"] - s1) <= t.loc[name, "S1_conf"], (name, t.loc[name].to_dict())
        assert abs(t.loc[name, "ST"] - st) <= t.loc[name, "ST_conf"], (name, t.loc[name].to_dict())
    assert list(sens.table["parameter"]) == NAMES  # most influential (ST) first: x1, x2, x3


def test_the_command_prints_writes_and_plots_the_indices(sobol_sweep, tmp_path, capsys):
    spec, store = sobol_sweep
    out = tmp_path / "sens"
    assert main(["sensitivity", str(store), "--outcome", OUTCOME, "--out", str(out)]) == 0
    printed = capsys.readouterr()
    assert "Sobol indices of the enterprise's yearly result (SEK per year) (N = 1024" in printed.out
    assert "cafe: price per visit (SEK)" in printed.out  # the parameter by its label, not its key
    assert printed.err.strip() == ""  # N = 1024: every interval within ±0.1 (x3's S1 ± 0.05), no warning
    assert check_manifest(out) == []
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["command"] == "sensitivity" and manifest["sweep_sha256"] == spec.sha256
    table = pd.read_csv(out / "sensitivity.csv")
    assert list(table.columns[:6]) == ["run_id", "parameter", "S1", "S1_conf", "ST", "ST_conf"]
    assert set(table["run_id"]) == {manifest["run_id"]}
    png = json.loads(Image.open(out / "sensitivity.png").text["Description"])
    assert png["run_id"] == manifest["run_id"] and png["outcome"] == OUTCOME
    # the default folder is inside the sweep's; a second run there needs --overwrite
    assert main(["sensitivity", str(store), "--outcome", OUTCOME, "-q"]) == 0
    assert (store / f"sensitivity-{OUTCOME}" / "sensitivity.png").is_file()
    assert main(["sensitivity", str(store), "--outcome", OUTCOME, "-q"]) == 2
    assert "--overwrite" in capsys.readouterr().err
    assert main(["sensitivity", str(store), "--outcome", OUTCOME, "-q", "--overwrite"]) == 0


def test_morris_ranks_parameters_by_their_known_effects(tmp_path):
    spec = sweep_spec(tmp_path, "morris", 12)
    # effects over each parameter's whole range: 5, 2 and 0.1; the second one also curved
    fake_store(tmp_path / "store", spec, lambda x: (lambda u: 5 * u[:, 0] + 2 * u[:, 1] + 0.1 * u[:, 2])(unit_cube(spec, x)))
    sens, _ = analyse_store(tmp_path / "store", OUTCOME)
    assert sens.method == "morris" and sens.samples == 12 and not sens.warnings
    assert list(sens.table["parameter"]) == NAMES
    np.testing.assert_allclose(sens.table["mu_star"], [5, 2, 0.1], rtol=1e-6)
    np.testing.assert_allclose(sens.table["sigma"], 0, atol=1e-6)  # linear: no interactions


def test_morris_interaction_shows_in_sigma():
    problem = problem_of(["a", "b", "c"], {"a": [0, 1], "b": [0, 1], "c": [0, 1]})
    from SALib.sample import morris

    x = morris.sample(problem, 40, num_levels=4, seed=3)
    sens = analyse(problem, x, 4 * x[:, 0] * x[:, 1] + x[:, 2], "morris", levels=4)
    t = sens.table.set_index("parameter")
    assert t.loc["c", "sigma"] < 1e-9 < t.loc["a", "sigma"]
    assert t.loc["a", "mu_star"] > t.loc["c", "mu_star"]


def test_small_samples_are_warned_in_one_line(tmp_path, capsys):
    spec = sweep_spec(tmp_path, "sobol", 16)
    fake_store(tmp_path / "sobol", spec, ishigami(spec))
    assert main(["sensitivity", str(tmp_path / "sobol"), "--outcome", OUTCOME, "--out", str(tmp_path / "a")]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "N = 16 is below 64" in err[0] and err[0].startswith("warning:")
    spec = sweep_spec(tmp_path, "morris", 4)
    fake_store(tmp_path / "morris", spec, lambda x: x[:, 0])
    assert main(["sensitivity", str(tmp_path / "morris"), "--outcome", OUTCOME, "--out", str(tmp_path / "b")]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"warning: morris indices of {OUTCOME} may be unstable: 4 trajectories (fewer than 10); "
                   "raise design.points (trajectories) in the sweep file"]


def test_a_point_is_the_mean_of_its_done_replicates(tmp_path):
    spec = sweep_spec(tmp_path, "morris", 2)
    fake_store(tmp_path / "s", spec, lambda x: np.arange(len(x), dtype=float), replicates=3, noise=1.0,
               fail={(0, 1), (1, 0), (1, 1), (1, 2)})
    with open_sweep(tmp_path / "s") as store:
        frame = store.frame()
        points = point_outcomes(store, OUTCOME)
    done = frame[frame["status"] == "done"]
    assert points.y[0] == pytest.approx(done.loc[done["point"] == 0, OUTCOME].mean())
    assert np.isnan(points.y[1]) and points.missing == 1 and list(points.runs[:3]) == [2, 0, 3]


def test_an_incomplete_or_unsuitable_sweep_is_refused_in_one_line(tmp_path, capsys):
    spec = sweep_spec(tmp_path, "morris", 4)
    fake_store(tmp_path / "m", spec, lambda x: x[:, 0], fail={(3, 0), (7, 0)})
    cases = [
        (["sensitivity", str(tmp_path / "m"), "--outcome", OUTCOME],
         f"{tmp_path / 'm'}: sensitivity needs the complete design: 2 of 16 points have no done run with a value of "
         f"{OUTCOME} (failed, or not run yet: resume the sweep with --resume)"),
        (["sensitivity", str(tmp_path / "m"), "--outcome", OUTCOME, "--method", "sobol"],
         "--method: sobol needs a sobol design; this sweep's design is morris"),
        (["sensitivity", str(tmp_path / "m"), "--outcome", "enterprise.result_sek_per_yer"],
         f"--outcome: 'enterprise.result_sek_per_yer' is not an outcome of this sweep (did you mean '{OUTCOME}'?)"),
        (["sensitivity", str(tmp_path / "nowhere"), "--outcome", OUTCOME],
         f"{tmp_path / 'nowhere'}: no such folder (give the --out folder of a sweep)"),
        (["sensitivity", str(tmp_path), "--outcome", OUTCOME],
         f"{tmp_path}: no sweep here (no runs.sqlite); run `centrumsim sweep` first"),
    ]
    for argv, line in cases:
        assert main(argv) == 2, argv
        assert capsys.readouterr().err.strip() == line
    lhs = sweep_spec(tmp_path, "lhs", 8)
    fake_store(tmp_path / "l", lhs, lambda x: x[:, 0])
    assert main(["sensitivity", str(tmp_path / "l"), "--outcome", OUTCOME]) == 2
    assert capsys.readouterr().err.strip().startswith("--method: this sweep's design is lhs;")
    flat = sweep_spec(tmp_path, "morris", 4)
    fake_store(tmp_path / "f", flat, lambda x: np.full(len(x), 3.0))
    assert main(["sensitivity", str(tmp_path / "f"), "--outcome", OUTCOME]) == 2
    assert capsys.readouterr().err.strip() == f"--outcome: {OUTCOME} is 3 at every point: there is no variation to attribute"
    assert not any(p.name.startswith("sensitivity-") for d in ("m", "l", "f") for p in (tmp_path / d).iterdir())


def test_the_top_level_api_returns_frames_as_the_commands_write_them(tmp_path):
    """``centrumsim.sensitivity``, ``discover`` and ``export``: a DataFrame each, the tables of
    the commands (``sensitivity.csv``, ``box.csv``, ``export``'s file), the rest in ``attrs``."""
    import centrumsim

    spec = sweep_spec(tmp_path, "lhs", 200)
    fake_store(tmp_path / "lhs", spec, lambda x: np.where(unit_cube(spec, x)[:, 0] > 0.5, 1.0, -1.0) * 100_000)
    runs = centrumsim.export(tmp_path / "lhs")
    assert isinstance(runs, pd.DataFrame) and len(runs) == 200 and OUTCOME in runs.columns
    assert main(["export", str(tmp_path / "lhs"), "--to", str(tmp_path / "runs.csv")]) == 0
    written = pd.read_csv(tmp_path / "runs.csv")
    assert list(written.columns) == list(runs.columns) and len(written) == len(runs)

    box = centrumsim.discover(tmp_path / "lhs", OUTCOME, 0.0)
    assert isinstance(box, pd.DataFrame) and {"parameter", "lower", "upper"} <= set(box.columns)
    assert box.attrs["density"] >= 0.8 and isinstance(box.attrs["trajectory"], pd.DataFrame)

    morris = sweep_spec(tmp_path, "morris", 12)
    fake_store(tmp_path / "m", morris, lambda x: (lambda u: 5 * u[:, 0] + 2 * u[:, 1] + 0.1 * u[:, 2])(
        unit_cube(morris, x)))
    table = centrumsim.sensitivity(tmp_path / "m", OUTCOME)
    sens, ident = analyse_store(tmp_path / "m", OUTCOME)
    pd.testing.assert_frame_equal(table, sens.table)
    assert table.attrs["method"] == "morris" and table.attrs["identity"] == ident
    with pytest.raises(centrumsim.results.OutputError, match="kept no monthly series"):
        centrumsim.export(tmp_path / "lhs", series=True)
