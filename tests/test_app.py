"""The interactive page without a browser: levers → overrides → runs, the inputs it shows, the
plots it asks centrumsim.present for, and the ``app`` command's checks."""

from __future__ import annotations

import ast
import struct
import subprocess
import sys

import pytest
from matplotlib.text import Text

from centrumsim.app import figures, inputs, server
from centrumsim.present import language
from centrumsim.app.levers import (Levers, LiveModel, dated_actions, load_base, overrides, problems, run_seeds,
                                   scenario_files, scenario_folder, scenario_for, set_options)
from centrumsim.cli import main
from centrumsim.present import plots
from centrumsim.present.style import DPI

from .conftest import CITY_SIZED, MAIN, ROOT, SCENARIOS


@pytest.fixture(scope="module")
def base():
    return load_base(MAIN)


@pytest.fixture(scope="module")
def history():
    return load_base(ROOT / "scenarios" / "klocket_2017.toml")


def test_levers_where_the_scenario_has_them_change_nothing(base):
    for path in SCENARIOS:
        sc = load_base(path)
        assert overrides(sc, Levers.of(sc)) == {}, path.name
        assert scenario_for(sc, Levers.of(sc)) is sc


def test_moved_levers_are_dotted_overrides_the_scenario_accepts(base):
    levers = Levers.of(base).but(units_off=["gym"], rent_percent=50, price_percent=120, est_active=False,
                                 lighting_quality=0.9, tram_crossing_improved=True, youth_percent=200,
                                 grant_sek_per_month=40_000)
    extra = overrides(base, levers)
    assert extra["units.gym.enabled"] is False
    cafe = base.units["cafe"]
    assert extra[f"premises.{cafe.premises}.rent_sek_per_m2_year"] == base.premises[cafe.premises].rent_sek_per_m2_year / 2
    assert f"premises.{base.units['gym'].premises}.rent_sek_per_m2_year" not in extra  # the gym is off
    assert extra["units.cafe.price_sek"] == pytest.approx(cafe.price_sek * 1.2)
    assert "premises.butik_1.rent_sek_per_m2_year" not in extra  # a commercial tenant's rent stays
    assert extra["unrest.est_active"] is False and extra["unrest.lighting_quality"] == 0.9
    assert extra["footfall.tram_crossing_improved"] is True
    assert extra["enterprise.grant_sek_per_month"] == 40_000
    hours = {n: u.youth_activity_hours_per_week for n, u in base.units.items() if u.youth_activity_hours_per_week}
    assert all(extra[f"units.{n}.youth_activity_hours_per_week"] == 2 * h for n, h in hours.items() if n != "gym")
    sc = scenario_for(base, levers)
    assert "gym" not in sc.units and sc.unrest.lighting_quality == 0.9 and dict(sc.overrides) == extra
    assert "--set units.gym.enabled=false" in set_options(extra)
    assert "--set unrest.lighting_quality=0.9" in set_options(extra)


def test_a_moved_lever_replaces_the_scenarios_dated_actions_of_its_kind(history):
    assert dated_actions(history, "est_active") == ["2017-01-01"]
    on = overrides(history, Levers.of(history).but(est_active=True))
    assert on == {"unrest.est_active": True, "interventions.est.enabled": False}
    # a unit switched off takes its opening with it, as breakeven drops a unit from a mix
    off = overrides(history, Levers.of(history).but(units_off=["idrottens_hus"]))
    assert off == {"units.idrottens_hus.enabled": False, "interventions.idrottens_hus.enabled": False}
    scenario_for(history, Levers.of(history).but(units_off=["idrottens_hus", "cafe"], lighting_quality=1.0))


