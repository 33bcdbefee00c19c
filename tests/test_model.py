"""Model-level behaviour: reproducibility, tenants leaving, the enterprise carrying, unrest."""

from __future__ import annotations

import numpy as np

from centrumsim import CentreModel
from centrumsim.analysis import run_seeds as run
from centrumsim.model.ledger import LINE_INDEX
from centrumsim.model.occupancy import reserved_premises
from centrumsim.model.population import synthesise


def test_same_seed_same_result_different_seed_differs(one_year):
    a, b, c = (CentreModel(one_year, rng=s).run() for s in (7, 7, 8))
    for key in a.daily:
        assert np.array_equal(a.daily[key], b.daily[key])
    assert np.array_equal(a.books, b.books)
    assert not np.array_equal(a.daily["visitors_day"], c.daily["visitors_day"])


def test_population_matches_the_scenario(main_scenario):
    pop = synthesise(main_scenario.area, np.random.default_rng(0))
    assert pop.n == 5800
    assert np.unique(pop.household).size == 2050
    assert (np.bincount(pop.age_band, minlength=6) / pop.n)[:3].sum() == 0.35
    # every child lives in a household with an adult
    adult_hh = set(pop.household[pop.age_band >= 3])
    assert set(pop.household[pop.age_band <= 2]) <= adult_hh


def test_commercial_tenant_with_sustained_losses_closes_and_serves_out_its_lease(main_scenario):
    sc = main_scenario.with_overrides({"time.years": 4, "units.pizzeria.price_sek": 0, "tenants.entry_attempts_per_year": 0})
    model = CentreModel(sc, rng=1)
    out = model.run()
    pizzeria = model.unit_by_name["pizzeria"]
    # it first cuts its evening, then its day hours (two steps, each after two short months),
    # and only then counts its months short of its requirement
    t = sc.tenants
    adapting = 2 * t.cut_after_loss_months
    assert [(m, w) for m, u, s, w in model.changes if u == "pizzeria"][:2] == [
        ("2022-%02d" % t.cut_after_loss_months, "hours cut"), ("2022-%02d" % adapting, "hours cut")]
    leave = adapting + t.leave_after_loss_months
    assert ("%04d-%02d" % (2022, leave), "pizzeria", "paused", "notice") in model.changes
    # the lease ends at a term boundary at least the notice ahead; rent until then, then vacant
    ends = pizzeria.lease_ends
    assert (ends - pizzeria.lease_start) % sc.tenants.lease_term_months == 0 and ends >= leave + sc.tenants.notice_months
    assert pizzeria.status == "closed" and (out.month_labels[ends - 1], "pizzeria", "closed", "lease ended") in [
        (m, u, s, w) for m, u, s, w in model.changes]
    j = out.ledger_names.index("pizzeria")
    from centrumsim.model.ledger import LINE_INDEX
    rent = out.books[:, j, LINE_INDEX["rent"]]
    staff = out.books[:, j, LINE_INDEX["staff"]]
    assert (rent[leave:ends] > 0).all() and (staff[leave:ends] == 0).all() and (rent[ends:] == 0).all()


def test_enterprise_unit_with_the_same_losses_stays_while_the_whole_carries_it(one_year):
    # the same pizzeria run by the enterprise, alongside a well-funded whole
    sc = one_year.with_overrides({
        "units.pizzeria.price_sek": 0, "units.pizzeria.operator": "enterprise",
        "enterprise.grant_sek_per_month": 500_000,
    })
    model = CentreModel(sc, rng=1)
    model.run()
    assert model.unit_by_name["pizzeria"].status == "open"


def _gym_losing(one_year, cash_sek):
    return one_year.with_overrides({
        "time.years": 2, "units.gym.price_sek": 0, "units.gym.member_share_at_door": 0, "enterprise.grant_sek_per_month": 0,
        "units.fastighetsservice.service_contract_sek_per_month": 0, "enterprise.starting_cash_sek": cash_sek,
        "enterprise.overdraft_limit_sek": 10_000_000,  # no cash crisis: the plan alone
    })


