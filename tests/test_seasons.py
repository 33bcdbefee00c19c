"""The time of year (daylight, the school year) and the unrest mechanisms that replaced imposed
inputs: graded drive, repeats by the same youth, a perceived risk that is learnt. Hand-checkable
numbers."""

from __future__ import annotations

import numpy as np
import pytest

from centrumsim import CentreModel, load_scenario
from centrumsim.model.guardianship import guardians
from centrumsim.model.seasons import dark_share, make_seasons, school_days, summer_time, twilight_hours
from centrumsim.model.unrest import Event

from .conftest import ROOT

LAT, LON = 58.59, 16.19  # Norrköping
WEEKS = (1, 8, 14, 25, 26, 27, 28, 29, 30, 31, 32, 33, 44, 52, 53)
AREA = load_scenario(ROOT / "scenarios" / "klockaretorpet.toml").area


def days(*isodates: str) -> np.ndarray:
    return np.array(isodates, dtype="datetime64[D]")


def test_summer_time_starts_and_ends_on_the_last_sundays():
    on = summer_time(days("2022-03-26", "2022-03-27", "2022-10-29", "2022-10-30"))
    assert on.tolist() == [False, True, True, False]


def test_dusk_in_norrkoping_over_the_year():
    dawn, dusk = twilight_hours(days("2022-12-21", "2022-03-20", "2022-06-21"), LAT, LON)
    # midwinter: civil dusk ≈ 15:55 and dawn ≈ 07:50 CET (almanac; the model leaves out refraction,
    # a few minutes)
    assert 15.75 < dusk[0] < 16.1 and 7.6 < dawn[0] < 8.0
    # equinox: half a day of 6 h + ~40 min of civil twilight at 58.6°, solar noon ≈ 12:03 CET
    # (11:55 by longitude, + 7 min equation of time) → dusk ≈ 18:50
    assert 18.6 < dusk[1] < 19.0
    # midsummer: the sun sinks to −8° at 58.6° N, so civil dusk comes only just before midnight
    assert dusk[2] > 23.0


def test_dark_share_of_the_dayparts():
    seasons = make_seasons(days("2022-12-21", "2022-06-21"), AREA)
    evening, day = seasons.dark[1], seasons.dark[0]
    assert evening[0] == 1.0 and evening[1] == 0.0
    # midwinter day 08–17: dark after dusk (~15:55 in the model): about 1 of 9 hours
    assert 0.1 < day[0] < 0.2 and day[1] == 0.0
    assert dark_share(np.array([9.0]), np.array([20.0]), 17.0, 22.0)[0] == pytest.approx(0.4)


def test_people_away_in_the_july_weeks():
    away = make_seasons(days("2022-07-04", "2022-07-11", "2022-08-08"), AREA).away
    assert away.tolist() == [0.0, AREA.summer_away_share, 0.0]  # ISO weeks 27, 28, 32


def test_school_days_of_2022():
    year = np.arange(np.datetime64("2022-01-01"), np.datetime64("2023-01-01"))
    school = school_days(year, WEEKS)
    # 260 weekdays, less 14 holiday weeks of five days (2022 has no ISO week 53)
    assert school.sum() == 260 - 14 * 5
    assert not school[(np.datetime64("2022-07-12") - year[0]).astype(int)]
    assert school[(np.datetime64("2022-09-13") - year[0]).astype(int)]


def test_darkness_weakens_guardians_unless_lit(main_scenario):
    un = main_scenario.unrest.__class__(**{**main_scenario.unrest.__dict__, "eyes_per_guardian": 10.0})
    lit = guardians((100.0, 100.0), [], 0.0, 0.6, un, dark=(0.0, 1.0))
    assert lit == pytest.approx((10.0, 10.0 * 0.6))  # the evening fully dark: × (1 − 1 × 0.4)
    assert guardians((100.0, 100.0), [], 0.0, 1.0, un, dark=(0.5, 1.0)) == pytest.approx((10.0, 10.0))


def test_darkness_and_holidays_in_the_visit_chance(main_scenario):
    fv = CentreModel(main_scenario.with_years(1), rng=0).footfall
    loss = main_scenario.footfall.darkness_visit_loss_share
    assert fv.year_factor(np.array([[0.0, 0.5], [1.0, 0.0]]), np.array([0.0, 0.2])) == pytest.approx(
        np.array([[1.0, (1 - 0.5 * loss) * 0.8], [1 - loss, 0.8]]))  # (1 − loss × dark share) × (1 − away)
    weekend = np.zeros(5, dtype=bool)
    light, fear = np.ones((2, 5)), np.zeros(5)

    def five_days(**holiday):  # a fresh model each time: the same month's uniforms
        fv = CentreModel(main_scenario.with_years(1), rng=0).footfall
        fv.start_month(5)
        return fv.segment(weekend, light, fear, day_of_month=np.arange(5), **holiday)

    term, holiday = five_days(), five_days(holiday=np.ones(5, dtype=bool))
    # the same uniforms: on holidays the 6–19s' chance is × 1.15, nobody else's changes
    assert holiday["residents_day"].sum() > term["residents_day"].sum()
    assert holiday["outside_day"].sum() == term["outside_day"].sum()


@pytest.fixture
def calm_unrest(main_scenario):
    """A model's unrest with every youth alike: hardship 0.8, no risk aversion, no guardians."""
    sc = main_scenario.with_years(1).with_overrides({"unrest.risk_learning_days": 30})
    un = CentreModel(sc, rng=0).unrest
    un.hardship[:] = 0.8
    un.risk_aversion[:] = 0.0
    return un


