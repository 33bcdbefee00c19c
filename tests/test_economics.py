"""Economics at the level of the whole enterprise: who carries whom, the comparison with
profit-seeking tenants, and the break-even finder on a case whose answer is known."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from centrumsim import CentreModel, ScenarioError
from centrumsim.analysis import run_seeds as run
from centrumsim.analysis.breakeven import Plan, find_breakeven, mix_name, mixes, pareto_front, social_scales, social_value
from centrumsim.analysis.compare import as_tenants, compare_operators
from centrumsim.model.ledger import result

CANDIDATES = ("cafe", "gym", "studio", "fastighetsservice")


@pytest.fixture(scope="module")
def toy(main_scenario):
    """No residents, so every unit's month is deterministic (fees, contracts, fixed costs);
    policies that could pause units are pushed past the horizon."""
    return main_scenario.with_overrides({
        "time.years": 1, "area.residents": 0, "area.households": 0,
        "footfall.outside_visitors_per_day": 0,
        "units.gym.service_contract_sek_per_month": 100_000,  # no residents, no members: a contract instead, a small surplus
        "enterprise.pause_after_deficit_months": 120, "enterprise.starting_cash_sek": 50_000_000,
        "enterprise.overdraft_limit_sek": 50_000_000, "tenants.entry_attempts_per_year": 0,
    })


def yearly_contributions(scenario) -> dict[str, int]:
    out = CentreModel(scenario, rng=0).run()
    res = result(out.books).sum(axis=0)
    return {name: int(res[i]) for i, name in enumerate(out.ledger_names)}


def test_breakeven_finder_ranks_a_known_case(toy):
    contrib = yearly_contributions(toy)
    expected = {mix_name(m): sum(contrib[u] for u in m) + contrib["central"] >= 0 for m in mixes(CANDIDATES)}
    assert any(expected.values()) and not all(expected.values())  # a case worth ranking
    table = find_breakeven(toy, CANDIDATES, Plan(seeds=2, screen_seeds=1, contenders=3, draws=None))
    assert len(table) == 2 ** len(CANDIDATES) - 1
    got = dict(zip(table["mix"], table["p_break_even"]))
    assert {m: p == 1.0 for m, p in got.items()} == expected
    # ranked: every mix that breaks even comes before every one that does not (within a stage)
    for stage, rows in table.groupby("stage", sort=False):
        p = rows["p_break_even"].to_numpy()
        assert (np.diff(p) <= 0).all(), stage
    assert table.iloc[0]["p_break_even"] == 1.0 and table.iloc[0]["stage"] == "full"


def test_breakeven_rejects_unknown_candidates(toy):
    with pytest.raises(ScenarioError) as exc:
        find_breakeven(toy, ["cafe", "gymm"])
    assert exc.value.lines == ["--candidates: no unit named 'gymm' (did you mean 'gym'?)"]
    with pytest.raises(ScenarioError) as exc:
        find_breakeven(toy.with_overrides({"units.gym.enabled": False}), ["cafe", "gym", "cafe"])
    assert exc.value.lines == ["--candidates: named more than once: cafe",
                               "--candidates: unit 'gym' is disabled in the scenario (enabled = false)"]


def test_pareto_front():
    p = np.array([1.0, 0.5, 0.5, 0.2, 1.0])
    v = np.array([0.1, 0.9, 0.5, 0.95, 0.1])
    assert list(pareto_front(p, v)) == [True, True, False, True, True]


def test_enterprise_keeps_loss_makers_open_longer_than_tenants(toy):
    table, results = compare_operators(toy, seeds=2)
    rows = table.set_index("variant")
    assert rows.loc["enterprise", "share_of_unit_months_open"] > rows.loc["tenants", "share_of_unit_months_open"]
    t = toy.tenants  # a tenant adapts (two steps of hours), then counts its short months
    assert rows.loc["tenants", "months_until_first_gap"] <= 2 * t.cut_after_loss_months + t.leave_after_loss_months + 1
    tenants = as_tenants(toy)
    assert not tenants.enterprise_units and tenants.units["cafe"].operator == "commercial"
    assert not results["tenants"].runs[0].has_enterprise
    assert rows.loc["tenants", "units_public_support_sek_per_year"] > 0
    assert rows.loc["tenants_without_support", "units_public_support_sek_per_year"] == 0
    bare = as_tenants(toy, support=False)
    assert bare.units["fastighetsservice"].subsidised_fte == 0 and bare.units["studio"].grant_sek_per_month == 0
    # the houses' funding counts as public support to the centre in every variant
    assert (table["centre_public_support_sek_per_year"] >= table["units_public_support_sek_per_year"]).all()


def test_the_comparison_can_come_out_the_other_way(toy):
    """An enterprise whose own costs sink it (no cash, no credit, a heavy overhead) pauses its
    units for cash, while tenants without those costs keep theirs: tenants come out ahead."""
    heavy = toy.with_overrides({"enterprise.starting_cash_sek": 0, "enterprise.overdraft_limit_sek": 0,
                                "enterprise.overhead_sek_per_month": 400_000, "tenants.leave_after_loss_months": 120})
    table, _ = compare_operators(heavy, seeds=1)
    rows = table.set_index("variant")
    assert rows.loc["tenants", "share_of_unit_months_open"] > rows.loc["enterprise", "share_of_unit_months_open"]


def test_cross_subsidy_table_matches_the_flows(one_year):
    res = run(one_year, seeds=2)
    cs = res.cross_subsidy
    for r in res.runs:
        assert cs[cs.seed == r.seed]["amount_ore"].sum() == sum(r.flows.values())
    yearly = res.cross_subsidy_by_year()
    assert set(yearly.columns) == {"year", "carrier", "carried", "median_sek"}
    summary = res.summary()["enterprise"]["cross_subsidy"]
    assert summary["fastighetsservice"]["carried_others_sek_per_year"] > 0
    assert summary["central"]["was_carried_sek_per_year"] > 0


def test_work_integration_posts_in_the_summary(one_year):
    units = {u["name"]: u for u in run(one_year, seeds=1).summary()["units"]}
    posts = one_year.units["fastighetsservice"].work_integration_posts
    assert 0 < units["fastighetsservice"]["posts_work_integration"]["median"] <= posts
    assert units["cafe"]["posts_work_integration"]["median"] == 0


def test_cli_breakeven_and_compare(tmp_path, capsys, toy):
    from centrumsim.cli import main

    from .conftest import MAIN

    code = main(["breakeven", "--fixed", "--need", "0", str(MAIN), "--candidates", "cafe,gym", "--seeds", "2", "--screen-seeds", "1",
                 "--years", "1", "--out", str(tmp_path / "be")])
    assert code == 0
    printed = capsys.readouterr().out
    assert "3 mixes screened with 1 seed each" in printed
    assert (tmp_path / "be" / "breakeven.csv").exists() and (tmp_path / "be" / "breakeven.png").exists()
    assert main(["breakeven", "--fixed", "--need", "0", str(MAIN), "--candidates", "cafe,nope", "--out", str(tmp_path / "x")]) == 2
    assert "--candidates: no unit named 'nope'" in capsys.readouterr().err
    code = main(["compare", str(MAIN), "--seeds", "1", "--years", "1", "--out", str(tmp_path / "cmp")])
    assert code == 0 and (tmp_path / "cmp" / "compare.csv").exists()
    assert "enterprise" in capsys.readouterr().out


def test_all_mixes_are_listed():
    assert len(mixes(CANDIDATES)) == 15
    assert set(mixes(("a", "b"))) == {("a",), ("b",), ("a", "b")}
    assert all(len(set(m)) == len(m) for m in itertools.chain(mixes(CANDIDATES)))


def test_breakeven_needs_an_enterprise_unit_and_handles_names_with_dashes(toy):
    with pytest.raises(ScenarioError) as exc:
        find_breakeven(toy, ["idrottens_hus"])
    assert "name at least one unit run by the enterprise" in exc.value.lines[0]
    odd = toy.with_overrides({"units.a-b.kind": "cafe", "units.a-b.operator": "enterprise",
                              "units.a-b.premises": "butik_4", "units.a-b.initially_open": False})
    table = find_breakeven(odd, ["cafe", "a-b"], Plan(seeds=1, screen_seeds=1, contenders=1, draws=None))
    assert sorted(table["mix"]) == sorted(["cafe", "a-b", "cafe + a-b"])


def test_breakeven_drops_the_interventions_of_a_dropped_unit():
    from centrumsim import load_scenario
    from centrumsim.analysis.breakeven import mix_scenario

    from .conftest import ROOT

    cafe = load_scenario(ROOT / "scenarios" / "cafe_klockrent.toml").with_years(1)
    assert {"cafe_opens", "studio_opens"} <= set(cafe.interventions)
    only_cafe = mix_scenario(cafe, ["cafe", "studio"], ["cafe"])
    assert "studio" not in only_cafe.units and not only_cafe.interventions["studio_opens"].enabled
    assert only_cafe.interventions["cafe_opens"].enabled
    table = find_breakeven(cafe, ["cafe", "studio"], Plan(seeds=1, screen_seeds=1, contenders=1, draws=None))
    assert len(table) == 3


def test_social_value_is_on_stated_scales_not_within_the_compared_mixes(main_scenario):
    """Issue 21 item 5: each metric over the value that scores 1, capped at 1, weighted. By hand,
    with the shipped scales (2 900 visitors, 5 200 activities, 100, 10 posts) and equal weights:
    (1 450/2 900 + 2 600/5 200 + 73/100 + 5/10) / 4 = (0.5 + 0.5 + 0.73 + 0.5) / 4 = 0.5575."""
    import pandas as pd

    scales = social_scales(main_scenario.indicators)
    a = {"visitors_per_day": 1450.0, "activities_per_year": 2600.0, "safety_index": 73.0, "posts_work_integration": 5.0}
    b = {"visitors_per_day": 1460.0, "activities_per_year": 2600.0, "safety_index": 73.13, "posts_work_integration": 5.0}
    two = social_value(pd.DataFrame([a, b]), scales)
    assert two[0] == pytest.approx(0.5575)
    # a small difference stays small (min–max within the set made it the whole scale: 0 vs 1)
    assert two[1] - two[0] == pytest.approx((10 / 2900 + 0.13 / 100) / 4)
    # and a mix's value does not change when another joins the comparison
    big = {"visitors_per_day": 9000.0, "activities_per_year": 1.0, "safety_index": 10.0, "posts_work_integration": 30.0}
    three = social_value(pd.DataFrame([a, b, big]), scales)
    assert three[0] == two[0] and three[1] == two[1]
    assert three[2] == pytest.approx((1 + 1 / 5200 + 0.1 + 1) / 4)  # capped at 1 where beyond the scale