def test_enterprise_pauses_a_unit_the_whole_cannot_carry(one_year):
    sc = _gym_losing(one_year, 0)  # no cash: the plan fails from the start
    model = CentreModel(sc, rng=1)
    model.run()
    gym = [(m, str(s), why) for m, u, s, why in model.changes if u == "gym"]
    ent = sc.enterprise
    adapting = 2 * ent.cut_after_loss_months  # evening, then day hours, before giving up
    assert gym[:3] == [("2022-%02d" % ent.cut_after_loss_months, "open", "hours cut"),
                       ("2022-%02d" % adapting, "open", "hours cut"),
                       ("2022-%02d" % (adapting + ent.pause_after_deficit_months), "paused", "deficit")]
    # no cash comes back: it never reopens, and is closed after a year paused
    assert gym[3][1:] == ("closed", "deficit") and len(gym) == 4


def test_enterprise_with_cash_to_carry_a_loser_keeps_it_open(one_year):
    # the opposite: the same losing gym, but the whole can carry it for the plan's horizon
    sc = _gym_losing(one_year, 10_000_000)
    model = CentreModel(sc, rng=1)
    model.run()
    gym = [(str(s), why) for m, u, s, why in model.changes if u == "gym"]
    assert gym == [("open", "hours cut"), ("open", "hours cut")]  # it adapts, and is carried
    assert model.unit_by_name["gym"].status == "open"


def test_insolvent_enterprise_pauses_its_loss_makers(one_year):
    sc = one_year.with_overrides({
        "units.gym.price_sek": 0, "units.gym.member_share_at_door": 0, "enterprise.grant_sek_per_month": 0,
        "units.fastighetsservice.service_contract_sek_per_month": 0,
        "enterprise.starting_cash_sek": 0, "enterprise.overdraft_limit_sek": 50_000,
    })
    model = CentreModel(sc, rng=1)
    model.run()
    assert any(s == "paused" and why == "cash" for _, _, s, why in model.changes)


def test_no_young_residents_no_events(main_scenario):
    # nobody aged 6–25, so nobody turns 13 within two years, and movers-in are like the starters
    sc = main_scenario.with_overrides({
        "time.years": 2, "area.age_shares.age_6_12": 0.0, "area.age_shares.age_13_19": 0.0,
        "area.age_shares.age_20_25": 0.0, "area.age_shares.age_26_64": 0.78, "unrest.legitimacy": 0.2,
    })
    out = CentreModel(sc, rng=0).run()
    assert out.daily["events"].sum() == 0 and out.events.size == 0
    # …but with 12-year-olds, a cohort turns 13 and unrest can begin
    sc = sc.with_overrides({"area.age_shares.age_6_12": 0.13, "area.age_shares.age_26_64": 0.65})
    out = CentreModel(sc, rng=0).run()
    assert out.n_youth > 0 and out.events.size > 0


def test_unrest_damage_lands_in_the_target_units_books(one_year):
    sc = one_year.with_overrides({"unrest.legitimacy": 0.6})  # a troubled year: many events
    model = CentreModel(sc, rng=5)
    out = model.run()
    hit = out.events[out.events["unit"] >= 0]
    assert hit.size > 0
    own = out.books[:, :, LINE_INDEX["repairs"]].sum()
    deductible = {u.name: u.spec.insurance_deductible_sek for u in model.units}
    expected = 0
    for e in hit:
        name = out.units[e["unit"]]["name"]
        expected += int(round(min(e["damage_ore"] / 100, deductible[name]) * 100))
    assert abs(own - expected) <= hit.size  # öre rounding per event at most


def test_run_api_returns_results(one_year):
    res = run(one_year, seeds=2)
    s = res.summary()
    assert s["seeds"] == [0, 1] and s["years"] == 1
    assert set(res.books.columns) >= {"seed", "month", "unit", "line", "amount_sek", "amount_ore"}
    assert len(res.timeseries) == 2 * 12


def test_common_random_numbers_across_scenarios(one_year):
    """Changing linked trips changes unit visits but not who comes, nor the unrest events."""
    base = one_year
    a = CentreModel(base, rng=11).run()
    b = CentreModel(base.with_overrides({"units.cafe.link_share": 0.4}), rng=11).run()
    # within the first month nothing else can differ (after it, the café's linked visits reach
    # other units' books and, through them, the tenants' decisions)
    first_month = slice(0, 31)
    for key in ("visitors_day", "visitors_evening", "events"):
        assert np.array_equal(a.daily[key][first_month], b.daily[key][first_month]), key
    assert not np.array_equal(a.daily["unit_visits"], b.daily["unit_visits"])


