"""End to end: every shipped scenario runs (1 year, 2 seeds) and gives a complete summary."""

from __future__ import annotations

import json

import pytest

from centrumsim import load_scenario
from centrumsim.analysis import run_seeds as run

from .conftest import SCENARIO_PARAMS

Q = {"p05", "median", "p95"}


@pytest.mark.parametrize("path", SCENARIO_PARAMS)  # the city-sized ones in the slow tier
def test_shipped_scenario_runs(path):
    res = run(load_scenario(path), seeds=2, years=1)
    s = res.summary()
    json.dumps(s)  # serialisable as summary.json
    for key in ("scenario", "scenario_sha256", "overrides", "seeds", "years", "version"):
        assert key in s
    e = s["enterprise"]
    if e["present"]:
        assert 0 <= e["p_break_even"] <= 1 and 0 <= e["p_solvent"] <= 1
        assert set(e["result_sek_per_year"]) == Q and set(e["min_cash_sek"]) == Q
    for u in s["units"]:
        assert {"name", "kind", "operator", "contribution_sek_per_year", "share_of_months_open"} <= set(u)
        assert set(u["contribution_sek_per_year"]) == Q
    for key in ("visitors_per_day", "unrest_events_per_year", "safety_index", "vacancy_rate"):
        assert set(s["centre"][key]) == Q
    assert s["centre"]["visitors_per_day"]["median"] > 0
