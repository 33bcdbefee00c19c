"""The handover (validation/handover.py, histories/klockaretorpet.toml [handover]): the 2022
scenario's stated start against its own file, and the comparison with the history's state, by
hand. The history itself on the CI block is in tests/test_patterns.py (slow)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from centrumsim.scenario import load_scenario
from centrumsim.validation import load_history
from centrumsim.validation.handover import compare, legitimacy_on, lighting_on, scenario_state

from .conftest import ROOT

HISTORY = ROOT / "histories" / "klockaretorpet.toml"


def test_the_2022_scenario_sets_exactly_the_state_the_history_file_states():
    h = load_history(HISTORY)
    sc = load_scenario(ROOT / "scenarios" / "klockaretorpet.toml")
    state = scenario_state(sc)
    assert h.handover is not None and h.handover.starts.endswith("klockaretorpet.toml")
    assert state["trading"] == tuple(sorted(h.handover.trading))
    assert state["vacancy_share"] == pytest.approx(h.handover.vacancy_share, abs=1e-6)  # 2 of 14
    assert state["legitimacy"] == pytest.approx(h.handover.legitimacy)  # 0.78 + EST's full 0.05
    assert state["lighting_quality"] == pytest.approx(h.handover.lighting_quality)


def test_legitimacy_and_lighting_follow_the_history_interventions_by_hand():
    sc = load_history(HISTORY).scenarios["klocket"]  # base 0.78, EST from 2017-01-01 over 3 years
    assert legitimacy_on(sc, dt.date(2016, 12, 31)) == pytest.approx(0.78)
    assert legitimacy_on(sc, dt.date(2018, 7, 2)) == pytest.approx(0.78 + 0.05 * (547 / 365.25) / 3)
    assert legitimacy_on(sc, dt.date(2022, 1, 1)) == pytest.approx(0.83)
    assert lighting_on(sc, dt.date(2018, 5, 31)) == pytest.approx(0.3)
    assert lighting_on(sc, dt.date(2018, 6, 1)) == pytest.approx(0.5)


def test_compare_can_say_yes_and_no():
    h = load_history(HISTORY).handover
    assert h is not None
    calm = {"vacancy_share": np.array([0.10, 0.14, 0.20]), "trading": [{"grocery", "hairdresser", "pizzeria"}] * 3,
            "legitimacy": 0.83, "lighting_quality": 0.5, "events_per_year": np.array([2.0, 4.0, 9.0])}
    assert all(i.ok for i in compare(h, calm, events_stated=4.0))
    empty = {**calm, "vacancy_share": np.array([0.43, 0.5, 0.57]), "trading": [{"grocery"}, set(), set()],
             "legitimacy": 0.81}
    bad = {i.what for i in compare(h, empty, events_stated=30.0) if not i.ok}
    assert bad == {"vacancy_share", "trading:grocery", "trading:hairdresser", "trading:pizzeria", "legitimacy",
                   "events_per_year"}
