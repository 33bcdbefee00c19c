"""History matching with economic parameters (validation/matching.py): a parameter may move
several keys together and be a factor on each key's own value; patterns marked not diagnostic
carry no weight in a point's implausibility. Hand-checkable numbers, no runs."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from centrumsim.scenario import ScenarioError
from centrumsim.scenario.keys import resolved_value
from centrumsim.validation import load_history
from centrumsim.validation.matching import history_at, load_parameters, wave_table

from .conftest import ROOT

HISTORY = ROOT / "histories" / "klockaretorpet.toml"
ECONOMIC = ROOT / "calibration" / "klockaretorpet_economic.toml"


@pytest.fixture(scope="module")
def history():
    return load_history(HISTORY)


def test_the_economic_parameters_file_is_checked_against_the_history(history):
    cal = load_parameters(ECONOMIC, history)
    assert "tenants.required_profit_sek_per_month" in cal.names and "shop_rents" in cal.names
    assert cal.integer[cal.names.index("shop_rents")] is False  # a factor, whatever the keys hold


def test_a_scaled_group_multiplies_each_keys_own_value_in_each_scenario(history):
    cal = load_parameters(ECONOMIC, history)
    h = history_at(history, cal.file.parameters, {"shop_rents": 0.8, "shop_attraction": 1.2,
                                                  "tenants.required_profit_sek_per_month": 2000})
    for name, sc in h.scenarios.items():
        base = history.scenarios[name]
        assert resolved_value(sc, "premises.butik_1.rent_sek_per_m2_year") == pytest.approx(900 * 0.8)  # 720
        assert resolved_value(sc, "premises.butik_4.rent_sek_per_m2_year") == pytest.approx(850 * 0.8)  # 680
        assert resolved_value(sc, "units.livs.attraction") == pytest.approx(
            resolved_value(base, "units.livs.attraction") * 1.2)
        assert resolved_value(sc, "tenants.required_profit_sek_per_month") == 2000
        assert resolved_value(sc, "premises.kontoret.rent_sek_per_m2_year") == 900  # not in the group
    # the opposite: a factor of 1 leaves every scenario as it was
    same = history_at(history, cal.file.parameters, {"shop_rents": 1.0})
    assert all(same.scenarios[n].sha256 == history.scenarios[n].sha256 for n in history.scenarios)


def test_a_group_naming_a_missing_key_is_refused_with_the_key(history, tmp_path):
    path = tmp_path / "p.toml"
    path.write_text('[parameters.rents]\nkeys = ["premises.butik_9.rent_sek_per_m2_year"]\nscale = true\n'
                    'min = 0.7\nmax = 1.3\n', encoding="utf-8")
    with pytest.raises(ScenarioError, match="butik_9"):
        load_parameters(path, history)


def test_a_pattern_that_is_not_diagnostic_does_not_rule_a_point_out(history):
    cal = load_parameters(ROOT / "calibration" / "klockaretorpet_small.toml", history)
    pids = list(history.patterns)
    # one point, 4 seeds: every pattern shown in every seed but 11 (not diagnostic) in none
    rows = [{"point": 0, "status": "done", **{n: 0.78 if "legit" in n else 0.2 for n in cal.names},
             **{f"pattern.{p}": 0.0 if p == "11" else 1.0 for p in pids}} for _ in range(4)]
    store = SimpleNamespace(frame=lambda: pd.DataFrame(rows))
    table = wave_table(store, history, cal)
    assert table["I.11"].iloc[0] > 3  # far below its need ...
    assert table["I_max"].iloc[0] == 0.0 and bool(table["kept"].iloc[0])  # ... and no weight
    rows = [{**r, "pattern.10": 0.0} for r in rows]  # the opposite: a diagnostic pattern missed rules it out
    table = wave_table(SimpleNamespace(frame=lambda: pd.DataFrame(rows)), history, cal)
    assert np.isclose(table["I_max"].iloc[0], table["I.10"].iloc[0]) and not bool(table["kept"].iloc[0])
