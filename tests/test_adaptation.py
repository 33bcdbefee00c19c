"""Operators adapt before giving up: hours (evening first) and staff with them (model/adaptation.py)."""

from __future__ import annotations

import pytest

from centrumsim import CentreModel
from centrumsim.model.adaptation import Adaptation, cut_steps, hours_at, staff_share
from centrumsim.scenario.operators import AdaptPolicy

POLICY = AdaptPolicy(cut_after_loss_months=2, day_hours_cut_share=0.25, staff_floor_share=0.5,
                     restore_after_gain_months=3)


def test_hours_are_cut_evening_first_then_day(main_scenario):
    gym = main_scenario.units["gym"]  # 6 h day, 4 h evening, 1.5 FTE
    assert cut_steps(gym) == 2
    assert hours_at(gym, 0, 0.25) == (6.0, 4.0)
    assert hours_at(gym, 1, 0.25) == (6.0, 0.0)  # the evening goes first
    assert hours_at(gym, 2, 0.25) == (4.5, 0.0)  # then a quarter of the day
    # staff follow the hours kept: 6/10 = 0.6, then 4.5/10 = 0.45 → the floor of 0.5
    assert staff_share(gym, 1, POLICY) == pytest.approx(0.6)
    assert staff_share(gym, 2, POLICY) == pytest.approx(0.5)
    cafe = main_scenario.units["cafe"]  # no evening: its one step is the day
    assert cut_steps(cafe) == 1 and hours_at(cafe, 1, 0.25) == (6.0, 0.0)


def test_subsidised_posts_are_a_floor_for_staff(main_scenario):
    wi = main_scenario.units["fastighetsservice"]  # 4 FTE of which 3 subsidised, 8 h day
    assert staff_share(wi, 1, POLICY) == pytest.approx(0.75)  # 6/8 = 0.75 = the posts' 3/4


def test_a_unit_cuts_after_short_months_and_restores_when_the_staff_would_pay():
    a = Adaptation(steps=2)
    assert [a.month(-1, 0, 0, POLICY) for _ in range(4)] == [0, 1, 0, 1]  # two short months a step
    assert a.fully_adapted and a.month(-1, 0, 0, POLICY) == 0  # no step left
    # a good month that would not pay the staff a restored step adds does not count
    assert [a.month(500, 0, 1000, POLICY) for _ in range(5)] == [0] * 5 and a.step == 2
    assert [a.month(1500, 0, 1000, POLICY) for _ in range(3)] == [0, 0, -1] and a.step == 1
    # a short month breaks the good streak; the target is the operator's (a tenant's requirement)
    a.month(1500, 0, 1000, POLICY)
    a.month(4000, 5000, 0, POLICY)
    assert a.good_months == 0 and a.short_months == 1


def test_tenants_cut_hours_before_they_leave_when_incomes_fall(main_scenario):
    """Income down → hours cut before exits; the opposite: at today's incomes no tenant cuts."""
    sc = main_scenario.with_overrides({"time.years": 3, "tenants.entry_attempts_per_year": 0})
    poor = CentreModel(sc.with_overrides({"area.income_rel_national_median": 0.5}), rng=1)
    poor.run()
    tenants = [u.name for u in poor.units if u.operator == "commercial"]
    first = {}
    for month, unit, _, why in poor.changes:
        if unit in tenants:
            first.setdefault((unit, why), month)
    cut = [u for u in tenants if (u, "hours cut") in first]
    assert cut
    for u in tenants:  # whoever leaves has cut its hours first
        if (u, "notice") in first:
            assert (u, "hours cut") in first and first[(u, "hours cut")] < first[(u, "notice")]
    rich = CentreModel(sc.with_overrides({"area.income_rel_national_median": 1.0}), rng=1)
    rich.run()
    assert not [c for c in rich.changes if c[1] in tenants and c[3] == "hours cut"]


def test_a_cut_costs_visits(one_year):
    """Fewer hours: fewer visits (a closed evening draws nobody). Drop-in visits only: members
    feel the hours through joining and leaving (tests/test_membership.py)."""
    one_year = one_year.with_overrides({"units.gym.member_share_at_door": 0})
    full = CentreModel(one_year, rng=3)
    cut = CentreModel(one_year, rng=3)
    gym = cut.unit_by_name["gym"]
    gym.adapt(-1, 0, one_year.enterprise)
    gym.adapt(-1, 0, one_year.enterprise)
    assert gym.hours_now == (6.0, 0.0) and gym.staff_level == pytest.approx(0.6)
    cut.world_changed = True
    a, b = full.run(), cut.run()
    j = [u["name"] for u in a.units].index("gym")
    assert b.unit_visits[0, j] < 0.9 * a.unit_visits[0, j]  # its evening visitors (≈ 16 %) are gone
