"""The history's patterns on the test suite's fixed block of held-out seeds (the history file's
``ci`` block, 16 seeds), judged by the binomial rule: a pattern fails here only when its count is
significantly below its need (95 %), so that 16 seeds neither fail a pattern that holds in the
population nor pass one far below it. The full check is ``centrumsim patterns`` on 50 held-out
seeds (docs/ODD.md §6.3, §6.5): the held-out block is 3100–3149 from issue 20 (2000–2049 spent).

A pattern that fails the full check is an expected failure here, with the reason, until it is
reworked — not hidden, not loosened (patterns 14 and 15 of issue 20 fail today)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow  # a block of seeds through the history; see pyproject's markers

from centrumsim.analysis.runner import cpu_count
from centrumsim.validation import binomial_minimum, judge, load_history, run_history

from .conftest import ROOT

HISTORY = ROOT / "histories" / "klockaretorpet.toml"
FAILING: dict[str, str] = {  # pattern → why it fails the full check (measured on this block, issue 20)
    "14": "a grocery trades in 2021–22 in 15 of 16 seeds, a hairdresser in none: the 2013 hairdresser "
          "cuts its hours, gives notice in 2014 and no hairdresser enters after",
    "15": "events in 2022 0–11 (median 1): within 4–25 in 4 of 16 seeds; the rest calmer",
}


@pytest.fixture(scope="module")
def history():
    return load_history(HISTORY)


@pytest.fixture(scope="module")
def ci_results(history):
    return run_history(history, history.seeds.block("ci"), workers=min(2, cpu_count()))


@pytest.fixture(scope="module")
def judged(history, ci_results):
    return {r.pattern: r for r in judge(history, ci_results, rule="binomial")}


@pytest.mark.parametrize("pid", [
    pytest.param(p, marks=pytest.mark.xfail(reason=FAILING[p], strict=False)) if p in FAILING else p
    for p in [str(n) for n in range(1, 17)]])
def test_pattern_holds_on_the_held_out_ci_block(judged, pid):
    r = judged[pid]
    assert r.passed, f"pattern {pid} ({r.name}): {r.shown} of {r.counted} seeds, at least {r.minimum} needed"


def test_the_ci_block_is_held_out_and_the_rule_is_a_binomial_bound(history):
    assert not set(history.seeds.block("ci")) & set(history.seeds.block("calibration"))
    # 16 seeds, need 80 %: P(K <= 9) = 0.027 < 0.05 <= P(K <= 10) = 0.082, so 10 seeds are enough
    assert binomial_minimum(0.8, 16, 0.95) == 10
    assert binomial_minimum(0.9, 16, 0.95) == 12
    assert binomial_minimum(0.5, 16, 0.95) == 5


NOT_DIAGNOSTIC: dict[str, str] = {  # pattern → why its knock-out does not make it fail
    "8": "issue 20: with EST's gain off the café in the mix is still paused (partners' trust) in only 4 of 8 "
         "seeds (5000–5007; alone: 8 of 8), so 3 of 6 meet the need of 50 %: the mix's people and guardians "
         "now protect it without EST (which of issue 20's mechanisms changed that is not isolated yet); the "
         "knock-out no longer isolates the pattern's mechanism and is to be redesigned, not loosened",
}


@pytest.mark.parametrize("pid", [
    pytest.param(p, marks=pytest.mark.xfail(reason=NOT_DIAGNOSTIC[p], strict=False)) if p in NOT_DIAGNOSTIC else p
    for p in ("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12")])
def test_each_patterns_knockout_makes_it_fail(history, pid):
    # the knock-out switches off the mechanism the history file names for the pattern; 6 seeds of
    # the CI block
    from centrumsim.validation import judge_knockout

    r = judge_knockout(history, pid, history.seeds.block("ci")[:6], workers=min(2, cpu_count()))
    assert not r.passed, f"pattern {pid} still holds with {history.knockouts[pid].overrides}: {r.shown} of {r.counted}"


# The handover (histories/klockaretorpet.toml [handover], validation/handover.py): the 2022
# scenario's stated start against the history's state on 1 January 2022 over the CI block. What
# fails today is an expected failure with the numbers measured (issue 20, CI block 5000–5015):
# the history does not reach the 2022 scenario's start; not tuned to pass.
HANDOVER_FAILING = {
    "vacancy_share": "stated 0.14; the history's vacancy in Jan 2022: median 0.29, band 0.29–0.36",
    "trading:hairdresser": "a hairdresser open in no seed (the 2013 one gives notice in 2014; none enters)",
}


@pytest.fixture(scope="module")
def handover_items(history, ci_results):
    import numpy as np

    from centrumsim.analysis.runner import run_one
    from centrumsim.scenario import load_scenario
    from centrumsim.validation.handover import compare, history_state

    h = history.handover
    first_year = load_scenario(HISTORY.parent / h.starts, {"time.years": 1})
    events = [float(run_one(first_year, seed).monthly["events"].sum()) for seed in history.seeds.block("ci")]
    state = history_state(ci_results[h.scenario].runs, history.scenarios[h.scenario], h.year)
    return {i.what: i for i in compare(h, state, events_stated=float(np.median(events)))}


@pytest.mark.parametrize("what", [
    pytest.param(w, marks=pytest.mark.xfail(reason=HANDOVER_FAILING[w], strict=False)) if w in HANDOVER_FAILING else w
    for w in ("vacancy_share", "trading:grocery", "trading:hairdresser", "trading:pizzeria", "legitimacy",
              "lighting_quality", "events_per_year")])
def test_the_2022_scenario_starts_where_the_history_arrives(handover_items, what):
    i = handover_items[what]
    assert i.ok, f"{what}: stated {i.stated}, the history: {i.history}"
