"""Checking a history: run its scenarios over a block of seeds (common random numbers) and say,
per pattern, the share of seeds that show it and whether that meets the need.

Two rules, stated in the output: a full check passes a pattern when the share of seeds showing
it is at least the need; a small block (the test suite's) fails a pattern only when its count
is significantly below the need — fewer than the smallest k with P(K ≤ k) ≥ 1 − confidence for
K ~ Binomial(n, need) — so that a block of 16 seeds does not fail a pattern that holds in the
population, nor pass one far below it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import special

from ..analysis.bars import ProgressArg
from ..analysis.runner import run_variants
from ..results import Results
from .history import History


@dataclass(frozen=True)
class PatternResult:
    """One pattern over one block of seeds."""

    pattern: str
    name: str
    criterion: str
    shown: int  # seeds showing the pattern
    counted: int  # seeds the pattern could be judged on
    need: float
    minimum: int  # seeds needed to pass under the rule used
    rule: str
    diagnostic: bool = True  # False: the pattern holds by construction (kinds.Kind.diagnostic)
    diagnostic_reason: str = ""

    @property
    def share(self) -> float:
        return self.shown / self.counted if self.counted else float("nan")

    @property
    def passed(self) -> bool:
        return self.counted > 0 and self.shown >= self.minimum


def binomial_minimum(need: float, n: int, confidence: float) -> int:
    """The fewest of ``n`` seeds that is not significantly below ``need`` (one-sided)."""
    k = np.arange(n + 1)
    return int(k[special.bdtr(k, n, need) >= 1 - confidence][0])


def run_history(history: History, seeds: Sequence[int], workers: int | None = None,
                progress: ProgressArg = None) -> dict[str, Results]:
    """Every scenario of the history over ``seeds``."""
    return run_variants(dict(history.scenarios), list(seeds), workers, progress)


def judge(history: History, results: dict[str, Results], rule: str = "share") -> list[PatternResult]:
    """Each pattern on the runs; ``rule`` "share" (the need as a share) or "binomial"."""
    out = []
    for pid, p in history.patterns.items():
        shown = np.asarray(p.check(results), dtype=bool)
        out.append(_result(pid, p, shown, rule, history.seeds.confidence))
    return out


def _result(pid: str, p: Any, shown: np.ndarray, rule: str, confidence: float) -> PatternResult:
    """A pattern's result from its per-seed flags, under ``rule``."""
    n = int(shown.size)
    minimum = binomial_minimum(p.need, n, confidence) if rule == "binomial" else int(np.ceil(p.need * n - 1e-9))
    return PatternResult(pid, p.name, p.criterion(), int(shown.sum()), n, p.need, minimum, rule,
                         p.diagnostic, p.diagnostic_reason)


def judge_knockout(history: History, pid: str, seeds: Sequence[int], workers: int | None = None,
                   progress: ProgressArg = None) -> PatternResult:
    """Pattern ``pid`` on its own scenarios with its knock-out applied (by the share rule: a
    knock-out shows its mechanism when the pattern then fails)."""
    p = history.patterns[pid]
    results = run_variants(history.knocked_out(pid), list(seeds), workers, progress)
    return _result(pid, p, np.asarray(p.check(results), dtype=bool), "share", history.seeds.confidence)
