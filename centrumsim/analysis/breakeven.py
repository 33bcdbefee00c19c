"""Which mix of units breaks even? Every mix of candidate units, screened then refined.

For k candidate units there are 2^k − 1 non-empty mixes (k ≤ 10). A mix is the scenario with the
candidate units outside it dropped (``enabled = false``); everything else stays. All mixes run
over the same seeds (common random numbers), so differences between mixes are the mix's, not the
noise's.

1. **Screen**: every mix over ``screen_seeds`` seeds at the assumed values.
2. **Refine**: the ``contenders`` best mixes by probability of breaking even (then by yearly
   result), plus every mix on the screening Pareto front, run again with the same uncertainty as
   ``centrumsim run``: over ``seeds`` seeds at the assumed values (chance only) and over
   ``draws`` × ``replicates`` plausible futures drawn over the assumptions
   (:mod:`.uncertainty`) — the same futures for every mix — so the ranking's probability covers
   the assumptions as well as chance (``draws = None``: chance only, as before issue 21).

:func:`closest_need` then says what the closest mix would need: goal seek on the enterprise's
grant for a probability of ``target`` over the same kind of futures.

Each mix gets its social value: the weighted mean (weights ``indicators.social_weight_*``), over
visitors per day, activities per year, safety index and work-integration posts, of each on a
stated absolute scale — the value over the one that scores 1 (``indicators.social_full_*``; the
safety index over 100), at most 1 — so a mix's value does not depend on which other mixes are
compared. The Pareto front is the set of mixes that no other mix beats on both probability of
breaking even and social value.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..results import Results
from ..scenario import IndicatorSection, Scenario, ScenarioError, suggest
from .bars import Progress, ProgressArg, reporting
from .goalseek import DEFAULT_STEPS, GoalSeek, goal_seek, planned_seek_runs
from .runner import Workers, run_many, run_variants
from .uncertainty import REPLICATES, Futures, futures

MAX_CANDIDATES = 10
BREAKEVEN_DRAWS = 24  # futures drawn over the assumptions per contender by default (× 2 replicates)
STAGES = ("screen", "full", "need")
"""The search's stages, in order: screening every mix, the contenders over all seeds, what the
closest mix would need (:func:`closest_need`)."""

Stage = Callable[[str, int], None]
"""Told before each stage starts: its name (one of :data:`STAGES`) and how many runs it has."""


@dataclass(frozen=True)
class Plan:
    """How the search spends its runs."""

    seeds: int = 20
    screen_seeds: int = 2
    contenders: int = 8
    draws: int | None = BREAKEVEN_DRAWS  # futures drawn over the assumptions per contender (None: chance only)
    replicates: int = REPLICATES


def check_candidates(scenario: Scenario, candidates: Sequence[str]) -> list[str]:
    """Problems with a candidate list, one line each (empty when fine)."""
    problems = []
    if not candidates:
        problems.append("--candidates: name at least one unit")
    if len(candidates) > MAX_CANDIDATES:
        problems.append(f"--candidates: at most {MAX_CANDIDATES} units (got {len(candidates)})")
    twice = sorted({c for c in candidates if list(candidates).count(c) > 1})
    if twice:
        problems.append(f"--candidates: named more than once: {', '.join(twice)}")
    for name in dict.fromkeys(candidates):
        if name in scenario.disabled_units:
            problems.append(f"--candidates: unit {name!r} is disabled in the scenario (enabled = false)")
        elif name not in scenario.units:
            problems.append(f"--candidates: no unit named {name!r}{suggest(name, scenario.units)}")
    known = [c for c in candidates if c in scenario.units]
    if known and not any(scenario.units[c].operator == "enterprise" for c in known):
        problems.append("--candidates: name at least one unit run by the enterprise (operator = 'enterprise')")
    return problems


def mixes(candidates: Sequence[str]) -> list[tuple[str, ...]]:
    """All non-empty subsets of the candidates, smallest first."""
    return [m for k in range(1, len(candidates) + 1) for m in itertools.combinations(candidates, k)]


def mix_name(mix: Sequence[str]) -> str:
    """A mix's display name (units joined by ' + ')."""
    return " + ".join(mix)


