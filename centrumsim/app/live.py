"""One run stepped live on the page, day by day, with the page's own controls in its language:
Step a month, Play and Pause, Reset and the seed; the run's visitors, fear and unrest events so far
(:func:`.figures.live_figure`). The model is the page's :class:`.levers.LiveModel` — a Mesa model
with its DataCollector, stepped as Mesa steps it — without Mesa's SolaraViz, whose controls and
tabs are in English only and whose empty axes before the first step said nothing to a room.

Solara is imported only inside :func:`make_live` (the ``[app]`` extra).
"""

from __future__ import annotations

import threading
from typing import Any

from ..present.language import _
from . import figures
from .levers import Levers, LiveModel

STEP_DAYS = 30
"""Days one press of "Step a month" (and one beat of Play) advances the run."""
PLAY_PAUSE_S = 0.6
"""Seconds between two beats of Play: a room can follow the plot."""


def step(model: LiveModel, days: int = STEP_DAYS) -> int:
    """Advance ``model`` by up to ``days`` days (fewer at its horizon); the days it has run."""
    for _day in range(days):
        if not model.running:
            break
        model.step()
    return int(model.steps)


def make_live() -> Any:
    """The live run's Solara component ``Live(path, levers, lg)``."""
    import solara

    @solara.component
    def Live(path: str, levers: Levers, lg: str):
        seed, set_seed = solara.use_state(0)
        generation, set_generation = solara.use_state(0)  # Reset: a new model of the same levers and seed
        model = solara.use_memo(lambda: LiveModel(path, levers, seed), [path, levers, seed, generation])
        days, set_days = solara.use_state(0)
        playing, set_playing = solara.use_state(False)
        lock = solara.use_memo(threading.Lock, [model])

        def advance() -> None:
            with lock:
                set_days(step(model))

        def play(cancel: threading.Event) -> None:
            while playing and model.running and not cancel.wait(PLAY_PAUSE_S):
                advance()
            if not model.running:
                set_playing(False)

        solara.use_thread(play, dependencies=[playing, model], intrusive_cancel=False)
        png = solara.use_memo(lambda: figures.live_figure(model, lg), [model, days, lg])
        with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}):
            solara.Button(_("Step a month", lg), on_click=advance, disabled=playing or not model.running,
                          classes=["centrumsim-live-step"])
            solara.Button(_("Pause", lg) if playing else _("Play", lg), on_click=lambda: set_playing(not playing),
                          disabled=not model.running, classes=["centrumsim-live-play"])
            solara.Button(_("Reset", lg), on_click=lambda: (set_playing(False), set_generation(generation + 1),
                                                            set_days(0)), classes=["centrumsim-live-reset"])
            solara.SliderInt(_("Seed of the live run", lg), value=seed, min=0, max=99, on_value=set_seed)
        solara.Text(figures.live_status(model, lg), classes=["centrumsim-live-status"],
                    style={"font-size": "20px", "display": "block", "margin": "8px 0"})
        solara.Image(png, width="100%", classes=["centrumsim-plot", "centrumsim-plot-live"])

    return Live
