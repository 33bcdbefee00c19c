"""The code is clean for the tools CONTRIBUTING.md names, as pyproject.toml configures them: ruff
(style, imports, bugbear, …) on the package and tools/, mypy (types) on the package. Both come
with the ``[test]`` extra, pinned to one minor release, so a missing one fails here rather than
skipping. Slow: mypy takes about ten seconds without its cache. The types are checked against the
newest dependencies (a lower bound's stubs may lack what the code names, e.g. matplotlib's
RcKeyType)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow


def _run(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m module args`` from the repository's root (where pyproject.toml configures it)."""
    if importlib.util.find_spec(module) is None:
        pytest.fail(f'{module} is not installed; it comes with the test extra: pip install -e ".[test]"',
                    pytrace=False)
    return subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


def test_ruff_finds_nothing():
    done = _run("ruff", "check", "centrumsim", "tools")
    if done.returncode != 0:
        pytest.fail(f"ruff check centrumsim tools (exit {done.returncode}):\n{done.stdout}{done.stderr}",
                    pytrace=False)


def test_mypy_finds_nothing():
    done = _run("mypy")
    if done.returncode != 0:
        pytest.fail(f"mypy (exit {done.returncode}):\n{done.stdout}{done.stderr}", pytrace=False)
