"""Foot traffic: the Huff formula, closed units, and visits bounded by the people who can make them."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from centrumsim import CentreModel
from centrumsim.model.attraction import OpenUnit
from centrumsim.model.footfall import Footfall
from centrumsim.scenario import DAYPART_HOURS
from centrumsim.model.population import Population


def toy_population(walk_m=(400.0, 800.0), across=None) -> Population:
    n = len(walk_m)
    across = np.zeros(n, dtype=bool) if across is None else across
    return Population.of_bands(
        age_band=np.full(n, 4, dtype=np.int8), female=np.zeros(n, dtype=bool),
        household=np.arange(n, dtype=np.int32), zone=np.zeros(n, dtype=np.int16),
        walk_m=np.array(walk_m, dtype=np.float32), across_tram=np.array(across),
        income_rel=np.full(n, 0.65, dtype=np.float32), employed=np.ones(n, dtype=bool),
        here=np.ones(n, dtype=bool), zone_names=("z",),
    )


def unit(index, attraction, hours=(9.0, 5.0), link=0.0, weekends=True) -> OpenUnit:
    return OpenUnit(index=index, attraction=attraction, appeal=np.ones(6), female_factor=1.0,
                    hours=hours, open_weekends=weekends, link_share=link, quality=1.0)


def make_footfall(main_scenario, pop, **overrides) -> Footfall:
    sc = main_scenario.with_overrides(overrides) if overrides else main_scenario
    return Footfall(pop, sc.footfall)


def test_huff_two_units_equals_the_formula(main_scenario):
    pop = toy_population()
    ff = make_footfall(main_scenario, pop, **{"footfall.huff_beta": 2.0, "footfall.huff_alpha": 1.0})
    ff.refresh([unit(0, 2.0), unit(1, 1.0)], 2, vitality=1.0, environment_lift=1.0, base_safety=np.ones(2))
    fs = ff.spec
    outside = fs.outside_option_attraction * fs.outside_option_distance_m ** -2.0
    trips = fs.trips_per_day_day.age_26_64
    for i, d in enumerate((400.0, 800.0)):
        inside = 3.0 * d ** -2.0
        assert ff._p[(0, 0)][i] == pytest.approx(trips * inside / (inside + outside), rel=1e-6)
    # the choice between the two units is 2 : 1
    assert ff._first[(0, 0)].cum[8] == pytest.approx([2 / 3, 1.0])


def test_a_second_unit_of_a_kind_mostly_splits_the_first_ones_customers(main_scenario):
    pop = toy_population()
    shops = [OpenUnit(index=i, attraction=a, appeal=np.ones(6), female_factor=1.0, hours=(9.0, 5.0),
                      open_weekends=True, link_share=0.0, quality=1.0, kind=k)
             for i, (a, k) in enumerate(((1.0, "grocery"), (1.0, "grocery"), (2.0, "cafe")))]
    for lam, grocery_draw in ((1.0, 2.0), (0.5, 2 ** 0.5), (0.25, 2 ** 0.25)):
        ff = make_footfall(main_scenario, pop, **{"footfall.huff_alpha": 1.0, "footfall.same_kind_dissimilarity": lam})
        ff.refresh(shops, 3, vitality=1.0, environment_lift=1.0, base_safety=np.ones(2))
        # the two groceries draw (1^(1/λ) + 1^(1/λ))^λ = 2^λ together, the café its own 2
        assert ff._a_g[(0, 0)][8] == pytest.approx(grocery_draw + 2.0)
        total = grocery_draw + 2.0
        assert ff._first[(0, 0)].cum[8] == pytest.approx([grocery_draw / 2 / total, grocery_draw / total, 1.0])


def test_tram_line_detour_and_improved_crossing(main_scenario):
    pop = toy_population(walk_m=(500.0, 500.0), across=(False, True))
    ff = make_footfall(main_scenario, pop)
    ff.refresh([unit(0, 1.0)], 1, 1.0, 1.0, np.ones(2))
    p_near, p_across = ff._p[(0, 0)]
    assert p_across < p_near
    ff.improve_crossing()
    ff.refresh([unit(0, 1.0)], 1, 1.0, 1.0, np.ones(2))
    assert ff._p[(0, 0)][1] == pytest.approx(p_near)


def test_unit_without_evening_hours_gets_no_evening_visits(main_scenario):
    pop = toy_population(walk_m=[300.0] * 500)
    ff = make_footfall(main_scenario, pop, **{"footfall.trips_per_day_day.age_26_64": 0.0,
                                               "footfall.outside_visitors_per_day": 0.0})
    ff.refresh([unit(0, 1.0, hours=(8, 0)), unit(1, 1.0, hours=(8, 3))], 2, 1.0, 1.0, np.ones(500))
    out = ff.segment(np.zeros(30, dtype=bool), np.ones(30), np.zeros(30))
    assert out["residents_day"].sum() == 0 and out["residents_evening"].sum() > 0
    assert ff.visits[0] == 0 and ff.visits[1] > 0


def test_visits_never_exceed_people(main_scenario):
    """Even with everyone going every daypart, each resident visits each unit at most once per
    daypart: unit visits ≤ residents × (1 + one linked visit)."""
    n = 300
    pop = toy_population(walk_m=[10.0] * n)
    ff = make_footfall(main_scenario, pop, **{
        "footfall.trips_per_day_day.age_26_64": 1.0, "footfall.trips_per_day_evening.age_26_64": 1.0,
        "footfall.outside_visitors_per_day": 0.0, "footfall.weekend_factor_day.age_26_64": 1.0,
        "footfall.weekend_factor_evening.age_26_64": 1.0, "footfall.outside_option_attraction": 1e-9})
    units = [unit(i, 1.0 + i, link=0.5) for i in range(4)]
    ff.refresh(units, 4, 1.0, 1.0, np.ones(n))
    days = 7
    out = ff.segment(np.zeros(days, dtype=bool), np.ones(days), np.zeros(days))
    assert (out["residents_day"] <= n).all() and (out["residents_evening"] <= n).all()
    assert (out["residents_day"] >= n - 2).all()  # p ≈ 1
    assert (out["unit_visits"] <= 2 * 2 * n).all()
    assert ff.seen.sum() == n


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(0.01, 10), min_size=2, max_size=8), st.integers(0, 2**32 - 1))
def test_linked_second_unit_is_never_the_first(main_scenario, attractions, seed):
    pop = toy_population(walk_m=[100.0] * 50)
    ff = make_footfall(main_scenario, pop)
    ff.refresh([unit(i, a) for i, a in enumerate(attractions)], len(attractions), 1.0, 1.0, np.ones(50))
    rng = np.random.default_rng(seed)
    g = np.full(2000, 8)
    first = ff._first[(0, 0)].locate(g, rng.random(g.size))
    rows, second = ff._second_choice((0, 0), g, first)
    assert rows.size == g.size
    assert (second != first[rows]).all()


def test_choice_follows_shares(main_scenario):
    pop = toy_population(walk_m=[100.0] * 10)
    ff = make_footfall(main_scenario, pop)
    ff.refresh([unit(0, 1.0), unit(1, 3.0), unit(2, 6.0)], 3, 1.0, 1.0, np.ones(10))
    picks = ff._first[(0, 0)].locate(np.full(200_000, 8), np.random.default_rng(5).random(200_000))
    shares = np.bincount(picks, minlength=3) / picks.size
    assert shares == pytest.approx([0.1, 0.3, 0.6], abs=0.005)


def test_closed_unit_gets_no_visits_in_the_model(one_year):
    sc = one_year.with_overrides({
        "interventions.shut.date": "2022-04-01", "interventions.shut.action": "close_unit",
        "interventions.shut.unit": "pizzeria"})
    out = CentreModel(sc, rng=2).run()
    j = [u["name"] for u in out.units].index("pizzeria")
    assert out.unit_visits[:3, j].sum() > 0
    assert out.unit_visits[3:, j].sum() == 0


def test_weekly_cycle_shows_and_seasons_stay_small(one_year):
    out = CentreModel(one_year, rng=4).run()
    v = out.daily["visitors_day"] + out.daily["visitors_evening"]
    weekday = (np.datetime64("2022-01-01") + np.arange(v.size)).astype(int)
    dow = (weekday + 3) % 7
    assert v[dow < 5].mean() != pytest.approx(v[dow >= 5].mean(), rel=0.03)
    monthly = np.array([v[(np.arange(v.size) // 30) == m].mean() for m in range(12)])
    assert monthly.max() / monthly.min() < 1.5
    assert DAYPART_HOURS == (9.0, 5.0)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(0, 10), min_size=1, max_size=12).filter(lambda a: sum(a) > 0), st.integers(0, 2**32 - 1))
def test_lookup_sampling_equals_a_binary_search(main_scenario, attractions, seed):
    pop = toy_population(walk_m=[100.0] * 5)
    ff = make_footfall(main_scenario, pop)
    ff.refresh([unit(i, a) for i, a in enumerate(attractions)], len(attractions), 1.0, 1.0, np.ones(5))
    rng = np.random.default_rng(seed)
    g = rng.integers(0, 12, 5000)
    at = rng.random(5000)
    shares = ff._first[(0, 0)]
    at[:len(attractions)] = shares.cum[8][: len(attractions)] % 1.0  # exactly on edges too
    got = shares.locate(g, at.copy())
    cum = shares.cum
    want = np.array([np.searchsorted(cum[gi], a, side="right") for gi, a in zip(g, at)])
    assert np.array_equal(got, np.minimum(want, cum.shape[1] - 1))


def test_outside_visitors_only_go_where_something_draws_them(main_scenario):
    pop = toy_population(walk_m=[100.0] * 10)
    ff = make_footfall(main_scenario, pop)
    ff.refresh([unit(0, 0.0)], 1, 1.0, 1.0, np.ones(10))  # a unit that draws nobody
    out = ff.segment(np.zeros(20, dtype=bool), np.ones(20), np.zeros(20))
    assert out["outside_day"].sum() == 0 and ff.visits[0] == 0


def test_the_poisson_quantile_is_scipys():
    from scipy.stats import poisson

    from centrumsim.model.streams import poisson_ppf
    rng = np.random.default_rng(5)
    q, mu = rng.random(20_000), rng.random(20_000) * 200
    assert np.array_equal(poisson_ppf(q, mu), poisson.ppf(q, mu).astype(np.int64))
    assert list(poisson_ppf(np.array([0.3, 0.5]), np.array([0.0, 0.0]))) == [0, 0]  # nothing expected, none come
