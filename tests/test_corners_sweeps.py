"""Nothing lost in the last corners (issue 19), the sweeps: ``--resume`` only into a sweep's own
folder, a stated and overridable bound on a sweep's runs, a store that can always be resumed or
restarted, and finished stores readable where nothing can be written."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from centrumsim.cli import main
from centrumsim.sweeps import RunStore, load_sweep, sweep
from centrumsim.sweeps.store import STORE

from .conftest import ROOT
from .readonly import run_read_only
from .sweep_fakes import OUTCOME, fake_store, sweep_spec
from .test_sweep import sweep_file

TINY = {"points": 2, "seeds": 1}


def test_resume_into_a_folder_that_is_not_a_sweep_is_refused(tmp_path, capsys):
    mine = tmp_path / "mydata"
    mine.mkdir()
    (mine / "notes.txt").write_text("my own notes")
    path = sweep_file(tmp_path, **TINY)
    assert main(["sweep", str(path), "--out", str(mine), "--resume", "-q"]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        f"--out: '{mine}' holds other files (notes.txt) and no sweep; choose an empty or new folder "
        "(--resume continues a sweep in its own folder)"]
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"]


def test_resume_into_an_empty_or_new_folder_starts_the_sweep(tmp_path, capsys):
    path = sweep_file(tmp_path, **TINY)
    assert main(["sweep", str(path), "--out", str(tmp_path / "new"), "--resume"]) == 0
    assert "--resume: no sweep in" in capsys.readouterr().err
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == [STORE]  # one file: no lock, no -wal, no -shm


def _too_big(tmp_path, extra: str = ""):
    params = "".join(f'[parameters."{k}"]\nmin = {lo}\nmax = {hi}\n' for k, lo, hi in (
        ("units.cafe.price_sek", 40, 90), ("unrest.legitimacy", 0.7, 0.85),
        ("footfall.same_kind_dissimilarity", 0.2, 0.9)))
    return sweep_file(tmp_path, "big.toml", method="grid", seeds=10_000, params=params, extra=f"levels = 1000\n{extra}")


def test_a_sweep_over_its_bound_is_refused_by_validate_and_sweep_before_anything_is_written(tmp_path, capsys):
    path = _too_big(tmp_path)
    line = (f"{path}: design: 10,000,000,000,000 runs (1,000,000,000 points × 10,000 seeds) are more than "
            "design.max_runs (1,000,000); fewer points or seeds, or raise design.max_runs")
    assert main(["validate", str(path)]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [line]
    assert main(["sweep", str(path), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [line]
    assert not (tmp_path / "out").exists()


def test_the_bound_is_overridable_and_not_part_of_the_sweeps_identity(tmp_path, capsys):
    path = sweep_file(tmp_path, points=4, seeds=3)
    small = sweep_file(tmp_path, "small.toml", points=4, seeds=3, extra="max_runs = 10")
    assert main(["validate", str(small)]) == 2
    assert "12 runs (4 points × 3 seeds) are more than design.max_runs (10)" in capsys.readouterr().err
    raised = sweep_file(tmp_path, "raised.toml", points=4, seeds=3, extra="max_runs = 5000000")
    assert main(["validate", str(raised)]) == 0
    assert load_sweep(raised).sha256 == load_sweep(path).sha256 and load_sweep(raised).runs == 12
    too_far = sweep_file(tmp_path, "far.toml", points=4, seeds=3, extra="max_runs = 1000000000")
    assert main(["validate", str(too_far)]) == 2
    assert "design.max_runs: must be <= 1e+08 (got 1e+09)" in capsys.readouterr().err


def _half_made(folder):
    """What a sweep killed while making its store left, before stores were made whole: the
    tables, no meta, no points (reading it said "'NoneType' object is not subscriptable")."""
    folder.mkdir()
    (folder / ".sweep.lock").write_text("12345\n")
    conn = sqlite3.connect(folder / STORE)
    conn.executescript("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                       "CREATE TABLE points (point INTEGER PRIMARY KEY, overrides TEXT NOT NULL);"
                       "CREATE TABLE runs (point INTEGER, replicate INTEGER, seed INTEGER, status TEXT, outcomes TEXT,"
                       " error TEXT, scenario_sha256 TEXT, version TEXT, seconds REAL, finished_at TEXT);")
    conn.close()


@pytest.mark.parametrize("resume", [False, True])
def test_a_half_made_store_is_recognised_and_made_anew(tmp_path, capsys, resume):
    path = sweep_file(tmp_path, **TINY)
    out = tmp_path / "out"
    _half_made(out)
    assert main(["sweep", str(path), "--out", str(out), "-q", *(["--resume"] if resume else [])]) == 0, \
        capsys.readouterr().err
    with RunStore.open(out) as store:
        assert len(store.frame()) == 2 and store.meta()["sweep_sha256"] == load_sweep(path).sha256


def test_a_store_with_runs_is_never_taken_for_half_made(tmp_path, capsys):
    spec = sweep_spec(tmp_path, "lhs", 4)
    fake_store(tmp_path / "s", spec, lambda x: x[:, 0])
    with sqlite3.connect(tmp_path / "s" / STORE) as conn:
        conn.execute("DELETE FROM meta WHERE key='schema_version'")
    conn.close()
    assert main(["sweep", str(spec.source), "--out", str(tmp_path / "s"), "--resume"]) == 2
    assert "not a centrumsim run store" in capsys.readouterr().err
    with sqlite3.connect(tmp_path / "s" / STORE) as conn:
        assert conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 4
    conn.close()


def test_what_a_command_killed_while_making_a_store_left_is_cleared(tmp_path):
    path = sweep_file(tmp_path, **TINY)
    out = tmp_path / "out"
    out.mkdir()
    (out / f".{STORE}.partial-999999999-0123abcd").write_bytes(b"SQLite format 3\0half")  # its process is gone
    (out / f".{STORE}.lock").write_text("999999999\n")
    frame = sweep(load_sweep(path), out=out)
    assert len(frame) == 2 and sorted(p.name for p in out.iterdir()) == [STORE]


@pytest.mark.slow
def test_a_sweep_killed_while_making_its_store_can_be_restarted(tmp_path):
    big = sweep_file(tmp_path, "big.toml", points=1_000_000, seeds=1, extra="max_runs = 1000000")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "centrumsim", "sweep", str(big), "--out", str(out), "-q"], env=env,
                            start_new_session=True, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not (out.exists() and any(p.name.startswith(f".{STORE}.partial-") for p in out.iterdir())) \
            and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not (out / STORE).exists()  # made whole or not at all
    small = sweep_file(tmp_path, **TINY)
    assert main(["sweep", str(small), "--out", str(out), "-q"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [STORE]


# ---------------------------------------------------------------------------- read-only stores
@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    """A finished sobol sweep's folder, and the median of its visitors per day (a threshold
    with points on both sides); the tests only read it (and check that they wrote nothing beside it)."""
    tmp_path = tmp_path_factory.mktemp("finished")
    path = sweep_file(tmp_path, method="sobol", points=2, seeds=1)
    out = tmp_path / "sweep"
    frame = sweep(load_sweep(path), out=out, workers=2)
    return out, float(frame["centre.visitors_per_day"].median())


def test_a_finished_store_is_one_file_and_readers_write_nothing_beside_it(finished, tmp_path, capsys):
    finished, threshold = finished
    assert sorted(p.name for p in finished.iterdir()) == [STORE]
    assert main(["export", str(finished), "--to", str(tmp_path / "runs.csv"), "-q"]) == 0
    assert main(["discover", str(finished), "--outcome", "centre.visitors_per_day", "--threshold", str(threshold),
                 "--out", str(tmp_path / "disc"), "-q"]) == 0
    assert sorted(p.name for p in finished.iterdir()) == [STORE]


@pytest.mark.slow  # three commands in a fresh interpreter (the store's own read-only check below stays fast)
def test_a_finished_store_in_a_read_only_folder_is_readable(finished, tmp_path):
    finished, threshold = finished
    code = ("import sys\nfrom centrumsim.cli import main\n"
            f"codes = [main(['export', {str(finished)!r}, '--to', {str(tmp_path / 'runs.csv')!r}, '-q']),\n"
            f"         main(['sensitivity', {str(finished)!r}, '--outcome', 'centre.visitors_per_day', '--out',"
            f" {str(tmp_path / 'sens')!r}, '-q']),\n"
            f"         main(['discover', {str(finished)!r}, '--outcome', 'centre.visitors_per_day', '--threshold', "
            f"'{threshold}', '--out', {str(tmp_path / 'disc')!r}, '-q'])]\n"
            "print(codes)\n")
    done = run_read_only(finished, code, env={**os.environ, "MPLBACKEND": "Agg"})
    assert done.stdout.strip() == "[0, 0, 0]", done.stderr
    assert "readonly" not in done.stderr and sorted(p.name for p in finished.iterdir()) == [STORE]
    assert (tmp_path / "runs.csv").exists() and (tmp_path / "sens" / "manifest.json").exists()


def test_a_store_left_in_wal_mode_is_read_without_a_file_beside_it(tmp_path):
    spec = sweep_spec(tmp_path, "lhs", 4)
    fake_store(tmp_path / "s", spec, lambda x: x[:, 0])
    conn = sqlite3.connect(tmp_path / "s" / STORE)
    conn.execute("PRAGMA journal_mode=WAL")  # as stores were left before
    conn.close()
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == [STORE]
    with RunStore.open(tmp_path / "s") as store:
        assert len(store.frame()) == 4
    code = ("from centrumsim.sweeps import RunStore\n"
            f"with RunStore.open({str(tmp_path / 's')!r}) as store:\n    print(len(store.frame()))\n")
    done = run_read_only(tmp_path / "s", code)
    assert done.stdout.strip() == "4", done.stderr
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == [STORE]
    assert json.loads(sqlite3.connect(tmp_path / "s" / STORE).execute(
        "SELECT value FROM meta WHERE key='outcomes'").fetchone()[0])[0] == OUTCOME


def test_a_calibration_wave_has_the_same_bound(tmp_path, capsys):
    params = tmp_path / "p.toml"
    params.write_text('[parameters."unrest.legitimacy"]\nmin = 0.74\nmax = 0.82\n[waves]\npoints = 100000\n'
                      'seeds_per_point = 1000\n', encoding="utf-8")
    history = ROOT / "histories" / "klockaretorpet.toml"
    line = (f"{params}: waves: 100,000,000 history runs a wave (100,000 points × 1,000 seeds) are more than "
            "1,000,000; fewer points or seeds")
    assert main(["validate", str(history), str(params)]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [line]
    assert main(["calibrate", str(history), "--parameters", str(params), "--out", str(tmp_path / "cal")]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [line]
    assert main(["calibrate", str(history), "--parameters", str(params), "--out", str(tmp_path / "cal"),
                 "--waves", "1000000"]) == 2
    assert capsys.readouterr().err.strip().splitlines() == ["--waves: must be in 1..100 (got 1000000)"]
    assert not (tmp_path / "cal").exists()


def test_a_store_in_a_folder_named_with_uri_characters_is_read(tmp_path):
    spec = sweep_spec(tmp_path, "lhs", 4)
    odd = tmp_path / "a?b#c%20d"
    fake_store(odd, spec, lambda x: x[:, 0])
    with RunStore.open(odd) as store:
        assert len(store.frame()) == 4
