"""Exact money: öre rounding, exact splits and cross-subsidy flows."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from centrumsim.exact import ore, split_exact
from centrumsim.model.enterprise import cross_subsidy
from centrumsim.model.ledger import LINES, result


def test_ore_rounds_half_away_from_zero():
    assert ore(1.005) == 101 and ore(2.675) == 268  # as written, not as stored in binary
    assert ore(0.125) == 13 and ore(-0.125) == -13
    assert ore(0.004999999999999999) == 0
    assert ore(45_000) == 4_500_000


@given(st.integers(-10**12, 10**12), st.lists(st.floats(0, 1e6), min_size=1, max_size=20))
def test_split_exact_sums_to_total(total, weights):
    parts = split_exact(total, np.array(weights))
    if sum(weights) > 0:
        assert parts.sum() == total
    else:
        assert parts.sum() == 0


def test_cross_subsidy_hand_example():
    # café +300, studio −100, gym −50, central −250 (öre): surpluses 300 < deficits 400
    flows = cross_subsidy(np.array([300, -100, -50, -250]))
    assert flows.sum() == 300  # all of the café's surplus is used
    assert list(flows[0]) == [0, 75, 38, 187]  # ∝ deficits 100:50:250, exact öre
    assert flows[1:].sum() == 0  # only the café carries


@given(st.lists(st.integers(-10**9, 10**9), min_size=1, max_size=12))
def test_cross_subsidy_flows_balance(results):
    res = np.array(results, dtype=np.int64)
    flows = cross_subsidy(res)
    surplus, deficit = np.clip(res, 0, None), np.clip(-res, 0, None)
    assert (flows >= 0).all()
    assert flows.sum() == min(surplus.sum(), deficit.sum())
    assert (flows.sum(axis=1) <= surplus).all()  # nobody gives more than its surplus
    assert (flows.sum(axis=0) <= deficit).all()  # nobody gets more than its deficit
    # transfers inside the enterprise sum to zero: what is given is what is received
    net = flows.sum(axis=0) - flows.sum(axis=1)
    assert net.sum() == 0


def test_result_of_lines():
    lines = np.zeros(len(LINES), dtype=np.int64)
    lines[LINES.index("sales")] = 1000
    lines[LINES.index("grants")] = 50
    lines[LINES.index("rent")] = 700
    assert result(lines) == 350


def test_allocate_exact_large_amounts_do_not_overflow():
    from centrumsim.exact import allocate_exact

    rows = np.array([4_000_000_000_000, 1_000_000_000_000])
    cols = np.array([3_000_000_000_000, 2_000_000_000_000])
    out = allocate_exact(rows, cols)
    assert (out.sum(axis=1) == rows).all() and (out.sum(axis=0) == cols).all()
