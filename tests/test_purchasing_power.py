"""Purchasing power: spend and outings follow household income relative to the national median;
the area's income can trend or be set; outside visitors spend what their own incomes allow; a
falling income makes profit-seekers leave while the enterprise keeps a unit that breaks even."""

from __future__ import annotations

import numpy as np
import pytest

from centrumsim import CentreModel
from centrumsim.analysis import run_seeds as run
from centrumsim.model.footfall import Footfall
from centrumsim.model.population import synthesise


def sales_by_unit(sc, seeds=(0, 1)) -> dict[str, float]:
    books = run(sc, seeds=list(seeds)).books
    return books[books["line"] == "sales"].groupby("unit")["amount_sek"].sum().to_dict()


def test_a_poorer_area_buys_less(one_year):
    steady = one_year.with_overrides({"enterprise.pause_after_deficit_months": 120, "tenants.leave_after_loss_months": 120,
                                      "enterprise.starting_cash_sek": 1e8})
    by_income = {inc: sales_by_unit(steady.with_overrides({"area.income_rel_national_median": inc}))
                 for inc in (0.45, 0.65, 0.85)}
    for unit in ("cafe", "livs", "pizzeria", "frisor"):
        assert by_income[0.45][unit] < by_income[0.65][unit] < by_income[0.85][unit], unit


def test_outside_visitors_spend_by_their_own_income(main_scenario):
    factors = []
    for area_income in (0.35, 2.0):
        sc = main_scenario.with_overrides({"area.income_rel_national_median": area_income})
        pop = synthesise(sc.area, np.random.default_rng(0))
        factors.append(Footfall(pop, sc.footfall).outside_spend_factor)
    assert factors[0] == factors[1]
    richer = main_scenario.with_overrides({"footfall.outside_income_rel_national_median": 1.5})
    pop = synthesise(richer.area, np.random.default_rng(0))
    assert Footfall(pop, richer.footfall).outside_spend_factor > factors[0]


def test_the_income_trend_compounds_and_an_intervention_sets_it(main_scenario):
    sc = main_scenario.with_overrides({"time.years": 2, "area.income_trend_share_per_year": -0.1})
    out = CentreModel(sc, rng=0).run()
    income = out.monthly["area_income"]
    assert income[0] == 0.65 and income[12] == pytest.approx(0.65 * 0.9)
    set_ = sc.with_overrides({"interventions.crash.date": "2022-07-01", "interventions.crash.action": "set_area_income",
                              "interventions.crash.value": 0.4})
    stepped = CentreModel(set_, rng=0).run().monthly["area_income"]
    assert stepped[6] == pytest.approx(0.4) and stepped[18] == pytest.approx(0.4 * 0.9)
    assert (stepped[:6] == income[:6]).all()


@pytest.fixture(scope="module")
def marginal_hairdresser(main_scenario):
    """Six years with a hairdresser that earns a modest profit (~10 kSEK a month: more staff
    than the catalogue's), no new tenants, and partners whose trust unrest does not shake (so
    that income alone decides)."""
    return main_scenario.with_overrides({"time.years": 6, "tenants.entry_attempts_per_year": 0,
                                         "units.frisor.staff_fte": 1.7, "unrest.trust_loss_per_event": 0})


def months_open(out, unit: str) -> int:
    return int((out.status[:, [u["name"] for u in out.units].index(unit)] == 0).sum())


@pytest.mark.slow
def test_falling_incomes_drive_out_the_profit_seeker_not_the_enterprise(marginal_hairdresser):
    falling = marginal_hairdresser.with_overrides({"area.income_trend_share_per_year": -0.08})
    # the same shop run by a non-profit that only needs it to break even: its only unit, no
    # central costs, so that the shop's own result decides
    run_by_enterprise = falling.with_overrides({
        "units.frisor.operator": "enterprise", "enterprise.overhead_sek_per_month": 0,
        "enterprise.environment_spend_sek_per_month": 0, "enterprise.grant_sek_per_month": 0,
        **{f"units.{u}.enabled": False for u in ("cafe", "gym", "studio", "fastighetsservice")}})
    adapting = 2 * falling.tenants.cut_after_loss_months  # a tenant cuts its hours twice before it counts
    for seed in range(3):
        assert months_open(CentreModel(marginal_hairdresser, rng=seed).run(), "frisor") == 72  # viable: it stays
        as_tenant = months_open(CentreModel(falling, rng=seed).run(), "frisor")
        as_enterprise = months_open(CentreModel(run_by_enterprise, rng=seed).run(), "frisor")
        assert as_tenant < 60 + adapting and as_enterprise > as_tenant + 6, (seed, as_tenant, as_enterprise)
