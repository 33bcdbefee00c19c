"""Unrest, guardianship and partners' trust: the checks of the unrest submodel, on average over
seeds where the mechanism is stochastic."""

from __future__ import annotations

import numpy as np
import pytest

from centrumsim import CentreModel
from centrumsim.analysis import run_seeds as run
from centrumsim.results import fano_factor, share_top_actors
from centrumsim.model import Status

SEEDS = range(4)


@pytest.fixture(scope="module")
def troubled(main_scenario):
    """Two years in a troubled area: lower legitimacy, no EST."""
    return main_scenario.with_overrides({"time.years": 2, "unrest.legitimacy": 0.72, "unrest.est_active": False})


def mean_events(sc) -> float:
    return float(np.mean([CentreModel(sc, rng=s).run().daily["events"].sum() for s in SEEDS]))


@pytest.mark.slow  # a comparison over many seeds
def test_higher_legitimacy_fewer_events(troubled):
    assert mean_events(troubled.with_overrides({"unrest.legitimacy": 0.80})) < 0.7 * mean_events(troubled)


@pytest.mark.slow  # a comparison over many seeds
def test_more_guardianship_fewer_events(troubled):
    assert mean_events(troubled.with_overrides({"unrest.guards_fte": 20})) < 0.8 * mean_events(troubled)


@pytest.mark.slow  # a comparison over many seeds
def test_events_are_burstier_than_poisson(troubled):
    outs = [CentreModel(troubled, rng=s).run() for s in SEEDS]
    bursty = np.nanmean([fano_factor(o.monthly["events"]) for o in outs])
    calm = troubled.with_overrides({"unrest.excitation_share": 0.0, "unrest.broken_windows_max_lift_share": 0.0})
    flat = np.nanmean([fano_factor(CentreModel(calm, rng=s).run().monthly["events"]) for s in SEEDS])
    assert bursty > 1.5 and bursty > flat


@pytest.mark.slow  # a mean over many seeds
def test_a_small_share_of_actors_makes_most_events(troubled):
    shares = [share_top_actors(CentreModel(troubled, rng=s).run()) for s in SEEDS]
    assert np.nanmean(shares) > 0.5


@pytest.mark.slow  # a comparison over many seeds
def test_crackdown_backlash_then_fewer_events(troubled):
    sc = troubled.with_overrides({
        "interventions.tillslag.date": "2023-01-01", "interventions.tillslag.action": "start_crackdown",
        "interventions.tillslag.value": 15, "interventions.tillslag.until": "2023-12-31"})
    start = (np.datetime64("2023-01-01") - np.datetime64("2022-01-01")).astype(int)
    spike, fall = [], []
    for s in range(6):  # against the same seeds without the crackdown (common random numbers)
        e = CentreModel(sc, rng=s).run().daily["events"]
        f = CentreModel(troubled, rng=s).run().daily["events"]
        spike.append(e[start:start + 14].sum() - f[start:start + 14].sum())
        fall.append(e[start + 90:start + 300].sum() - f[start + 90:start + 300].sum())
    assert np.mean(spike) > 0 > np.mean(fall)


def test_crackdown_displaces_events(troubled):
    sc = troubled.with_overrides({
        "interventions.tillslag.date": "2022-03-01", "interventions.tillslag.action": "start_crackdown",
        "interventions.tillslag.value": 2, "interventions.tillslag.until": "2023-12-31"})
    out = CentreModel(sc, rng=1).run()
    assert out.daily["displaced_events"].sum() > 0
    assert out.events["displaced"].sum() == out.daily["displaced_events"].sum()
    assert (out.events["damage_ore"][out.events["displaced"]] == 0).all()


@pytest.mark.slow  # a comparison over many seeds
def test_posts_for_local_youths_calm_them(troubled):
    with_posts = CentreModel(troubled, rng=0)
    out = with_posts.run()
    assert out.monthly["youths_in_posts"].max() == round(
        troubled.units["fastighetsservice"].work_integration_posts * troubled.unrest.youth_post_share)
    no_posts = troubled.with_overrides({"unrest.youth_post_share": 0.0})
    strong = troubled.with_overrides({"unrest.post_relief_share": 1.0, "units.fastighetsservice.work_integration_posts": 60})
    assert mean_events(strong) < mean_events(no_posts)


@pytest.mark.slow  # a comparison over many seeds
def test_slow_repairs_breed_more_events(troubled):
    slow = {f"unrest.repair_days_{k}": 365 for k in ("enterprise", "tenant", "cut_upkeep", "public")}
    fast = {f"unrest.repair_days_{k}": 0 for k in ("enterprise", "tenant", "cut_upkeep", "public")}
    assert mean_events(troubled.with_overrides(slow)) > mean_events(troubled.with_overrides(fast))


def test_a_unit_that_loses_its_partners_trust_is_paused_and_reopens_when_trust_returns(one_year):
    model = CentreModel(one_year, rng=0)
    cafe = model.unit_by_name["cafe"]
    ent_units = [u for u in model.units if u.operator == "enterprise"]
    cafe.trust = 0.2  # after repeated threats and vandalism
    model.enterprise.apply_policies(ent_units, [0] * len(ent_units), 0, 30, 0.3, 0.6)
    assert cafe.status == Status.PAUSED and cafe.pause_reason == "trust" and cafe.partners_withdrawn
    for month in range(3):  # calm returns: trust recovers (as the model does each quiet month)
        cafe.trust += 0.2
        model.enterprise.apply_policies(ent_units, [0] * len(ent_units), 0, 60 + 30 * month, 0.3, 0.6)
    assert cafe.status == Status.OPEN and not cafe.partners_withdrawn


def test_repeated_targeting_pauses_units_for_trust(main_scenario):
    sc = main_scenario.with_overrides({
        "time.years": 2, "unrest.legitimacy": 0.6, "unrest.est_active": False,
        "unrest.types.threat.unit_target_share": 1.0, "unrest.types.vandalism.unit_target_share": 1.0})
    model = CentreModel(sc, rng=2)
    model.run()
    assert any(why == "trust" for _, _, s, why in model.changes if s == "paused")


def test_police_list_thresholds(one_year):
    always = run(one_year.with_overrides({"indicators.police_list_min_events_per_year": 0,
                                          "indicators.police_list_max_safety_index": 100}), seeds=1)
    assert always.police_list["on_police_list"].all()
    assert always.summary()["centre"]["years_on_police_list"] == {"2022": 1.0}
    never = run(one_year.with_overrides({"indicators.police_list_min_events_per_year": 1e6}), seeds=1)
    assert not never.police_list["on_police_list"].any()


def test_police_list_exit_lag():
    from centrumsim.results import police_list_flags

    # criteria met 2016–2017, not after: on 2016–2019, off from 2020 (after 2018 and 2019)
    assert police_list_flags([True, True, False, False, False, False], 2) == [True, True, True, True, False, False]
    assert police_list_flags([False, False], 2) == [False, False]  # never met: never on
    assert police_list_flags([True, False, True, False, False, False], 2) == [True, True, True, True, True, False]
