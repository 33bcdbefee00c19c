"""The 2013 history starts from tenants that were in business, and its decline comes from what
the seeds name — unrest, falling purchasing power, empty premises that drag the rest — not from a
set-up that loses money from the first month."""

from __future__ import annotations

import pytest

from centrumsim import CentreModel, load_scenario
from centrumsim.analysis import run_seeds as run
from centrumsim.model.prospects import expected_result_sek

from .conftest import ROOT

DECLINE = ROOT / "scenarios" / "decline_2013.toml"
DRIVERS_OFF = {"unrest.legitimacy": 1.0, "area.income_trend_share_per_year": 0.0, "footfall.vitality_weight": 0.0}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_2013_tenant_expects_its_required_profit_at_the_start(seed):
    sc = load_scenario(DECLINE)
    model = CentreModel(sc, rng=seed)
    tenants = [u for u in model.units if u.operator == "commercial" and u.is_open]
    assert len(tenants) >= 6
    view = model.outlook()
    for u in tenants:
        expected = expected_result_sek(view, u.spec, u.premises, u.rent_discount, replacing=u.index)
        assert expected >= sc.tenants.required_profit_sek_per_month, (u.name, expected)


@pytest.mark.slow  # a comparison over many seeds
def test_without_its_drivers_the_2013_centre_holds_and_with_them_it_declines():
    sc = load_scenario(DECLINE)

    def exits(s) -> list[int]:
        return [sum(1 for *_, why in r.changes if why == "notice") for r in run(s, seeds=4).runs]

    held = exits(sc.with_overrides(DRIVERS_OFF))
    declined = exits(sc)
    assert max(held) == 0  # no tenant gives up in four years when nothing pushes it
    assert min(declined) >= 1 and sum(declined) >= 2 * len(declined)
