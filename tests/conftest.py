"""Shared fixtures: the shipped scenarios and small scenario files written on the fly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from centrumsim import load_scenario
from centrumsim.analysis.runner import WORKERS_ENV

if os.environ.get("PYTEST_XDIST_WORKER"):
    # the suite already runs on every core: a run or a command without --workers runs its seeds here (the
    # tests of parallel runs say how many workers they want)
    os.environ.setdefault(WORKERS_ENV, "1")

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.toml"))
MAIN = ROOT / "scenarios" / "klockaretorpet.toml"
CITY_SIZED = {"scale_145k.toml"}
"""Shipped scenarios too big for the fast tier (145,000 residents: ~5 s a year): the tests that run
every shipped scenario end to end run these only in the slow tier."""
SCENARIO_PARAMS = [pytest.param(p, id=p.stem, marks=[pytest.mark.slow] if p.name in CITY_SIZED else [])
                   for p in SCENARIOS]
"""The shipped scenarios as ``parametrize`` arguments, the city-sized ones marked ``slow``."""


def draw(fig):
    """``fig`` laid out and drawn in the plots' style as :func:`figure_png` draws it, without the
    pixels or the PNG (a third of the time): what is only known once drawn, such as tick labels,
    is then set. Returns the figure."""
    from matplotlib import rc_context

    from centrumsim.present.style import STYLE

    with rc_context(STYLE):
        fig.draw_without_rendering()
    return fig


@pytest.fixture(scope="session")
def main_scenario():
    return load_scenario(MAIN)


@pytest.fixture(scope="session")
def one_year(main_scenario):
    return main_scenario.with_years(1)


@pytest.fixture
def write(tmp_path):
    """write(name, text) → path of a scenario file in a temporary folder."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def child_of_main(write):
    """A file that extends the main scenario with the given TOML text."""

    def _child(text: str, name: str = "child.toml") -> Path:
        return write(name, f'extends = "{MAIN.as_posix()}"\n{text}')

    return _child
