"""Sweep files: TOML → a validated, immutable :class:`SweepSpec`, every problem at once.

A sweep names a base scenario (relative to the sweep file), a design over dotted scenario keys
(the keys of ``--set``) and the outcomes to keep (paths into a run's summary)::

    base = "../scenarios/klockaretorpet.toml"
    years = 10
    [design]
    method = "lhs"            # lhs | sobol | morris | factorial | grid
    points = 64
    seeds_per_point = 4
    seed = 20261201
    [parameters."units.cafe.price_sek"]
    min = 40
    max = 90
    [outcomes]
    keep = ["enterprise.result_sek_per_year", "enterprise.p_break_even"]

Problems are reported like a scenario's, ``file: key: reason`` (with "did you mean"), and a
parameter's bounds are checked by applying them to the base scenario exactly as ``--set`` would.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..analysis.runner import MAX_RUNS, run_one
from ..results import Results
from ..scenario import Scenario, ScenarioError, canonical, load_scenario, spec, suggest
from ..scenario.keys import ABSENT, override_problem, resolved_value, suggest_key
from ..scenario.reading import read_as
from ..scenario.schema import Problem, table_spec
from ..version import __version__
from .outcomes import SERIES, flatten

METHODS = ("lhs", "sobol", "morris", "factorial", "grid")
MAX_SWEEP_RUNS = 1_000_000
"""A sweep's runs at most unless its file says otherwise (``design.max_runs``): checked by
``validate`` and ``sweep`` alike, before anything is written."""


@dataclass(frozen=True, kw_only=True)
class Design:
    """How the parameter space is sampled and how often each point is run."""

    method: Literal["lhs", "sobol", "morris", "factorial", "grid"] = spec(doc="sampling design")
    points: int = spec(16, min=1, max=MAX_RUNS,
                       doc="lhs: points; sobol: the base sample N (N(2D+2) points); morris: trajectories")
    seeds_per_point: int = spec(1, min=1, max=10_000, doc="replicates of each point (common random numbers)")
    seed: int = spec(0, min=0, doc="the sweep's seed: the design's sampling and every run's seed derive from it")
    levels: int = spec(4, min=2, max=1000, doc="morris: grid levels (even); grid: steps per parameter given by min/max")
    second_order: bool = spec(True, doc="sobol: also the second-order indices (Saltelli: N(2D+2) points, else N(D+2))")
    max_runs: int = spec(MAX_SWEEP_RUNS, min=1, max=100_000_000,
                         doc="the most runs (points × seeds_per_point) this sweep may have; raise it for a bigger "
                             "one (about 1 GB of memory and half a minute to prepare per million runs)")


@dataclass(frozen=True, kw_only=True)
class Parameter:
    """One uncertain scenario value: a range (``min``, ``max``) or a list of ``levels``."""

    min: float | None = spec(None, doc="lower bound (lhs, sobol, morris, grid)")
    max: float | None = spec(None, doc="upper bound")
    levels: tuple[float, ...] | None = spec(None, doc="the values (factorial, grid)")

    def bounds(self) -> tuple[float, float]:
        """(min, max), which a validated sweep has for every parameter of a ranged design."""
        if self.min is None or self.max is None:
            raise ValueError("this parameter has levels, not a min and max")
        return self.min, self.max


@dataclass(frozen=True, kw_only=True)
class Outcomes:
    """What each run keeps: summary paths (a band's median for one run) and monthly series."""

    keep: tuple[str, ...] = spec(doc="dotted paths into a run's summary, e.g. enterprise.result_sek_per_year")
    series: tuple[str, ...] = spec((), doc="monthly series kept per run, e.g. cash_sek (see Results.timeseries)")


@dataclass(frozen=True, kw_only=True)
class SweepFile:
    """The schema of a sweep file."""

    base: str = spec(doc="the base scenario, relative to the sweep file")
    years: int | None = spec(None, min=1, max=100, doc="horizon in years (default: the base scenario's)")
    design: Design = spec()
    parameters: dict[str, Parameter] = table_spec(doc="dotted scenario key → its range or levels")
    outcomes: Outcomes = spec()


@dataclass(frozen=True)
class SweepSpec:
    """A validated sweep: the file's content, the base scenario (with the sweep's horizon), the
    parameters in file order and which of them are whole numbers, and the sweep's identity."""

    source: str
    file: SweepFile
    base: Scenario
    names: tuple[str, ...]
    integer: tuple[bool, ...]
    sha256: str

    @property
    def design(self) -> Design:
        return self.file.design

    @property
    def runs(self) -> int:
        """Runs the sweep plans: points × seeds per point."""
        return planned_points(self.file) * self.design.seeds_per_point

    @property
    def parameters(self) -> Mapping[str, Parameter]:
        return self.file.parameters

    @property
    def outcomes(self) -> tuple[str, ...]:
        return self.file.outcomes.keep

    @property
    def series(self) -> tuple[str, ...]:
        return self.file.outcomes.series

    def identity(self) -> dict[str, Any]:
        """What identifies the sweep's runs: the sweep (hash of its resolved content, the base
        scenario's hash included), the base scenario and the package version."""
        return {"sweep": self.source, "sweep_sha256": self.sha256, "scenario": self.base.name,
                "scenario_file": self.base.source, "scenario_sha256": self.base.sha256,
                "version": __version__}


def load_sweep(path: str | Path) -> SweepSpec:
    """Read and validate a sweep file; raises :class:`ScenarioError` with every problem."""
    source, _raw, parsed, problems = read_as(path, SweepFile)
    base_path = (Path(path).parent / parsed.base)
    try:
        base = load_scenario(base_path)
        if parsed.years is not None:
            base = base.with_years(parsed.years)
    except ScenarioError as exc:
        raise ScenarioError([f"{source}: base: the scenario {parsed.base!r} has problems:", *exc.lines]) from None
    names = tuple(parsed.parameters)
    problems += _check_design(parsed)
    integer = []
    for name in names:
        found, is_int = _check_parameter(base, name, parsed.parameters[name], parsed.design.method)
        problems += found
        integer.append(is_int)
    problems += _check_outcomes(base, parsed.outcomes)
    if problems:
        raise ScenarioError([p.render(source) for p in problems])
    # the base by what it resolves to, not by how its path is written: a copy of the sweep file
    # that names the same scenario another way is the same sweep
    fields = {k: v for k, v in _plain(dataclasses.asdict(parsed)).items() if k != "base"}
    del fields["design"]["max_runs"]  # a guard, not part of what runs: raising it keeps the sweep's identity
    content = {"file": canonical(fields), "base_sha256": base.sha256}
    sha = hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
    return SweepSpec(source, parsed, base, names, tuple(integer), sha)


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def planned_points(f: SweepFile) -> int:
    """How many points the design of ``f`` has (N(2D+2) for Saltelli with second order, etc.),
    counted without making them."""
    d, k = f.design, len(f.parameters)
    if d.method == "lhs":
        return d.points
    if d.method == "sobol":
        return d.points * (2 * k + 2 if d.second_order else k + 2)
    if d.method == "morris":
        return d.points * (k + 1)
    return math.prod(len(p.levels) if p.levels is not None else d.levels for p in f.parameters.values())


def _check_design(f: SweepFile) -> list[Problem]:
    d, out = f.design, []
    runs = planned_points(f) * d.seeds_per_point
    if runs > d.max_runs:
        out.append(Problem("design", f"{runs:,} runs ({planned_points(f):,} points × {d.seeds_per_point:,} seeds) "
                                     f"are more than design.max_runs ({d.max_runs:,}); fewer points or seeds, or "
                                     "raise design.max_runs"))
    if not f.parameters:
        out.append(Problem("parameters", "name at least one parameter, e.g. [parameters.\"units.cafe.price_sek\"]"))
    if d.method == "sobol" and d.points & (d.points - 1):
        out.append(Problem("design.points", f"for sobol must be a power of 2, e.g. 16, 32, 64 (got {d.points})"))
    if d.method == "morris" and (d.levels % 2 or d.points < 2):
        out.append(Problem("design", f"for morris: points (trajectories) >= 2 and an even levels "
                                     f"(got points {d.points}, levels {d.levels})"))
    return out


def _check_parameter(base: Scenario, name: str, p: Parameter, method: str) -> tuple[list[Problem], bool]:
    where = f'parameters."{name}"'
    out: list[Problem] = []
    ranged = method in ("lhs", "sobol", "morris")
    if ranged and (p.min is None or p.max is None or p.levels is not None):
        out.append(Problem(where, f"{method} needs min and max (and no levels)"))
    elif method == "factorial" and (p.levels is None or p.min is not None or p.max is not None):
        out.append(Problem(where, "factorial needs levels = [...] (and no min or max)"))
    elif method == "grid" and (p.levels is None) == (p.min is None or p.max is None):
        out.append(Problem(where, "grid needs either levels = [...] or min and max (then design.levels steps)"))
    if p.min is not None and p.max is not None and not p.min < p.max:
        out.append(Problem(where, f"min must be below max (got {p.min:g} and {p.max:g})"))
    if p.levels is not None and len(p.levels) < 1:
        out.append(Problem(f"{where}.levels", "give at least one value"))
    levels = p.levels or ()
    repeated = sorted({v for v in levels if levels.count(v) > 1})
    if repeated:  # each would be run twice, under the same seeds
        out.append(Problem(f"{where}.levels", f"a value appears twice ({', '.join(f'{v:g}' for v in repeated)})"))
    current = resolved_value(base, name)
    if current is ABSENT:
        return [Problem(where, "not a scenario key" + suggest_key(base, name))], False
    is_int = isinstance(current, int) and not isinstance(current, bool)
    if isinstance(current, bool) or not isinstance(current, (int, float)):
        return [Problem(where, f"not a number in the scenario (it is {current!r}); sweeps vary numbers")], False
    values = [("min", p.min), ("max", p.max)] + [(f"levels[{i}]", v) for i, v in enumerate(p.levels or ())]
    for label, value in values:
        reason = None if value is None else override_problem(base, name, value, is_int)
        if reason is not None:
            out.append(Problem(f"{where}.{label}", reason))
    return out, is_int


def _check_outcomes(base: Scenario, outcomes: Outcomes) -> list[Problem]:
    """Outcome paths must name numbers in a run's summary; checked on a one-year run."""
    if not outcomes.keep:
        return [Problem("outcomes.keep", "name at least one outcome, e.g. enterprise.result_sek_per_year")]
    short = base.with_years(1)
    available = flatten(Results(short, [run_one(short, 0)]).summary())
    out = []
    for i, key in enumerate(outcomes.keep):
        if key not in available:
            out.append(Problem(f"outcomes.keep[{i}]", f"{key!r} is not a number in a run's summary"
                                                      + suggest(key, available)))
    for i, name in enumerate(outcomes.series):
        if name not in SERIES:
            out.append(Problem(f"outcomes.series[{i}]", f"{name!r} is not a monthly series" + suggest(name, SERIES)))
    if len(set(outcomes.keep)) != len(outcomes.keep):
        out.append(Problem("outcomes.keep", "an outcome is named twice"))
    return out
