"""A fast subset of the pattern-oriented validation (experiments/patterns.py) with fewer seeds, so
that a change that breaks the history is caught by CI. The full check uses 50 seeds and the
shares stated there; here each pattern may miss by one seed of the subset's 16 (four seeds could
not tell a pattern met in 94 % of seeds from one met in 75 %).

Patterns 7 and 8 fail in the full 50-seed run (docs/ODD.md §6.3, "Pattern results"): they are
expected failures here, with the reason, until the validation issue takes them up — not hidden,
not loosened."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from centrumsim.analysis.runner import cpu_count, run_variants

ROOT = Path(__file__).resolve().parents[1]
SEEDS = 16
FAILING = {
    7: "fails in the 50-seed run (50 % of seeds, 90 % needed): in 9 of 16 failing seeds of 30 a grocery "
       "enters in 2020–22 and its step in visitors reads as seasonality; in the other 7 the month-of-year "
       "range is 16–19 %, just over the 15 % criterion",
    8: "fails in the 50-seed run (28 % of seeds, 50 % needed): since the catalogue's recalibration the "
       "café loses partners' trust or money in the mix as well as alone",
}


@pytest.fixture(scope="module")
def patterns():
    spec = importlib.util.spec_from_file_location("patterns", ROOT / "experiments" / "patterns.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("patterns", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def results(patterns):
    return run_variants(patterns.variants(), SEEDS, workers=min(2, cpu_count()))


@pytest.mark.parametrize("number", [
    pytest.param(n, marks=pytest.mark.xfail(reason=FAILING[n], strict=False)) if n in FAILING else n
    for n in range(1, 9)])
def test_pattern_holds_in_most_of_a_few_seeds(patterns, results, number):
    p = next(p for p in patterns.PATTERNS if p.number == number)
    share = float(np.mean(p.check(results)))
    # allow one seed fewer than the full run's required share
    assert share >= p.need - 1 / SEEDS - 1e-9, f"pattern {number} ({p.name}): {share:.0%} of {SEEDS} seeds"
