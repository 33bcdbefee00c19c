"""A new way of drawing changes nothing but the draws: joins by thinning against one uniform per row.

Membership's monthly joins were drawn with one uniform per resident row and unit; they are now
drawn by thinning (:func:`centrumsim.model.streams.rare_successes`), which is exact in distribution
but draws other numbers. Here the exact sampler is checked trial by trial, and the model's main
outcomes over 50 seeds are compared between the two ways of drawing the joins (the old one put
back in its place): the means agree within their confidence interval and a two-sample test finds
no difference. A knock-out — joins thinned at half the chance — must fail the same comparison.

    pytest tests/test_draw_distribution.py -s   # prints the table
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from centrumsim.analysis import run_seeds
from centrumsim.model import membership
from centrumsim.model.streams import THIN_BELOW, rare_successes
from centrumsim.outcomes import find
from centrumsim.results.measuring import run_value

SEEDS = list(range(50))
YEARS = 2  # members turn over by 2–3 % a month: two years of joins replace about half of them
KNOCKOUT_SEEDS = 20  # a wrong sampler is far off: fewer seeds show it
OUTCOMES = ("enterprise.result_sek_per_year", "enterprise.end_cash_sek", "centre.club_active_share",
            "centre.visitors_per_day", "centre.unrest_events_per_year", "centre.satisfaction_index")
"""The main outcomes that membership's joins reach: fees (the enterprise's result and cash), the
children in a club, visits, and through them unrest and satisfaction."""
Z = stats.norm.ppf(0.995)  # a 99 % interval for the difference of two means
MIN_P = 0.01  # the two-sample test (Kolmogorov–Smirnov)


def one_uniform_per_row(rng: np.random.Generator, chance: np.ndarray, top: float | None = None) -> np.ndarray:
    """The joins as they were drawn before thinning: one uniform per trial."""
    return np.flatnonzero(rng.random(np.asarray(chance).size) < chance)


def half_the_chance(rng: np.random.Generator, chance: np.ndarray, top: float | None = None) -> np.ndarray:
    """A wrong sampler (the knock-out): every join at half its chance."""
    return rare_successes(rng, np.asarray(chance) / 2)


# ------------------------------------------------------------------ the sampler, trial by trial
def test_each_trial_succeeds_with_its_own_chance_and_no_other():
    chance = np.array([0.0, 0.001, 0.004, 0.01, 0.02, 0.02, 0.035, 0.0005, 0.049, 0.0])
    rng = np.random.default_rng(7)
    reps = 40_000
    hits = np.zeros(chance.size)
    pairs = 0  # trials 4 and 5 succeeding together: independent, so ~ reps × 0.02²
    for _ in range(reps):
        got = rare_successes(rng, chance)
        assert np.all(np.diff(got) > 0)  # ascending, each trial at most once
        hits[got] += 1
        pairs += (4 in got) and (5 in got)
    assert hits[0] == hits[-1] == 0  # a chance of 0 never succeeds
    sd = np.sqrt(reps * chance * (1 - chance))
    assert np.all(np.abs(hits - reps * chance) <= 4.5 * np.maximum(sd, 1e-9))
    some = slice(1, -1)  # the trials with a chance
    expected = chance[some] * hits[some].sum() / chance[some].sum()
    assert stats.chisquare(hits[some], expected).pvalue > 1e-3
    assert abs(pairs - reps * 0.02**2) <= 4.5 * np.sqrt(reps * 0.02**2)


def test_many_rows_at_a_small_chance_draw_few_numbers_and_the_right_count():
    n, p = 150_000, 0.0008
    rng = np.random.default_rng(1)
    counts = [rare_successes(rng, np.full(n, p)).size for _ in range(400)]
    assert abs(np.mean(counts) - n * p) <= 4 * np.sqrt(n * p * (1 - p) / 400)
    assert abs(np.var(counts) / (n * p * (1 - p)) - 1) < 0.25  # binomial, not more or less spread
    # the same stream, the same successes; a stream's numbers do not depend on the numpy version
    a = rare_successes(np.random.default_rng(3), np.full(n, p))
    assert np.array_equal(a, rare_successes(np.random.default_rng(3), np.full(n, p)))


def test_above_the_thinning_chance_one_uniform_per_trial():
    chance = np.full(1000, THIN_BELOW * 2)
    rng = np.random.default_rng(5)
    want = np.flatnonzero(np.random.default_rng(5).random(1000) < chance)
    assert np.array_equal(rare_successes(rng, chance), want)


# ------------------------------------------------------------------ the model over 50 seeds
def _outcomes(scenario, monkeypatch, sampler, seeds: list[int] = SEEDS) -> dict[str, np.ndarray]:
    monkeypatch.setattr(membership, "rare_successes", sampler)
    res = run_seeds(scenario, seeds=seeds, years=YEARS, workers=1)  # in this process: the sampler as set
    return {k: np.array([float(run_value(find(k), r)) for r in res.runs]) for k in OUTCOMES}


def compare(before: dict[str, np.ndarray], after: dict[str, np.ndarray]) -> list[dict]:
    """One row per outcome: both means with their 95 % intervals, the difference and its 99 %
    interval (Welch), and the Kolmogorov–Smirnov p-value; ``same`` when the interval holds 0
    and p ≥ :data:`MIN_P`."""
    rows = []
    for k in OUTCOMES:
        a, b = before[k], after[k]
        se = np.sqrt(a.var(ddof=1) / a.size + b.var(ddof=1) / b.size)
        diff = b.mean() - a.mean()
        p = stats.ks_2samp(a, b).pvalue if se > 0 else 1.0
        half = [1.96 * x.std(ddof=1) / np.sqrt(x.size) for x in (a, b)]
        rows.append({"outcome": k, "before": a.mean(), "before_ci": half[0], "after": b.mean(), "after_ci": half[1],
                     "diff": diff, "diff_ci": Z * se, "ks_p": p,
                     "same": bool(abs(diff) <= Z * se + 1e-12 and p >= MIN_P)})
    return rows


def _table(rows: list[dict], title: str) -> str:
    head = f"{'before (±95 %)':>24s} {'after (±95 %)':>24s} {'diff (±99 %)':>24s}"
    lines = [title, f"{'outcome':32s} {head} {'KS p':>6s}"]
    for r in rows:
        lines.append(f"{r['outcome']:32s} {r['before']:>14.4g} ± {r['before_ci']:<7.3g} {r['after']:>14.4g} ± "
                     f"{r['after_ci']:<7.3g} {r['diff']:>14.4g} ± {r['diff_ci']:<7.3g} {r['ks_p']:>6.2f}"
                     f"{'' if r['same'] else '  DIFFERS'}")
    return "\n".join(lines)


@pytest.mark.slow
def test_thinned_joins_give_the_outcomes_of_one_uniform_per_row_and_a_wrong_sampler_does_not(
        main_scenario, monkeypatch):
    before = _outcomes(main_scenario, monkeypatch, one_uniform_per_row)
    after = _outcomes(main_scenario, monkeypatch, rare_successes)
    wrong = _outcomes(main_scenario, monkeypatch, half_the_chance, SEEDS[:KNOCKOUT_SEEDS])
    rows = compare(before, after)
    print("\n" + _table(rows, f"joins by thinning vs one uniform per row, {len(SEEDS)} seeds × {YEARS} years"))
    knocked = compare({k: v[:KNOCKOUT_SEEDS] for k, v in before.items()}, wrong)
    print(_table(knocked, f"knock-out: joins at half their chance, {KNOCKOUT_SEEDS} seeds"))
    assert all(r["same"] for r in rows)
    # the outcomes differ at all (the samplers draw other numbers), and the comparison can tell a wrong one
    assert any(not np.array_equal(before[k], after[k]) for k in OUTCOMES)
    assert not all(r["same"] for r in knocked)
