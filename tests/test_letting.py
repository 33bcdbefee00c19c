"""Issue 20's demand side of the letting market: a new shop adds to the centre's draw (trips
with several stops), a missing kind enters a vacant premises, a falling asking rent lets one
that a held rent does not, and the prospect kinds' turnover per m² is in the sources' range."""

from __future__ import annotations

import numpy as np
import pytest

from centrumsim.model.model import CentreModel
from centrumsim.model.prospects import expected_result_sek, expected_visits

KIOSK = {"units.kiosk.kind": "kiosk", "units.kiosk.operator": "commercial", "units.kiosk.premises": "butik_4"}


def _visits(sc, seed=3) -> dict[str, int]:
    out = CentreModel(sc, rng=seed).run()
    return {u["name"]: int(out.unit_visits[:, j].sum()) for j, u in enumerate(out.units)}


@pytest.fixture(scope="module")
def half_year(main_scenario):
    return main_scenario.with_overrides({"time.years": 1, "tenants.entry_attempts_per_year": 0,
                                         "units.kiosk.initially_open": True} | KIOSK)


def test_a_new_shop_adds_to_the_centre_instead_of_only_diverting(main_scenario, half_year):
    without = _visits(half_year.with_overrides({"units.kiosk.enabled": False}))
    with_it = _visits(half_year)
    incumbents = sum(v for k, v in with_it.items() if k != "kiosk")
    lost = sum(without.values()) - incumbents
    assert with_it["kiosk"] > 0
    assert lost < 0.5 * with_it["kiosk"]  # most of its visits are new to the centre
    # linked trips: its visitors' second stops at the incumbents make up part of what it takes
    # from them; with no second stops from its visitors, the incumbents lose more (the opposite)
    alone = _visits(half_year.with_overrides({"units.kiosk.link_share": 0.0}))
    lost_alone = sum(without.values()) - sum(v for k, v in alone.items() if k != "kiosk")
    assert lost < lost_alone


@pytest.fixture(scope="module")
def centre(main_scenario):
    sc = main_scenario.with_overrides({"time.years": 1, "tenants.entry_attempts_per_year": 0})
    model = CentreModel(sc, rng=1)
    while model.month < 2:
        model.step()
    return model


def test_the_prospect_kinds_turn_over_what_sources_allow_per_m2(centre):
    view, premises = centre.outlook(), centre.spec.premises["butik_4"]
    per_m2 = {}
    for kind in ("retail_shop", "kiosk", "takeaway"):
        spec = centre.market.entrant_spec(kind, "butik_4")
        _, spend, _ = expected_visits(view, spec)
        per_m2[kind] = spec.price_sek * spend * 12 / premises.area_m2
    # HUI 2009: all retail ~41 000 SEK/m²/yr; a weak suburban site well below it
    assert 12_000 <= per_m2["retail_shop"] <= 41_000, per_m2
    assert 10_000 <= per_m2["kiosk"] <= 60_000 and 8_000 <= per_m2["takeaway"] <= 35_000, per_m2


def _hurdle_between(centre, kind: str) -> tuple[float, float]:
    view, prem = centre.outlook(), centre.spec.premises["butik_4"]
    spec = centre.market.entrant_spec(kind, "butik_4")
    at_list = expected_result_sek(view, spec, prem, 0.0)
    at_floor = expected_result_sek(view, spec, prem, 1.0 - centre.spec.tenants.vacant_rent_floor_share)
    return at_list, at_floor


def test_a_falling_asking_rent_lets_what_a_held_rent_does_not(centre):
    at_list, at_floor = _hurdle_between(centre, "retail_shop")
    assert at_floor > at_list  # a lower rent is a better prospect, by the rent saved
    hurdle = (at_list + at_floor) / 2
    market = centre.market
    signed = {}
    for months_vacant in (0, 60):  # a premises just vacated, and one empty for five years
        market.policy = market.policy.__class__(**{**market.policy.__dict__, "entry_kinds": ("retail_shop",),
                                                   "entry_attempts_per_year": 52.0,
                                                   "entry_hurdle_sek_per_month": hurdle})
        market.months_vacant["butik_4"] = months_vacant
        offers = [market.offer("butik_4", set(centre.unit_by_name), centre.outlook) for _ in range(5)]
        signed[months_vacant] = sum(o is not None for o in offers)
    assert signed[0] == 0 and signed[60] >= 4


def test_a_missing_kind_enters_a_vacant_premises(main_scenario):
    # the kinds the centre lacks are offered the vacant premises, with rents falling as they stand
    # empty: over ten years one of them enters (seed 1); offered only the kinds it has, none does
    sc = main_scenario.with_overrides({"tenants.entry_kinds": ["kiosk", "retail_shop", "takeaway"]})
    model = CentreModel(sc.with_overrides({"time.years": 4}), rng=1)
    model.run()
    entered = [u for _, u, _, why in model.changes if why == "entered"]
    assert entered and all(u.split("@")[0] in ("kiosk", "retail_shop", "takeaway") for u in entered)
    same = CentreModel(sc.with_overrides({"time.years": 4, "tenants.entry_kinds": ["hairdresser"]}), rng=1)
    same.run()
    assert not [u for _, u, _, why in same.changes if why == "entered"]
    assert np.isfinite(model.occupancy.vacancy_rate())
