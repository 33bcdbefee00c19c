"""Progress in the Python API (``centrumsim.analysis.bars``) and the defaults the CLI shares:
a bar in a notebook, none elsewhere unless asked, a callback as given; every core by default."""

from __future__ import annotations

import inspect
import sys
import types

import pytest

import centrumsim
from centrumsim.analysis import bars, breakeven, compare, goalseek, prices, uncertainty
from centrumsim.analysis.runner import run_many, run_variants
from centrumsim.sweeps import execute

from .conftest import MAIN


def fake_ipython(monkeypatch, kernel: bool) -> None:
    shell = types.SimpleNamespace(config={"IPKernelApp": {}} if kernel else {"TerminalInteractiveShell": {}})
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: shell))


def test_a_notebook_is_an_ipython_kernel(monkeypatch):
    monkeypatch.delitem(sys.modules, "IPython", raising=False)
    assert not bars.in_notebook()
    fake_ipython(monkeypatch, kernel=False)  # the terminal's IPython is not a notebook
    assert not bars.in_notebook()
    fake_ipython(monkeypatch, kernel=True)
    assert bars.in_notebook()


def test_progress_none_shows_a_bar_only_in_a_notebook(monkeypatch, capsys):
    monkeypatch.delitem(sys.modules, "IPython", raising=False)
    with bars.reporting(None, 3) as report:
        for _ in range(3):
            report(False)
    assert capsys.readouterr().err == ""
    fake_ipython(monkeypatch, kernel=True)  # no ipywidgets needed: tqdm.auto falls back to text
    with bars.reporting(None, 3, "seeds") as report:
        report(False)
        report(True)
        report(False)
    err = capsys.readouterr().err
    assert "seeds" in err and "3/3" in err and "failed=1" in err


def test_progress_true_false_and_a_callback(capsys):
    with bars.reporting(False, 2) as report:
        report(False)
    assert capsys.readouterr().err == ""
    with bars.reporting(True, None) as report:  # a count without a total
        report(False)
        report(False)
    assert "2run" in capsys.readouterr().err.replace(" ", "")
    seen: list[bool] = []
    with bars.reporting(seen.append, 5) as report:
        assert report == seen.append
        report(True)
    assert seen == [True]
    with pytest.raises(TypeError, match="progress must be"):
        with bars.reporting("yes", 2):
            pass


def test_run_shows_its_bar_and_a_callback_counts_every_run(capsys):
    sc = centrumsim.load_scenario(MAIN).with_years(1)
    counted: list[bool] = []
    centrumsim.run(sc, seeds=2, workers=1, progress=counted.append, fixed=True)
    assert counted == [False, False]
    counted.clear()
    centrumsim.run(sc, seeds=2, workers=1, progress=counted.append, draws=2, replicates=2)
    assert counted == [False] * (2 + 2 * 2) == [False] * uncertainty.planned_runs(sc, 2, draws=2, replicates=2)
    capsys.readouterr()
    run_many([(sc, 0)], workers=1, progress=True)
    assert "1/1" in capsys.readouterr().err


@pytest.mark.parametrize("fn", [centrumsim.run, centrumsim.sweep, run_many, run_variants, uncertainty.run,
                                compare.compare_operators, breakeven.find_breakeven, breakeven.closest_need, goalseek.goal_seek,
                                prices.price_scan, execute.run_jobs])
def test_every_core_by_default_as_the_command_line_and_a_bar_in_a_notebook(fn):
    params = inspect.signature(fn).parameters
    assert params["workers"].default is None, fn.__name__
    assert params["progress"].default is None, fn.__name__
