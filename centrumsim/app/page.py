"""The interactive page that ``centrumsim app`` serves (``solara run centrumsim.app.page``).

Mesa's :func:`~mesa.visualization.SolaraViz` is the frame: its app bar, its controls (Step,
play, Reset) stepping one run of the scenario live, and its plots of that run. Around it: the
scenario, the units switched on and off and the levers (in the sidebar, as Mesa's
``UserInputs``), a button that runs several seeds through the replication runner and shows
:mod:`centrumsim.present`'s plots of them (which ones: :mod:`.figures`), the plan of the centre
with a month slider, and English or Swedish. A lever moved rebuilds the live run at once and
marks the seeds' plots as out of date until they are run again.

Solara is an optional extra (``[app]``): it is imported only inside :func:`make_page`, which
builds the components; importing this module builds them (``Page``).
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from ..scenario import Scenario
from . import figures
from .inputs import DEFAULT_SCENARIO, MAX_SEEDS, changed, changes, first_seeds, lever_inputs, unit_inputs
from .labels import LANGS, number, percent, words
from .levers import Levers, LiveModel, dated_actions, load_base, overrides, problems, run_seeds, scenario_files, \
    scenario_folder, set_options

LIVE_PLOTS = (("cash_sek", "live_cash"), ("visitors_today", "live_visitors"), ("safety_index", "live_safety"))
"""The live run's plots: a measure of the model's DataCollector and its title."""


class Cancelled(Exception):
    """The runs were superseded by newer ones."""


def summary_lines(results: Any, lang: str) -> list[str]:
    """A few numbers of the runs, in words."""
    w, s = words(lang), results.summary()
    out = []
    ent = s["enterprise"]
    if ent.get("present"):
        out.append(f"{w['p_even']}: {percent(ent['p_break_even'], lang)}")
        out.append(f"{w['result']}: {number(ent['result_sek_per_year']['median'], lang)} {w['sek']}")
    out.append(f"{w['visitors']}: {number(s['centre']['visitors_per_day']['median'], lang)}")
    return out


def make_page():
    """The page's Solara components; returns ``Page``."""
    import solara
    import solara.lab

    with warnings.catch_warnings():  # Solara's check of the rules of hooks flags Mesa's own ComponentsView
        warnings.filterwarnings("ignore", message=".*ComponentsView.*early return", category=UserWarning)
        from mesa.visualization import SolaraViz, make_plot_component
        from mesa.visualization.solara_viz import UserInputs

    files = {p.stem: p for p in scenario_files(scenario_folder())}
    first = DEFAULT_SCENARIO if DEFAULT_SCENARIO in files else next(iter(files), "")

    # the page's state, one value per browser tab (Solara keeps reactive variables per kernel)
    scenario_name = solara.reactive(first)
    lang = solara.reactive("en")
    chosen = solara.reactive(None)  # the levers; None: the scenario's own
    n_seeds = solara.reactive(first_seeds())
    month = solara.reactive(0)

    @solara.lab.task(prefer_threaded=True)
    def runs(path: str, levers: Levers, n: int):
        done = [0]

        def progress(failed: bool) -> None:
            if not runs.is_current():
                raise Cancelled
            done[0] += 1
            runs.progress = 100.0 * done[0] / n

        return path, levers, run_seeds(load_base(path), levers, n, progress=progress)

    def _title(text: str):
        def post_process(ax) -> None:
            ax.set_title(text, fontsize=10)
            ax.set_ylabel("")
        return post_process

    @solara.component
    def Live(path: str, levers: Levers, lg: str):
        """One run stepped by Mesa's SolaraViz (rebuilt when the levers change: see its key)."""
        w = words(lg)
        model = solara.use_memo(lambda: LiveModel(path, levers, 0), [path, levers])
        components = [make_plot_component(measure, post_process=_title(w[title])) for measure, title in LIVE_PLOTS]
        params = {"scenario": path, "levers": levers,
                  "rng": {"type": "SliderInt", "label": w["seed"], "value": 0, "min": 0, "max": 99, "step": 1}}
        SolaraViz(model, components=components, model_params=params, name=w["title"],
                  play_interval=10, render_interval=30)

    @solara.component
    def Controls(base: Scenario, levers: Levers, lg: str):
        w = words(lg)

        def pick(name: str) -> None:
            scenario_name.set(name)
            chosen.set(None)
            month.set(0)

        def change(name: str, value: Any) -> None:
            chosen.set(changed(levers, name, value))

        with solara.Card(w["scenario"]):
            solara.Select(w["scenario"], values=list(files), value=scenario_name.value, on_value=pick)
            solara.Text(base.name, style={"font-weight": "bold", "display": "block"})
            solara.Text(base.description, style={"font-size": "90%"})
        with solara.Card(w["units"]):
            for heading, inputs in unit_inputs(base, levers, lg).items():
                solara.Text(heading, style={"font-weight": "bold"})
                UserInputs(inputs, on_change=change)
        with solara.Card(w["levers"]):
            solara.Text(changes(base, levers, lg), classes=["centrumsim-changes"], style={"font-weight": "bold"})
            solara.Text(w["levers_note"], style={"font-size": "85%", "display": "block"})
            if not base.enterprise_units:
                solara.Info(w["no_enterprise"], dense=True)
            UserInputs(lever_inputs(base, levers, lg), on_change=change)
            for lever, label in (("est_active", "est"), ("lighting_quality", "lighting"),
                                 ("tram_crossing_improved", "tram")):
                dates = dated_actions(base, lever)
                if dates:
                    solara.Text(w["dated"].format(what=w[label], dates=", ".join(dates)), style={"font-size": "85%"})

    @solara.component
    def Runs(path: str, levers: Levers, wrong: list[str], lg: str):
        w = words(lg)
        n = n_seeds.value
        with solara.Card(w["runs"]):
            with solara.Row(style={"align-items": "center"}):
                solara.SliderInt(w["seeds"], value=n_seeds, min=1, max=MAX_SEEDS)
                solara.Button(w["run"].format(n=n), color="primary", classes=["centrumsim-run"],
                              disabled=bool(wrong) or runs.pending, on_click=lambda: runs(path, levers, n))
            if wrong:
                solara.Error(w["bad_levers"] + "\n" + "\n".join(wrong))
            if runs.pending:
                done = round((runs.progress or 0) * n / 100)
                solara.ProgressLinear(runs.progress or True)
                solara.Text(w["running"].format(done=done, n=n))
            if runs.error and not isinstance(runs.exception, Cancelled):
                solara.Error(f"{w['failed']} {runs.exception}")
            if runs.latest is None:
                solara.Info(w["press_run"].format(n=n))
                return
            run_path, run_levers, results = runs.latest
            if (run_path, run_levers) != (path, levers):
                solara.Warning(w["stale"].format(n=n), classes=["centrumsim-stale"])
            solara.Text(w["shown"].format(n=len(results.runs), scenario=results.scenario.name) + " — "
                        + "; ".join(summary_lines(results, lg)), classes=["centrumsim-summary"])
            extra = overrides(load_base(run_path), run_levers)
            if extra:
                with solara.Details(w["same_runs"]):
                    solara.Preformatted(f"centrumsim run {Path(run_path).name} --seeds {len(results.runs)} "
                                        + " ".join(set_options(extra)))
        Plots(results, lg)
        Plan(results, lg)

    @solara.component
    def Plots(results: Any, lg: str):
        drawn = solara.use_memo(lambda: figures.seed_figures(results, lg), [results, lg])
        with solara.ColumnsResponsive(12, large=6):
            for fig in drawn:
                if fig.png is None:
                    solara.Warning(fig.problem)
                else:
                    solara.Image(fig.png, width="100%", classes=["centrumsim-plot", f"centrumsim-plot-{fig.key}"])

    @solara.component
    def Plan(results: Any, lg: str):
        with solara.Card(words(lg)["plan"]):
            # the plan of the centre: drawn by centrumsim.present's plot_plan once it exists
            if figures.has_plan():
                PlanView(results, lg)
            else:
                solara.Info(words(lg)["plan_missing"], classes=["centrumsim-plan-missing"])

    @solara.component
    def PlanView(results: Any, lg: str):
        labels = solara.use_memo(lambda: figures.months(results), [results])
        m = min(month.value, len(labels) - 1)
        fig = solara.use_memo(lambda: figures.plan_figure(results, m, lg), [results, m, lg])
        solara.SliderInt(f"{words(lg)['month']}: {labels[m]}", value=m, min=0, max=len(labels) - 1,
                         on_value=month.set)
        if fig.png is None:
            solara.Warning(fig.problem)
        else:
            solara.Image(fig.png, width="100%", classes=["centrumsim-plot", "centrumsim-plot-plan"])

    @solara.component
    def Page():
        lg = lang.value
        w = words(lg)
        solara.Title(w["title"])
        if not files:
            solara.Error(f"no scenario files (*.toml) in {scenario_folder()}")
            return
        path = str(files[scenario_name.value])
        base = load_base(path)
        levers = chosen.value or Levers.of(base)
        wrong = problems(base, levers)
        with solara.AppBar():
            solara.ToggleButtonsSingle(value=lang, values=list(LANGS), classes=["centrumsim-lang"])
        with solara.Sidebar():
            Controls(base, levers, lg)
        with solara.Column():
            Runs(path, levers, wrong, lg)
            solara.v.Html(tag="h3", children=[w["live"]], style_="margin: 16px 0 0 8px")
            if wrong:
                solara.Error(w["bad_levers"])
            else:
                Live(path, levers, lg).key(f"live|{path}|{levers!r}|{lg}")

    return Page


Page = make_page()
