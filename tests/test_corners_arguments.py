"""Nothing lost in the last corners (issue 19): a run's seed is never drawn behind the caller's
back, and two horizons for one run are a conflict, not a silent choice."""

from __future__ import annotations

import json

import pytest

import centrumsim
from centrumsim.cli import main

from .conftest import MAIN


@pytest.mark.parametrize("seed, error", [(None, TypeError), (1.5, TypeError), (True, TypeError), (-1, ValueError)])
def test_run_one_takes_a_seed_and_draws_none(one_year, seed, error):
    # a run is a pure function of (scenario, seed): None would have drawn an unrecorded seed
    with pytest.raises(error, match="seed must"):
        centrumsim.run_one(one_year, seed)


@pytest.mark.parametrize("value, shown", [("abc", "'abc'"), ("3", "3"), ("2.0", "2.0")])
def test_years_and_set_time_years_that_differ_are_a_conflict(capsys, tmp_path, value, shown):
    out = tmp_path / "out"
    argv = ["run", "--fixed", str(MAIN), "--seeds", "1", "--years", "2", "--set", f"time.years={value}", "--out", str(out)]
    assert main(argv) == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        f"--set time.years: {shown} conflicts with --years 2; give one of them"]
    assert not out.exists()


def test_years_and_set_time_years_that_agree_run(capsys, tmp_path):
    out = tmp_path / "out"
    assert main(["run", "--fixed", str(MAIN), "--seeds", "1", "--years", "1", "--set", "time.years=1", "--no-plots", "-q",
                 "--out", str(out)]) == 0
    assert json.loads((out / "manifest.json").read_text("utf-8"))["overrides"] == {"time.years": 1}


def test_the_python_api_refuses_two_horizons_that_disagree(main_scenario):
    with pytest.raises(ValueError, match="disagree"):
        centrumsim.analysis.run_seeds(main_scenario, seeds=1, years=1, overrides={"time.years": 2})