def test_every_unit_can_be_switched_off_and_every_lever_moved_in_every_scenario():
    for path in SCENARIOS:
        sc = load_base(path)
        today = Levers.of(sc)
        # the city-sized scenario's units are 25 copies of the main scenario's: its first copy stands for all
        names = [n for n in sc.units if path.name not in CITY_SIZED or n.endswith("_01")]
        for name in names:
            assert problems(sc, today.with_unit(name, False)) == [], (path.name, name)
        moved = today.but(rent_percent=0, price_percent=200, est_active=not today.est_active, lighting_quality=1.0,
                          tram_crossing_improved=not today.tram_crossing_improved, youth_percent=300,
                          grant_sek_per_month=100_000)
        assert problems(sc, moved) == [], path.name
    sc = load_base(MAIN)
    assert problems(sc, Levers.of(sc).but(units_off=list(sc.units)))  # nothing left: said, not raised


def test_levers_to_runs(base):
    """The page's model building: levers → overrides → the replication runner (2 seeds, 1 year)."""
    all_on = run_seeds(base, Levers.of(base), seeds=2, years=1)
    calls = []
    no_cafe = run_seeds(base, Levers.of(base).with_unit("cafe", False), seeds=2, years=1, progress=calls.append)
    assert calls == [False, False]
    assert all_on.seeds == no_cafe.seeds == [0, 1]
    names = {u["name"] for u in no_cafe.summary()["units"]}
    assert "cafe" not in names and "gym" in names
    assert no_cafe.summary()["overrides"]["units.cafe.enabled"] is False
    assert all_on.summary()["enterprise"] != no_cafe.summary()["enterprise"]


def test_the_live_model_is_what_solaraviz_steps(base):
    levers = Levers.of(base).but(units_off=["studio"], est_active=False)
    model = LiveModel(scenario=str(MAIN), levers=levers, rng=3)
    assert model.seed == 3 and "studio" not in model.unit_by_name and not model.spec.unrest.est_active
    for _ in range(35):
        model.step()
    frame = model.datacollector.get_model_vars_dataframe()
    assert len(frame) == 35 and frame["cash_sek"].notna().sum() == 1  # the first month closed on its last day
    assert all(column in frame.columns for column, _colour, _label, _top in figures.LIVE_SERIES)
    assert figures.live_figure(model, "sv").startswith(b"\x89PNG")
    assert figures.live_status(model, "en") == "Day 35 of 3,652: 2022-02-04"
    assert LiveModel(scenario=str(MAIN)).spec.overrides == {}


def test_inputs_are_mesas_model_parameters_and_come_back_as_levers(base):
    units = inputs.unit_inputs(base, Levers.of(base).with_unit("gym", False), "sv")
    flat = {k: v for group in units.values() for k, v in group.items()}
    assert set(flat) == {f"unit:{n}" for n in base.units}
    assert flat["unit:gym"] == {"type": "Checkbox", "label": "Gym och friskvård", "value": False}
    assert list(units)[0] == inputs.operator_heading("enterprise", "sv") == "centrumföretaget"
    params = inputs.lever_inputs(base, Levers.of(base), "en")
    assert set(params) == set(inputs.FIELDS)
    for spec in params.values():  # what mesa.visualization.solara_viz.UserInputs renders
        assert spec["type"] in ("SliderInt", "SliderFloat", "Checkbox") and "label" in spec and "value" in spec
        if spec["type"] != "Checkbox":
            assert spec["min"] <= spec["value"] <= spec["max"]
    lv = Levers.of(base)
    assert inputs.changed(lv, "lighting", 0.5000000001) == lv  # a slider's rounding is no change (the main scenario: 0.5)
    assert inputs.changed(lv, "unit:cafe", False).units_off == ("cafe",)
    assert inputs.changed(lv, "est", False).est_active is False
    assert inputs.changed(lv, "rent", 70).rent_percent == 70
    no_enterprise = load_base(ROOT / "scenarios" / "decline_2013.toml")
    assert "rent" not in inputs.lever_inputs(no_enterprise, Levers.of(no_enterprise), "en")


