"""Members are people: join hazards by hand, steady states, fees follow members, club-active
children are club members, and the relations (more residents → more members; a dearer fee →
fewer) — with the opposite answers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from centrumsim.model.membership import Membership, MemberUnit, join_factor, join_hazard, walk_distance_m
from centrumsim.model.model import CentreModel
from centrumsim.model.population import Population
from centrumsim.scenario import Unit, build


def gym(**kw) -> Unit:
    raw = {"kind": "gym", "operator": "enterprise", "premises": "p", "appeal": {}, "appeal_female_factor": 1.0,
           "member_share_at_door": 0.5, "member_leave_share_per_month": 0.02, "member_distance_scale_m": 800.0,
           "member_income_elasticity": 0.5, "membership_fee_sek_per_month": 250.0,
           "reference_membership_fee_sek_per_month": 250.0, "membership_price_elasticity": -1.2} | kw
    problems: list = []
    spec = build(Unit, raw, "u", problems)
    assert spec is not None, problems
    return spec


def people(n: int, walk_m: float = 0.0, income: float = 0.65, band: int = 4) -> Population:
    return Population.of_bands(
        age_band=np.full(n, band, dtype=np.int8), female=np.zeros(n, dtype=bool),
        household=np.arange(n, dtype=np.int32), zone=np.zeros(n, dtype=np.int16),
        walk_m=np.full(n, walk_m, dtype=np.float32), across_tram=np.zeros(n, dtype=bool),
        income_rel=np.full(n, income, dtype=np.float32), employed=np.ones(n, dtype=bool),
        here=np.ones(n, dtype=bool), zone_names=("z",))


def test_the_join_hazard_by_hand():
    spec = gym()
    pop = people(3, income=0.65)
    d = np.array([0.0, 800.0, 1600.0])
    m = join_factor(spec, pop, d, income_factor=1.0, reference_income=0.65)
    assert m == pytest.approx([1.0, math.exp(-1), math.exp(-2)])
    # r = 0.5 / 0.5 = 1, λ = 0.02: h = 0.02 · m
    assert join_hazard(spec, m) == pytest.approx(0.02 * m)
    # twice the income: × 2^0.5; fee +50 %: × exp(−1.2 · 0.5)
    rich = join_factor(spec, people(1, income=1.3), np.zeros(1), 1.0, 0.65)
    assert rich == pytest.approx([math.sqrt(2)])
    dear = join_factor(gym(membership_fee_sek_per_month=375.0), pop, np.zeros(3), 1.0, 0.65)
    assert dear[0] == pytest.approx(math.exp(-0.6))


def test_the_walk_takes_the_tram_detour():
    pop = people(2, walk_m=500.0)
    pop.across_tram[1] = True
    assert list(walk_distance_m(pop, 300.0, False)) == [500.0, 800.0]
    assert list(walk_distance_m(pop, 300.0, True)) == [500.0, 500.0]


def _members_after(spec: Unit, n: int, months: int, seed: int = 1) -> int:
    pop = people(n)
    ms = Membership(pop, np.random.default_rng(seed), reference_income=0.65)
    view = [MemberUnit(0, spec, True)]
    d = np.zeros(n)
    for month in range(months):
        ms.month_passes(month, view, d, 1.0, start=month == 0)
    return ms.members(0)


def test_the_steady_state_is_the_share_at_the_door():
    # at the door, appeal 1, reference fee and income: h / (h + λ) with h = λ s / (1 − s) → s
    got = _members_after(gym(member_share_at_door=0.3), 20_000, 1)
    assert got / 20_000 == pytest.approx(0.3, abs=0.015)
    later = _members_after(gym(member_share_at_door=0.3), 20_000, 60)
    assert later / 20_000 == pytest.approx(0.3, abs=0.02)


def test_more_residents_more_members_and_a_dearer_fee_fewer():
    spec = gym(member_share_at_door=0.2)
    few, many = _members_after(spec, 2_000, 24), _members_after(spec, 4_000, 24)
    assert many > 1.6 * few
    cheap = _members_after(gym(member_share_at_door=0.2, membership_fee_sek_per_month=200.0), 4_000, 24)
    dear = _members_after(gym(member_share_at_door=0.2, membership_fee_sek_per_month=400.0), 4_000, 24)
    assert dear < 0.8 * cheap
    # the opposite answer: with members who do not answer the fee, a dearer fee loses none
    flat = gym(member_share_at_door=0.2, membership_price_elasticity=0.0)
    same = _members_after(flat, 4_000, 24), _members_after(flat.__class__(**{**flat.__dict__,
                                                         "membership_fee_sek_per_month": 400.0}), 4_000, 24)
    assert same[0] == same[1]


def test_a_closed_unit_keeps_no_members_and_leavers_lose_theirs():
    pop = people(1_000)
    ms = Membership(pop, np.random.default_rng(2), reference_income=0.65)
    spec = gym(member_share_at_door=0.5)
    ms.month_passes(0, [MemberUnit(0, spec, True)], np.zeros(1_000), 1.0, start=True)
    assert 400 < ms.members(0) < 600
    pop.here[:500] = False
    pop.version += 1
    ms.month_passes(1, [MemberUnit(0, spec, True)], np.zeros(1_000), 1.0)
    assert (ms.since[0, :500] == -1).all()
    ms.month_passes(2, [MemberUnit(0, spec, False)], np.zeros(1_000), 1.0)
    assert ms.members(0) == 0 and ms.paying(0) == 0


def test_members_visit_on_open_days_only():
    pop = people(1_000)
    ms = Membership(pop, np.random.default_rng(3), reference_income=0.65)
    spec = gym(member_share_at_door=0.5, member_visits_per_week=2.5, open_weekends=False)
    ms.month_passes(0, [MemberUnit(0, spec, True)], np.zeros(1_000), 1.0, start=True)
    weekend = np.array([False] * 5 + [True] * 2)
    visits = ms.day_visits([MemberUnit(0, spec, True)], weekend)[0]
    assert (visits[5:] == 0).all()
    assert visits[:5].mean() == pytest.approx(ms.members(0) * 0.5, rel=0.15)


@pytest.fixture(scope="module")
def two_years(main_scenario):
    return main_scenario.with_overrides({"time.years": 2})


def _run(sc, seed=1):
    model = CentreModel(sc, rng=seed)
    out = model.run()
    return model, out


def test_fees_follow_members_in_the_books(two_years):
    model, out = _run(two_years)
    gym_unit = model.unit_by_name["gym"]
    col = out.ledger_names.index("gym")
    from centrumsim.model.ledger import LINE_INDEX
    fees = out.books[-1, col, LINE_INDEX["fees"]]
    if gym_unit.is_open:
        assert fees > 0
    # the clubs keep their fees: the sports house books none
    assert (out.books[:, out.ledger_names.index("idrottens_hus"), LINE_INDEX["fees"]] == 0).all()


def test_club_active_children_are_club_members(two_years):
    _model, out = _run(two_years)
    share = out.monthly["club_active_share"]
    assert (share > 0.1).all() and (share < 0.9).all()
    # no club: nobody is club-active, however often children come to the sports house
    none = two_years.with_overrides({"units.idrottens_hus.member_share_at_door": 0.0})
    assert (_run(none)[1].monthly["club_active_share"] == 0).all()


def test_more_residents_more_members_in_the_model(two_years):
    base = _run(two_years)[0]
    more = _run(two_years.with_overrides({"area.residents": 8_000, "area.households": 2_830}))[0]
    for name in ("idrottens_hus",):
        assert more.membership.members(more.unit_by_name[name].index) > base.membership.members(
            base.unit_by_name[name].index)


def test_membership_sees_the_hours_its_operator_cut(two_years):
    """A gym whose operator closed its evening and cut its day hours (model/adaptation.py) is
    open for fewer of its hours, and membership sees it: hours_share 6/10 = 0.6 of the join
    hazard (a shortened evening at this fear would cut it further)."""
    from centrumsim.model.membership import member_views

    model = CentreModel(two_years, rng=0)
    g = model.unit_by_name["gym"]
    (full,) = [v for v in member_views([g], 0.0, 1.0, 0.0)]
    g.adapt(-1, 0, two_years.enterprise)
    g.adapt(-1, 0, two_years.enterprise)
    (cut,) = [v for v in member_views([g], 0.0, 1.0, 0.0)]
    spec = g.spec
    assert full.hours_share == pytest.approx(1.0)
    assert cut.hours_share == pytest.approx(sum(g.hours_now) / (spec.hours_day + spec.hours_evening))
    assert cut.hours_share < 0.75


def test_members_visits_are_binomial_by_inversion():
    """One uniform a day, inverted (numpy's own binomial rejects and redraws, with outcomes that
    differed between numpy versions): Binomial(2, ½) has CDF ¼, ¾, 1."""
    from centrumsim.model.streams import binomial_ppf

    assert binomial_ppf(np.array([0.0, 0.2, 0.25, 0.26, 0.75, 0.76, 0.999]), 2, 0.5).tolist() == [0, 0, 0, 1, 1, 2, 2]
    assert binomial_ppf(np.array([0.3, 0.9]), 0, 0.5).tolist() == [0, 0]
    assert binomial_ppf(np.array([0.3, 0.9]), 7, 1.0).tolist() == [7, 7]
    draws = binomial_ppf(np.random.default_rng(0).random(20_000), 630, 0.2)
    assert draws.mean() == pytest.approx(126, abs=0.3) and draws.var() == pytest.approx(100.8, rel=0.05)
