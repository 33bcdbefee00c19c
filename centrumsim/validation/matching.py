"""Calibration by history matching in waves (after McCulloch et al. 2022, JASSS 25(2):1).

A parameters file names the uncertain scenario keys and their plausible ranges, and the budget
of each wave::

    [parameters."unrest.legitimacy"]
    min = 0.74
    max = 0.82
    [parameters.shop_rents]  # several keys moved together, as a factor on each one's own value
    keys = ["premises.butik_1.rent_sek_per_m2_year", "premises.butik_2.rent_sek_per_m2_year"]
    scale = true
    min = 0.7
    max = 1.3
    [waves]
    points = 16            # Latin-hypercube points per wave
    seeds_per_point = 4    # from the history's calibration block
    seed = 2026
    cutoff = 3.0           # implausibility above which a point is ruled out
    discrepancy = 0.05     # model discrepancy, as a share of seeds

Wave 1 samples the ranges; each later wave samples the box spanned by the points the wave before
kept (the non-implausible region, approximated by its bounding box — no emulator). A point runs
the whole history over the calibration block's first seeds (every scenario, common random
numbers) and each pattern is judged per seed. Its implausibility for pattern j is

    I_j = max(0, need_j − p̂_j) / sqrt(need_j (1 − need_j) / n + discrepancy²)

with p̂_j the share of its n seeds that show the pattern: how many standard deviations — seed
noise (binomial) and model discrepancy — it falls short of the need; exceeding the need is no
misfit. A point is kept when max_j I_j ≤ cutoff, the maximum over the diagnostic patterns (a
pattern marked ``diagnostic = false`` holds by construction and carries no information about
the parameters). Every run is kept in a run store per wave
(``DIR/wave_1/runs.sqlite``, ...), so a killed calibration resumes where it stopped.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..analysis.bars import ProgressArg
from ..analysis.runner import run_one
from ..analysis.sampling import lhs_points
from ..results import Results
from ..results.manifest import changed_files, changed_line, read_manifest
from ..scenario import ScenarioError, canonical, override_problem, resolved_value, spec
from ..scenario.reading import read_as
from ..scenario.schema import Problem, table_spec
from ..sweeps.execute import run_jobs
from ..sweeps.outcomes import failure_text, result_row
from ..sweeps.spec import MAX_SWEEP_RUNS, Parameter
from ..sweeps.store import RunStore
from ..version import __version__
from .history import History


@dataclass(frozen=True, kw_only=True)
class Waves:
    """The budget and the rule of each wave."""

    points: int = spec(16, min=2, max=100_000, doc="Latin-hypercube points per wave")
    seeds_per_point: int = spec(4, min=1, max=1000, doc="seeds per point, from the calibration block")
    seed: int = spec(0, min=0, doc="seed of the sampling")
    cutoff: float = spec(3.0, gt=0, doc="implausibility above which a point is ruled out (Pukelsheim's 3σ)")
    discrepancy: float = spec(0.05, min=0, max=1, doc="model discrepancy, as a share of seeds")


@dataclass(frozen=True, kw_only=True)
class MatchParameter(Parameter):
    """A parameter of the history match: one dotted key (its name), or several moved together
    (``keys``: e.g. the rents of the shops' premises), set to the value or, with ``scale``,
    multiplied by it (``min``/``max`` are then factors on each key's own value in each scenario)."""

    keys: tuple[str, ...] = spec((), doc="the dotted keys set together (default: the parameter's name)")
    scale: bool = spec(False, doc="the value is a factor on each key's own value (economic levels: rents, attractions)")

    def targets(self, name: str) -> tuple[str, ...]:
        return self.keys or (name,)


@dataclass(frozen=True, kw_only=True)
class CalibrationFile:
    """The schema of a parameters file."""

    parameters: dict[str, MatchParameter] = table_spec(doc="dotted scenario key (or a name with keys) → its range")
    waves: Waves = spec(Waves())


@dataclass(frozen=True)
class Calibration:
    """A validated parameters file for a history."""

    source: str
    file: CalibrationFile
    names: tuple[str, ...]
    integer: tuple[bool, ...]
    sha256: str


def _read_parameters(path: str | Path) -> tuple[str, dict, CalibrationFile, list[Problem]]:
    """A parameters file read, with the problems that need no history."""
    source, raw, parsed, problems = read_as(path, CalibrationFile)
    if not parsed.parameters:
        problems.append(Problem("parameters", "name at least one parameter with min and max"))
    for name, p in parsed.parameters.items():
        if p.min is None or p.max is None or p.levels is not None or not p.min < p.max:
            problems.append(Problem(f'parameters."{name}"', "needs min < max (and no levels)"))
    w = parsed.waves
    if w.points * w.seeds_per_point > MAX_SWEEP_RUNS:  # a wave's store, as a sweep's, is made whole up front
        problems.append(Problem("waves", f"{w.points * w.seeds_per_point:,} history runs a wave ({w.points:,} points × "
                                         f"{w.seeds_per_point:,} seeds) are more than {MAX_SWEEP_RUNS:,}; "
                                         "fewer points or seeds"))
    return source, raw, parsed, problems


def check_parameters(path: str | Path) -> CalibrationFile:
    """Check a parameters file on its own (``centrumsim validate``): every problem at once. Its
    bounds are checked against a history's scenarios by :func:`load_parameters`."""
    source, _raw, parsed, problems = _read_parameters(path)
    if problems:
        raise ScenarioError([p.render(source) for p in problems])
    return parsed


def load_parameters(path: str | Path, history: History) -> Calibration:
    """Read and check a parameters file against the history's scenarios; every problem at once.
    A scaled parameter is checked at its bounds as the factor times each key's own value."""
    source, raw, parsed, problems = _read_parameters(path)
    any_scenario = next(iter(history.scenarios.values()))
    integer = []
    for name, p in parsed.parameters.items():
        where = f'parameters."{name}"'
        value = resolved_value(any_scenario, p.targets(name)[0])
        integer.append(not p.scale and isinstance(value, int) and not isinstance(value, bool))
        for label, v in (("min", p.min), ("max", p.max)):
            if v is None:
                continue
            for sc_name, sc in history.scenarios.items():
                reason = next((r for key, x in _expand(sc, name, p, v).items()
                               if (r := override_problem(sc, key, x, integer[-1])) is not None), None)
                if reason is not None:
                    problems.append(Problem(f"{where}.{label}", f"scenario {sc_name!r}: {reason}"))
                    break
    if problems:
        raise ScenarioError([p.render(source) for p in problems])
    sha = hashlib.sha256(canonical(raw).encode()).hexdigest()
    return Calibration(source, parsed, tuple(parsed.parameters), tuple(integer), sha)


def _expand(sc: Any, name: str, p: MatchParameter, value: float) -> dict[str, float]:
    """The dotted overrides a parameter's value means in scenario ``sc``."""
    if not p.scale:
        return dict.fromkeys(p.targets(name), value)
    out = {}
    for key in p.targets(name):
        base = resolved_value(sc, key)
        # a key the scenario lacks (or not a number) goes through as the value, to be refused with its reason
        out[key] = base * value if isinstance(base, (int, float)) and not isinstance(base, bool) else value
    return out


def history_at(history: History, parameters: Mapping[str, MatchParameter], values: Mapping[str, Any]) -> History:
    """The history with a point's values applied to every scenario: a plain parameter as the
    override of its key, one with ``keys`` to each key, a scaled one as a factor on each key's
    value in that scenario."""
    if all(not parameters[n].keys and not parameters[n].scale for n in values if n in parameters):
        return history.with_overrides(values)
    scenarios = {}
    for sc_name, sc in history.scenarios.items():
        overrides: dict[str, Any] = {}
        for n, v in values.items():
            overrides |= _expand(sc, n, parameters[n], v) if n in parameters else {n: v}
        scenarios[sc_name] = sc.with_overrides(overrides)
    return dataclasses.replace(history, scenarios=scenarios)


# ---------------------------------------------------------------------------- one history run
@dataclass(frozen=True)
class HistoryJob:
    """One point of a wave at one seed: every scenario of the history."""

    point: int
    replicate: int
    seed: int
    overrides: Mapping[str, Any]
    history: History
    parameters: Mapping[str, MatchParameter] = field(default_factory=dict)


def run_history_job(job: HistoryJob) -> dict[str, Any]:
    """Run the history at one point and seed; outcomes ``pattern.<id>`` = 1 (shown), 0 (not) or
    NaN (not judged, e.g. the café never opened). Never raises for a failing run."""
    started = time.perf_counter()
    try:
        h = history_at(job.history, job.parameters, job.overrides)
        results = {name: Results(sc, [run_one(sc, job.seed)]) for name, sc in h.scenarios.items()}
        outcomes = {}
        for pid, p in h.patterns.items():
            shown = np.asarray(p.check(results), dtype=bool)
            outcomes[f"pattern.{pid}"] = float(shown[0]) if shown.size else float("nan")
        error = None
    except Exception as exc:  # noqa: BLE001 - a failing run is data: recorded, and the calibration goes on
        outcomes, error = {}, failure_text(exc)
    sha = hashlib.sha256("".join(sc.sha256 for sc in job.history.scenarios.values()).encode()).hexdigest()
    return result_row(job, started, sha, outcomes, error=error)


# ---------------------------------------------------------------------------- waves
def implausibility(shown_share: np.ndarray, need: np.ndarray, n: np.ndarray, discrepancy: float) -> np.ndarray:
    """I per point and pattern: the shortfall below the need in standard deviations."""
    sd = np.sqrt(need * (1 - need) / np.maximum(n, 1) + discrepancy ** 2)
    return np.maximum(0.0, need - shown_share) / np.maximum(sd, 1e-12)


def _sample(cal: Calibration, box: np.ndarray, wave: int) -> np.ndarray:
    return lhs_points(box, cal.file.waves.points, np.random.default_rng([cal.file.waves.seed, wave]), cal.integer)


def _wave_store(folder: Path, meta: dict[str, Any], points: np.ndarray, names: tuple[str, ...],
                integer: tuple[bool, ...]) -> RunStore:
    def design() -> tuple[dict[str, Any], list[dict[str, Any]]]:
        return meta, [{n: int(v) if i else float(v) for n, v, i in zip(names, row, integer)} for row in points]

    store = RunStore.prepare(folder, design, resume=True)
    if not store.created and store.meta().get("calibration_sha256") != meta["calibration_sha256"]:
        store.close()
        raise ScenarioError([f"--out: '{folder}' was made by another calibration (history, parameters or "
                             "package version differ); choose another folder"])
    return store


def wave_table(store: RunStore, history: History, cal: Calibration) -> pd.DataFrame:
    """A row per point: its parameters, each pattern's share of seeds, implausibilities, kept?"""
    frame = store.frame()
    done = frame[frame["status"] == "done"]
    cols = [f"pattern.{pid}" for pid in history.patterns]
    grouped = done.groupby("point")
    table = grouped[list(cal.names)].first()
    shares = grouped[cols].mean()
    counts = grouped[cols].count()
    need = np.array([history.patterns[pid].need for pid in history.patterns])
    w = cal.file.waves
    imp = implausibility(shares.to_numpy(), need[None, :], counts.to_numpy(), w.discrepancy)
    for j, pid in enumerate(history.patterns):
        table[f"share.{pid}"] = shares[cols[j]]
        table[f"I.{pid}"] = imp[:, j]
    diagnostic = np.array([history.patterns[pid].diagnostic for pid in history.patterns], dtype=bool)
    table["I_max"] = imp[:, diagnostic].max(axis=1) if imp[:, diagnostic].size else np.nan
    table["kept"] = table["I_max"] <= w.cutoff
    return table.reset_index()


def calibration_identity(history: History, cal: Calibration) -> dict[str, Any]:
    """What identifies a calibration: the history (its scenarios' hashes), the parameters file's
    hash and the package version, with ``calibration_sha256`` a hash of them."""
    ident = {"history": history.source, "parameters": cal.source, "version": __version__,
             "history_scenarios_sha256": {n: sc.sha256 for n, sc in history.scenarios.items()},
             "parameters_sha256": cal.sha256}
    return {**ident, "calibration_sha256": hashlib.sha256(json.dumps(ident, sort_keys=True).encode()).hexdigest()}


OUTPUTS = ("waves.csv", "kept_ranges.csv", "held_out.csv", "calibration.txt", "pairs.png", "manifest.json")
"""The files ``centrumsim calibrate`` writes beside its waves' stores."""


def check_folder(out: str | Path) -> None:
    """A calibration folder is new, empty, or holds only what a calibration writes, as its
    manifest says (a file edited by hand is not replaced); its ``wave_N`` stores are checked
    against the calibration when they are opened."""
    out = Path(out)
    if not out.exists():
        return
    if not out.is_dir():
        raise ScenarioError([f"--out: '{out}' is a file, not a folder"])
    ours = {*OUTPUTS, *(f".{name}.lock" for name in OUTPUTS)}  # the outputs' locks, while a calibration writes
    foreign = sorted(p.name for p in out.iterdir()
                     if p.name not in ours and not (p.is_dir() and p.name.startswith("wave_")))
    if foreign:
        raise ScenarioError([f"--out: '{out}' holds other files ({', '.join(foreign[:3])}"
                             f"{', …' if len(foreign) > 3 else ''}); choose a new or empty folder"])
    manifest = read_manifest(out)
    changed = [] if manifest is None else changed_files(out, manifest)
    if changed:
        raise ScenarioError([f"--out: {changed_line(out, *changed[0])}; move it away or choose another folder"])


def calibrate(history: History, cal: Calibration, out: str | Path, waves: int = 2, workers: int | None = None,
              executor: Any = None, progress: ProgressArg = None) -> list[pd.DataFrame]:
    """Run ``waves`` waves (resuming what the folder holds) and return each wave's table."""
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ScenarioError([f"--out: cannot write '{out}' ({exc.strerror or exc})"]) from None
    ident = calibration_identity(history, cal)
    cal_sha = ident.pop("calibration_sha256")
    box = np.array([[cal.file.parameters[n].min, cal.file.parameters[n].max] for n in cal.names], dtype=float)
    seeds = list(history.seeds.block("calibration"))[: cal.file.waves.seeds_per_point]
    tables = []
    for wave in range(1, waves + 1):
        points = _sample(cal, box, wave)
        meta = {**ident, "calibration_sha256": cal_sha, "wave": wave, "box": box.tolist(),
                "parameters": list(cal.names), "outcomes": [f"pattern.{pid}" for pid in history.patterns],
                "series": [], "seeds": seeds,
                "sweep_sha256": cal_sha, "seeds_per_point": len(seeds), "method": "lhs"}
        with _wave_store(out / f"wave_{wave}", meta, points, cal.names, cal.integer) as store:
            stored = store.point_overrides()
            recorded = store.recorded()
            jobs = [HistoryJob(p, r, seed, stored[p], history, cal.file.parameters) for p in sorted(stored)
                    for r, seed in enumerate(seeds) if (p, r) not in recorded]
            run_jobs(jobs, store, executor, workers, progress, fn=run_history_job)
            table = wave_table(store, history, cal)
        table.insert(0, "wave", wave)
        tables.append(table)
        kept = table[table["kept"]]
        if len(kept) < 2:
            break  # nothing (or one point) left: no region to sample
        lo, hi = kept[list(cal.names)].min().to_numpy(), kept[list(cal.names)].max().to_numpy()
        box = np.column_stack([lo, np.where(hi > lo, hi, lo + 1e-9)])
    return tables


def kept_ranges(tables: list[pd.DataFrame], cal: Calibration) -> pd.DataFrame:
    """Per parameter: the prior range and the range kept after each wave."""
    rows = []
    for name in cal.names:
        p = cal.file.parameters[name]
        row = {"parameter": name, "prior_min": p.min, "prior_max": p.max}
        for t in tables:
            k = t[t["kept"]]
            w = int(t["wave"].iloc[0])
            row[f"wave_{w}_kept"] = f"{len(k)} of {len(t)}"
            row[f"wave_{w}_min"] = float(k[name].min()) if len(k) else np.nan
            row[f"wave_{w}_max"] = float(k[name].max()) if len(k) else np.nan
        rows.append(row)
    return pd.DataFrame(rows)


def held_out_check(history: History, cal: Calibration, table: pd.DataFrame, sets: int, seeds: int,
                   workers: int | None = None, progress: ProgressArg = None) -> pd.DataFrame:
    """Pattern pass rates, on the history's held-out seeds, for up to ``sets`` parameter sets
    drawn from the kept points of ``table`` (a wave's table); one row per set."""
    from .check import judge, run_history

    kept = table[table["kept"]]
    if kept.empty:
        return pd.DataFrame()
    rng = np.random.default_rng([cal.file.waves.seed, 999])
    chosen = kept.iloc[np.sort(rng.choice(len(kept), size=min(sets, len(kept)), replace=False))]
    block = list(history.seeds.block("held_out"))[:seeds]
    rows = []
    for _, point in chosen.iterrows():
        overrides = {n: int(point[n]) if i else float(point[n]) for n, i in zip(cal.names, cal.integer)}
        results = run_history(history_at(history, cal.file.parameters, overrides), block, workers, progress)
        judged = judge(history, results)
        rows.append({**overrides, **{f"share.{r.pattern}": r.share for r in judged},
                     "patterns_passed": sum(r.passed for r in judged), "patterns": len(judged)})
    return pd.DataFrame(rows)


def defaults_point(history: History, cal: Calibration, workers: int | None = None,
                   progress: ProgressArg = None) -> tuple[float, str, bool]:
    """The scenario defaults judged as one more point, on the calibration seeds a point runs:
    (the largest implausibility, its pattern, kept?). The kept ranges are only the span of the
    kept points sampled, so a default outside them may still be not implausible, and inside
    them implausible."""
    from .check import judge, run_history

    seeds = list(history.seeds.block("calibration"))[: cal.file.waves.seeds_per_point]
    judged = judge(history, run_history(history, seeds, workers, progress))
    need = np.array([r.need for r in judged])
    counted = np.array([r.counted for r in judged])
    share = np.where(counted > 0, [r.share if r.counted else 0.0 for r in judged], need)  # no seed to judge: no misfit
    imp = implausibility(share, need, counted, cal.file.waves.discrepancy)
    imp[[not history.patterns[r.pattern].diagnostic for r in judged]] = 0.0  # by construction: no information
    worst = int(np.argmax(imp))
    return float(imp[worst]), judged[worst].pattern, bool(imp[worst] <= cal.file.waves.cutoff)


def defaults_inside(history: History, cal: Calibration, ranges: pd.DataFrame) -> dict[str, tuple[Any, bool]]:
    """Each parameter's value in the history's scenarios (the first that has it) and whether it
    lies inside the range kept by the last wave."""
    last = [c for c in ranges.columns if c.endswith("_min") and c.startswith("wave_")][-1][: -len("_min")]
    out = {}
    for _, row in ranges.iterrows():
        p = cal.file.parameters[row["parameter"]]
        first = next(iter(history.scenarios.values()))
        value = 1.0 if p.scale else resolved_value(first, p.targets(row["parameter"])[0])
        lo, hi = row[f"{last}_min"], row[f"{last}_max"]
        out[row["parameter"]] = (value, bool(np.isfinite(lo) and lo <= value <= hi))
    return out
