"""The answer over the assumptions and chance (centrumsim.analysis.uncertainty), its words
(present/verdict.py) and the catalogue of assumptions (scenario/assumptions.py)."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest

import centrumsim
from centrumsim.analysis import run_seeds
from centrumsim.analysis.uncertainty import draw_seeds, futures, linear_shares, variance_split
from centrumsim.cli import main
from centrumsim.present.verdict import verdict
from centrumsim.scenario import ScenarioError
from centrumsim.scenario.assumptions import CATALOGUE, HISTORY_MATCH, expand, uncertain

from .conftest import MAIN, SCENARIOS


# ---------------------------------------------------------------------------- the catalogue
def test_every_assumption_has_a_label_a_reason_and_a_range_and_belongs_to_a_shipped_scenario():
    shipped = [centrumsim.load_scenario(p) for p in SCENARIOS]
    for name, a in CATALOGUE.items():
        assert a.label and a.reason and a.min < a.max, name
        if a.scale:
            assert 0 <= a.min <= 1 <= a.max, name  # a factor on the assumed value: it lies inside
        assert any(name in {u.name for u in uncertain(sc)} for sc in shipped), name


def test_history_matched_ranges_are_the_last_waves_kept_region():
    for which in ("unrest", "economic"):
        with (HISTORY_MATCH / f"{which}.csv").open() as fh:
            rows = {r["parameter"]: r for r in csv.DictReader(fh)}
        for name, a in CATALOGUE.items():
            if a.history_match == which:
                assert (a.min, a.max) == (float(rows[name]["wave_2_min"]), float(rows[name]["wave_2_max"]))


def test_every_range_end_is_a_valid_scenario(main_scenario):
    for u in uncertain(main_scenario):
        for end in (u.low, u.high):
            main_scenario.with_overrides(u.overrides(end))  # raises if a key refused it


def test_selectors_name_the_units_and_premises_they_mean(main_scenario):
    assert expand(main_scenario, "units.{enterprise}.wage_sek_per_month") == [
        f"units.{n}.wage_sek_per_month" for n in main_scenario.enterprise_units]
    shops = expand(main_scenario, "premises.{shops}.rent_sek_per_m2_year")
    assert shops == [f"premises.butik_{i}.rent_sek_per_m2_year" for i in range(1, 6)]


def test_a_factor_moves_every_key_and_stays_within_what_a_key_allows(main_scenario):
    margins = next(u for u in uncertain(main_scenario) if u.name == "gross_margins")
    set_ = margins.overrides(1.07)
    assert set_["units.cafe.gross_margin_share"] == pytest.approx(0.70 * 1.07)
    assert set_["units.fastighetsservice.gross_margin_share"] == 1.0  # a margin of 1 cannot rise
    pause = next(u for u in uncertain(main_scenario) if u.name == "enterprise.pause_after_deficit_months")
    assert pause.overrides(7.4) == {"enterprise.pause_after_deficit_months": 7}


def test_a_scenario_narrows_or_fixes_an_assumption(main_scenario):
    narrowed = main_scenario.with_overrides({"assumptions.contracts.min": 0.95, "assumptions.contracts.max": 1.05})
    c = next(u for u in uncertain(narrowed) if u.name == "contracts")
    assert (c.low, c.high) == (0.95, 1.05) and c.keys == ("units.fastighetsservice.service_contract_sek_per_month",)
    fixed = main_scenario.with_overrides({"assumptions.contracts.fixed": True})
    assert "contracts" not in {u.name for u in uncertain(fixed)}
    assert len(uncertain(fixed)) == len(uncertain(main_scenario)) - 1


def test_bad_assumption_choices_are_each_one_line(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(f'extends = "{MAIN}"\n'
                    '[assumptions.contrcts]\nfixed = true\n'
                    '[assumptions.wages]\nmin = 1.1\nmax = 1.0\n'
                    '[assumptions."unrest.legitimacy"]\nmax = 2.0\n'
                    '[assumptions.members]\nfixed = true\nmin = 0.9\n'
                    '[assumptions."enterprise.pause_after_deficit_months"]\nmin = 4.5\n')
    with pytest.raises(ScenarioError) as exc:
        centrumsim.load_scenario(path)
    lines = exc.value.lines
    assert any("assumptions.contrcts: not an assumption" in x and "did you mean 'contracts'" in x for x in lines)
    assert any("assumptions.wages: min must be below max (got 1.1 and 1)" in x for x in lines)
    assert any("assumptions.unrest.legitimacy.max: 2 is outside the catalogue's range 0.76" in x for x in lines)
    assert any("assumptions.members: fixed = true takes no min or max" in x for x in lines)
    assert any("pause_after_deficit_months.min: expected a whole number (got 4.5)" in x for x in lines)
    assert all(x.startswith(str(path)) for x in lines) and len(lines) == 5


# ---------------------------------------------------------------------------- the arithmetic
def test_chance_share_is_the_variance_within_a_draw_over_the_whole():
    y = np.array([[0.0, 2.0], [10.0, 12.0]])
    total, chance = variance_split(y)
    assert total == pytest.approx(104 / 3) and chance == pytest.approx(2.0)


def test_linear_shares_recover_a_linear_answer():
    rng = np.random.default_rng(1)
    x = rng.uniform(0, 1, size=(200, 3))
    y = 3.0 * x[:, 0] - 1.0 * x[:, 1]  # the third does nothing
    shares, r2, beta = linear_shares(x, y, float(np.var(y, ddof=1)))
    assert r2 == pytest.approx(1.0)  # about 0.9 and 0.1; exactly b² Var(x) / Var(y) of this sample
    assert shares[:2] == pytest.approx(x[:, :2].var(axis=0, ddof=1) * [9.0, 1.0] / np.var(y, ddof=1))
    assert shares[2] == pytest.approx(0.0, abs=1e-9) and beta[0] > 0 > beta[1]
    few, r2_few, _ = linear_shares(x[:8], y[:8], float(np.var(y[:8], ddof=1)))  # fewer draws than one fit needs
    assert np.isnan(r2_few) and few[0] > few[2]


def test_every_run_is_a_future_of_its_own_and_the_design_is_fixed(main_scenario):
    seeds = draw_seeds(5, 2)
    assert seeds.shape == (5, 2) and len(set(seeds.ravel())) == 10
    a, b = futures(main_scenario, 5, 2), futures(main_scenario, 5, 2)
    assert np.array_equal(a.x, b.x) and np.array_equal(a.seeds, b.seeds)
    # a lever being sought is not drawn: it is what is decided
    sought = futures(main_scenario, 5, 2, leave=("enterprise.grant_sek_per_month",))
    assert "enterprise.grant_sek_per_month" not in {u.name for u in sought.ranged}


# ---------------------------------------------------------------------------- end to end
@pytest.fixture(scope="module")
def drawn(one_year):
    return centrumsim.run(one_year, seeds=2, draws=4, replicates=2, workers=1)


def test_run_draws_the_assumptions_and_says_how_sure(drawn, one_year):
    s = drawn.summary()
    e, u = s["enterprise"], s["uncertainty"]
    assert u["assumptions_drawn"] is True and u["runs"] == 8 and len(drawn.runs) == 8
    assert e["p_break_even_interval"][0] <= e["p_break_even"] <= e["p_break_even_interval"][1]
    fixed = run_seeds(one_year, seeds=2).summary()["enterprise"]
    assert e["p_break_even_chance_only"] == fixed["p_break_even"]  # today's figure, at the assumed values
    assert 0 <= u["chance_share"] <= 1 and [d["share"] for d in u["drivers"]] == sorted(
        (d["share"] for d in u["drivers"]), reverse=True)
    assert {d["key"] for d in u["drivers"]} == {a["key"] for a in u["assumptions"]} <= set(CATALOGUE)
    assert all(0 <= d["share_interval"][0] <= d["share_interval"][1] for d in u["drivers"])
    assert u["design"]["draws"] == 4 and u["design"]["chance_only_seeds"] == [0, 1]
    assert drawn.identity()["assumptions"]["ranges"]  # the design is part of what identifies the runs
    futures_ = drawn.futures  # one row per drawn run: re-run any alone from its values and seed
    assert list(futures_["seed"]) == drawn.seeds and futures_["breaks_even"].mean() == e["p_break_even"]
    assert {"draw", "replicate", "contracts (factor)", "result_sek_per_year"} <= set(futures_.columns)
    assert run_seeds(one_year, seeds=2).futures is None


def test_the_same_answer_for_any_number_of_workers(drawn, one_year):
    again = centrumsim.run(one_year, seeds=2, draws=4, replicates=2, workers=2)
    assert again.summary() == drawn.summary()


def test_bad_arguments_are_refused_as_by_the_seed_runner(one_year):
    with pytest.raises(TypeError, match="years must be a whole number"):
        centrumsim.run(one_year, seeds=1, years=1.5)
    with pytest.raises(ValueError, match="draws must be a whole number >= 2"):
        centrumsim.run(one_year, seeds=1, draws=1)


def test_fixed_is_todays_seed_only_run(one_year):
    a = centrumsim.run(one_year, seeds=2, fixed=True).summary()
    assert a == run_seeds(one_year, seeds=2).summary() and a["uncertainty"]["assumptions_drawn"] is False


# ---------------------------------------------------------------------------- the words
def _summary(p: float, drawn: bool = True) -> dict:
    return {"scenario": "Test", "years": 10, "seeds": list(range(8)),
            "enterprise": {"present": True, "p_break_even": p, "p_break_even_interval": [p - 0.1, p + 0.1],
                           "p_break_even_chance_only": 0.25, "p_break_even_chance_only_interval": [0.1, 0.5]},
            "uncertainty": {"assumptions_drawn": drawn, "chance_share": 0.05,
                            "drivers": [{"key": "contracts", "label": CATALOGUE["contracts"].label, "share": 0.4,
                                         "direction": "up", "assumed": 110_000}],
                            "assumptions": [], "design": {"draws": 4, "replicates": 2}}}


def test_the_verdict_says_what_how_often_and_on_what_in_both_languages():
    en = verdict(_summary(0.5), "en")
    assert en.startswith("Verdict: Whether the enterprise in “Test” breaks even over 10 years is open.")
    assert "in 50% of the plausible futures" in en and "(90% interval 40%–60%)" in en and "in 25% (10%–50%)" in en
    assert "Chance explains 5%" in en
    assert "the property-care contract (40% of the spread; higher helps; assumed 110,000)" in en
    sv = verdict(_summary(0.5), "sv").replace("\xa0", " ")
    assert sv.startswith("Bedömning: Om centrumföretaget i ”Test” går runt över 10 år är en öppen fråga.")
    assert "fastighetsskötselavtalet (40 % av spridningen; högre hjälper; antaget 110 000)" in sv
    assert "breaks even over 10 years in most plausible futures" in verdict(_summary(0.85), "en")
    assert "does not break even over 10 years in most plausible futures" in verdict(_summary(0.1), "en")
    fixed = verdict(_summary(0.1, drawn=False), "en")
    assert "in most runs at the assumed values" in fixed and "The assumptions were not drawn" in fixed


def test_run_prints_the_verdict_first_and_refuses_a_bad_design(tmp_path, capsys):
    assert main(["run", str(MAIN), "--seeds", "1", "--years", "1", "--draws", "1", "--replicates", "0",
                 "--out", str(tmp_path / "bad")]) == 2
    err = capsys.readouterr().err
    assert "--draws: must be a whole number >= 2 (got 1)" in err and "--replicates: must be a whole number >= 2" in err
    out = tmp_path / "ok"
    assert main(["run", str(MAIN), "--seeds", "1", "--years", "1", "--draws", "3", "--no-plots", "--workers", "1",
                 "--out", str(out), "--lang", "sv"]) == 0
    said = capsys.readouterr().out.splitlines()
    first = next(i for i, line in enumerate(said) if line.startswith("Bedömning:"))
    assert first < next(i for i, line in enumerate(said) if line.startswith("Centrumföretag:"))
    assert "6 körningar (3 framtider dragna över antagandena, 2 körningar var)" in said[1]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["uncertainty"]["drivers"] and summary["enterprise"]["p_break_even_chance_only"] is not None


def test_the_breakeven_verdict_names_the_closest_mix_and_what_it_needs():
    import pandas as pd

    from centrumsim.analysis.goalseek import GoalSeek, Lever
    from centrumsim.present.verdict import breakeven_verdict

    table = pd.DataFrame([{"mix": "cafe + gym", "p_break_even": 0.45, "p_break_even_low": 0.3, "p_break_even_high": 0.6,
                           "p_break_even_chance_only": 0.0, "futures": 48, "drivers": "contracts, wages"}])
    lever = Lever("enterprise.grant_sek_per_month", 0.0, 150_000.0, 15_000.0, False)
    need = GoalSeek(lever, 0.8, tuple(range(48)), True, np.zeros(48), 0.1, 1.0, 42_000.0, (39_000.0, 45_000.0), 0.81,
                    (0.68, 0.9), 500)
    en = breakeven_verdict(table, need, 10, "en", {"cafe": "Kafé Klockrent", "gym": "Gym"})
    assert en.startswith("Verdict: no mix of these breaks even over 10 years in 80% of the plausible futures. The "
                         "closest is Kafé Klockrent + Gym: it breaks even in 45% (30%–60%) of the plausible futures")
    assert "It turns most on the property-care contract and the enterprise's wages." in en
    assert "it would need the enterprise's grant at 42,000 (today 15,000; 39,000–45,000" in en and "gave 81%" in en
    sv = breakeven_verdict(table, None, 10, "sv", {}).replace("\xa0", " ")
    assert sv.startswith("Bedömning: ingen av dessa mixar går runt över 10 år") and "cafe + gym" in sv
    table.loc[0, "p_break_even"] = 0.85
    assert "cafe + gym breaks even over 10 years in at least 80% of the plausible futures" in breakeven_verdict(
        table, None, 10)
    table.loc[0, "futures"] = 0
    assert "of the runs at the assumed values" in breakeven_verdict(table, None, 10)


def test_the_report_shows_what_the_answer_turns_on():
    from centrumsim.present.report_tables import drivers_table

    s = _summary(0.5)
    s["uncertainty"]["assumptions"] = [{"key": "contracts", "scale": True, "low": 0.8, "high": 1.2}]
    t = drivers_table(s, "en")
    assert t.rows[0] == ["The property-care contract", "40%", "—", "higher helps", "× 0.80 … 1.20"]
    assert t.rows[-1][:2] == ["Chance", "5%"]
    assert drivers_table(_summary(0.5, drawn=False), "en") is None


def test_any_drawn_run_re_runs_alone_from_its_values_and_seed(drawn, one_year):
    from centrumsim.analysis import run_one
    from centrumsim.results.measures import enterprise_result_sek

    scenario, seed = futures(one_year, 4, 2).jobs(one_year)[5]
    assert seed == drawn.seeds[5]
    assert enterprise_result_sek(run_one(scenario, seed)) == enterprise_result_sek(drawn.runs[5])


def test_the_wilson_interval_is_scipys_to_the_last_bit():
    from scipy import stats

    from centrumsim.results.uncertainty import wilson

    for n in (1, 2, 7, 20, 192):
        for k in sorted({0, 1, n // 3, n // 2, n - 1, n}):
            ci = stats.binomtest(k, n).proportion_ci(confidence_level=0.9, method="wilson")
            assert wilson(k, n) == (float(ci.low), float(ci.high)), (k, n)
    assert wilson(0, 20)[0] == 0.0 and wilson(20, 20)[1] == 1.0
    low, high = wilson(10, 20)  # 0.5 ± 1.6449 / (2 × 22.706) × √(20 + 2.706) = 0.5 ± 0.1726
    assert (low, high) == pytest.approx((0.3274, 0.6726), abs=1e-4)