def test_a_paused_unit_reopens_when_the_whole_can_carry_it_again(main_scenario):
    # the rest of the mix earns (a large service contract), the gym loses: paused while the plan
    # fails (a debt of 2 MSEK), reopened once the others' surplus has refilled the cash to the
    # floor plus six months of its loss, and then carried
    sc = main_scenario.with_overrides({
        "time.years": 4, "units.gym.price_sek": 0, "units.gym.member_share_at_door": 0,
        "enterprise.starting_cash_sek": -2_000_000, "enterprise.grant_sek_per_month": 0,
        "enterprise.overdraft_limit_sek": 10_000_000,
        "units.fastighetsservice.service_contract_sek_per_month": 300_000,
    })
    model = CentreModel(sc, rng=1)
    model.run()
    gym = [(str(s), why) for m, u, s, why in model.changes if u == "gym" and not why.startswith("hours")]
    assert gym == [("paused", "deficit"), ("open", "reopened")]  # the reopening rule can be met
    assert model.unit_by_name["gym"].status == "open"


def test_close_cancels_a_pending_opening_made_twice(one_year):
    sc = one_year.with_overrides({
        "units.cafe2.kind": "cafe", "units.cafe2.operator": "enterprise",
        "units.cafe2.premises": "butik_2", "units.cafe2.initially_open": False,
        "interventions.a.date": "2022-02-01", "interventions.a.action": "open_unit", "interventions.a.unit": "cafe2",
        "interventions.b.date": "2022-03-01", "interventions.b.action": "open_unit", "interventions.b.unit": "cafe2",
        "interventions.c.date": "2022-04-01", "interventions.c.action": "close_unit", "interventions.c.unit": "cafe2",
        "interventions.d.date": "2022-05-01", "interventions.d.action": "close_unit", "interventions.d.unit": "pizzeria",
    })
    model = CentreModel(sc, rng=0)
    model.run()
    assert model.unit_by_name["cafe2"].status == "closed"  # cancelled before it ever opened
    assert not model.unit_by_name["cafe2"].months_open
    assert "butik_2" not in reserved_premises(model.spec, model.unit_by_name, model.calendar)
    assert ("2022-05", "pizzeria", "closed", "intervention") in model.changes


def test_status_is_the_month_as_lived(one_year):
    sc = one_year.with_overrides({"units.pizzeria.price_sek": 0})
    model = CentreModel(sc, rng=1)
    out = model.run()
    j = [u["name"] for u in out.units].index("pizzeria")
    leave = 2 * sc.tenants.cut_after_loss_months + sc.tenants.leave_after_loss_months  # it adapts first
    assert out.status[leave - 1, j] == 0  # open during the month it decided to leave
    assert out.status[leave, j] == 1  # shop closed (serving out the lease) from the next month


def test_a_do_nothing_intervention_changes_nothing(one_year):
    """Segments split at intervention days; who visits and what happens must not depend on it.
    Within a split month the unit choices are drawn in another order (the same distribution, other
    draws: the books differ by chance, not by the intervention), so operators that adapt to their
    books would carry that chance into later months' visits: adaptation is held off here."""
    one_year = one_year.with_overrides({"enterprise.cut_after_loss_months": 24, "tenants.cut_after_loss_months": 24})
    a = CentreModel(one_year, rng=4).run()
    sc = one_year.with_overrides({"interventions.noop.date": "2022-03-15", "interventions.noop.action": "hire_guards",
                                  "interventions.noop.value": 0, "interventions.noop.until": "2022-06-10"})
    b = CentreModel(sc, rng=4).run()
    for key in ("visitors_day", "visitors_evening", "events"):
        assert np.array_equal(a.daily[key], b.daily[key]), key


def test_the_start_does_not_depend_on_the_horizon(main_scenario):
    short = CentreModel(main_scenario.with_years(2), rng=6).run()
    long = CentreModel(main_scenario.with_years(6), rng=6).run()
    first_year = slice(0, 365)
    for key in ("visitors_day", "visitors_evening", "events"):
        assert np.array_equal(short.daily[key][first_year], long.daily[key][first_year]), key
