"""Mesa where it fits: the model stops at its horizon, counts days with Mesa's step counter,
keeps its units in an AgentSet, has a DataCollector, and Mesa's batch_run works on it."""

from __future__ import annotations

import inspect

import numpy as np
import pandas as pd
import pytest
from mesa.agent import AgentSet

import mesa
from centrumsim import CentreModel, Scenario
from centrumsim.model.enterprise import Enterprise
from centrumsim.model.collector import DAILY_COLUMNS
from centrumsim.model.indicators import MONTHLY_SERIES
from centrumsim.model.units import UnitAgent

from .conftest import MAIN


@pytest.fixture(scope="module")
def stepped():
    model = CentreModel(scenario=str(MAIN), rng=3, **{"time.years": 1})
    while model.running:
        model.step()
    return model


def test_the_model_stops_at_its_horizon_counting_with_mesa(stepped):
    assert not stepped.running
    assert stepped.steps == stepped.calendar.n_days == 365
    assert stepped.month == 12
    with pytest.raises(RuntimeError, match="the run is over"):
        stepped.step()
    assert stepped.steps == 365  # the refused step is not counted
    assert getattr(stepped, "time", 365) == 365  # nor, from Mesa 3.4, its time


# Mesa's Model attributes (class and a fresh instance's, without dunders) in the releases the
# project supports, so that a run on one Mesa also guards against a name another one uses.
MESA_MODEL_NAMES = {
    "3.3": {"_agents", "_agents_by_type", "_all_agents", "_rng", "_seed", "_user_step", "_wrapped_step",
            "agent_types", "agents", "agents_by_type", "deregister_agent", "random", "register_agent",
            "remove_all_agents", "reset_randomizer", "reset_rng", "rng", "run_model", "running", "step", "steps"},
    "3.4": {"_simulator", "agent_id_counter", "time"},
    "3.5": {"_advance_time", "_batch_context", "_default_schedule", "_do_step", "_event_generators",
            "_event_list", "_has_subscribers", "_mesa_notify", "_process_name", "_process_signal_type",
            "_scenario", "_suppress", "_time", "batch", "clear_all_subscriptions", "data_registry", "notify", "observables",
            "observe", "run_for", "run_until", "scenario", "schedule_event", "schedule_recurring", "subscribers",
            "suppress", "unobserve"},
}
# what a Mesa model is meant to define or set: its step, and running = False at the end
MESA_CONTRACT = {"step", "running"}


def mesa_model_names() -> set[str]:
    """The installed Mesa's ``Model`` attributes, with those of every supported release."""
    bare = mesa.Model(rng=0)
    names = {n for n in set(dir(mesa.Model)) | set(vars(bare)) if not n.startswith("__")}
    return names.union(*MESA_MODEL_NAMES.values())


def own_names(model: mesa.Model) -> set[str]:
    """What a model class and its instance add beyond a plain Mesa ``Model``: its class's own
    names (methods, properties) and the attributes its ``__init__`` sets."""
    classes = [c for c in type(model).__mro__ if c not in mesa.Model.__mro__]
    given = set(vars(type("Bare", (mesa.Model,), {})))  # what Mesa puts on every subclass (3.5: observables)
    names = {n for c in classes for n in vars(c) if not n.startswith("__") and n not in given}
    return names | (set(vars(model)) - set(vars(mesa.Model(rng=0))))


def test_the_installed_mesa_is_one_the_names_were_listed_for():
    assert mesa.__version__.rsplit(".", 1)[0] in MESA_MODEL_NAMES, (
        f"Mesa {mesa.__version__}: list its Model's names in MESA_MODEL_NAMES (and check for clashes)")
    installed = {n for n in set(dir(mesa.Model)) | set(vars(mesa.Model(rng=0))) if not n.startswith("__")}
    assert installed <= set().union(*MESA_MODEL_NAMES.values()), sorted(installed - set().union(*MESA_MODEL_NAMES.values()))


def test_no_name_of_the_model_clashes_with_mesa(stepped):
    from centrumsim.app.levers import LiveModel

    for model in (stepped, LiveModel(scenario=str(MAIN))):
        clash = (own_names(model) & mesa_model_names()) - MESA_CONTRACT
        assert not clash, f"{type(model).__name__} uses Mesa's names {sorted(clash)}"
    assert isinstance(stepped.spec, Scenario) and stepped.spec.name


def test_stepping_by_hand_equals_run(stepped):
    out = CentreModel(MAIN, rng=3, **{"time.years": 1}).run()
    by_hand = stepped.output()
    assert np.array_equal(out.books, by_hand.books)
    for key in out.daily:
        assert np.array_equal(out.daily[key], by_hand.daily[key])


