"""Unit books: the worked café example, subsidy ceilings, and books that balance to the öre."""

from __future__ import annotations

import datetime as dt

import mesa
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from centrumsim import CentreModel
from centrumsim.model.ledger import LINE_INDEX, LINES, N_REVENUE, result
from centrumsim.model import UNIT_CLASSES, Status
from centrumsim.model.calendar import make_calendar
from centrumsim.scenario import Premises, TenantSection, Unit, build


def make_unit(operator="enterprise", area_m2=60.0, rent=1000.0, **fields):
    problems: list = []
    spec = build(Unit, {"kind": "cafe", "operator": operator, "premises": "p", **fields}, "u", problems)
    assert spec is not None, problems
    premises = Premises(area_m2=area_m2, rent_sek_per_m2_year=rent)
    terms = {"policy": TenantSection(), "economy": None} if operator == "commercial" else {}
    return UNIT_CLASSES[operator](mesa.Model(rng=0), "u", spec, "p", premises, 0, Status.OPEN,
                                  calendar=make_calendar(dt.date(2022, 1, 1), 1), **terms)


def worked_cafe(visits_per_month: int, subsidy_share: float = 0.0) -> int:
    """The worked example (REFERENCES.md): 60 SEK ex VAT, 70 % margin, ~45 kSEK fixed/month:
    1 FTE ≈ 35 kSEK incl. fees, rent 5 kSEK (60 m² × 1 000 SEK/m²/yr), other 5 kSEK."""
    unit = make_unit(
        price_sek=60, gross_margin_share=0.7, staff_fte=1, wage_sek_per_month=35_000 / 1.3142,
        upkeep_sek_per_month=2_500, other_costs_sek_per_month=2_500, insurance_sek_per_month=0,
        subsidised_fte=1 if subsidy_share else 0, wage_subsidy_share=subsidy_share,
    )
    unit.spend_units = float(visits_per_month)  # every visitor spends the ticket
    lines = unit.close_month(0, next_day=30, days_in_month=30)
    return int(result(lines))


def test_worked_cafe_breaks_even_where_the_hand_calculation_says():
    # fixed 45 000 SEK / (60 × 0.7) = 1 071.4 visits a month ≈ 45 a day over ~24 open days
    assert worked_cafe(1071) < 0 <= worked_cafe(1072)
    assert worked_cafe(1072) == pytest.approx((1072 * 42 - 45_000) * 100, abs=2)


def test_worked_cafe_with_half_wage_subsidy():
    # 50 % of 35 000 = 17 500 SEK back: (45 000 − 17 500) / 42 = 654.8 visits ≈ 27 a day
    assert worked_cafe(654, 0.5) < 0 <= worked_cafe(655, 0.5)


def test_wage_subsidy_respects_its_ceiling():
    unit = make_unit(staff_fte=2, subsidised_fte=2, wage_sek_per_month=40_000, wage_subsidy_share=0.8)
    lines = unit.close_month(0, 30, 30)
    assert lines[LINE_INDEX["wage_subsidies"]] == 2 * 20_000 * 100  # capped at 20 000 per FTE


def test_price_zero_loses_exactly_its_costs():
    unit = make_unit(price_sek=0)
    unit.spend_units = 500.0
    lines = unit.close_month(0, 30, 30)
    costs = lines[N_REVENUE:].sum()
    assert lines[LINE_INDEX["sales"]] == 0 and lines[LINE_INDEX["goods"]] == 0
    assert result(lines) == -costs


def test_paused_unit_pays_rent_and_insurance_only():
    unit = make_unit(insurance_sek_per_month=500, staff_fte=1)
    unit.set_status("paused", 0)
    lines = unit.close_month(0, 30, 30)
    nonzero = {LINES[i] for i in np.flatnonzero(lines)}
    assert nonzero == {"rent", "insurance"}


money = st.floats(0, 200_000, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(
    price=st.floats(0, 500), margin=st.floats(0, 1), staff=st.floats(0, 10), wage=money,
    subsidy=st.floats(0, 0.8), share_sub=st.floats(0, 1), spend=st.floats(0, 1e5),
    open_days=st.integers(0, 31), damage=st.integers(0, 10**7), operator=st.sampled_from(["enterprise", "public"]),
)
def test_books_balance_to_the_ore(price, margin, staff, wage, subsidy, share_sub, spend, open_days, damage, operator):
    unit = make_unit(operator=operator, price_sek=price, gross_margin_share=margin, staff_fte=staff,
                     wage_sek_per_month=wage, subsidised_fte=staff * share_sub, wage_subsidy_share=subsidy,
                     membership_fee_sek_per_month=99.5)
    unit.set_members(10.5)
    unit.spend_units = spend
    unit.damage_ore = damage
    lines = unit.close_month(0, next_day=open_days, days_in_month=31)
    assert lines.dtype == np.int64 and (lines >= 0).all()
    assert result(lines) == lines[:N_REVENUE].sum() - lines[N_REVENUE:].sum()
    assert lines[LINE_INDEX["wage_subsidies"]] <= round(staff * share_sub * 20_000 * 100) + 1
    if operator == "public":
        assert result(lines) >= 0  # the owner's grant covers the deficit


@settings(max_examples=6, deadline=None)
@given(seed=st.integers(0, 10_000), price=st.floats(0, 120), legitimacy=st.floats(0.6, 0.95))
def test_enterprise_cash_moves_by_exactly_its_units_results(one_year, seed, price, legitimacy):
    """cash_end = cash_start + revenue − cost, every month, to the öre (unrest damage included)."""
    sc = one_year.with_overrides({"units.cafe.price_sek": price, "unrest.legitimacy": legitimacy})
    model = CentreModel(sc, rng=seed)
    out = model.run()
    cols = [i for i, n in enumerate(out.ledger_names)
            if n == "central" or model.unit_by_name[n].operator == "enterprise"]
    lines = out.books[:, cols, :]
    revenue = lines[:, :, :N_REVENUE].sum(axis=(1, 2))
    cost = lines[:, :, N_REVENUE:].sum(axis=(1, 2))
    cash_ore = np.round(out.monthly["cash_sek"] * 100).astype(np.int64)
    start = np.concatenate([[out.starting_cash_ore], cash_ore[:-1]])
    assert (cash_ore == start + revenue - cost).all()
    assert model.enterprise.cash_ore == cash_ore[-1]


def test_capacity_turns_visitors_away():
    # 16 customers a day × 30 open days = 480 served of 900 visits: sales = 480 × 280 SEK
    unit = make_unit(price_sek=280, gross_margin_share=0.9, capacity_visits_per_day=16)
    unit.visits = 900
    unit.spend_units = 900.0
    lines = unit.close_month(0, next_day=30, days_in_month=30)
    assert lines[LINE_INDEX["sales"]] == 480 * 280 * 100
    assert lines[LINE_INDEX["goods"]] == round(480 * 280 * 0.1 * 100)
