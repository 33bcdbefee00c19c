"""Every krona booked to its payer: the public ledger balances against the units' books to the
öre, and each public cost — guards, EST, a crackdown, the houses' funding, grants, subsidies,
rent received, rent forgone — is booked where a hand calculation says."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from centrumsim import CentreModel, run
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
    assert public_total(out, "grants") + public_total(out, "house_funding") == units_total(out, "grants")
    for line in ("wage_subsidies", "trainee_payments", "service_contracts", "sponsorship"):
        assert public_total(out, line) == units_total(out, line), line
    assert public_total(out, "rent_income") == units_total(out, "rent")


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
    row = np.zeros(12, dtype=np.int64)
    row[PUBLIC_LINE_INDEX["grants"]] = 500
    row[PUBLIC_LINE_INDEX["rent_income"]] = 200
    assert net_cost(row) == 300