def mix_scenario(base: Scenario, candidates: Sequence[str], mix: Sequence[str]) -> Scenario:
    """The base scenario with the candidates outside ``mix`` dropped, and the interventions
    that act on a dropped unit (its opening, say) with them."""
    dropped = {c for c in candidates if c not in mix}
    overrides: dict = {f"units.{c}.enabled": c in mix for c in candidates}
    overrides |= {f"interventions.{name}.enabled": False for name, iv in base.interventions.items()
                  if iv.unit in dropped}
    return base.with_overrides(overrides)


def _metrics(res: Results, mix: Sequence[str]) -> dict:
    s = res.summary()
    e, c, u = s["enterprise"], s["centre"], s["uncertainty"]
    posts = math.fsum(x["posts_work_integration"]["median"] for x in s["units"] if x["name"] in mix)
    nan = float("nan")  # a mix with no enterprise unit has no enterprise to break even
    drivers = [d["key"] for d in (u.get("drivers") or [])[:3]]
    return {
        "p_break_even": e["p_break_even"] if e["present"] else nan,
        "p_break_even_low": e["p_break_even_interval"][0] if e["present"] else nan,
        "p_break_even_high": e["p_break_even_interval"][1] if e["present"] else nan,
        "p_break_even_chance_only": e["p_break_even_chance_only"] if e["present"] else nan,
        "chance_share": u["chance_share"] if e["present"] else nan,
        "drivers": ", ".join(drivers),
        "p_solvent": e["p_solvent"] if e["present"] else nan,
        "result_sek_per_year": e["result_sek_per_year"]["median"] if e["present"] else nan,
        "visitors_per_day": c["visitors_per_day"]["median"],
        "activities_per_year": c["activities_per_year"]["median"],
        "safety_index": c["safety_index"]["median"],
        "posts_work_integration": posts,
    }


def social_scales(ind: IndicatorSection) -> dict[str, tuple[float, float]]:
    """Per social metric, (its weight, the value that scores 1), from the scenario's ``[indicators]``."""
    return {"visitors_per_day": (ind.social_weight_visitors, ind.social_full_visitors_per_day),
            "activities_per_year": (ind.social_weight_activities, ind.social_full_activities_per_year),
            "safety_index": (ind.social_weight_safety, 100.0),
            "posts_work_integration": (ind.social_weight_posts, ind.social_full_posts_work_integration)}


def social_value(table: pd.DataFrame, scales: dict[str, tuple[float, float]]) -> pd.Series:
    """Weighted mean over the social metrics of each on its absolute scale, ``min(x / full, 1)``
    (``scales``: metric → (weight, full)); 0–1, the same for a mix whatever it is compared with."""
    total = math.fsum(w for w, _ in scales.values()) or 1.0
    score = pd.Series(0.0, index=table.index)
    for metric, (w, full) in scales.items():
        score += w * (table[metric].astype(float) / full).clip(lower=0.0, upper=1.0)
    return score / total


def pareto_front(p: np.ndarray, value: np.ndarray) -> np.ndarray:
    """True where no other point is at least as good on both and better on one."""
    p, value = np.nan_to_num(np.asarray(p, float), nan=-1.0), np.asarray(value, float)
    better_eq = (p[None, :] >= p[:, None]) & (value[None, :] >= value[:, None])
    strictly = (p[None, :] > p[:, None]) | (value[None, :] > value[:, None])
    return ~np.any(better_eq & strictly, axis=1)


def _front(table: pd.DataFrame) -> np.ndarray:
    return pareto_front(table["p_break_even"], table["social_value"])


def find_breakeven(
    base: Scenario, candidates: Sequence[str], plan: Plan = Plan(), years: int | None = None,
    workers: int | Workers | None = None, progress: ProgressArg = None, on_stage: Stage | None = None,
) -> pd.DataFrame:
    """Evaluate every mix of ``candidates``: one row per mix, best first. Columns: mix, stage
    ('full' = refined over ``plan.seeds``, 'screen' = screening seeds only), seeds, the
    enterprise's probability of breaking even and of staying solvent, its yearly result, the
    social metrics, social value, and whether the mix is on the Pareto front.

    ``progress`` is called once per finished run, in both stages (None: a bar in a notebook;
    see :mod:`.bars`); ``on_stage``
    (optional) before each stage that runs, with its name ('screen', then 'full' unless the
    screening seeds are all the seeds) and its number of runs (how many contenders there are is
    known only after screening)."""
    problems = check_candidates(base, candidates)
    if problems:
        raise ScenarioError(problems)
    with reporting(progress, None) as report:
        return _find_breakeven(base if years is None else base.with_years(years), candidates, plan, workers,
                               report, on_stage)


