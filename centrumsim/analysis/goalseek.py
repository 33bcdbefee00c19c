"""Goal seek: the value of one numeric scenario key (a lever: a grant, a contract, a price, a rent
discount, …) at which the enterprise's probability of breaking even reaches a target.

Every seed is a future of its own (common random numbers: the same seeds at every value). For
each seed the search finds, by bisection between the range's ends, the value at which that
future starts to break even — its *threshold* — assuming the enterprise's result moves one way
with the key within the range (a grant raises it, a cost lowers it; which way is read from the
ends). The probability of breaking even at a value is the share of seeds whose threshold it
passes, so the value that reaches a target ``P`` is the ⌈P·n⌉-th threshold in the lever's good
direction; its interval is the 5–95 % range of that order statistic over seeds (or drawn
futures, a draw's replicates together) resampled with replacement (a fixed bootstrap seed: the
same answer every time). A check run at the value,
over the same seeds, measures the probability it achieves, with its Wilson 95 % interval.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..model import RunOutput
from ..results.measures import enterprise_result_sek
from ..results.uncertainty import wilson
from ..scenario import Scenario, ScenarioError
from ..scenario.keys import ABSENT, override_problem, resolved_value, suggest_key
from .bars import Progress, ProgressArg, reporting
from .runner import Workers, run_many
from .uncertainty import REPLICATES, futures

BOOTSTRAP = 2000
BOOTSTRAP_SEED = 20_21  # a fixed stream for the resampling: the interval is part of the answer
GOALSEEK_DRAWS = 24  # futures drawn over the assumptions by default (× 2 replicates: 48 futures)
DEFAULT_STEPS = 8  # bisection halvings: the threshold to 1/256 of the range


@dataclass(frozen=True)
class Lever:
    """A numeric scenario key and the range to search."""

    key: str
    low: float
    high: float
    current: float
    whole: bool  # an integer key: values are rounded


@dataclass(frozen=True)
class GoalSeek:
    """The answer: ``value`` (None when the target cannot be reached in the range), its
    interval, the probability achieved there (measured) and its interval, and the evidence."""

    lever: Lever
    target: float
    seeds: tuple[int, ...]
    rises: bool  # the result rises with the key
    thresholds: np.ndarray  # per seed; +inf/−inf where it never breaks even in the range
    p_low: float  # share breaking even at the range's ends
    p_high: float
    value: float | None
    value_interval: tuple[float, float] | None
    achieved: float | None
    achieved_interval: tuple[float, float] | None
    runs: int
    reached_at_start: bool = field(default=False)  # the target is met at the range's worse end already
    draws: dict[str, object] | None = field(default=None)  # the futures' design; None: seeds at the assumed values

    def as_dict(self) -> dict[str, object]:
        """Plain data for ``goalseek.json``."""
        finite = [float(t) if math.isfinite(t) else None for t in self.thresholds]
        return {
            "key": self.lever.key, "target": self.target, "low": self.lever.low, "high": self.lever.high,
            "current": self.lever.current, "value": self.value,
            "value_interval": [v if math.isfinite(v) else None for v in self.value_interval]
            if self.value_interval else None,
            "p_break_even": self.achieved,
            "p_break_even_interval": list(self.achieved_interval) if self.achieved_interval else None,
            "p_break_even_at_low": self.p_low, "p_break_even_at_high": self.p_high,
            "result_rises_with_key": self.rises, "seeds": list(self.seeds), "thresholds": finite, "runs": self.runs,
            "over_assumptions": self.draws is not None, "design": self.draws,
        }


def lever(scenario: Scenario, key: str, given: tuple[float, float] | None = None) -> Lever:
    """Check ``key`` (a number in the scenario) and its range: ``given`` (low, high), else from
    the key's own bounds where it has them, else 0 … 10 × today's value (at least 1,000,000
    above 0 when today's is 0). Raises :class:`ScenarioError`, one line per problem."""
    current = resolved_value(scenario, key)
    if current is ABSENT:
        raise ScenarioError([f"--lever: {key}: not a scenario key{suggest_key(scenario, key)}"])
    if isinstance(current, bool) or not isinstance(current, (int, float)):
        raise ScenarioError([f"--lever: {key}: not a number in the scenario (it is {current!r})"])
    whole = isinstance(current, int)
    if given is not None:
        low, high = given
    else:
        low = 0.0 if override_problem(scenario, key, 0.0, whole) is None else float(current)
        high = 10.0 * abs(float(current)) if current else 1_000_000.0
    problems = []
    if not low < high:
        problems.append(f"--range: the low end must be below the high end (got {low:g}:{high:g})")
    for end, value in (("low", low), ("high", high)):
        reason = override_problem(scenario, key, value, whole)
        if reason is not None:
            problems.append(f"--range: its {end} end {value:g} is not a value of {key}: {reason}")
    if problems:
        raise ScenarioError(problems)
    return Lever(key, float(low), float(high), float(current), whole)


def value_for_target(thresholds: np.ndarray, target: float, rises: bool) -> float | None:
    """The value at which the share of thresholds passed reaches ``target``: the ⌈target·n⌉-th
    threshold in the good direction (None when that one is never reached in the range)."""
    n = len(thresholds)
    k = max(1, math.ceil(target * n - 1e-9))
    ordered = np.sort(thresholds) if rises else -np.sort(-thresholds)
    v = float(ordered[k - 1])
    return v if math.isfinite(v) else None


def share_passed(thresholds: np.ndarray, value: float, rises: bool) -> float:
    """Share of seeds breaking even at ``value`` by their thresholds."""
    return float(np.mean(thresholds <= value) if rises else np.mean(thresholds >= value))


def planned_seek_runs(seeds: int, draws: int | None, replicates: int, steps: int = DEFAULT_STEPS) -> int:
    """The most runs :func:`goal_seek` makes: (3 + ``steps``) × its futures (``seeds`` at the
    assumed values when ``draws`` is None, else ``draws`` × ``replicates``)."""
    return (3 + steps) * (seeds if draws is None else draws * replicates)


def goal_seek(scenario: Scenario, key: str, target: float, seeds: Sequence[int], rng: tuple[float, float] | None = None,
              workers: int | Workers | None = None, progress: ProgressArg = None, steps: int = DEFAULT_STEPS,
              draws: int | None = None, replicates: int = REPLICATES) -> GoalSeek:
    """Find the value of ``key`` at which P(break even) reaches ``target`` (0–1]: over ``seeds``
    at the assumed values when ``draws`` is None, else over ``draws`` × ``replicates`` plausible
    futures drawn over the assumptions (:func:`.uncertainty.futures`; an assumption that sets the
    lever itself is not drawn: the lever is what is decided). Runs 2 × n futures at the range's
    ends, ``steps`` bisection rounds of at most n runs, and a check run of n at the value found.
    ``progress`` as in :func:`.runner.run`, one bar for all the rounds."""
    if not 0 < target <= 1:
        raise ScenarioError([f"--target: a probability above 0 and at most 1 (got {target:g})"])
    if not scenario.enterprise_units:
        raise ScenarioError([f"{scenario.source}: units: no unit has operator = 'enterprise'; nothing breaks even"])
    lv = lever(scenario, key, rng)
    with reporting(progress, planned_seek_runs(len(seeds), draws, replicates, steps)) as report:
        return _goal_seek(scenario, key, target, seeds, lv, workers, report, steps, draws, replicates)


def _goal_seek(scenario: Scenario, key: str, target: float, seeds: Sequence[int], lv: Lever,
               workers: int | Workers | None, progress: Progress, steps: int, draws: int | None,
               replicates: int) -> GoalSeek:
    fut = futures(scenario, draws, replicates, leave=(key,)) if draws is not None else None
    base = fut.jobs(scenario) if fut is not None else [(scenario, int(s)) for s in seeds]
    seeds = tuple(s for _, s in base)
    n = len(base)
    runs = 0

    def results(values: Sequence[float], which: Sequence[int]) -> np.ndarray:
        nonlocal runs
        jobs = [(at(base[i][0], lv, v), base[i][1]) for v, i in zip(values, which)]
        runs += len(jobs)
        outs: list[RunOutput] = run_many(jobs, workers, progress)
        return np.array([enterprise_result_sek(o) for o in outs])

    ends = results([lv.low] * n + [lv.high] * n, list(range(n)) * 2)
    at_low, at_high = ends[:n], ends[n:]
    rises = bool(np.mean(at_high - at_low) >= 0)
    good_end, bad_end = (lv.high, lv.low) if rises else (lv.low, lv.high)
    good_ok = (at_high if rises else at_low) >= 0
    bad_ok = (at_low if rises else at_high) >= 0
    never = np.inf if rises else -np.inf
    thresholds = np.where(bad_ok, bad_end, np.where(good_ok, np.nan, never)).astype(float)
    good = np.full(n, good_end)
    bad = np.full(n, bad_end)
    open_ = np.flatnonzero(np.isnan(thresholds))
    for _ in range(steps):
        if open_.size == 0:
            break
        mid = (good[open_] + bad[open_]) / 2
        if lv.whole:
            mid = np.round(mid)
        ok = results(list(mid), list(open_)) >= 0
        good[open_[ok]] = mid[ok]
        bad[open_[~ok]] = mid[~ok]
        open_ = open_[np.abs(good[open_] - bad[open_]) > (1.0 if lv.whole else 0.0)]
    todo = np.isnan(thresholds)
    thresholds[todo] = good[todo]
    p_low, p_high = float(np.mean(at_low >= 0)), float(np.mean(at_high >= 0))
    value = value_for_target(thresholds, target, rises)
    if value is None:
        return GoalSeek(lv, target, seeds, rises, thresholds, p_low, p_high, None, None, None, None, runs,
                        draws=fut.design() if fut else None)
    # resampled future by future, or draw by draw (a draw's replicates together: they share its values)
    per = fut.replicates if fut is not None else 1
    picks = np.random.default_rng(BOOTSTRAP_SEED).integers(0, n // per, size=(BOOTSTRAP, n // per))
    boot = (picks[:, :, None] * per + np.arange(per)).reshape(BOOTSTRAP, n)
    values = [value_for_target(thresholds[row], target, rises) for row in boot]
    finite = np.array([v if v is not None else never for v in values], dtype=float)
    lo, hi = np.quantile(finite, [0.05, 0.95])
    check = results([value] * n, list(range(n))) >= 0
    k = int(check.sum())
    return GoalSeek(lv, target, seeds, rises, thresholds, p_low, p_high, value,
                    (float(min(lo, hi)), float(max(lo, hi))), k / n, wilson(k, n, 0.95), runs,
                    reached_at_start=value == bad_end, draws=fut.design() if fut else None)


def at(scenario: Scenario, lv: Lever, value: float) -> Scenario:
    """The scenario with the lever at ``value`` (rounded for a whole-number key)."""
    return scenario.with_overrides({lv.key: round(value) if lv.whole else value})
