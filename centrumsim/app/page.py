"""The interactive page that ``centrumsim app`` serves (``solara run centrumsim.app.page``).

Made for a projector at 1280×720 as much as for a desk: in the sidebar the scenario (by its
name), the units switched on and off and the levers (Mesa's ``UserInputs``); in the main column
a button that runs several seeds through the replication runner, then the answer on top in large
type (the verdict's headline and three numbers), the verdict in full, and
:mod:`centrumsim.present`'s plots one at a time, as large as the column (which ones:
:mod:`.figures`), the plan of the centre with a month slider, and one run stepped live
(:mod:`.live`, the page's own controls in its language). English or Swedish. A lever moved
rebuilds the live run once the levers rest and marks the seeds' plots as out of date until they
are run again.

Solara is an optional extra (``[app]``): it is imported only inside :func:`make_page`, which
builds the components; importing this module builds them (``Page``).
"""

from __future__ import annotations

import threading
import time
import warnings
from typing import Any

from ..analysis.runner import Workers
from ..msgids import N_
from ..outcomes import MONEY, PAGE, SHARE, shown
from ..present.language import LANGS, _, currency, headline, ngettext, percent
from ..present.verdict import verdict, verdict_headline
from ..scenario import Scenario
from . import figures
from .inputs import DEFAULT_SCENARIO, LEVER_LABELS, MAX_SEEDS, changed, changes, first_seeds, lever_inputs, unit_inputs
from .levers import (
    PAGE_DRAWS,
    Levers,
    command_path,
    dated_actions,
    load_base,
    overrides,
    planned,
    problems,
    run_seeds,
    scenario_files,
    scenario_folder,
    scenario_names,
    set_options,
)
from .live import make_live

RUN_GRACE_S = 0.3
"""Seconds a press of Run waits before it reads the levers: what the browser sent just before the
click (a slider's last press) reaches a busy server just after it."""

LIVE_SETTLE_S = 0.8
"""Seconds the levers rest before the live run is rebuilt with them (five presses on a slider
rebuild it once, not five times)."""

TITLE = N_("Klockaretorpet centre — try a mix")
"""The page's title."""


class Cancelled(Exception):
    """The runs were superseded by newer ones."""


def summary_lines(results: Any, lang: str) -> list[str]:
    """A few numbers of the runs, in words: the outcomes the registry shows on the page
    (:data:`centrumsim.outcomes.PAGE`), a band by its median; none of the enterprise's when
    the scenario has none."""
    return [f"{label}: {text}" for label, text in summary_numbers(results, lang)]


def summary_numbers(results: Any, lang: str) -> list[tuple[str, str]]:
    """:func:`summary_lines` as (label, number) pairs: what the page shows in large type."""
    s = results.summary()
    out = []
    for o in shown(PAGE):
        value = s[o.section][o.key]
        if value is None:
            continue
        label = _(o.label, lang)
        if isinstance(value, dict):
            label, value = _("{label} (median)", lang, label=label), value["median"]
        if o.format == MONEY:
            text = f"{headline(value, lang)} {currency(lang)}"
        elif o.format == SHARE:
            text = percent(value, lang)
        else:
            text = headline(value, lang)
        out.append((label, text))
    return out