def _find_breakeven(base: Scenario, candidates: Sequence[str], plan: Plan, workers: int | Workers | None,
                    progress: Progress, on_stage: Stage | None) -> pd.DataFrame:
    all_mixes = mixes(candidates)
    scales = social_scales(base.indicators)

    def evaluate(selection: list[tuple[str, ...]], n_seeds: int, stage: str) -> pd.DataFrame:
        variants = {m: mix_scenario(base, candidates, m) for m in selection}  # keyed by the tuple
        fut = futures(base, plan.draws, plan.replicates) if stage == "full" and plan.draws else None
        if fut is None:
            if on_stage is not None:
                on_stage(stage, len(selection) * n_seeds)
            results = run_variants(variants, n_seeds, workers, progress)
        else:
            results = _over_futures(variants, fut, n_seeds, workers, progress, on_stage)
        rows = [{"mix": mix_name(m), "units": len(m), "stage": stage, "seeds": n_seeds,
                 "futures": 0 if fut is None else fut.seeds.size, **_metrics(results[m], m)} for m in selection]
        return pd.DataFrame(rows)

    screen = evaluate(all_mixes, plan.screen_seeds, "screen")
    screen["social_value"] = social_value(screen, scales)
    ranked = screen.sort_values(["p_break_even", "result_sek_per_year"], ascending=False, na_position="last")
    front = screen[_front(screen)]
    chosen = list(dict.fromkeys(list(ranked["mix"][: plan.contenders]) + list(front["mix"])))
    if plan.seeds > plan.screen_seeds:
        by_name = {mix_name(m): m for m in all_mixes}
        full = evaluate([by_name[name] for name in chosen], plan.seeds, "full")
        table = pd.concat([full, screen[~screen["mix"].isin(chosen)]], ignore_index=True)
    else:
        table = screen.assign(stage="full")
    table["social_value"] = social_value(table, scales)
    table["pareto"] = _front(table) & (table["stage"] == "full")
    table["stage_order"] = (table["stage"] != "full").astype(int)
    table = table.sort_values(["stage_order", "p_break_even", "result_sek_per_year"],
                              ascending=[True, False, False], na_position="last")
    return table.drop(columns="stage_order").reset_index(drop=True)


def _over_futures(variants: dict[tuple[str, ...], Scenario], fut: Futures, n_seeds: int, workers: int | Workers | None,
                  progress: Progress, on_stage: Stage | None) -> dict[tuple[str, ...], Results]:
    """Each mix over ``n_seeds`` seeds at the assumed values and over the same drawn futures, in
    one pool; per mix its :class:`Results` over the futures with the uncertainty facts."""
    seeds = list(range(n_seeds))
    jobs: list[tuple[Scenario, int]] = []
    spans = {}
    for m, sc in variants.items():
        start = len(jobs)
        jobs += fut.all_jobs(sc, seeds)  # the mix at each draw's values: the same futures for every mix
        spans[m] = (start, len(jobs))
    if on_stage is not None:
        on_stage("full", len(jobs))
    outputs = run_many(jobs, workers, progress)
    return {m: fut.results(variants[m], outputs[a:b], seeds) for m, (a, b) in spans.items()}


def closest_need(base: Scenario, candidates: Sequence[str], table: pd.DataFrame, plan: Plan, target: float = 0.8,
                 workers: int | Workers | None = None, progress: ProgressArg = None,
                 key: str = "enterprise.grant_sek_per_month", steps: int = DEFAULT_STEPS,
                 on_stage: Stage | None = None) -> GoalSeek | None:
    """What the closest mix (the first row of ``table``) would need to break even with
    probability ``target``: goal seek on the enterprise's grant (``key``), over the same kind of
    futures as the ranking (``plan``). None when the closest mix already reaches the target or
    has no enterprise. ``on_stage`` (optional) is told ('need', its most runs) before it runs."""
    best = table.iloc[0]
    if not best["p_break_even"] < target:  # NaN too: nothing to seek
        return None
    if on_stage is not None:
        on_stage("need", planned_seek_runs(plan.seeds, plan.draws, plan.replicates, steps))
    mix = tuple(best["mix"].split(" + "))
    sc = mix_scenario(base, candidates, mix)
    return goal_seek(sc, key, target, list(range(plan.seeds)), workers=workers, progress=progress, steps=steps,
                     draws=plan.draws, replicates=plan.replicates)
