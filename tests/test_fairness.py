"""Both operators meet unrest alike: partners withdraw their money from any unit, insurers
remember claims, and units shorten their evenings as fear rises, whoever runs them."""

from __future__ import annotations

import numpy as np
import pytest

from centrumsim import CentreModel
from centrumsim.model.ledger import LINE_INDEX
from centrumsim.scenario import EconomySection

from .test_books import make_unit


@pytest.mark.parametrize("operator", ["enterprise", "commercial", "public"])
def test_partners_withdraw_from_any_unit_and_return(operator):
    unit = make_unit(operator=operator, sponsorship_sek_per_month=2_000, grant_sek_per_month=5_000)
    unit.trust = 0.2
    unit.review_partners(0.3, 0.6)
    lines = unit.close_month(0, 30, 30)
    assert lines[LINE_INDEX["sponsorship"]] == 0
    if operator != "public":  # a public house's funder covers its gap whatever its grant
        assert lines[LINE_INDEX["grants"]] == 0
    unit.trust = 0.5
    unit.review_partners(0.3, 0.6)
    assert unit.partners_withdrawn  # not yet back above the reopening threshold
    unit.trust = 0.7
    unit.review_partners(0.3, 0.6)
    assert unit.close_month(1, 60, 30)[LINE_INDEX["sponsorship"]] == 2_000 * 100


@pytest.mark.parametrize("operator", ["enterprise", "commercial"])
def test_insurers_remember_claims(operator):
    economy = EconomySection(insurance_claim_loading_share=0.1, insurance_claim_memory_months=36)
    unit = make_unit(operator=operator, insurance_sek_per_month=1_000, insurance_deductible_sek=10_000)
    unit.suffer(5_000, 0.0, month=0)  # within the deductible: no claim
    assert unit.close_month(0, 30, 30, economy)[LINE_INDEX["insurance"]] == 1_000 * 100
    unit.suffer(50_000, 0.0, month=1)
    unit.suffer(30_000, 0.0, month=1)
    assert unit.close_month(1, 60, 30, economy)[LINE_INDEX["insurance"]] == 1_200 * 100  # two claims: +20 %
    assert unit.close_month(37, 90, 30, economy)[LINE_INDEX["insurance"]] == 1_000 * 100  # forgotten after 36 months


def test_evenings_shorten_as_fear_rises():
    unit = make_unit(hours_evening=4.0)
    assert unit.evening_hours(0.0, 0.5) == 4.0
    assert unit.evening_hours(0.25, 0.5) == 2.0
    assert unit.evening_hours(0.1, 0.5) == 3.0  # 3.2 h, to the half hour
    assert unit.evening_hours(0.6, 0.5) == 0.0
    assert unit.evening_hours(0.9, 0.0) == 4.0  # 0: never closes early


@pytest.mark.slow  # a comparison over many seeds
def test_a_frightened_centre_empties_earlier_in_the_evening(main_scenario):
    troubled = main_scenario.with_overrides({"time.years": 2, "unrest.legitimacy": 0.66, "unrest.est_active": False})
    evenings = []
    for closing in (0.0, 0.3):
        sc = troubled.with_overrides({"unrest.evening_closing_fear": closing})
        evenings.append(np.mean([CentreModel(sc, rng=s).run().daily["visitors_evening"].sum() for s in range(3)]))
    assert evenings[1] < evenings[0]
