"""Sweeps: files checked like scenarios, designs of the stated size, common random numbers,
a run store that survives SIGKILL and resumes without a run twice, failures recorded, the
same outcomes on any executor."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest

import centrumsim
from centrumsim.analysis.runner import run_one
from centrumsim.cli import main
from centrumsim.results import Results
from centrumsim.sweeps import RunStore, load_sweep, sweep
from centrumsim.sweeps.design import design_matrix, expected_points, run_seed
from centrumsim.sweeps.outcomes import flatten

from .conftest import ROOT
from .sweep_fakes import store_rows

BASE = (ROOT / "scenarios" / "klockaretorpet.toml").as_posix()
KEEP = '["enterprise.result_sek_per_year", "centre.visitors_per_day", "units.cafe.contribution_sek_per_year"]'


def sweep_file(tmp_path, name="s.toml", method="lhs", points=3, seeds=2, years=1, extra="", params=None):
    params = params or ('[parameters."units.cafe.price_sek"]\nmin = 40\nmax = 90\n'
                        '[parameters."tenants.lease_term_months"]\nmin = 12\nmax = 60\n')
    path = tmp_path / name
    path.write_text(f'base = "{BASE}"\nyears = {years}\n[design]\nmethod = "{method}"\npoints = {points}\n'
                    f'seeds_per_point = {seeds}\nseed = 7\n{extra}\n{params}\n[outcomes]\nkeep = {KEEP}\n',
                    encoding="utf-8")
    return path


def test_bad_sweep_files_get_one_line_per_problem(tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text(f'base = "{BASE}"\n[design]\nmethod = "sobl"\npoints = 10\nseeds_per_pont = 2\n'
                    '[parameters."units.cafe.prise_sek"]\nmin = 1\nmax = 2\n'
                    '[parameters."units.cafe.price_sek"]\nmin = -5\nmax = 50\n'
                    '[outcomes]\nkeep = ["enterprise.result_sek_per_yer"]\n', encoding="utf-8")
    assert main(["sweep", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert f"{path}: design.method: must be one of" in err and "did you mean 'sobol'" in err
    assert f"{path}: design.seeds_per_pont: unknown key (did you mean 'seeds_per_point'?)" in err
    assert not (tmp_path / "out").exists()
    path.write_text(path.read_text().replace("sobl", "sobol").replace("seeds_per_pont", "seeds_per_point"))
    assert main(["sweep", str(path), "--out", str(tmp_path / "out")]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert f"{path}: design.points: for sobol must be a power of 2, e.g. 16, 32, 64 (got 10)" in lines
    assert any('parameters."units.cafe.prise_sek": not a scenario key (did you mean \'price_sek\'?)' in x for x in lines)
    assert any('parameters."units.cafe.price_sek".min: must be >= 0 (got -5)' in x for x in lines)
    assert any("outcomes.keep[0]: 'enterprise.result_sek_per_yer' is not a number in a run's summary "
               "(did you mean 'enterprise.result_sek_per_year'?)" in x for x in lines)
    assert "Traceback" not in "\n".join(lines)


@pytest.mark.parametrize("method,points,expected", [("sobol", 4, 4 * (2 * 2 + 2)), ("morris", 3, 3 * 3),
                                                    ("lhs", 5, 5)])
def test_designs_have_their_stated_size_and_stay_in_bounds(tmp_path, method, points, expected):
    spec = load_sweep(sweep_file(tmp_path, method=method, points=points))
    x = design_matrix(spec)
    assert len(x) == expected == expected_points(spec)
    assert (x[:, 0] >= 40).all() and (x[:, 0] <= 90).all()
    assert np.array_equal(x[:, 1], np.round(x[:, 1]))  # a whole-number key stays whole
    assert np.array_equal(x, design_matrix(load_sweep(sweep_file(tmp_path, method=method, points=points))))


def test_factorial_and_grid_cross_their_levels(tmp_path):
    params = ('[parameters."units.cafe.price_sek"]\nlevels = [40, 60]\n'
              '[parameters."unrest.legitimacy"]\nlevels = [0.7, 0.76, 0.82]\n')
    x = design_matrix(load_sweep(sweep_file(tmp_path, method="factorial", params=params)))
    assert len(x) == 6 and {tuple(r) for r in x} == {(p, q) for p in (40, 60) for q in (0.7, 0.76, 0.82)}
    grid = ('[parameters."units.cafe.price_sek"]\nmin = 40\nmax = 80\n')
    x = design_matrix(load_sweep(sweep_file(tmp_path, method="grid", params=grid, extra="levels = 5")))
    assert list(x[:, 0]) == [40, 50, 60, 70, 80]


def test_a_level_given_twice_is_refused(tmp_path, capsys):
    params = '[parameters."units.cafe.price_sek"]\nlevels = [40, 60, 40]\n'
    path = sweep_file(tmp_path, method="factorial", params=params)
    assert main(["sweep", str(path), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.strip() == (
        f'{path}: parameters."units.cafe.price_sek".levels: a value appears twice (40)')


def test_common_random_numbers_and_a_run_reproduced_alone_from_its_row(tmp_path):
    spec = load_sweep(sweep_file(tmp_path))
    frame = sweep(spec, out=tmp_path / "out", workers=1)
    assert len(frame) == 3 * 2 and set(frame["status"]) == {"done"}
    by_rep = frame.groupby("replicate")["seed"].nunique()
    assert (by_rep == 1).all()  # the same seed at every point
    assert frame["seed"].nunique() == 2
    assert frame.loc[frame.replicate == 1, "seed"].iloc[0] == run_seed(7, 1)
    row = frame.iloc[3]
    sc = spec.base.with_overrides({"units.cafe.price_sek": row["units.cafe.price_sek"],
                                   "tenants.lease_term_months": int(row["tenants.lease_term_months"])})
    alone = flatten(Results(sc, [run_one(sc, int(row["seed"]))]).summary())
    for key in spec.outcomes:
        assert alone[key] == row[key]
    assert frame["tenants.lease_term_months"].map(type).eq(int).all()


def test_a_run_that_raises_is_recorded_and_the_others_complete(tmp_path, monkeypatch):
    import centrumsim.sweeps.outcomes as outcomes

    real = outcomes.run_one

    def flaky(scenario, seed):
        if scenario.units["cafe"].price_sek > 65:
            raise RuntimeError("the café's till broke")
        return real(scenario, seed)

    monkeypatch.setattr(outcomes, "run_one", flaky)
    spec = load_sweep(sweep_file(tmp_path, points=4, seeds=1))  # the price decides: one seed a point will do
    with ThreadPoolExecutor(2) as pool:
        frame = sweep(spec, out=tmp_path / "out", executor=pool)
    failed = frame[frame.status == "failed"]
    assert len(frame) == 4 and 0 < len(failed) < 4
    assert (failed["units.cafe.price_sek"] > 65).all()
    assert failed["error"].str.startswith("RuntimeError: the café's till broke").all()
    assert frame.loc[frame.status == "done", "enterprise.result_sek_per_year"].notna().all()
    # resuming does not retry a recorded failure: nothing is missing
    monkeypatch.setattr(outcomes, "run_one", real)
    again = sweep(spec, out=tmp_path / "out", workers=1, resume=True)
    assert again.drop(columns="seconds").equals(frame.drop(columns="seconds"))


@pytest.mark.slow
def test_the_same_outcomes_with_one_two_workers_and_a_dask_cluster(tmp_path):
    pytest.importorskip("distributed")
    from centrumsim.sweeps.cluster import dask_executor

    spec = load_sweep(sweep_file(tmp_path, points=2))
    frames = [sweep(spec, out=tmp_path / "w1", workers=1), sweep(spec, out=tmp_path / "w2", workers=2)]
    with dask_executor("local", 2) as executor:
        frames.append(sweep(spec, out=tmp_path / "dask", executor=executor))
    cols = [c for c in frames[0].columns if c != "seconds"]
    for other in frames[1:]:
        pd.testing.assert_frame_equal(frames[0][cols], other[cols])


@pytest.mark.slow
def test_a_sweep_killed_half_way_resumes_to_exactly_the_planned_runs(tmp_path):
    path = sweep_file(tmp_path, points=6, seeds=2)
    out = tmp_path / "killed"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "centrumsim", "sweep", str(path), "--out", str(out), "--workers", "2",
                             "-q"], env=env, start_new_session=True)
    deadline = time.monotonic() + 120
    while store_rows(out / "runs.sqlite") < 4 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = store_rows(out / "runs.sqlite")
    assert 4 <= partial < 12, partial  # killed half-way
    assert main(["sweep", str(path), "--out", str(out)]) == 2  # not without --resume
    assert main(["sweep", str(path), "--out", str(out), "--resume", "-q"]) == 0
    resumed = RunStore.open(out).frame()
    assert len(resumed) == 12 and not resumed.duplicated(["point", "replicate"]).any()
    whole = sweep(load_sweep(path), out=tmp_path / "whole", workers=1)
    cols = [c for c in whole.columns if c != "seconds"]
    pd.testing.assert_frame_equal(resumed[cols], whole[cols])


def test_resuming_with_another_sweep_file_or_two_sweeps_at_once_are_refused(tmp_path, capsys):
    first = sweep_file(tmp_path, "a.toml", points=2, seeds=1)  # a store to refuse: its size does not matter
    sweep(load_sweep(first), out=tmp_path / "out", workers=1)
    other = sweep_file(tmp_path, "b.toml", points=4)
    assert main(["sweep", str(other), "--out", str(tmp_path / "out"), "--resume"]) == 2
    assert "was made by another sweep" in capsys.readouterr().err
    store = RunStore.open(tmp_path / "out", write=True)  # a sweep holds the folder
    try:
        assert main(["sweep", str(first), "--out", str(tmp_path / "out"), "--resume"]) == 2
        assert "another centrumsim sweep is writing" in capsys.readouterr().err
    finally:
        store.close()


def test_the_python_api_takes_a_file_and_returns_the_tidy_frame(tmp_path):
    frame = centrumsim.sweep(sweep_file(tmp_path, points=2, seeds=1), out=tmp_path / "api")
    assert list(frame.columns[:6]) == ["point", "replicate", "seed", "status", "units.cafe.price_sek",
                                       "tenants.lease_term_months"]
    assert frame["point"].dtype == np.int64 and frame["enterprise.result_sek_per_year"].dtype == np.float64
    # the command exports the same rows (tests/test_export.py checks export on a bigger sweep)
    assert main(["export", str(tmp_path / "api"), "--to", str(tmp_path / "api.csv"), "-q"]) == 0
    exported = pd.read_csv(tmp_path / "api.csv")
    assert list(exported["point"]) == list(frame["point"])
    assert np.allclose(exported["enterprise.result_sek_per_year"], frame["enterprise.result_sek_per_year"])


def test_the_ema_workbench_runs_centrumsim_through_the_adapter(tmp_path):
    pytest.importorskip("ema_workbench")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from ema_workbench import perform_experiments

    from centrumsim.sweeps.ema import ema_model, ema_name

    spec = load_sweep(sweep_file(tmp_path, seeds=1))
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)  # names the Workbench accepts, without a warning
        model = ema_model(spec)
    experiments, outcomes = perform_experiments(model, 2)
    assert len(experiments) == 2 and set(outcomes) == {ema_name(k) for k in spec.outcomes}
    assert ema_name("units.cafe.price_sek") == "units__cafe__price_sek"
    row = experiments.iloc[0]
    sc = spec.base.with_overrides({"units.cafe.price_sek": float(row["units__cafe__price_sek"]),
                                   "tenants.lease_term_months": int(row["tenants__lease_term_months"])})
    alone = flatten(Results(sc, [run_one(sc, run_seed(7, 0))]).summary())
    assert outcomes["centre__visitors_per_day"][0] == pytest.approx(alone["centre.visitors_per_day"])


@pytest.mark.slow
def test_ctrl_c_keeps_the_runs_done_and_says_how_to_go_on(tmp_path):
    path = sweep_file(tmp_path, points=6, seeds=2)
    out = tmp_path / "interrupted"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "centrumsim", "sweep", str(path), "--out", str(out), "--workers", "2"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while store_rows(out / "runs.sqlite") < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert f"interrupted (the runs done are kept in {out}; continue with --resume)" in err and "Traceback" not in err
    kept = store_rows(out / "runs.sqlite")
    assert 2 <= kept < 12
    assert main(["sweep", str(path), "--out", str(out), "--resume", "-q"]) == 0
    assert store_rows(out / "runs.sqlite") == 12
