"""Goal seek (issue 21 item 4): the value of a lever at which P(break even) reaches a target —
the order statistic by hand, a lever that raises the result and one that lowers it, a target out
of reach, and the command's contract."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from centrumsim.present.parameters import parameter_label
from centrumsim import ScenarioError
from centrumsim.analysis.goalseek import goal_seek, lever, share_passed, value_for_target
from centrumsim.cli import main

GRANT = "enterprise.grant_sek_per_month"


def test_the_value_is_the_order_statistic_of_the_thresholds():
    t = np.array([3.0, 1.0, 4.0, 2.0])  # four futures break even from these values up
    assert value_for_target(t, 0.5, rises=True) == 2.0  # two of four at 2
    assert value_for_target(t, 0.75, rises=True) == 3.0
    assert value_for_target(t, 1.0, rises=True) == 4.0
    assert value_for_target(t, 0.1, rises=True) == 1.0  # ⌈0.4⌉ = the first
    assert share_passed(t, 2.5, rises=True) == 0.5
    # a lever that lowers the result: each future breaks even up to its threshold
    assert value_for_target(t, 0.5, rises=False) == 3.0 and share_passed(t, 3.0, rises=False) == 0.5
    # a future that never breaks even in the range
    assert value_for_target(np.array([1.0, math.inf]), 1.0, rises=True) is None
    assert value_for_target(np.array([1.0, math.inf]), 0.5, rises=True) == 1.0


def test_the_lever_and_its_range_are_checked(one_year):
    lv = lever(one_year, GRANT)
    assert (lv.low, lv.high, lv.current, lv.whole) == (0.0, 10 * 15_000.0, 15_000.0, False)
    with pytest.raises(ScenarioError, match="did you mean"):
        lever(one_year, "enterprise.grant_sek_per_mont")
    with pytest.raises(ScenarioError, match="not a number"):
        lever(one_year, "enterprise.name")
    with pytest.raises(ScenarioError, match="low end must be below"):
        lever(one_year, GRANT, (5.0, 5.0))
    with pytest.raises(ScenarioError, match="low end -1"):
        lever(one_year, GRANT, (-1.0, 5.0))  # a grant is at least 0


def test_a_grant_that_raises_the_result_and_an_overhead_that_lowers_it(one_year):
    seeds = [0, 1, 2]
    gs = goal_seek(one_year, GRANT, 1.0, seeds)
    assert gs.rises and gs.value is not None and gs.value == gs.thresholds.max()
    assert gs.achieved == 1.0  # the check run at the value: every future breaks even
    assert share_passed(gs.thresholds, gs.value - 1.0, rises=True) < 1.0  # just below it, one does not
    assert gs.value_interval is not None and gs.value_interval[0] <= gs.value <= gs.value_interval[1]
    assert gs.runs == 2 * 3 + 8 * 3 + 3  # the ends, eight halvings, the check
    # the opposite direction: more overhead, less often even; the value is the highest that still reaches it
    down = goal_seek(one_year, "enterprise.overhead_sek_per_month", 1.0, seeds)
    assert not down.rises and down.value == down.thresholds.min() and down.achieved == 1.0


def test_a_target_out_of_reach_says_so(one_year):
    gs = goal_seek(one_year, GRANT, 1.0, [0, 1], (0.0, 1_000.0))
    assert gs.value is None and gs.achieved is None and gs.p_high == 0.0
    assert json.loads(json.dumps(gs.as_dict()))["value"] is None


def test_the_goalseek_command(tmp_path, capsys):
    from .conftest import MAIN

    out = tmp_path / "gs"
    args = ["goalseek", "--fixed", str(MAIN), "--lever", GRANT, "--target", "0.5", "--seeds", "2", "--years", "1",
            "--workers", "1", "--out", str(out)]
    assert main(args) == 0
    data = json.loads((out / "goalseek.json").read_text())
    assert data["key"] == GRANT and data["p_break_even"] >= 0.5 and data["value"] is not None
    said = capsys.readouterr().out
    assert f"At {parameter_label(GRANT)} = " in said and "Wrote goalseek.json" in said and GRANT not in said
    # Swedish, and a target out of reach: exit 1 with the reason
    assert main([*args[:-1], str(tmp_path / "gs2"), "--lang", "sv", "--range", "0:1000", "--target", "1"]) == 1
    assert "Inget värde på" in capsys.readouterr().out
    # bad input: exit 2, one line each, nothing run
    assert main(["goalseek", "--fixed", str(MAIN), "--lever", "enterprise.grant", "--target", "1.5", "--range", "9",
                 "--out", str(tmp_path / "gs3")]) == 2
    err = capsys.readouterr().err
    assert "--target:" in err and "--range:" in err and "--lever: enterprise.grant: not a scenario key" in err
    assert not (tmp_path / "gs3").exists()
