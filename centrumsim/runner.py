"""Running replications: one run is a pure function of (scenario, seed)."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Iterable, Mapping

from .model import CentreModel, RunOutput
from .results import Results
from .scenario import Scenario, load_scenario


def run_one(scenario: Scenario, seed: int) -> RunOutput:
    """Run one seed of ``scenario`` to its horizon and return the compact output."""
    return CentreModel(scenario, seed=seed).run()


def _mp_context() -> multiprocessing.context.BaseContext:
    """Fork where the platform has it: workers then need no ``if __name__ == "__main__"`` guard
    (importing mesa sets the global start method to spawn)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _seed_list(seeds: int | Iterable[int]) -> list[int]:
    if isinstance(seeds, int):
        if seeds < 1:
            raise ValueError("seeds must be >= 1")
        return list(range(seeds))
    return [int(s) for s in seeds]


def run(
    scenario: Scenario | str | Path,
    seeds: int | Iterable[int] = 20,
    years: int | None = None,
    overrides: Mapping[str, Any] | None = None,
    workers: int = 1,
) -> Results:
    """Run ``scenario`` over ``seeds`` (a count → seeds 0..N-1, or explicit seeds).

    ``years`` and ``overrides`` change the scenario first (validated like the file).
    ``workers`` > 1 runs seeds in parallel processes; the results are the same either way.
    """
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    if overrides:
        scenario = scenario.with_overrides(overrides)
    if years is not None:
        scenario = scenario.with_years(years)
    seed_list = _seed_list(seeds)
    return Results(scenario, run_many([(scenario, s) for s in seed_list], workers))


def run_many(jobs: list[tuple[Scenario, int]], workers: int = 1) -> list[RunOutput]:
    """Run (scenario, seed) jobs, in parallel processes when ``workers`` > 1; same order out."""
    if workers > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context()) as pool:
            return list(pool.map(run_one, [j[0] for j in jobs], [j[1] for j in jobs], chunksize=1))
    return [run_one(sc, seed) for sc, seed in jobs]


def run_variants(
    variants: Mapping[str, Scenario], seeds: int | Iterable[int], workers: int = 1
) -> dict[str, Results]:
    """Several scenarios over the same seeds (common random numbers), one pool for all."""
    seed_list = _seed_list(seeds)
    jobs = [(sc, s) for sc in variants.values() for s in seed_list]
    outputs = run_many(jobs, workers)
    n = len(seed_list)
    return {name: Results(sc, outputs[i * n:(i + 1) * n]) for i, (name, sc) in enumerate(variants.items())}
