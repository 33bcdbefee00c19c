"""Every krona booked to its payer: the public ledger balances against the units' books to the
öre, and each public cost — guards, EST, a crackdown, the houses' funding, grants, subsidies,
rent received, rent forgone — is booked where a hand calculation says."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from centrumsim import CentreModel
from centrumsim.analysis import run_seeds as run
from centrumsim.model.ledger import LINE_INDEX
from centrumsim.model.public_ledger import PUBLIC_LINE_INDEX, net_cost


def public_total(out, line: str) -> int:
    return int(out.public_books[:, :, PUBLIC_LINE_INDEX[line]].sum())


def units_total(out, line: str) -> int:
    return int(out.books[:, :, LINE_INDEX[line]].sum())


@settings(max_examples=5, deadline=None)
@given(seed=st.integers(0, 1000), legitimacy=st.floats(0.6, 0.9), guards=st.floats(0, 6),
       vacancy_rent=st.floats(0, 2000))
def test_the_public_ledger_balances_against_the_units_books(one_year, seed, legitimacy, guards, vacancy_rent):
    sc = one_year.with_overrides({"unrest.legitimacy": legitimacy, "unrest.guards_fte": guards,
                                  "premises.butik_4.rent_sek_per_m2_year": vacancy_rent})
    out = CentreModel(sc, rng=seed).run()
    funding = ("grants", "house_funding", "existing_funding")
    assert sum(public_total(out, line) for line in funding) == units_total(out, "grants")
    for line in ("wage_subsidies", "trainee_payments", "service_contracts", "sponsorship"):
        assert public_total(out, line) == units_total(out, line), line
    assert public_total(out, "rent_income") + public_total(out, "existing_rent_income") == units_total(out, "rent")
    # the events' damage not aimed at a unit is booked to its owner, to the öre
    ev = out.events[~out.events["displaced"] & (out.events["unit"] < 0)]
    owned = [k for k, t in enumerate(sc.unrest.types.values()) if t.property_payer]
    assert public_total(out, "property_damage") == int(ev["damage_ore"][np.isin(ev["type"], owned)].sum())


def test_each_event_costs_its_payers_what_a_hand_calculation_says(one_year):
    """Police: officer-hours × 920 SEK; fire: one call-out (5 000 SEK) per car fire; clean-up
    4 000 SEK per car fire; the car itself to its owner (not the public purse)."""
    out = CentreModel(one_year.with_overrides({"unrest.legitimacy": 0.6}), rng=2).run()
    ev = out.events[~out.events["displaced"]]
    names = list(one_year.unrest.types)
    count = {name: int((ev["type"] == k).sum()) for k, name in enumerate(names)}
    assert count["car_fire"] > 0 and count["stone_throwing"] > 0
    hours = {"car_fire": 6, "graffiti": 0.5, "stone_throwing": 12, "vandalism": 3, "threat": 6}
    payer = {p: i for i, p in enumerate(out.payer_names)}
    police = out.public_books[:, payer["police"], PUBLIC_LINE_INDEX["police_response"]].sum()
    assert police == pytest.approx(sum(count[t] * h * 920 * 100 for t, h in hours.items()), abs=12)  # öre per month
    fire = out.public_books[:, payer["municipality"], PUBLIC_LINE_INDEX["fire_service"]].sum()
    assert fire == count["car_fire"] * 5_000 * 100
    clean = out.public_books[:, payer["housing_company"], PUBLIC_LINE_INDEX["clean_up"]].sum()
    assert clean == count["car_fire"] * 4_000 * 100
    cars = out.public_books[:, payer["car_owners"], PUBLIC_LINE_INDEX["property_damage"]].sum()
    car_fires = ev[ev["type"] == names.index("car_fire")]
    assert cars == car_fires["damage_ore"].sum() and not out.payer_public[payer["car_owners"]]


def test_the_culture_office_is_not_an_incremental_cost(one_year):
    from centrumsim.model.public_ledger import incremental_cost
    out = CentreModel(one_year, rng=0).run()
    existing = public_total(out, "existing_funding") - public_total(out, "existing_rent_income")
    assert existing > 6_000_000 * 100  # its ~12 staff and its rent
    gross, incremental = net_cost(out.public_books).sum(), incremental_cost(out.public_books).sum()
    police_fire = public_total(out, "police_response") + public_total(out, "fire_service")
    # property care is bought either way: the contracts and their replacement are not incremental
    care = public_total(out, "service_contracts") + public_total(out, "service_bought_elsewhere")
    assert care > 0
    assert gross - incremental == existing + police_fire + care
    # ... unless the scenario says the office moved in because of the centre
    moved = CentreModel(one_year.with_overrides({"units.kulturkontoret.incremental": True}), rng=0).run()
    assert public_total(moved, "existing_funding") == 0
    assert incremental_cost(moved.public_books).sum() == pytest.approx(gross - police_fire - care, rel=1e-9)


@pytest.mark.slow  # two scenarios over six seeds of ten years
def test_more_unrest_costs_the_public_more_and_calm_less(main_scenario):
    """The relation of issue 20: more unrest → a higher public cost; the opposite: calm → lower."""
    from centrumsim.results.measures import public_cost_by_payer

    def cost(legitimacy, kind):
        res = run(main_scenario.with_overrides({"unrest.legitimacy": legitimacy}), seeds=6)
        return np.median([sum(public_cost_by_payer(r, kind).values()) for r in res.runs])

    for kind in ("gross", "unrest"):
        troubled, base, calm = cost(0.70, kind), cost(0.76, kind), cost(0.85, kind)
        assert troubled > base >= calm, kind


def test_security_is_booked_to_its_payers(one_year):
    sc = one_year.with_overrides({
        "unrest.guards_fte": 4,
        "interventions.raid.date": "2022-01-01", "interventions.raid.action": "start_crackdown",
        "interventions.raid.value": 10, "interventions.raid.until": "2022-07-01"})
    out = CentreModel(sc, rng=0).run()
    payer = {p: i for i, p in enumerate(out.payer_names)}
    guards = out.public_books[:, payer["housing_company"], PUBLIC_LINE_INDEX["guards"]].sum()
    assert guards == 4 * 55_000 * 12 * 100  # 2.64 MSEK a year, as issue 10 counted
    crackdown = out.public_books[:, payer["police"], PUBLIC_LINE_INDEX["crackdown"]].sum()
    assert crackdown == 10 * 70_000 * 6 * 100  # January–June
    est = out.public_books[:, :, PUBLIC_LINE_INDEX["est"]].sum(axis=0)
    assert est[payer["police"]] == est[payer["municipality"]] == 30_000 * 12 * 100


def test_vacant_premises_cost_their_owner_the_list_rent(one_year):
    out = CentreModel(one_year.with_overrides({"tenants.entry_attempts_per_year": 0}), rng=0).run()
    payer = out.payer_names.index("housing_company")
    lost = out.public_books[:, payer, PUBLIC_LINE_INDEX["rent_lost_vacant"]].sum()
    p4, p5 = one_year.premises["butik_4"], one_year.premises["butik_5"]  # vacant all year in 2022
    expected = (p4.area_m2 * p4.rent_sek_per_m2_year + p5.area_m2 * p5.rent_sek_per_m2_year) * 100
    entered = [u for u in out.units if u["premises"] in ("butik_4", "butik_5")]
    if not entered:
        assert lost == pytest.approx(expected, abs=30)  # öre rounding per month
    discounts = out.public_books[:, payer, PUBLIC_LINE_INDEX["rent_discounts"]].sum()
    gym = one_year.premises["gymlokalen"]
    assert discounts == pytest.approx(gym.area_m2 * gym.rent_sek_per_m2_year * gym.rent_discount_share * 100, abs=30)


def test_the_summary_states_the_public_cost(one_year):
    s = run(one_year, seeds=2).summary()["public"]
    assert set(s["cost_sek_per_year"]) == {"p05", "median", "p95"}
    assert set(s["by_payer"]) == {"municipality", "housing_company", "police", "employment_service",
                                  "study_associations"}  # the public payers, not the sponsors
    total = s["cost_sek_per_year"]["median"]
    assert total == pytest.approx(sum(q["median"] for q in s["by_payer"].values()), rel=1e-9)
    assert s["by_line_sek_per_year"]["house_funding"] > 0 and s["by_line_sek_per_year"]["rent_income"] > 0


def test_more_guards_cost_the_housing_company_more(one_year):
    base = run(one_year, seeds=1).summary()["public"]
    guarded = run(one_year.with_overrides({"unrest.guards_fte": 2}), seeds=1).summary()["public"]
    # per year of 365.25 days: a 365-day year is 0.9993 of one
    assert guarded["by_line_sek_per_year"]["guards"] == pytest.approx(2 * 55_000 * 12 * 365.25 / 365)
    assert "guards" not in base["by_line_sek_per_year"]
    # the rent and vacancy can move a little with calmer streets; the guards dominate
    extra = guarded["by_payer"]["housing_company"]["median"] - base["by_payer"]["housing_company"]["median"]
    assert extra == pytest.approx(2 * 55_000 * 12 * 365.25 / 365, rel=0.01)


def test_net_cost_by_hand():
    from centrumsim.model.public_ledger import PUBLIC_LINES, incremental_cost, unrest_cost
    row = np.zeros(len(PUBLIC_LINES), dtype=np.int64)
    row[PUBLIC_LINE_INDEX["grants"]] = 500
    row[PUBLIC_LINE_INDEX["rent_income"]] = 200
    assert net_cost(row) == 300
    row[PUBLIC_LINE_INDEX["police_response"]] = 1000  # officers on duty anyway: gross, not incremental
    row[PUBLIC_LINE_INDEX["property_damage"]] = 70  # repairs: cash, incremental
    row[PUBLIC_LINE_INDEX["existing_funding"]] = 4000  # the office that moved in
    row[PUBLIC_LINE_INDEX["existing_rent_income"]] = 900  # ... and the rent it pays
    assert net_cost(row) == 300 + 1000 + 70 + 4000 - 900
    assert incremental_cost(row) == 300 + 70
    assert unrest_cost(row) == 1000 + 70


def test_a_contract_the_centre_stops_serving_is_bought_elsewhere(one_year):
    """Pausing the property-care unit for good saves its payer nothing: it buys the same care
    from another contractor at the contract's price (and the contract's end ends that too)."""
    sc = one_year.with_overrides({"interventions.p.date": "2022-04-01", "interventions.p.action": "close_unit",
                                  "interventions.p.unit": "fastighetsservice"})
    base, closed = CentreModel(one_year, rng=0).run(), CentreModel(sc, rng=0).run()
    spec = one_year.units["fastighetsservice"]
    month = spec.service_contract_sek_per_month * 100
    assert public_total(base, "service_bought_elsewhere") == 0
    paid = public_total(closed, "service_contracts")
    assert paid == pytest.approx(3 * month, rel=0.05)  # January to March, at the price index
    assert paid + public_total(closed, "service_bought_elsewhere") == pytest.approx(
        public_total(base, "service_contracts"), abs=12)  # the same care, paid to someone else