def make_page():
    """The page's Solara components; returns ``Page``."""
    import solara
    import solara.lab

    with warnings.catch_warnings():  # Solara's check of the rules of hooks flags Mesa's own ComponentsView
        warnings.filterwarnings("ignore", message=".*ComponentsView.*early return", category=UserWarning)
        from mesa.visualization.solara_viz import UserInputs

    files = {p.stem: p for p in scenario_files(scenario_folder())}
    shown_names = scenario_names(files)
    by_name = {name: stem for stem, name in shown_names.items()}
    Live = make_live()
    # one process per CPU, kept for the server's life: each imports the model once, and every
    # press of Run uses them all (started when the page is first shown)
    workers = Workers()
    first = DEFAULT_SCENARIO if DEFAULT_SCENARIO in files else next(iter(files), "")

    # the page's state, one value per browser tab (Solara keeps reactive variables per kernel)
    scenario_name = solara.reactive(first)
    lang = solara.reactive("en")
    chosen: solara.Reactive[Levers | None] = solara.reactive(None)  # the levers; None: the scenario's own
    n_seeds = solara.reactive(first_seeds())
    over_assumptions = solara.reactive(False)
    month = solara.reactive(0)
    plot_choice = solara.reactive("cash")  # the plot shown (one at a time, as large as the column)
    partial: solara.Reactive[Any] = solara.reactive(None)  # the seeds finished so far, while the rest run

    @solara.lab.task(prefer_threaded=True)
    def runs(n: int, drawn: bool):
        time.sleep(RUN_GRACE_S)  # a slider's last press, sent before the click, may be queued behind it
        path, levers = now()
        done = [0]
        total = planned(load_base(path), levers, n, drawn)

        def progress(failed: bool) -> None:
            if not runs.is_current():
                raise Cancelled
            done[0] += 1
            runs.progress = 100.0 * done[0] / total

        def so_far(results: Any) -> None:
            if runs.is_current():
                partial.set(results)

        return path, levers, run_seeds(load_base(path), levers, n, progress=progress, workers=workers,
                                       draws=PAGE_DRAWS if drawn else None, so_far=None if drawn else so_far)

    def now() -> tuple[str, Levers]:
        """The scenario and the levers as the server has them at this moment (not as at the last
        drawing of the page, which a busy server may not have redone yet)."""
        path = str(files[scenario_name.value])
        return path, chosen.value or Levers.of(load_base(path))

    def start_runs() -> None:
        partial.set(None)  # the last call's partial answer is not this one's (nor would its plots be kept)
        runs(n_seeds.value, over_assumptions.value)

    @solara.component
    def SettledLive(path: str, levers: Levers, lg: str):
        """:func:`Live` with the levers once they have rested :data:`LIVE_SETTLE_S` (the run shown
        until then is the one of the levers before)."""
        shown = solara.use_ref((path, levers))

        def settle(cancel: threading.Event) -> tuple[str, Levers] | None:
            return None if cancel.wait(LIVE_SETTLE_S) else (path, levers)  # None: moved again meanwhile

        settled = solara.use_thread(settle, dependencies=[path, levers], intrusive_cancel=False)
        if settled.value is not None:
            shown.current = settled.value
        live_path, live_levers = shown.current
        Live(live_path, live_levers, lg).key(f"live|{live_path}|{live_levers!r}|{lg}")

    @solara.component
    def Controls(base: Scenario, levers: Levers, lg: str):

        def pick(name: str) -> None:
            scenario_name.set(name)
            chosen.set(None)
            month.set(0)

        def change(name: str, value: Any) -> None:  # on the levers as they are now: two changes between drawings
            chosen.set(changed(now()[1], name, value))

        with solara.Card(_("Scenario", lg)):
            solara.Select(_("Scenario", lg), values=list(by_name), value=shown_names[scenario_name.value],
                          on_value=lambda name: pick(by_name[name]))
            solara.Text(base.name, style={"font-weight": "bold", "display": "block"})
            solara.Text(base.description, style={"font-size": "90%"})
        with solara.Card(_("Units (on / off)", lg)):
            for heading, inputs in unit_inputs(base, levers, lg).items():
                solara.Text(heading, style={"font-weight": "bold"})
                UserInputs(inputs, on_change=change)
        with solara.Card(_("Levers", lg)):
            solara.Text(changes(base, levers, lg), classes=["centrumsim-changes"], style={"font-weight": "bold"})
            solara.Text(_("Rent and prices of the enterprise's units and the hours of youth activities in % of "
                          "today's; the enterprise's grant in SEK per month.", lg),
                        style={"font-size": "85%", "display": "block"})
            if not base.enterprise_units:
                solara.Info(_("This scenario has no social centre enterprise: rent, prices and grant do not apply.",
                              lg), dense=True)
            UserInputs(lever_inputs(base, levers, lg), on_change=change)
            for lever, label in (("est_active", "est"), ("lighting_quality", "lighting"),
                                 ("tram_crossing_improved", "tram")):
                dates = dated_actions(base, lever)
                if dates:
                    solara.Text(_("{what}: the scenario changes it on {dates}; moving the lever sets it for the whole "
                                  "run.", lg, what=_(LEVER_LABELS[label], lg), dates=", ".join(dates)),
                                style={"font-size": "85%"})

    @solara.component
    def Runs(path: str, levers: Levers, wrong: list[str], lg: str):
        n = n_seeds.value
        drawn = over_assumptions.value
        run_n = ngettext("Run {n} seed", "Run {n} seeds", n, lg)
        with solara.Card(_("Runs over several seeds", lg)):
            with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}):
                with solara.Column(style={"min-width": "320px"}):
                    solara.SliderInt(_("Seeds (runs)", lg), value=n_seeds, min=1, max=MAX_SEEDS)
                solara.Checkbox(label=_("also over the assumptions ({n} plausible futures; slower)", lg,
                                        n=2 * PAGE_DRAWS), value=over_assumptions)
                solara.Button(run_n, color="primary", classes=["centrumsim-run"],
                              disabled=bool(wrong) or runs.pending, on_click=start_runs)
            if wrong:
                solara.Error(_("These levers do not make a valid scenario:", lg) + "\n" + "\n".join(wrong))
            if runs.pending:
                total = planned(load_base(path), levers, n, drawn) if not wrong else n
                done = round((runs.progress or 0) * total / 100)
                solara.ProgressLinear(runs.progress or True)
                solara.Text(_("Running: {done} of {n} runs", lg, done=done, n=total))
                if partial.value is not None:  # the answer so far, in the same large type
                    solara.Text(_("So far, over the {k} runs finished:", lg, k=len(partial.value.runs)),
                                classes=["centrumsim-so-far"], style={"font-size": "18px", "display": "block"})
                    Answer(partial.value, partial.value.summary(), lg)
                    return
            if runs.error and not isinstance(runs.exception, Cancelled):
                solara.Error(_("The runs failed:", lg) + f" {runs.exception}")
            if runs.latest is None:
                solara.Info(_("Press “{run}” to see the plots.", lg, run=run_n))
                return
            run_path, run_levers, results = runs.latest
            if (run_path, run_levers) != (path, levers):
                solara.Warning(_("The levers have changed since these runs: press “{run}” again.", lg, run=run_n),
                               classes=["centrumsim-stale"])
            summary = results.summary()
            Answer(results, summary, lg)
            solara.Text(verdict(summary, lg), classes=["centrumsim-verdict"],
                        style={"font-size": "18px", "display": "block", "margin": "12px 0"})
            solara.Text(ngettext("{n} run of {scenario}", "{n} runs of {scenario}", len(results.runs), lg,
                                 scenario=results.scenario.name) + " — "
                        + "; ".join(summary_lines(results, lg)), classes=["centrumsim-summary"],
                        style={"display": "block"})
            extra = overrides(load_base(run_path), run_levers)
            design = summary["uncertainty"]["design"]
            how = (f"--seeds {len(design['chance_only_seeds'])} --draws {design['draws']}"
                   if summary["uncertainty"]["assumptions_drawn"]
                   else f"--fixed --seeds {len(results.runs)}")
            with solara.Details(_("The same runs from the command line:", lg)):
                solara.Preformatted(f"centrumsim run {command_path(run_path)} {how} " + " ".join(set_options(extra)))
        Plots(results, lg).key("plots")  # kept mounted when a warning appears above: its figures are not redrawn
        Plan(results, lg).key("plan")

    @solara.component
    def Answer(results: Any, summary: dict, lg: str):
        """The answer in large type, to be read from the back of a room: the verdict's headline and
        the page's three numbers."""
        solara.Text(verdict_headline(summary, lg), classes=["centrumsim-headline"],
                    style={"font-size": "30px", "font-weight": "bold", "line-height": "1.25", "display": "block",
                           "margin": "12px 0"})
        with solara.Row(style={"flex-wrap": "wrap", "gap": "16px"}):
            for label, value in summary_numbers(results, lg):
                box = {"flex": "1 1 0", "min-width": "180px", "padding": "8px 16px", "border-left": "6px solid #0072B2"}
                with solara.Column(classes=["centrumsim-number"], gap="0px", style=box):
                    solara.Text(value, style={"font-size": "40px", "font-weight": "bold", "line-height": "1.1"})
                    solara.Text(label, style={"font-size": "18px"})

    @solara.component
    def Plots(results: Any, lg: str):
        drawn = solara.use_memo(lambda: figures.seed_figures(results, lg), [results, lg])
        keys = [fig.key for fig in drawn]
        choice = plot_choice.value if plot_choice.value in keys else keys[0]
        titles = {fig.title: fig.key for fig in drawn}
        solara.ToggleButtonsSingle(value=next(t for t, k in titles.items() if k == choice), values=list(titles),
                                   on_value=lambda title: plot_choice.set(titles[title]),
                                   classes=["centrumsim-plot-choice"], style={"flex-wrap": "wrap"})
        fig = drawn[keys.index(choice)]
        if fig.png is None:
            solara.Warning(fig.problem)
        else:
            solara.Image(fig.png, width="100%", classes=["centrumsim-plot", f"centrumsim-plot-{fig.key}"])
            solara.Text(fig.caption, style={"font-size": "18px", "display": "block"})

    @solara.component
    def Plan(results: Any, lg: str):
        with solara.Card(_("Plan of the centre", lg)):
            # the plan of the centre: drawn by centrumsim.present's plot_plan once it exists
            if figures.has_plan():
                PlanView(results, lg)
            else:
                solara.Info(_("The plan of the centre will be shown here, with a month slider, once centrumsim.present "
                              "draws it (plot_plan).", lg), classes=["centrumsim-plan-missing"])

    @solara.component
    def PlanView(results: Any, lg: str):
        labels = solara.use_memo(lambda: figures.months(results), [results])
        m = min(month.value, len(labels) - 1)
        fig = solara.use_memo(lambda: figures.plan_figure(results, m, lg), [results, m, lg])
        solara.SliderInt(_("Month", lg) + f": {labels[m]}", value=m, min=0, max=len(labels) - 1,
                         on_value=month.set)
        if fig.png is None:
            solara.Warning(fig.problem)
        else:
            solara.Image(fig.png, width="100%", classes=["centrumsim-plot", "centrumsim-plot-plan"])
            solara.Text(fig.caption, style={"font-size": "18px", "display": "block"})

    @solara.component
    def Page():
        solara.use_effect(workers.start, [])
        lg = lang.value
        solara.Title(_(TITLE, lg))
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
            live = _("One run, day by day", lg)
            solara.v.Html(tag="h3", children=[live], style_="margin: 16px 0 0 8px")
            if wrong:
                solara.Error(_("These levers do not make a valid scenario:", lg))
            else:
                SettledLive(path, levers, lg)

    return Page


Page = make_page()
