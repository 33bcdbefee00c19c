"""Progress: the callback is told once per finished run (and which failed) in the parent, the
results do not change, and the bar writes to the standard error only when it is a terminal and
the command is not quiet."""

from __future__ import annotations

import argparse
import io

import numpy as np
import pytest

from centrumsim import load_scenario
from centrumsim.analysis import run_seeds as run
from centrumsim.analysis import runner
from centrumsim.analysis.breakeven import Plan, find_breakeven
from centrumsim.analysis.compare import compare_operators
from centrumsim.analysis.prices import price_scan
from centrumsim.analysis.runner import run_many, run_variants
from centrumsim.cli import main
from centrumsim.cli.common import progress_bar
from centrumsim.present.progress import ProgressBar, progress_enabled

from .conftest import MAIN


class Terminal(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(scope="module")
def year():
    return load_scenario("scenarios/klockaretorpet.toml").with_years(1)


@pytest.fixture(scope="module")
def plain(year):
    return run_many([(year, 0), (year, 1)], workers=1)


def same(a, b) -> bool:
    """The same runs: books, statuses and every monthly series."""
    return all(np.array_equal(x.books, y.books) and np.array_equal(x.status, y.status)
               and all(np.array_equal(x.monthly[k], y.monthly[k]) for k in x.monthly)
               for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize("workers", [1, 2])
def test_called_once_per_run_and_results_unchanged(year, plain, workers):
    calls = []
    out = run_many([(year, 0), (year, 1)], workers=workers, progress=calls.append)
    assert calls == [False, False]
    assert same(out, plain)


def _failing_for(seed: int):
    real = runner.run_one

    def run_one(scenario, s):
        if s == seed:
            raise RuntimeError(f"seed {s} broke")
        return real(scenario, s)

    return run_one


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failed_run_is_reported_as_failed_then_raised(year, monkeypatch, workers):
    monkeypatch.setattr(runner, "run_one", _failing_for(1))  # forked workers inherit it ...
    monkeypatch.setattr(runner, "start_method", lambda: "fork")  # ... forked even beside another test's thread
    calls = []
    with pytest.raises(RuntimeError, match="seed 1 broke"):
        run_many([(year, 0), (year, 1)], workers=workers, progress=calls.append)
    if workers == 1:
        assert calls == [False, True]
    else:  # reported as they finish: seed 0 may not have finished when seed 1 failed
        assert calls in ([True], [False, True])


def test_run_and_run_variants_pass_progress_on(year):
    calls = []
    run(year, seeds=2, progress=calls.append)
    assert calls == [False] * 2
    calls.clear()
    run_variants({"a": year, "b": year.with_overrides({"units.cafe.price_sek": 45})}, 2, progress=calls.append)
    assert calls == [False] * 4


def test_the_analyses_pass_progress_on(year):
    calls = []
    compare_operators(year, seeds=1, workers=2, progress=calls.append)
    assert calls == [False] * 3
    calls.clear()
    price_scan(year, "cafe", [0.8, 1.2], seeds=1, workers=2, progress=calls.append)
    assert calls == [False] * 2
    calls.clear()
    stages = []
    table = find_breakeven(year, ["cafe", "gym"], Plan(seeds=2, screen_seeds=1, contenders=1, draws=None), workers=2,
                           progress=calls.append, on_stage=lambda stage, runs: stages.append((stage, runs)))
    assert stages[0] == ("screen", 3) and stages[1][0] == "full" and len(stages) == 2
    assert stages[1][1] == 2 * (table["stage"] == "full").sum()
    assert calls == [False] * sum(runs for _, runs in stages)


def test_a_disabled_bar_counts_and_writes_nothing():
    stream = io.StringIO()
    with ProgressBar(3, "run", enabled=False, stream=stream) as bar:
        bar()
        bar(True)
        bar.stage("more", 2)
        bar(failed=True)
    assert stream.getvalue() == ""
    assert (bar.done, bar.failed) == (3, 2)


def test_an_enabled_bar_shows_runs_failures_and_stages_on_its_stream():
    stream = io.StringIO()
    with ProgressBar(3, "run", enabled=True, stream=stream) as bar:
        bar()
        bar(True)
        bar()
        bar.stage("contenders", 2)
        bar()
    text = stream.getvalue()
    assert "run:" in text and "3/3" in text and "failed=1" in text
    assert "contenders:" in text and "1/2" in text
    assert ProgressBar(0, "nothing yet", stream=stream) and stream.getvalue() == text  # total 0: no bar yet


def test_progress_enabled_only_on_a_terminal_and_not_quiet():
    assert progress_enabled(False, Terminal())
    assert not progress_enabled(True, Terminal())
    assert not progress_enabled(False, io.StringIO())
    closed = Terminal()
    closed.close()
    assert not progress_enabled(False, closed)


def test_the_commands_bar_is_off_with_q(monkeypatch):
    tty = Terminal()
    monkeypatch.setattr("sys.stderr", tty)
    progress_bar(argparse.Namespace(quiet=True), 2, "run")(False)
    assert tty.getvalue() == ""
    with progress_bar(argparse.Namespace(quiet=False), 2, "run") as bar:
        bar(False)
    assert "1/2" in tty.getvalue()


# the bar counts runs: the plots, most of a short run's time, are left out
RUN = ["run", "--fixed", str(MAIN), "--seeds", "2", "--years", "1", "--no-plots"]


def test_no_bar_when_stderr_is_not_a_terminal(tmp_path, capsys):
    assert main([*RUN, "--out", str(tmp_path / "out")]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "2/2" not in captured.out


def test_the_bar_goes_to_a_terminal_stderr_not_stdout(tmp_path, capsys, monkeypatch):
    tty = Terminal()
    monkeypatch.setattr("sys.stderr", tty)
    assert main([*RUN, "--out", str(tmp_path / "out")]) == 0
    assert "run:" in tty.getvalue() and "2/2" in tty.getvalue() and "failed=0" in tty.getvalue()
    assert "2/2" not in capsys.readouterr().out