def test_units_live_in_an_agentset(stepped):
    assert isinstance(stepped.units, AgentSet)
    assert [u.name for u in stepped.units] == list(stepped.spec.units)
    assert all(isinstance(u, UnitAgent) for u in stepped.units)
    enterprises = [a for a in stepped.agents if isinstance(a, Enterprise)]
    assert len(enterprises) == 1 and len(stepped.agents) == len(stepped.units) + 1
    open_units = stepped.units.select(lambda u: u.is_open)
    assert 0 < len(open_units) <= len(stepped.units)


def test_the_datacollector_holds_the_series(stepped):
    dc = stepped.datacollector
    assert isinstance(dc, mesa.DataCollector)
    frame = dc.get_model_vars_dataframe()
    assert len(frame) == stepped.steps
    assert set(MONTHLY_SERIES) | set(DAILY_COLUMNS.values()) | {"visitors_today"} == set(frame.columns)
    assert DAILY_COLUMNS["events"] == "events_today" and DAILY_COLUMNS["fear"] == "fear"
    out = stepped.output()
    # a row is one day: the daily series hold that day's values ...
    for key, column in DAILY_COLUMNS.items():
        assert np.array_equal(frame[column].to_numpy(), out.daily[key][:stepped.steps], equal_nan=True), key
    assert np.array_equal(frame["visitors_today"], out.daily["visitors_day"] + out.daily["visitors_evening"])
    assert frame["visitors_today"].nunique() > 10  # not a month's value repeated
    # ... and a monthly series has a value only on the day its month closed
    ends = np.flatnonzero(stepped.calendar.month_end[:stepped.steps])
    assert ends.size == out.monthly["cash_sek"].size
    cash = frame["cash_sek"]
    assert cash.notna().to_numpy().nonzero()[0].tolist() == ends.tolist()
    assert np.array_equal(cash.dropna().to_numpy(), out.monthly["cash_sek"])
    monthly = dc.get_table_dataframe("monthly")
    assert list(monthly["month"]) == list(out.month_labels)
    for key in MONTHLY_SERIES:
        assert np.array_equal(monthly[key].to_numpy(), out.monthly[key], equal_nan=True), key


def test_model_takes_a_path_or_a_scenario_and_dotted_overrides(one_year):
    a = CentreModel(scenario=one_year, rng=5, **{"units.cafe.price_sek": 45}).run()
    b = CentreModel(scenario=one_year.with_overrides({"units.cafe.price_sek": 45}), rng=5).run()
    assert np.array_equal(a.books, b.books)
    with pytest.raises(TypeError, match="rng=SEED"):
        CentreModel(one_year, seed=5)
    model = CentreModel(one_year)  # rng=None: a fresh seed, recorded
    assert isinstance(model.seed, int) and model.seed >= 0


def test_mesa_batch_run_over_a_path_an_override_and_two_seeds():
    parameters = {"scenario": str(MAIN), "time.years": 1, "units.cafe.price_sek": [40, 60]}
    kwargs = {"number_processes": 1, "max_steps": 400, "display_progress": False}
    if "rng" in inspect.signature(mesa.batch_run).parameters:  # Mesa ≥ 3.4 takes the seeds itself
        rows = mesa.batch_run(CentreModel, parameters=parameters, rng=[1, 2], **kwargs)
    else:  # Mesa 3.3: the seed is one more model parameter
        rows = mesa.batch_run(CentreModel, parameters=parameters | {"rng": [1, 2]}, **kwargs)
    frame = pd.DataFrame(rows)
    assert len(frame) == 4
    assert set(frame["units.cafe.price_sek"]) == {40, 60} and set(frame["rng"]) == {1, 2}
    assert (frame["Step"] == 364).all()
    assert set(MONTHLY_SERIES) <= set(frame.columns)
    for row in frame.to_dict("records"):  # the same numbers as a run of our own
        out = CentreModel(MAIN, rng=row["rng"], **{"time.years": 1, "units.cafe.price_sek": row["units.cafe.price_sek"]}).run()
        assert row["cash_sek"] == out.monthly["cash_sek"][-1]


def test_a_finished_model_can_be_freed():
    # Mesa 3.3 keeps every model alive in Agent._ids (mesa#3179): a sweep's workers grew by
    # ~5 MB a run until the model forgot itself there at its horizon
    import gc
    import weakref

    from centrumsim import CentreModel, load_scenario

    model = CentreModel(load_scenario(MAIN).with_years(1), rng=0)
    model.run()
    ref = weakref.ref(model)
    del model
    gc.collect()
    assert ref() is None
