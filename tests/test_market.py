"""The letting market: a prospect's estimate from the model's own foot traffic agrees with what
incumbents earn, leases bind tenants to their notice, the owner can let a leaving tenant go
when it needs the premises, asking rents fall in long vacancies, and entries and exits are
counted."""

from __future__ import annotations

import numpy as np
import pytest

from centrumsim import CentreModel
from centrumsim.analysis import run_seeds as run
from centrumsim.model.ledger import result
from centrumsim.model.market import Market
from centrumsim.model.prospects import expected_result_sek, expected_visits
from centrumsim.model.units import Status



@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_prospect_like_the_incumbent_estimates_what_the_incumbent_earns(one_year, seed):
    # no entrants: the estimate in April cannot know of a competitor signing in May
    # ... and no cuts of hours: a prospect plans the kind's full hours
    model = CentreModel(one_year.with_overrides({"tenants.entry_attempts_per_year": 0, "tenants.cut_after_loss_months": 24,
                                                 "enterprise.cut_after_loss_months": 24}), rng=seed)
    estimates, visits = {}, {}
    while model.running:
        model.step()
        if model.month == 3 and model.calendar.month_end[model.day]:  # a prospect looks at the centre in April
            view = model.outlook()
            # (not the gym and the studio: their members' visits are membership's, which a prospect's
            # estimate leaves out — no kind a prospect may be sells memberships)
            for name in ("livs", "frisor", "pizzeria", "cafe"):
                u = model.unit_by_name[name]
                estimates[name] = expected_result_sek(view, u.spec, u.premises, u.rent_discount, replacing=u.index)
                visits[name] = expected_visits(view, u.spec, replacing=u.index)[0]
    out = model.output()
    # the estimate knows what is open in April: compare it with the months in which the same
    # units were open as in April and the month before (a unit pausing later, e.g. the gym in
    # June, sends its visitors elsewhere, which no estimate in April can know)
    same = (out.status == out.status[3]).all(axis=1)
    same &= np.concatenate([[True], same[:-1]])
    for name, estimate in estimates.items():
        # over the months it was open throughout (open at the month's end and the one before)
        status = out.status[:, [u["name"] for u in out.units].index(name)]
        whole = (status == 0) & (np.concatenate([[0], status[:-1]]) == 0) & same
        realised = result(out.books[whole, out.ledger_names.index(name), :]).mean() / 100
        seen = out.unit_visits[whole, [u["name"] for u in out.units].index(name)].mean()
        assert abs(visits[name] - seen) <= 0.05 * seen, (name, visits[name], seen)  # the model's own foot traffic
        # a result is a small difference of large numbers (the café's ≈ 5 000 SEK a month of ≈ 60 000
        # turnover): within a quarter, or 1 500 SEK a month
        assert abs(estimate - realised) <= max(0.25 * abs(realised), 1500), (name, estimate, realised)


def test_asking_rents_fall_the_longer_a_premises_stands_empty(main_scenario):
    sc = main_scenario.with_overrides({"tenants.vacant_rent_cut_share_per_year": 0.2,
                                       "tenants.vacant_rent_floor_share": 0.7})
    market = Market(sc, np.random.default_rng(0))
    assert market.asking_discount("butik_4") == 0.0
    market.months_vacant["butik_4"] = 6
    assert market.asking_discount("butik_4") == pytest.approx(0.1)
    market.months_vacant["butik_4"] = 60
    assert market.asking_discount("butik_4") == pytest.approx(0.3)  # no lower than 70 % of the list rent
    assert market.asking_discount("gymlokalen") == 0.2  # its own discount stands


def test_the_owner_lets_a_leaving_tenant_go_when_it_needs_the_premises(main_scenario):
    # the hairdresser gives its work away: it cuts its hours twice (2022-02, 2022-04), gives
    # notice after six more months (2022-10), its lease runs on; a planned gym scheduled for its
    # premises in 2023-02 has it let go early
    sc = main_scenario.with_overrides({
        "time.years": 2, "units.frisor.price_sek": 0, "tenants.entry_attempts_per_year": 0,
        "units.gym.premises": "butik_3", "units.gym.initially_open": False,
        "interventions.gym_opens.date": "2023-02-01", "interventions.gym_opens.action": "open_unit",
        "interventions.gym_opens.unit": "gym"})
    model = CentreModel(sc, rng=0)
    model.run()
    frisor = [(m, str(s), w) for m, u, s, w in model.changes if u == "frisor"]
    assert frisor == [("2022-02", "open", "hours cut"), ("2022-04", "open", "hours cut"),
                      ("2022-10", "paused", "notice"), ("2023-02", "closed", "lease ended early")]
    assert ("2023-02", "gym", Status.OPEN, "intervention") in model.changes  # on its date, not at the lease's end


def test_a_planned_tenant_signs_its_lease_when_it_opens(main_scenario):
    sc = main_scenario.with_overrides({
        "time.years": 2, "units.pizzeria.initially_open": False, "tenants.entry_attempts_per_year": 0,
        "interventions.pizza.date": "2023-03-01", "interventions.pizza.action": "open_unit",
        "interventions.pizza.unit": "pizzeria"})
    model = CentreModel(sc, rng=0)
    assert model.unit_by_name["pizzeria"].lease_start is None
    while model.month < 15:
        model.step()
    assert model.unit_by_name["pizzeria"].lease_start == 14  # March 2023: month 14 of the run


@pytest.mark.slow  # three seeds over three years, twice
def test_entries_and_exits_are_counted(main_scenario):
    # a pizzeria that gives its food away loses every month: it cuts its evening and its day
    # hours (two months each), then gives notice after six more, in October 2022
    sc = main_scenario.with_overrides({"time.years": 3, "units.pizzeria.price_sek": 0,
                                       "tenants.entry_attempts_per_year": 6})
    res = run(sc, seeds=3)
    s = res.summary()["market"]
    t = sc.tenants
    notice = "2022-%02d" % (2 * t.cut_after_loss_months + t.leave_after_loss_months)  # two cuts first
    for r in res.runs:
        assert (notice, "pizzeria", "paused", "notice") in [(m, u, str(st), w) for m, u, st, w in r.changes]
    for key, why in (("exits_per_year", "notice"), ("entries_per_year", "entered")):
        per_run = sorted(sum(1 for *_, w in r.changes if w == why) / r.years for r in res.runs)
        assert s[key]["median"] == pytest.approx(per_run[1]), key
    assert s["exits_per_year"]["p05"] >= 1 / 3.01  # the pizzeria at least
    closed = main_scenario.with_overrides({"time.years": 3, "tenants.entry_attempts_per_year": 0})
    assert run(closed, seeds=2).summary()["market"]["entries_per_year"]["p95"] == 0
