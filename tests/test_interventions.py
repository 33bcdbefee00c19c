"""Interventions act on the mechanisms through their methods: each action of the scenario's
vocabulary has one entry in the intervention table, and each moves the state of the mechanism
it names — levers, foot traffic, the area's income, the units and their premises — by the
hand-checkable amount, never by writing into another mechanism."""

from __future__ import annotations

import datetime as dt

import pytest

from centrumsim import CentreModel
from centrumsim.model import interventions
from centrumsim.model.interventions import Targets
from centrumsim.model.units import Status
from centrumsim.scenario import ACTION_VALUES, Intervention


def act(action: str, date: str = "2022-03-01", **fields) -> Intervention:
    return Intervention(date=dt.date.fromisoformat(date), action=action, **fields)


@pytest.fixture
def centre(one_year):
    """A model of 2022 (starting 2022-01-01) without EST, and what interventions act on."""
    model = CentreModel(one_year.with_overrides({
        "unrest.est_active": False, "units.cafe2.kind": "cafe", "units.cafe2.operator": "enterprise",
        "units.cafe2.premises": "kafelokalen", "units.cafe2.initially_open": False}), rng=0)
    return model, Targets(model.levers, model.footfall, model.income, model.occupancy, model.calendar)


def test_every_action_of_the_vocabulary_has_one_entry_in_the_table():
    assert set(interventions.ACTIONS) == set(ACTION_VALUES)


def test_guards_are_hired_and_let_go_never_below_none(centre):
    model, t = centre
    hire = act("hire_guards", value=2.0, until=dt.date(2022, 6, 1))
    interventions.apply(t, hire, undo=False, day=59)
    assert model.levers.guards_fte == 2.0
    interventions.apply(t, hire, undo=True, day=151)
    interventions.apply(t, hire, undo=True, day=151)
    assert model.levers.guards_fte == 0.0


def test_est_counts_its_build_up_from_its_first_start(centre):
    model, t = centre
    interventions.apply(t, act("start_est", "2021-12-22"), undo=False, day=0)  # ten days before the run
    assert model.levers.est_active and model.levers.est_started == -10
    interventions.apply(t, act("start_est", "2022-03-01"), undo=False, day=59)  # already running
    assert model.levers.est_started == -10
    interventions.apply(t, act("stop_est", "2022-04-01"), undo=False, day=90)
    assert not model.levers.est_active
    interventions.apply(t, act("start_est", "2022-05-01"), undo=False, day=120)
    assert model.levers.est_started == 120


def test_a_crackdown_brings_police_and_a_backlash_only_when_begun_in_the_run(centre):
    model, t = centre
    days = model.spec.unrest.crackdown_backlash_days  # 30
    before = act("start_crackdown", "2021-12-01", value=4.0)
    interventions.apply(t, before, undo=False, day=0)
    assert model.levers.crackdown_guardians == 4.0 and model.levers.backlash_until == -1
    raid = act("start_crackdown", "2022-02-10", value=6.0, until=dt.date(2022, 3, 1))
    interventions.apply(t, raid, undo=False, day=40)
    assert model.levers.crackdown_guardians == model.levers.crackdown_size == 10.0
    assert model.levers.backlash_until == 40 + days
    interventions.apply(t, raid, undo=True, day=59)
    assert model.levers.crackdown_guardians == 4.0 and model.levers.crackdown_size == 10.0


def test_lighting_crossing_access_and_income_move_through_their_owners(centre):
    model, t = centre
    interventions.apply(t, act("set_lighting", value=0.9), undo=False, day=59)
    interventions.apply(t, act("improve_tram_crossing"), undo=False, day=59)
    interventions.apply(t, act("set_accessibility", value=1.7), undo=False, day=59)
    interventions.apply(t, act("set_area_income", value=0.6), undo=False, day=59)
    assert model.levers.lighting_quality == 0.9
    assert model.footfall.crossing_improved and model.footfall.accessibility == 1.7
    assert model.income.median == 0.6 and model.income.factor == pytest.approx(0.6 / 0.65)


def test_a_units_rent_and_grant_are_set_on_the_unit(centre):
    model, t = centre
    cafe = model.unit_by_name["cafe"]
    interventions.apply(t, act("set_rent_discount", unit="cafe", value=0.3), undo=False, day=59)
    grant = act("set_grant", unit="cafe", value=8000.0, until=dt.date(2022, 8, 31))
    interventions.apply(t, grant, undo=False, day=59)
    assert cafe.rent_discount == 0.3 and cafe.grant_sek_per_month == 8000.0
    assert cafe.paid_through["grants"] == 7  # August 2022 is the run's eighth month
    assert interventions.apply(t, grant, undo=True, day=242) == []  # nothing to undo on its end date
    assert cafe.ended_lines(7) == frozenset() and cafe.ended_lines(8) == frozenset({"grants"})


def test_an_opening_waits_for_its_premises_and_a_closing_cancels_it(centre):
    model, t = centre
    cafe2 = model.unit_by_name["cafe2"]
    opening = act("open_unit", unit="cafe2")
    assert interventions.apply(t, opening, undo=False, day=59) == []  # the café is in its premises
    assert interventions.apply(t, opening, undo=False, day=60) == []
    assert model.occupancy.pending == [cafe2] and "kafelokalen" in model.occupancy.held()
    changes = interventions.apply(t, act("close_unit", unit="cafe2"), undo=False, day=61)
    assert changes == [("cafe2", Status.CLOSED, "cancelled")] and model.occupancy.pending == []
    changes = interventions.apply(t, act("close_unit", unit="cafe"), undo=False, day=62)
    assert changes == [("cafe", Status.CLOSED, "intervention")]
    assert model.occupancy.retry_pending(63) == []  # nothing waits any more
