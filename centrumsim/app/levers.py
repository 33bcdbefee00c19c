"""The page's levers as dotted scenario overrides, and the runs they make — no Solara here, so
this part is tested (and usable) without a browser or the ``[app]`` extra.

    base = load_base("scenarios/klockaretorpet.toml")
    levers = Levers.of(base).but(units_off=("gym",), rent_percent=80, est_active=False)
    overrides(base, levers)     # {"units.gym.enabled": False, "premises.kafelokalen.rent_sek_per_m2_year": 800.0, …}
    results = run_seeds(base, levers, seeds=10)

A lever left at the scenario's value adds no override: the scenario runs as written, dated
actions included. A lever moved sets its value for the whole run, and the scenario's dated
actions of the same kind (``start_est``, ``set_lighting``, …) are dropped, so that "EST off"
means no EST. Switching a unit off drops it and the dated actions that act on it, as
``centrumsim breakeven`` drops a unit from a mix.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..analysis.runner import Workers, prepared, run_many
from ..analysis.uncertainty import planned_runs, run
from ..model import CentreModel, RunOutput
from ..results import Results
from ..scenario import Scenario, ScenarioError, load_scenario

SCENARIOS_ENV = "CENTRUMSIM_APP_SCENARIOS"
"""The environment variable through which ``centrumsim app`` tells the page its scenario folder."""

# the dated actions a lever replaces when it is moved
REPLACES = {"est_active": ("start_est", "stop_est"), "lighting_quality": ("set_lighting",),
            "tram_crossing_improved": ("improve_tram_crossing",)}


@dataclass(frozen=True)
class Levers:
    """What the page changes. Percentages are of the scenario's own values; the rest are the
    values themselves (see :meth:`of` for a scenario's)."""

    units_off: tuple[str, ...] = ()
    rent_percent: float = 100.0     # rent of the enterprise's premises
    price_percent: float = 100.0    # the enterprise's prices per visit and membership fees
    est_active: bool = False        # coordinated crime prevention (EST) for the whole run
    lighting_quality: float = 0.5   # 0–1
    tram_crossing_improved: bool = False
    youth_percent: float = 100.0    # every unit's organised youth activity hours
    grant_sek_per_month: float = 0.0  # the grant to the enterprise as a whole

    @classmethod
    def of(cls, scenario: Scenario) -> Levers:
        """The levers where the scenario has them (no override)."""
        return cls(est_active=scenario.unrest.est_active, lighting_quality=scenario.unrest.lighting_quality,
                   tram_crossing_improved=scenario.footfall.tram_crossing_improved,
                   grant_sek_per_month=scenario.enterprise.grant_sek_per_month)

    def but(self, **changes: Any) -> Levers:
        """A copy with some levers changed (``units_off`` kept sorted and distinct)."""
        if "units_off" in changes:
            changes["units_off"] = tuple(sorted(set(changes["units_off"])))
        return dataclasses.replace(self, **changes)

    def with_unit(self, name: str, on: bool) -> Levers:
        off = set(self.units_off) - {name} if on else set(self.units_off) | {name}
        return self.but(units_off=off)


def overrides(base: Scenario, levers: Levers) -> dict[str, Any]:
    """The dotted overrides (the keys of ``--set``) that make ``base`` what the levers say."""
    out: dict[str, Any] = {}
    ent = set(base.enterprise_units) - set(levers.units_off)
    for name in levers.units_off:
        if name in base.units:
            out[f"units.{name}.enabled"] = False
    dropped_ivs = {n for n, iv in base.interventions.items() if iv.enabled and iv.unit and iv.unit in levers.units_off}
    share = levers.rent_percent / 100
    if share != 1:
        for p in sorted({base.units[n].premises for n in ent}):
            out[f"premises.{p}.rent_sek_per_m2_year"] = _round(base.premises[p].rent_sek_per_m2_year * share)
    share = levers.price_percent / 100
    if share != 1:
        for n in sorted(ent):
            u = base.units[n]
            if u.price_sek:
                out[f"units.{n}.price_sek"] = _round(u.price_sek * share)
            if u.membership_fee_sek_per_month:
                out[f"units.{n}.membership_fee_sek_per_month"] = _round(u.membership_fee_sek_per_month * share)
    share = levers.youth_percent / 100
    if share != 1:
        for n, u in base.units.items():
            if u.youth_activity_hours_per_week and n not in levers.units_off:
                out[f"units.{n}.youth_activity_hours_per_week"] = _round(u.youth_activity_hours_per_week * share)
    moved = [("unrest.est_active", "est_active", base.unrest.est_active),
             ("unrest.lighting_quality", "lighting_quality", base.unrest.lighting_quality),
             ("footfall.tram_crossing_improved", "tram_crossing_improved", base.footfall.tram_crossing_improved)]
    for key, lever, today in moved:
        value = getattr(levers, lever)
        if value != today:
            out[key] = value
            dropped_ivs |= {n for n, iv in base.interventions.items() if iv.enabled and iv.action in REPLACES[lever]}
    if ent and levers.grant_sek_per_month != base.enterprise.grant_sek_per_month:
        out["enterprise.grant_sek_per_month"] = _round(levers.grant_sek_per_month)
    out |= {f"interventions.{n}.enabled": False for n in sorted(dropped_ivs)}
    return out


def _round(value: float) -> float:
    return round(float(value), 2)


def dated_actions(base: Scenario, lever: str) -> list[str]:
    """The dates on which the scenario's own actions change what ``lever`` sets (ISO dates)."""
    return sorted(iv.date.isoformat() for iv in base.interventions.values()
                  if iv.enabled and iv.action in REPLACES.get(lever, ()))


def scenario_for(base: Scenario, levers: Levers) -> Scenario:
    """``base`` with the levers applied (validated like a file; ScenarioError if they clash)."""
    extra = overrides(base, levers)
    return base.with_overrides(extra) if extra else base


def problems(base: Scenario, levers: Levers) -> list[str]:
    """Why the levers do not make a valid scenario (the ScenarioError's lines, e.g. every unit
    switched off), or []."""
    try:
        scenario_for(base, levers)
    except ScenarioError as exc:
        return list(exc.lines)
    return []


def set_options(levers_overrides: dict[str, Any]) -> list[str]:
    """The overrides as ``--set`` options: the same runs from the command line."""
    def show(v: Any) -> str:
        return str(v).lower() if isinstance(v, bool) else f"{v:g}" if isinstance(v, float) else str(v)
    return [f"--set {k}={show(v)}" for k, v in levers_overrides.items()]


PAGE_DRAWS = 16
"""Futures the page draws over the assumptions when asked (× 2 replicates: 32 runs beyond the seeds)."""


def planned(base: Scenario, levers: Levers, seeds: int, drawn: bool) -> int:
    """How many runs :func:`run_seeds` makes (with ``drawn``: ``PAGE_DRAWS`` futures too)."""
    return planned_runs(scenario_for(base, levers), seeds, PAGE_DRAWS, fixed=not drawn)


def run_seeds(base: Scenario, levers: Levers, seeds: int, progress: Callable[[bool], None] | None = None,
              workers: int | Workers = 1, years: int | None = None, draws: int | None = None,
              so_far: Callable[[Results], None] | None = None) -> Results:
    """Seeds 0…N−1 of the scenario with the levers applied (``progress`` is called once per
    finished run; ``years``: another horizon; ``workers``: processes, or the page's own
    :class:`~centrumsim.analysis.runner.Workers`); with ``draws``, also that many futures drawn
    over the assumptions (:func:`centrumsim.analysis.uncertainty.run`). Without ``draws``,
    ``so_far`` (optional) is given the results of the seeds finished so far, each time one
    finishes (the page shows them while the rest run); over futures the answer needs them all."""
    sc = scenario_for(base, levers)
    if draws is not None or so_far is None:
        return run(sc, seeds=seeds, years=years, workers=workers, progress=progress, fixed=draws is None,
                   draws=draws or PAGE_DRAWS)
    sc = prepared(sc, years, None)
    done: dict[int, RunOutput] = {}

    def finished(i: int, output: RunOutput) -> None:
        done[i] = output
        if len(done) < seeds:  # the last: the whole answer follows at once
            so_far(Results(sc, [done[k] for k in sorted(done)]))

    return Results(sc, run_many([(sc, s) for s in range(seeds)], workers, progress, finished))


class LiveModel(CentreModel):
    """The centre as Mesa's SolaraViz builds and steps it (its Reset calls this with the page's
    model parameters): the scenario file with the levers applied, one seed."""

    def __init__(self, scenario: str = "", levers: Levers | None = None, rng: int = 0):
        base = load_base(scenario)
        super().__init__(scenario=base, rng=rng, **overrides(base, levers or Levers.of(base)))


# ---------------------------------------------------------------------- the shipped scenarios
def scenario_folder(given: str | os.PathLike | None = None) -> Path:
    """The folder of scenario files the page offers: ``given``, else $CENTRUMSIM_APP_SCENARIOS,
    else ./scenarios, else the repository's scenarios/ beside the package."""
    for candidate in (given, os.environ.get(SCENARIOS_ENV), "scenarios"):
        if candidate and Path(candidate).is_dir():
            return Path(candidate).resolve()
    return Path(__file__).resolve().parents[2] / "scenarios"


def scenario_files(folder: Path) -> list[Path]:
    """The scenario files in ``folder`` (``*.toml``), sorted by name."""
    return sorted(folder.glob("*.toml"))


def scenario_names(files: dict[str, Path]) -> dict[str, str]:
    """Each scenario file's stem → the name the picker shows: the scenario's own name (its
    file's stem after it when two share a name)."""
    names = {stem: load_base(path).name for stem, path in files.items()}
    shared = {n for n in names.values() if list(names.values()).count(n) > 1}
    return {stem: f"{n} ({stem})" if n in shared else n for stem, n in names.items()}


def command_path(path: str | Path) -> str:
    """A scenario file as the command line that reproduces the runs names it: from the current
    folder (the repository's root: ``scenarios/…``) when it is inside it, else in full."""
    p = Path(path).resolve()
    try:
        return p.relative_to(Path(os.getcwd()).resolve()).as_posix()
    except ValueError:
        return str(p)


def load_base(path: str | os.PathLike) -> Scenario:
    """A scenario file as loaded (kept while the file is unchanged)."""
    p = Path(path).resolve()
    return _load(str(p), p.stat().st_mtime_ns)


@functools.lru_cache(maxsize=32)
def _load(path: str, mtime_ns: int) -> Scenario:
    return load_scenario(path)
