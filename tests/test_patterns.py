"""The history's patterns on the test suite's fixed block of held-out seeds (the history file's
``ci`` block, 16 seeds), judged by the binomial rule: a pattern fails here only when its count is
significantly below its need (95 %), so that 16 seeds neither fail a pattern that holds in the
population nor pass one far below it. The full check is ``centrumsim patterns`` on 50 held-out
seeds (docs/ODD.md §6.3): all twelve pass there (seeds 2000–2049).

A pattern that fails the full check is an expected failure here, with the reason, until it is
reworked — not hidden, not loosened (none does now)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow  # a block of seeds through the history; see pyproject's markers

from centrumsim.analysis.runner import cpu_count
from centrumsim.validation import binomial_minimum, judge, load_history, run_history

from .conftest import ROOT

HISTORY = ROOT / "histories" / "klockaretorpet.toml"
FAILING: dict[str, str] = {}  # pattern → why it fails the full check


@pytest.fixture(scope="module")
def history():
    return load_history(HISTORY)


@pytest.fixture(scope="module")
def judged(history):
    seeds = history.seeds.block("ci")
    results = run_history(history, seeds, workers=min(2, cpu_count()))
    return {r.pattern: r for r in judge(history, results, rule="binomial")}


@pytest.mark.parametrize("pid", [
    pytest.param(p, marks=pytest.mark.xfail(reason=FAILING[p], strict=False)) if p in FAILING else p
    for p in ("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12")])
def test_pattern_holds_on_the_held_out_ci_block(judged, pid):
    r = judged[pid]
    assert r.passed, f"pattern {pid} ({r.name}): {r.shown} of {r.counted} seeds, at least {r.minimum} needed"


def test_the_ci_block_is_held_out_and_the_rule_is_a_binomial_bound(history):
    assert not set(history.seeds.block("ci")) & set(history.seeds.block("calibration"))
    # 16 seeds, need 80 %: P(K <= 9) = 0.027 < 0.05 <= P(K <= 10) = 0.082, so 10 seeds are enough
    assert binomial_minimum(0.8, 16, 0.95) == 10
    assert binomial_minimum(0.9, 16, 0.95) == 12
    assert binomial_minimum(0.5, 16, 0.95) == 5


NOT_DIAGNOSTIC: dict[str, str] = {}  # pattern → why its knock-out does not make it fail


@pytest.mark.parametrize("pid", [
    pytest.param(p, marks=pytest.mark.xfail(reason=NOT_DIAGNOSTIC[p], strict=False)) if p in NOT_DIAGNOSTIC else p
    for p in ("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12")])
def test_each_patterns_knockout_makes_it_fail(history, pid):
    # the knock-out switches off the mechanism the history file names for the pattern; 6 seeds of
    # the CI block
    from centrumsim.validation import judge_knockout

    r = judge_knockout(history, pid, history.seeds.block("ci")[:6], workers=min(2, cpu_count()))
    assert not r.passed, f"pattern {pid} still holds with {history.knockouts[pid].overrides}: {r.shown} of {r.counted}"
