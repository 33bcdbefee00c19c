"""The command line: status 2 and one line per problem, never a traceback; run writes files."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from centrumsim.cli import main

from .conftest import MAIN, SCENARIOS


def test_validate_ok(capsys):
    assert main(["validate", *map(str, SCENARIOS)]) == 0
    assert capsys.readouterr().out.count(": ok") == len(SCENARIOS)


def test_validate_bad_file_exit_2(child_of_main, capsys):
    path = child_of_main("[units.cafe]\nprice_sek = -5\n")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"{path}: units.cafe.price_sek: must be >= 0 (got -5)"


def test_bad_set_on_run_exit_2(capsys, tmp_path):
    code = main(["run", "--fixed", str(MAIN), "--seeds", "1", "--years", "1", "--out", str(tmp_path),
                 "--set", "units.cafe.price_sek=-5", "--set", "oops"])
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["--set: expected dotted.key=value (got 'oops')"]
    code = main(["run", "--fixed", str(MAIN), "--seeds", "1", "--years", "1", "--out", str(tmp_path),
                 "--set", "units.cafe.price_sek=-5"])
    assert code == 2
    assert capsys.readouterr().err.strip() == f"{MAIN}: --set units.cafe.price_sek: must be >= 0 (got -5)"


def test_no_traceback_from_the_console_script(write):
    path = write("bad.toml", "[[[")
    proc = subprocess.run([sys.executable, "-m", "centrumsim.cli", "validate", str(path)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and proc.stderr.startswith(f"{path}: invalid TOML")


def test_run_writes_summary_series_books_and_plots(tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["run", "--fixed", str(MAIN), "--seeds", "2", "--years", "1", "--out", str(out),
                 "--set", "units.cafe.price_sek=45", "--lang", "sv"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "sannolikhet att gå runt" in printed and "besökare per dag" in printed  # --lang sv: the text too
    for name in ("summary.json", "timeseries_monthly.csv", "timeseries_daily.csv", "books_monthly.csv",
                 "cash.png", "who_carries_whom.png"):
        assert (out / name).stat().st_size > 0, name
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["overrides"] == {"units.cafe.price_sek": 45, "time.years": 1}
    assert summary["seeds"] == [0, 1]


def test_out_that_is_a_file_is_refused_before_running(tmp_path, capsys):
    blocker = tmp_path / "taken"
    blocker.write_text("x")
    code = main(["run", "--fixed", str(MAIN), "--seeds", "1", "--years", "1", "--out", str(blocker)])
    assert code == 2
    assert capsys.readouterr().err.strip() == f"--out: '{blocker}' is a file, not a folder"


@pytest.mark.slow
def test_python_dash_m_and_quiet(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "centrumsim", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("centrumsim ")
    for argv in (["-q", "run"], ["run", "-q"]):  # before or after the command
        proc = subprocess.run([sys.executable, "-m", "centrumsim", argv[0], *argv[1:], str(MAIN), "--fixed", "--seeds",
                               "1", "--years", "1", "--out", str(tmp_path / "-".join(argv))], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout == "" and proc.stderr == ""
    proc = subprocess.run([sys.executable, "-m", "centrumsim", "validate", "-q", str(MAIN)], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout == ""


def test_workers_above_the_cpus_are_capped_with_a_note(tmp_path, capsys):
    from centrumsim.analysis.runner import cpu_count

    assert main(["run", "--fixed", str(MAIN), "--seeds", "1", "--years", "1", "--workers", "999", "--no-plots",
                 "--out", str(tmp_path / "o")]) == 0
    assert f"--workers 999: using {cpu_count()}, the CPUs available" in capsys.readouterr().err


@pytest.mark.slow  # a kill (Ctrl-C)
def test_ctrl_c_while_starting_is_quiet():
    import signal
    import time

    proc = subprocess.Popen([sys.executable, "-m", "centrumsim", "validate", str(MAIN)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(0.4)  # inside the imports of the numeric and plotting libraries
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert "Traceback" not in err
    assert proc.returncode in (130, 0), err  # 0 only if the machine was fast enough to finish first


@pytest.mark.slow
def test_an_ascii_terminal_and_a_full_standard_output(tmp_path):
    import os

    env = dict(os.environ, PYTHONIOENCODING="ascii")
    proc = subprocess.run([sys.executable, "-m", "centrumsim", "run", "--fixed", str(MAIN), "--seeds", "1", "--years", "1",
                           "--out", str(tmp_path / "a")], capture_output=True, text=True, env=env)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert "F?reslagen" in proc.stdout or "Foreslagen" in proc.stdout or "?" in proc.stdout
    if os.path.exists("/dev/full"):
        with open("/dev/full", "w") as full:
            proc = subprocess.run([sys.executable, "-m", "centrumsim", "run", "--fixed", str(MAIN), "--seeds", "1", "--years", "1",
                                   "--out", str(tmp_path / "b")], stdout=full, stderr=subprocess.PIPE, text=True)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
        assert "cannot print to the standard output" in proc.stderr and (tmp_path / "b" / "manifest.json").exists()


@pytest.mark.slow
def test_commands_started_together_without_out_each_get_a_folder(tmp_path):
    procs = [subprocess.Popen([sys.executable, "-m", "centrumsim", "run", "--fixed", str(MAIN), "--seeds", "1", "--years", "1",
                               "-q"], cwd=tmp_path, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    assert len(list((tmp_path / "runs").iterdir())) == 3
