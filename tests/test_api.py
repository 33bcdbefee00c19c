"""The Python API answers bad arguments clearly and keeps a run a pure function of (scenario,
overrides, seed); importing it changes nothing in the caller's process."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

import centrumsim
from centrumsim import CentreModel, ScenarioError, load_scenario
from centrumsim.analysis import run_seeds as run
from centrumsim.analysis.runner import WORKERS_ENV, check_workers, cpu_count

from .conftest import MAIN


def test_with_overrides_copies_what_it_is_given(one_year):
    overrides = {"units.cafe.price_sek": 45, "tenants.entry_kinds": ["pizzeria"]}
    sc = one_year.with_overrides(overrides)
    before = CentreModel(sc, rng=2).run()
    overrides["units.cafe.price_sek"] = 90
    overrides["tenants.entry_kinds"].append("grocery")
    assert sc.units["cafe"].price_sek == 45 and sc.tenants.entry_kinds == ("pizzeria",)
    assert dict(sc.overrides)["units.cafe.price_sek"] == 45
    assert list(dict(sc.overrides)["tenants.entry_kinds"]) == ["pizzeria"]
    again = CentreModel(sc, rng=2).run()
    assert np.array_equal(before.books, again.books)
    # a derived scenario re-validates from its own copy too
    assert sc.with_years(1).units["cafe"].price_sek == 45


def test_load_scenario_copies_its_overrides():
    overrides = {"units.cafe.price_sek": 45}
    sc = load_scenario(MAIN, overrides)
    overrides["units.cafe.price_sek"] = 1
    assert dict(sc.overrides) == {"units.cafe.price_sek": 45}


def test_numpy_numbers_are_numbers(one_year):
    sc = one_year.with_overrides({"units.cafe.work_integration_posts": np.int64(50), "units.cafe.price_sek": np.float32(45.5),
                                  "unrest.est_active": np.bool_(True)})
    assert sc.units["cafe"].work_integration_posts == 50 and sc.units["cafe"].price_sek == 45.5 and sc.unrest.est_active is True
    assert type(dict(sc.overrides)["units.cafe.work_integration_posts"]) is int  # recorded as plain data
    res = run(one_year, seeds=np.int64(2), workers=np.int64(1))
    assert res.seeds == [0, 1]
    assert run(one_year, seeds=[np.int64(7)]).seeds == [7]


@pytest.mark.parametrize("seeds, error, message", [
    ([1.7], TypeError, "each seed must be a whole number"),
    ([0, 0], ValueError, r"seeds must be distinct \(given more than once: \[0\]\)"),
    ({0: 1}, TypeError, "seeds must be a count or a list of seeds"),
    ({3, 4}, TypeError, "seeds must be a count or a list of seeds"),
    (10**7, ValueError, "seeds must be in 1..1000000"),
    (True, TypeError, "seeds must be a count or a list of seeds"),
    (0, ValueError, "seeds must be in 1..1000000"),
    ([-1], ValueError, "each seed must be in 0"),
    ([], ValueError, "give at least one seed"),
    ("3", TypeError, "seeds must be a count or a list of seeds"),
    (2.0, TypeError, "seeds must be a count or a list of seeds"),
])
def test_seeds_must_be_distinct_non_negative_integers(one_year, seeds, error, message):
    with pytest.raises(error, match=message):
        run(one_year, seeds=seeds)


@pytest.mark.parametrize("workers, error", [(0, ValueError), (-2, ValueError), (1.5, TypeError), (True, TypeError)])
def test_workers_must_be_a_whole_number_of_at_least_one(one_year, workers, error):
    with pytest.raises(error, match="workers must be"):
        run(one_year, seeds=1, workers=workers)


def test_workers_default_to_and_are_capped_at_the_cpus(monkeypatch):
    monkeypatch.delenv(WORKERS_ENV, raising=False)
    assert check_workers(None) == cpu_count()
    assert check_workers(10**6) == cpu_count()
    assert check_workers(1) == 1
    monkeypatch.setenv(WORKERS_ENV, "1")
    assert check_workers(None) == 1 and check_workers(2) == min(2, cpu_count())
    monkeypatch.setenv(WORKERS_ENV, str(10**6))
    assert check_workers(None) == cpu_count()
    for bad in ("0", "two", "-1", "1.5"):
        monkeypatch.setenv(WORKERS_ENV, bad)
        with pytest.raises(ValueError, match=rf"\$CENTRUMSIM_WORKERS: must be a whole number >= 1 \(got '{bad}'\)"):
            check_workers(None)


def test_a_bad_workers_variable_is_bad_input_for_the_command_line(monkeypatch, tmp_path, capsys):
    from centrumsim.cli import main

    monkeypatch.setenv(WORKERS_ENV, "many")
    assert main(["run", "--fixed", str(MAIN), "--seeds", "1", "--years", "1", "--out", str(tmp_path / "o")]) == 2
    assert capsys.readouterr().err.strip().splitlines() == ["$CENTRUMSIM_WORKERS: must be a whole number >= 1 (got 'many')"]
    assert not (tmp_path / "o").exists()
    assert main(["run", "--fixed", str(MAIN), "--seeds", "1", "--years", "1", "--workers", "1", "--no-plots",
                 "--out", str(tmp_path / "o")]) == 0  # --workers given: the variable is not read


def test_scenario_problems_raise_scenario_error_and_arguments_type_error(one_year):
    with pytest.raises(ScenarioError) as exc:
        run(one_year, seeds=1, overrides={"units.cafe.price_sek": -1})
    assert exc.value.lines == [f"{MAIN}: --set units.cafe.price_sek: must be >= 0 (got -1)"]
    with pytest.raises(TypeError, match="scenario must be a path or a Scenario"):
        run(42, seeds=1)
    with pytest.raises(TypeError, match="path must be a str or pathlib.Path"):
        load_scenario(None)
    with pytest.raises(TypeError, match="override keys must be dotted strings"):
        one_year.with_overrides({1: 2})
    with pytest.raises(TypeError, match="overrides must be a mapping"):
        one_year.with_overrides([("units.cafe.price_sek", 3)])
    with pytest.raises(TypeError, match="rng must be a whole number"):
        CentreModel(one_year, rng=1.5)


def test_same_inputs_same_run_whichever_way_it_is_asked_for(one_year):
    overrides = {"units.cafe.price_sek": 50}
    a = run(MAIN, seeds=[4], years=1, overrides=overrides).runs[0]
    b = CentreModel(one_year, rng=4, **overrides).run()
    c = centrumsim.run_one(one_year.with_overrides(overrides), 4)
    assert np.array_equal(a.books, b.books) and np.array_equal(b.books, c.books)


def test_summary_is_computed_once_and_handed_out_as_a_copy(one_year):
    res = run(one_year, seeds=1)
    s = res.summary()
    s["centre"]["visitors_per_day"]["median"] = -1
    assert res.summary()["centre"]["visitors_per_day"]["median"] > 0


IMPORT_CHECK = """
import multiprocessing as mp, sys
import matplotlib
backend = matplotlib.get_backend()
method = mp.get_start_method(allow_none=True)
import centrumsim, centrumsim.cli
from centrumsim.present.plots import figure_png, plot_visitors
res = centrumsim.run(centrumsim.load_scenario(sys.argv[1]), seeds=1, years=1, fixed=True)
figure_png(plot_visitors(res))
assert matplotlib.get_backend() == backend, (backend, matplotlib.get_backend())
assert mp.get_start_method(allow_none=True) == method, (method, mp.get_start_method(allow_none=True))
print("unchanged")
"""


def test_importing_and_plotting_change_neither_backend_nor_start_method():
    proc = subprocess.run([sys.executable, "-c", IMPORT_CHECK, str(MAIN)], capture_output=True, text=True,
                          env={"PATH": "", "MPLBACKEND": "svg"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "unchanged"


def test_importing_centrumsim_does_not_import_matplotlib():
    proc = subprocess.run([sys.executable, "-c", "import sys, centrumsim; print('matplotlib' in sys.modules)"],
                          capture_output=True, text=True)
    assert proc.stdout.strip() == "False", proc.stderr


@pytest.mark.parametrize("workers", [1, 2])
def test_each_output_is_told_as_it_finishes(one_year, workers):
    from centrumsim.analysis.runner import run_many

    told = {}
    outs = run_many([(one_year, s) for s in (4, 7, 9)], workers=workers, finished=lambda i, o: told.setdefault(i, o))
    assert sorted(told) == [0, 1, 2] and [told[i].seed for i in range(3)] == [o.seed for o in outs] == [4, 7, 9]
