"""Residents and foot traffic at the scale of the whole area: the population, what changes who
comes, and the indicators' formulas (hand-checkable numbers)."""

from __future__ import annotations

import numpy as np
import pytest

from centrumsim import CentreModel
from centrumsim.model.indicators import evenness, satisfaction
from centrumsim.model.population import HOUSEHOLD_TYPES, synthesise
from centrumsim.scenario import IndicatorSection


def visitors(sc, seed=3, key=None):
    out = CentreModel(sc, rng=seed).run()
    return out if key is None else out.daily[key].sum()


def test_population_2020_and_2015(main_scenario):
    for residents, households in ((5800, 2050), (5000, 1700)):
        area = main_scenario.with_overrides({"area.residents": residents, "area.households": households}).area
        pop = synthesise(area, np.random.default_rng(1))
        here = pop.here
        assert here.sum() == residents and np.unique(pop.household[here]).size == households
        assert (pop.age_band[here] <= 2).mean() == pytest.approx(0.35, abs=1e-9)
        hh = pop.household_table()
        assert hh["size"].sum() == residents and hh["size"].mean() == pytest.approx(residents / households)
        types = {HOUSEHOLD_TYPES[t] for t in np.unique(hh["type"])}
        assert {"single", "couple", "family", "single_parent"} <= types
        adults = (pop.age_band >= 3) & here
        assert pop.employed[~adults].sum() == 0 or (pop.age_band[pop.employed] >= 3).all()


def test_more_residents_more_visits(one_year):
    base = visitors(one_year, key="visitors_day")
    more = visitors(one_year.with_overrides({"area.residents": 8000, "area.households": 2830}), key="visitors_day")
    assert more > base * 1.2


def test_better_tram_crossing_brings_more_visits_from_across_the_line(one_year):
    across = list(one_year.area.zones).index("gamla_andra_sidan")
    before = visitors(one_year).visitors_by_zone[:, :, across].sum()
    after = visitors(one_year.with_overrides({"footfall.tram_crossing_improved": True})).visitors_by_zone[:, :, across].sum()
    assert after > before * 1.05


def test_evening_activities_bring_evening_visits(one_year):
    houses = [n for n, u in one_year.units.items() if u.kind == "activity_house"]
    closed = one_year.with_overrides({f"units.{n}.hours_evening": 0 for n in houses})
    assert visitors(one_year, key="visitors_evening") > visitors(closed, key="visitors_evening") * 1.1


def test_without_evening_activities_the_centre_empties_in_the_evening(one_year):
    evening_off = {f"units.{n}.hours_evening": 0 for n in one_year.units}
    out = visitors(one_year.with_overrides(evening_off))
    assert out.daily["visitors_evening"].sum() == 0  # nothing open: nobody comes


def test_lower_perceived_safety_fewer_visits(one_year):
    unsafe = one_year.with_overrides({"unrest.base_safety_share": 0.4})
    assert visitors(unsafe, key="visitors_day") < visitors(one_year, key="visitors_day")
    assert visitors(unsafe, key="visitors_evening") < 0.7 * visitors(one_year, key="visitors_evening")


def test_public_events_lift_visits(one_year):
    none = {f"units.{n}.public_events_per_year": 0 for n in one_year.units}
    many = {f"units.{n}.public_events_per_year": 100 for n in one_year.units if n.endswith("hus")}
    assert visitors(one_year.with_overrides(many), key="visitors_day") > visitors(
        one_year.with_overrides(none), key="visitors_day") * 1.1


def test_unique_visitors_never_exceed_residents(one_year):
    out = visitors(one_year)
    assert (out.monthly["unique_visitors"] <= out.monthly["residents"]).all()
    assert (out.visitors_by_group.sum(axis=2) <= out.monthly["residents"][:, None] * 31).all()


def test_month_to_month_seasonality_is_small(one_year):
    # the same units all year (no operator gives up or enters), so that only the season varies
    steady = one_year.with_overrides({"enterprise.pause_after_deficit_months": 24, "tenants.leave_after_loss_months": 24,
                                      "tenants.entry_attempts_per_year": 0})
    out = visitors(steady)
    v = out.daily["visitors_day"] + out.daily["visitors_evening"]
    month = np.array([np.datetime64(m) for m in out.month_labels])
    dates = np.datetime64(out.start_date) + np.arange(v.size)
    means = np.array([v[dates.astype("datetime64[M]") == m].mean() for m in month])
    assert means.max() / means.min() < 1.25


def test_evenness_hand_example():
    # visits 60 % men / 40 % women vs residents 50/50 → dissimilarity 0.1 → evenness 0.9
    v = np.zeros(12)
    v[8], v[9] = 60, 40
    r = np.zeros(12)
    r[8], r[9] = 50, 50
    assert evenness(v, r) == pytest.approx(0.9)
    assert evenness(r, r) == pytest.approx(1.0)
    assert np.isnan(evenness(np.zeros(12), r))


def test_satisfaction_hand_example():
    ind = IndicatorSection()  # weights 0.4 / 0.3 / 0.3
    assert satisfaction(70.0, 0.8, 0.5, ind) == pytest.approx(100 * (0.4 * 0.7 + 0.3 * 0.8 + 0.3 * 0.5))


def test_club_active_children_need_a_sports_activity(one_year):
    out = visitors(one_year)
    assert 0 < out.monthly["club_active_share"].mean() < 1
    no_sports = one_year.with_overrides({"units.idrottens_hus.sports": False, "units.gym.sports": False})
    assert visitors(no_sports).monthly["club_active_share"].max() == 0