def test_drive_is_the_margin_over_the_threshold(calm_unrest):
    un, sp = calm_unrest, calm_unrest.spec
    un.refresh((0.0, 0.0), legitimacy=0.8, activity_hours=0.0)
    # free day: idle 1, G = 0.8 × 0.2 × 1.5 = 0.24; drive = (0.24 − 0.1) / 0.1 = 1.4 for everyone
    n = un.youth.size
    expected = n * 1.4 * sp.events_per_active_day
    assert un.rate_by_daypart[1].sum() == pytest.approx(expected)
    # school day: 13–19s have half the idle time: G = 0.8 × 0.2 × 1.0 = 0.16, drive 0.6
    school = un.in_school.sum()
    assert un.rate_by_daypart[0].sum() == pytest.approx((school * 0.6 + (n - school) * 1.4) * sp.events_per_active_day)
    assert un.rate_by_daypart[1, 1] / un.rate_by_daypart[1].sum() == pytest.approx(sp.evening_share_of_activity)


def test_offspring_events_are_by_the_youth_who_excited_them(calm_unrest):
    un = calm_unrest
    un.refresh((0.0, 0.0), legitimacy=1.0, activity_hours=0.0)  # nobody active: only offspring
    assert un.rate_by_daypart.sum() == 0.0
    who = int(un.person[0])
    for _ in range(200):  # excite through one youth's events
        un._excite([Event(0, 0, who, 0.0, False)])
    rng = np.random.default_rng(1)
    events = [e for day in range(30) for e in un.day(rng, day, school_day=False)]
    assert events and {e.actor for e in events} == {who}


def test_perceived_risk_is_learnt_over_risk_learning_days(calm_unrest):
    un = calm_unrest
    un.perceived[:] = 0.0  # nobody about, and youths know it
    un.refresh((0.0, 30.0), legitimacy=0.8, activity_hours=0.0)  # police arrive in the evening
    assert un.perceived[1] == 0.0  # not seen yet
    rng = np.random.default_rng(0)
    for day in range(30):
        un.day(rng, day)
    assert un.perceived[1] == pytest.approx(30.0 * (1 - np.exp(-1.0)))


def test_displacement_grows_as_youths_learn_of_a_crackdown_and_fades_when_it_ends(main_scenario):
    from centrumsim.model.levers import Levers

    un = main_scenario.unrest  # displacement share 0.3, risk learnt over 30 days
    rate = 1 - np.exp(-1 / un.risk_learning_days)
    lv = Levers.from_scenario(un)
    assert lv.displacement(un) == 0.0  # no crackdown ever
    lv.start_crackdown(10.0, day=0)
    for _ in range(30):
        lv.learn_crackdown(rate)
    assert lv.displacement(un) == pytest.approx(un.crackdown_displacement_share * (1 - np.exp(-1)))
    known = lv.crackdown_known
    lv.start_crackdown(5.0, day=30)  # a second crackdown on top: what is known so far stays known
    assert lv.crackdown_known == known and lv.crackdown_size == 15.0
    lv.learn_crackdown(rate)
    assert lv.crackdown_known > known
    lv.end_crackdown(15.0)  # withdrawn: believed gone only gradually
    before = lv.displacement(un)
    lv.learn_crackdown(rate)
    assert 0 < lv.displacement(un) < before


def test_a_crackdown_before_the_run_is_known_from_its_first_day(main_scenario):
    sc = main_scenario.with_years(1).with_overrides({
        "interventions.t.date": "2021-06-01", "interventions.t.action": "start_crackdown",
        "interventions.t.value": 10, "interventions.t.until": "2022-06-01"})
    model = CentreModel(sc, rng=0)
    model.step()
    assert model.unrest.perceived == pytest.approx(model.unrest.guardians)
    assert model.levers.displacement(sc.unrest) == pytest.approx(sc.unrest.crackdown_displacement_share)


def test_take_up_of_activities_spreads_idle_time(calm_unrest):
    # with 40 activity hours (the halving hours) a youth of take-up a has idle 1/(1 + a): the
    # spread decides who is idle, not the mean
    un = calm_unrest
    un.refresh((0.0, 0.0), legitimacy=0.8, activity_hours=un.spec.idle_halving_hours_per_week)
    rates = np.diff(un.actor_cum[1][1], prepend=0.0)  # free days, evening: drive ∝ margin
    low, high = un.take_up < 0.5, un.take_up > 1.5
    assert rates[low].mean() > rates[high].mean()


def test_seasonality_is_judged_on_whole_years_only():
    from centrumsim.validation.kinds import month_of_year_profile

    dates = np.arange(np.datetime64("2022-07-01"), np.datetime64("2023-07-01"))
    assert month_of_year_profile(np.ones(dates.size), dates, 2022) is None  # no whole calendar year
    dates = np.arange(np.datetime64("2021-01-01"), np.datetime64("2024-01-01"))  # three years of 365 days
    july = (dates.astype("datetime64[M]").astype(int) % 12) == 6
    values = np.where(july, 0.5, 1.0)  # every July at half
    values[(dates >= np.datetime64("2022-05-01")) & (dates < np.datetime64("2022-06-01"))] = 3.0  # one odd May
    profile = month_of_year_profile(values, dates, 2021)
    year_mean = (334 + 0.5 * 31) / 365  # 2021 and 2023: eleven months at 1, July at 0.5
    assert profile[6] == pytest.approx(0.5 / year_mean)  # the July that comes back every year counts
    assert profile[4] == pytest.approx(1.0 / year_mean)  # the one odd May does not (the median)
