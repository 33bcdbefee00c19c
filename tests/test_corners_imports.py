"""Nothing lost in the last corners (issue 19): a command that draws nothing imports no plotting
library — it starts without waiting for one, and with a home folder that cannot be written no
warning of the plotting library's precedes what the command says."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .conftest import MAIN, ROOT
from .sweep_fakes import fake_store, sweep_spec

PLOTTING = ("matplotlib", "seaborn", "PIL")
PROBE = ("import sys\nfrom centrumsim.cli import main\ncode = main(sys.argv[1:])\n"
         f"print(code, sorted({{m.partition('.')[0] for m in sys.modules}} & set({PLOTTING!r})))\n")


def start(argv: list[str], home: str = "/dev/null") -> subprocess.Popen:
    """The CLI in a fresh interpreter, with a home folder nothing can be written in."""
    env = {k: v for k, v in os.environ.items() if k not in ("MPLCONFIGDIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
    env.update(HOME=home, MPLBACKEND="Agg")
    return subprocess.Popen([sys.executable, "-c", PROBE, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, cwd=ROOT)


def finish(proc: subprocess.Popen) -> subprocess.CompletedProcess:
    out, err = proc.communicate(timeout=300)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("store")
    fake_store(tmp / "sweep", sweep_spec(tmp, "lhs", 4), lambda x: x[:, 0])
    return tmp


COMMANDS = {
    "validate": ["validate", str(MAIN), str(ROOT / "sweeps" / "small.toml"),
                 str(ROOT / "histories" / "klockaretorpet.toml")],
    "run": ["run", "--fixed", str(MAIN), "--seeds", "0"],
    "report": ["report", "--fixed", str(MAIN), "--out", "/dev/null/report.html"],
    "sweep": ["sweep", str(ROOT / "sweeps" / "small.toml"), "--out", str(ROOT / "scenarios")],
}


@pytest.fixture(scope="module")
def probed(store):
    """What each command printed, each in its own fresh interpreter; the interpreters start
    together (each spends a second importing), and the machine's cores share them."""
    argvs = {**COMMANDS, "export": ["export", str(store / "sweep"), "--to", str(store / "runs.csv")]}
    started = {name: start(argv) for name, argv in argvs.items()}
    return {name: finish(proc) for name, proc in started.items()}


@pytest.mark.parametrize("name", COMMANDS)
def test_commands_that_draw_nothing_import_no_plotting_library(probed, name):
    done = probed[name]
    code, imported = done.stdout.strip().splitlines()[-1].split(" ", 1)
    assert imported == "[]", done.stderr
    assert "Matplotlib" not in done.stderr and "mkdir" not in done.stderr
    if code == "2":
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr  # the error line, and nothing before it


def test_export_imports_no_plotting_library(probed):
    done = probed["export"]
    assert done.stdout.strip().splitlines()[-1] == "0 []" and done.stderr == ""
