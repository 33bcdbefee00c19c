"""Indicators without artefacts (issue 20 item 6): concentration among the youths who acted, and
whether the vacancy moved at all."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from centrumsim.model.damage import EVENT_DTYPE
from centrumsim.results.measures import actors_gini, events_per_actor, share_top_actors
from centrumsim.results.measuring import PER_RUN


def run_with(actors, displaced=(), n_youth=700):
    rows = [(d, 0, a, 0, -1, 1, d in displaced) for d, a in enumerate(actors)]
    return SimpleNamespace(events=np.array(rows, dtype=EVENT_DTYPE), n_youth=n_youth, years=1)


def test_few_events_by_different_youths_are_not_concentrated():
    r = run_with([11, 12, 13])  # three events, three youths
    assert share_top_actors(r) == 1.0  # the old artefact: "the top 2 % caused 100 %"
    assert events_per_actor(r).tolist() == [1, 1, 1]
    assert actors_gini(r) == pytest.approx(0.0)  # each caused one: no concentration
    assert PER_RUN["actors"](r, ()) == 3


def test_one_youth_causing_most_events_is_concentrated():
    # the opposite answer: 9 events by youth 5, one each by youths 6 and 7
    r = run_with([5] * 9 + [6, 7])
    # Gini of (1, 1, 9): Σ|xi − xj| over ordered pairs = 2·(0 + 8 + 8) = 32; / (2 · 3² · 11/3) = 32/66
    assert actors_gini(r) == pytest.approx(32 / 66)
    assert actors_gini(run_with([5] * 30 + [6])) > 0.45  # towards (n − 1)/n = 0.5 for two actors


def test_displaced_events_and_single_actors():
    r = run_with([1, 1, 2], displaced=(2,))  # the third happened elsewhere
    assert events_per_actor(r).tolist() == [2]
    assert np.isnan(actors_gini(r))  # one actor: no concentration to speak of
    assert np.isnan(actors_gini(run_with([])))


def test_vacancy_changes_count_the_months_the_market_moved():
    flat = SimpleNamespace(monthly={"vacancy_rate": np.full(24, 0.26)}, years=2)
    moving = SimpleNamespace(monthly={"vacancy_rate": np.array([0.26] * 5 + [0.33] * 10 + [0.26] * 9)}, years=2)
    f = PER_RUN["monthly_changes_per_year"]
    assert f(flat, ("vacancy_rate",)) == 0  # a 0-wide band then says "nothing moved", not "known"
    assert f(moving, ("vacancy_rate",)) == 1.0  # two changes in two years