def test_the_page_says_what_the_levers_change(base):
    lv = Levers.of(base)
    assert inputs.changes(base, lv, "en") == "As in the scenario."
    moved = lv.but(units_off=["cafe"], rent_percent=50, est_active=False, lighting_quality=0.85)
    assert inputs.changes(base, moved, "en") == \
        "Changed from the scenario: Kafé Klockrent off, rent 50%, EST off, lighting: better (very good)."
    assert inputs.changes(base, moved, "sv") == \
        "Ändrat från scenariot: Kafé Klockrent av, hyra 50\u00a0%, EST av, belysning: bättre (mycket bra)."
    assert inputs.changes(base, lv.but(lighting_quality=0.1), "sv") == "Ändrat från scenariot: belysning: sämre (dålig)."


def test_the_first_seed_count(monkeypatch):
    monkeypatch.setenv(inputs.SEEDS_ENV, "3")
    assert inputs.first_seeds() == 3
    monkeypatch.setenv(inputs.SEEDS_ENV, "9999")
    assert inputs.first_seeds() == inputs.MAX_SEEDS
    monkeypatch.delenv(inputs.SEEDS_ENV)
    assert inputs.first_seeds() == inputs.DEFAULT_SEEDS == 10  # the app command's help says 10


def test_the_plots_the_page_shows_exist_and_render(base):
    for _key, names, _needs, _title in figures.SEED_PLOTS:
        assert figures.plot_function(names), f"centrumsim.present.plots has none of {names}: update app/figures.py"
    res = run_seeds(base, Levers.of(base), seeds=2, years=1)
    drawn = figures.seed_figures(res, "sv")
    assert [f.key for f in drawn] == [k for k, _, _, _ in figures.SEED_PLOTS]
    assert all(f.png and f.png.startswith(b"\x89PNG") for f in drawn), [f.problem for f in drawn]
    # for a projector: drawn at the plot column's size, no text under 16 px, the caption as the page's text
    for f in drawn:
        width, height = struct.unpack(">II", f.png[16:24])
        assert (width, height) == figures.SCREEN_PX, (f.key, width, height)
        assert f.caption and f.title and "\n" not in f.caption
    fig = plots.plot_cash(res, lang="sv")
    caption = plots.for_screen(fig, *figures.SCREEN_PX)
    sizes = [t.get_fontsize() * DPI / 72 for t in fig.findobj(Text) if t.get_text()]
    assert caption and min(sizes) >= 16 - 1e-9 and not [t for t in fig.texts if t.get_gid() == "caption"]
    assert figures.months(res)[0] == "2022-01" and len(figures.months(res)) == 12
    if not figures.has_plan():
        pytest.skip("centrumsim.present.plots has no plot_plan yet: the page shows a note in its place")
    plan = figures.plan_figure(res, 5, "sv")
    assert plan.png and plan.png.startswith(b"\x89PNG"), plan.problem


def test_a_missing_or_failing_plot_is_a_note(base, monkeypatch):
    res = run_seeds(base, Levers.of(base), seeds=1, years=1)
    monkeypatch.setattr(figures, "SEED_PLOTS", (("x", ("plot_nothing",), False, "X"),
                                                ("cash", ("plot_cash",), True, "Cash")))
    monkeypatch.setattr(plots, "plot_cash", lambda *a, **k: 1 / 0)
    missing, failing = figures.seed_figures(res, "en")
    assert missing.png is None and "plot_nothing" in missing.problem
    assert failing.png is None and "ZeroDivisionError" in failing.problem


def test_the_pages_numbers_and_languages():
    # every word of the page in both languages: tests/test_catalogue.py; its switch offers the languages there are
    assert language.LANGS == ("en", "sv")
    assert language.headline(1250000.5, "sv") == "1\u00a0250\u00a0000" and language.headline(-5, "en") == "−5"
    assert language.percent(0.85, "sv") == "85\u00a0%" and language.percent(0.85, "en") == "85%"


def test_the_shipped_scenarios_are_offered():
    assert scenario_folder() == (ROOT / "scenarios").resolve() or scenario_files(scenario_folder())
    assert [p.name for p in scenario_files(ROOT / "scenarios")] == [p.name for p in SCENARIOS]


