"""Results of one scenario over many seeds: the runs as plain data, tidy frames and the summary.

``Results.summary()`` is exactly what ``summary.json`` holds; it is computed once. Writing files
lives in :mod:`.writing`, plotting in :mod:`centrumsim.present`.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from ..accessors import accessor
from ..model import RunOutput
from ..scenario import Scenario
from ..version import __version__
from . import frames
from . import summary as summarise
from . import uncertainty as uncertain
from .measures import enterprise_result_sek


def jsonable(value: Any) -> Any:
    """``value`` as plain JSON data: numpy scalars as Python numbers, NaN and ±inf as None,
    tuples as lists, other objects as text."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return None if not np.isfinite(value) else float(value)
    if isinstance(value, (str, int, bool)) or value is None:
        return value
    return str(value)


def identity(scenario: Scenario, seeds: Sequence[int], **extra: Any) -> dict[str, Any]:
    """What identifies runs: the scenario (name, file, hash of what it resolves to), the
    overrides, the seeds and the package version, with ``run_id`` a short hash of them
    (everything but the file's path, so the same runs from another folder share it)."""
    ident = jsonable({
        "scenario": scenario.name, "scenario_file": scenario.source, "scenario_sha256": scenario.sha256,
        "overrides": dict(scenario.overrides), "seeds": list(seeds), "version": __version__, **extra,
    })
    key = {k: v for k, v in ident.items() if k != "scenario_file"}
    ident["run_id"] = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]
    return ident


class Results:
    """The outputs of one scenario over several seeds."""

    def __init__(self, scenario: Scenario, runs: Sequence[RunOutput], drawn: Mapping[str, Any] | None = None):
        """``runs`` of ``scenario``; ``drawn``: the facts of runs drawn over the assumptions
        (:mod:`centrumsim.analysis.uncertainty`), None for runs at the assumed values."""
        if not runs:
            raise ValueError("no runs")
        self.scenario = scenario
        self.runs = list(runs)
        self._drawn = drawn

    @property
    def futures(self) -> pd.DataFrame | None:
        """Runs drawn over the assumptions: one row per run (draw, replicate, seed, each
        assumption's value — a factor where its range is one —, the yearly result, whether it
        broke even); None for runs at the assumed values."""
        return None if self._drawn is None else pd.DataFrame(self._drawn["futures"])

    @cached_property
    def uncertainty(self) -> dict[str, Any]:
        """How sure the answer is (see :mod:`.uncertainty`): the summary's ``uncertainty`` facts."""
        return uncertain.facts(self._drawn, self.runs)

    @property
    def seeds(self) -> list[int]:
        return [r.seed for r in self.runs]

    @property
    def years(self) -> float:
        return self.runs[0].years

    def identity(self) -> dict[str, Any]:
        """What identifies these runs (see :func:`identity`); drawn runs add their design."""
        design = {"assumptions": self._drawn["design"]} if self._drawn else {}
        return identity(self.scenario, self.seeds, **design)

    @property
    def plot(self) -> Any:
        """The plots of these runs, for a notebook: ``res.plot.cash()``, ``res.plot("sv").plan("2024-03")``,
        ``res.plot.series("safety_index")`` — each a matplotlib Figure that shows itself inline,
        without pyplot, so the notebook's backend is left alone (:class:`centrumsim.present.notebook.Plots`;
        the plotting layer hangs it here through :mod:`centrumsim.accessors`)."""
        return accessor("plot", self)

    # ------------------------------------------------------------------ the summary
    @cached_property
    def _summary(self) -> dict[str, Any]:
        return jsonable(summarise.summary(self))

    def summary(self) -> dict[str, Any]:
        """The summary dict (the contents of ``summary.json``); a fresh copy each call."""
        return copy.deepcopy(self._summary)

    def enterprise_result_sek(self) -> np.ndarray:
        """Accumulated operating result over the horizon, SEK, per seed."""
        return np.array([enterprise_result_sek(r) for r in self.runs])

    # ------------------------------------------------------------------ tidy frames
    @cached_property
    def timeseries(self) -> pd.DataFrame:
        """Monthly series per seed (one row per seed and month)."""
        return frames.timeseries(self.runs)

    @cached_property
    def daily(self) -> pd.DataFrame:
        """Daily series per seed (one row per seed and day)."""
        return frames.daily(self.runs)

    @cached_property
    def books(self) -> pd.DataFrame:
        """The ledger: one row per seed, month, unit and non-zero line (see :func:`frames.books`)."""
        return frames.books(self.runs)

    @cached_property
    def public_ledger(self) -> pd.DataFrame:
        """Every krona from outside booked to its payer, per seed and month (see :func:`frames.public_ledger`)."""
        return frames.public_ledger(self.runs)

    @cached_property
    def cross_subsidy(self) -> pd.DataFrame:
        """Who carried whom inside the enterprise, per seed and month."""
        return frames.cross_subsidy(self.runs)

    def cross_subsidy_by_year(self) -> pd.DataFrame:
        """Median over seeds of SEK carried, per year, carrier and carried unit."""
        return frames.cross_subsidy_by_year(self.cross_subsidy, self.seeds)

    @cached_property
    def events(self) -> pd.DataFrame:
        """Unrest events: seed, date, type, actor (resident row), damage, target unit."""
        return frames.events(self.runs)

    @cached_property
    def police_list(self) -> pd.DataFrame:
        """Per seed and calendar year: the police list's criteria and flag."""
        return frames.police_list(self.runs, self.scenario.indicators)

    def unit_table(self) -> pd.DataFrame:
        """One row per (seed, unit): contribution, share of months open, visits, posts."""
        return self._unit_table.copy()

    @cached_property
    def _unit_table(self) -> pd.DataFrame:
        return frames.unit_table(self.runs, self.scenario)
