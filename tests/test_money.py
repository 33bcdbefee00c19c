"""Money over time: prices, wages, rents and grants indexed in yearly steps, grants and contracts
that end, and interest on an overdrawn enterprise (hand-checkable numbers)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from centrumsim import CentreModel
from centrumsim.model.economy import Index, index_at
from centrumsim.model.ledger import LINE_INDEX, result
from centrumsim.model.public_ledger import PUBLIC_LINE_INDEX
from centrumsim.model.units import month_lines
from centrumsim.scenario import EconomySection, Premises, Unit, build


def cafe(**fields) -> Unit:
    problems: list = []
    spec = build(Unit, {"kind": "cafe", "operator": "enterprise", "premises": "p", "price_sek": 60,
                        "gross_margin_share": 0.7, "staff_fte": 1, "wage_sek_per_month": 30_000,
                        "employer_fee_share": 0.3, "upkeep_sek_per_month": 2_000, "other_costs_sek_per_month": 1_000,
                        "insurance_sek_per_month": 500, "grant_sek_per_month": 4_000, **fields}, "u", problems)
    assert spec is not None, problems
    return spec


def lines_at(spec: Unit, index: Index, ended: frozenset = frozenset()) -> np.ndarray:
    return month_lines(spec, Premises(area_m2=60, rent_sek_per_m2_year=1_000), days_open=30, days_paused=0,
                       visits=1000, spend_units=1000.0, damage_ore=0, rent_discount=0.0,
                       grant_sek_per_month=spec.grant_sek_per_month, partners_withdrawn=False, upkeep_level=1.0,
                       days_in_month=30, index=index, ended=ended)


def test_the_index_steps_once_a_year():
    e = EconomySection(price_indexation_share_per_year=0.02, wage_indexation_share_per_year=0.03,
                       rent_indexation_share_per_year=0.025, grant_indexation_share_per_year=0.0)
    assert index_at(e, 0) == index_at(e, 11) == Index()
    i = index_at(e, 25)  # two whole years in
    assert (i.prices, i.wages, i.rents, i.grants) == pytest.approx((1.02 ** 2, 1.03 ** 2, 1.025 ** 2, 1.0))
    assert index_at(None, 60) == Index()


def test_a_units_month_at_a_later_money_level_by_hand():
    spec = cafe()
    base, later = lines_at(spec, Index()), lines_at(spec, Index(prices=1.1, wages=1.2, rents=1.05, grants=1.0))
    L = LINE_INDEX
    assert later[L["sales"]] == 60 * 1.1 * 1000 * 100  # the same visitors pay today's price
    assert later[L["goods"]] == round(60 * 1.1 * 1000 * 0.3 * 100)
    assert later[L["staff"]] == round(30_000 * 1.3 * 1.2 * 100)
    assert later[L["rent"]] == round(5_000 * 1.05 * 100)
    assert later[L["upkeep"]] == round(2_000 * 1.1 * 100) and later[L["insurance"]] == round(500 * 1.1 * 100)
    assert later[L["grants"]] == base[L["grants"]] == 4_000 * 100  # a grant in kronor
    # wages rising faster than prices squeeze a labour-heavy unit
    assert result(later) < result(base) * 1.1


def test_ended_lines_are_not_paid():
    spec = cafe(service_contract_sek_per_month=9_000, sponsorship_sek_per_month=2_000)
    lines = lines_at(spec, Index(), ended=frozenset({"grants", "sponsorship"}))
    assert lines[LINE_INDEX["grants"]] == lines[LINE_INDEX["sponsorship"]] == 0
    assert lines[LINE_INDEX["service_contracts"]] == 9_000 * 100


def test_a_grant_is_paid_through_the_month_of_its_end(one_year):
    sc = one_year.with_overrides({"units.cafe.grant_sek_per_month": 6_000, "units.cafe.grant_until": "2022-04-15",
                                  "unrest.legitimacy": 1.0})
    out = CentreModel(sc, rng=0).run()
    grants = out.books[:, out.ledger_names.index("cafe"), LINE_INDEX["grants"]]
    open_ = out.status[:, [u["name"] for u in out.units].index("cafe")] == 0
    assert (grants[:4][open_[:4]] > 0).all() and (grants[4:] == 0).all()  # January–April, not after


def test_a_set_grant_with_until_runs_through_that_month(one_year):
    sc = one_year.with_overrides({
        "interventions.g.date": dt.date(2022, 3, 1), "interventions.g.action": "set_grant", "interventions.g.unit": "gym",
        "interventions.g.value": 10_000, "interventions.g.until": dt.date(2022, 8, 31), "unrest.legitimacy": 1.0})
    out = CentreModel(sc, rng=0).run()
    grants = out.books[:, out.ledger_names.index("gym"), LINE_INDEX["grants"]]
    assert (grants[:2] == 0).all() and (grants[8:] == 0).all() and (grants[2:8] > 0).any()


def test_an_overdrawn_enterprise_pays_interest_on_what_it_owes(one_year):
    sc = one_year.with_overrides({"enterprise.starting_cash_sek": -200_000, "enterprise.overdraft_limit_sek": 5_000_000,
                                  "enterprise.overdraft_interest_share_per_year": 0.12})
    out = CentreModel(sc, rng=0).run()
    central = out.ledger_names.index("central")
    interest = out.books[:, central, LINE_INDEX["interest"]]
    cash_before = np.concatenate([[-200_000.0], out.monthly["cash_sek"][:-1]])
    expected = np.round(np.maximum(0.0, -cash_before) * 0.12 / 12 * 100)
    assert np.allclose(interest, expected, atol=1) and interest[0] == 200_000 * 1  # 1 % of 200 000 a month
    no_rate = CentreModel(sc.with_overrides({"enterprise.overdraft_interest_share_per_year": 0.0}), rng=0).run()
    assert no_rate.books[:, central, LINE_INDEX["interest"]].sum() == 0


def test_indexation_raises_nominal_sales_and_the_public_ledger_still_balances(main_scenario):
    sc = main_scenario.with_overrides({"time.years": 3, "unrest.legitimacy": 1.0, "tenants.entry_attempts_per_year": 0})
    flat = sc.with_overrides({f"economy.{k}_indexation_share_per_year": 0.0 for k in ("price", "wage", "rent", "grant")})
    a, b = CentreModel(sc, rng=1).run(), CentreModel(flat, rng=1).run()
    livs = a.ledger_names.index("livs")
    ratio = a.books[24:, livs, LINE_INDEX["sales"]].sum() / b.books[24:, livs, LINE_INDEX["sales"]].sum()
    assert ratio == pytest.approx(1.02 ** 2, rel=0.03)  # the third year at prices two steps up
    rent = a.books[:, :, LINE_INDEX["rent"]].sum()
    owner = sum(a.public_books[:, :, PUBLIC_LINE_INDEX[line]].sum() for line in ("rent_income", "existing_rent_income"))
    assert rent == owner  # every krona of (indexed) rent reaches its owner, to the öre