# ---------------------------------------------------------------------- the app command
def test_app_without_the_extra_is_one_line_and_status_2(monkeypatch, capsys):
    monkeypatch.setattr(server, "NEEDS", ("solara", "no_such_module_for_centrumsim"))
    assert main(["app"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and 'pip install -e ".[app]"' in err[0]


def test_app_bad_options_are_status_2(capsys, tmp_path):
    import socket
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        assert main(["app", "--port", str(port), "--seeds", "0", "--scenarios", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0] == f"--scenarios: no scenario files (*.toml) in {tmp_path.resolve()}"
    assert err[1].startswith("--seeds: must be in 1..")
    assert err[2].startswith(f"--port: 127.0.0.1:{port} is taken")


def test_the_server_command_binds_where_told():
    cmd = server.command("127.0.0.1", 8123)
    assert cmd[1:5] == ["-m", "solara", "run", "centrumsim.app.page"]
    assert cmd[cmd.index("--host") + 1] == "127.0.0.1" and cmd[cmd.index("--port") + 1] == "8123"
    assert "--no-open" in cmd and "--no-check-version" in cmd
    env = server.environment(ROOT / "scenarios", 4)
    assert env["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] == "False" and env[inputs.SEEDS_ENV] == "4"
    assert server.url("127.0.0.1", 8123) == "http://127.0.0.1:8123/"


def test_the_package_and_the_command_line_do_not_import_solara():
    code = ("import sys, centrumsim.cli, centrumsim.app.levers, centrumsim.app.inputs, centrumsim.app.figures, "
            "centrumsim.app.server; print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('solara', 'altair', 'reacton') or m.startswith('mesa.visualization')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_mesas_visualization_is_imported_only_inside_the_page_builder():
    wrong = []
    for path in (ROOT / "centrumsim").rglob("*.py"):
        rel = path.relative_to(ROOT / "centrumsim").as_posix()
        tree = ast.parse(path.read_text("utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}

        def in_function(node: ast.AST) -> bool:
            while node in parents:
                node = parents[node]
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    return True
            return False

        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            for name in names:
                if name.startswith("mesa.visualization") or name.split(".")[0] == "altair":
                    if rel != "app/page.py" or not in_function(node):
                        wrong.append(f"{rel}: imports {name}")
    assert not wrong, wrong


def test_the_picker_shows_scenario_names_and_the_command_line_runs_from_the_root(tmp_path, monkeypatch):
    from centrumsim.app.levers import command_path, scenario_files, scenario_names

    files = {p.stem: p for p in scenario_files(ROOT / "scenarios")}
    names = scenario_names(files)
    assert names["klockaretorpet"] == load_base(MAIN).name and len(set(names.values())) == len(names)
    twin = tmp_path / "twin.toml"
    twin.write_text(MAIN.read_text("utf-8"), "utf-8")
    both = scenario_names({"klockaretorpet": MAIN, "twin": twin})
    assert both["twin"].endswith("(twin)") and both["klockaretorpet"].endswith("(klockaretorpet)")
    monkeypatch.chdir(ROOT)
    assert command_path(MAIN) == "scenarios/klockaretorpet.toml"  # what `centrumsim run` takes from the root
    monkeypatch.chdir(tmp_path)
    assert command_path(MAIN) == str(MAIN.resolve())


def test_the_page_is_given_the_seeds_finished_so_far(base):
    seen = []
    res = run_seeds(base, Levers.of(base), seeds=3, years=1, workers=1,
                    so_far=lambda r: seen.append([o.seed for o in r.runs]))
    assert seen == [[0], [0, 1]]  # one result more each time; the last is the whole answer, returned
    whole = run_seeds(base, Levers.of(base), seeds=3, years=1, workers=1)
    assert res.summary()["enterprise"] == whole.summary()["enterprise"]
    assert [o.seed for o in res.runs] == [0, 1, 2]
