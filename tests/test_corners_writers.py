"""Nothing lost in the last corners (issue 19), the writers: a lock and a re-check for every
writer of single files (report, export, calibrate), every target checked before any run, and
``--overwrite`` only over a result that is still what its manifest says."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from centrumsim.cli import main
from centrumsim.cli import report as report_cli
from centrumsim.results import OutputError, OutputFolder
from centrumsim.results.files import OutputFiles
from centrumsim.sweeps import export as export_module

from .conftest import MAIN
from .readonly import run_read_only
from .sweep_fakes import fake_store, sweep_spec

REPORT = ["report", "--fixed", str(MAIN), "--seeds", "1", "--years", "1", "--workers", "1", "-q"]


def companions(folder: Path) -> list[str]:
    """Hidden files a writer left in ``folder`` (locks, temporaries)."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.fixture
def quick_report(monkeypatch):
    """The report command with the runs and the page replaced by something instant; ``calls``
    counts the runs started."""
    calls: list[int] = []

    def runs(scenario, seeds, **options):
        calls.append(1)

    monkeypatch.setattr(report_cli, "run", runs)
    monkeypatch.setattr(report_cli, "figure_count", lambda results: 0)
    monkeypatch.setattr(report_cli, "build_report", lambda results, lang, progress=None: "<!DOCTYPE html><p>new</p>")
    return calls


def test_report_does_not_replace_a_file_that_appears_at_its_target_while_it_runs(tmp_path, capsys, quick_report,
                                                                                 monkeypatch):
    out = tmp_path / "report.html"

    def someone_writes(results, lang, progress=None):
        out.write_text("written by someone else meanwhile", encoding="utf-8")
        return "<!DOCTYPE html><p>new</p>"

    monkeypatch.setattr(report_cli, "build_report", someone_writes)
    assert main([*REPORT, "--out", str(out)]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        f"--out: '{out}' appeared while this command was writing; it was not replaced"]
    assert out.read_text("utf-8") == "written by someone else meanwhile" and companions(tmp_path) == []


def test_report_with_overwrite_does_not_replace_a_file_changed_while_it_runs(tmp_path, capsys, quick_report,
                                                                              monkeypatch):
    out = tmp_path / "report.html"
    out.write_text("the earlier report", encoding="utf-8")

    def someone_edits(results, lang, progress=None):
        out.write_text("edited meanwhile, and longer", encoding="utf-8")
        return "<!DOCTYPE html><p>new</p>"

    monkeypatch.setattr(report_cli, "build_report", someone_edits)
    assert main([*REPORT, "--out", str(out), "--overwrite"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"--out: '{out}' changed while this command was writing; it was not replaced")
    assert out.read_text("utf-8") == "edited meanwhile, and longer" and companions(tmp_path) == []


def test_a_second_report_to_the_same_target_is_refused_before_it_runs(tmp_path, capsys, quick_report):
    out = tmp_path / "report.html"
    with OutputFiles([out]):  # the first report, still running
        assert main([*REPORT, "--out", str(out)]) == 2
        assert capsys.readouterr().err.strip() == (
            f"--out: another centrumsim command is writing to '{out}'; wait for it to finish or give another name")
    assert quick_report == [] and not out.exists()
    assert main([*REPORT, "--out", str(out)]) == 0 and quick_report == [1]
    assert out.read_text("utf-8") == "<!DOCTYPE html><p>new</p>" and companions(tmp_path) == []


def test_a_folder_and_a_file_at_one_path_share_the_lock(tmp_path):
    target = tmp_path / "x"
    with OutputFolder(target):
        with pytest.raises(OutputError, match="another centrumsim command is writing"):
            OutputFiles([target])
    with OutputFiles([target]):
        with pytest.raises(OutputError, match="another centrumsim command is writing"):
            OutputFolder(target)


def test_report_into_a_read_only_folder_is_refused_before_any_run(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    code = ("import sys\nfrom centrumsim.cli import main, report\n"
            "def runs(*a, **k):\n    print('a run started', file=sys.stderr); sys.exit(99)\n"
            "report.run_variants = runs\n"
            f"sys.exit(main({[*REPORT, '--out', str(folder / 'report.html'), '--pdf']!r}))\n")
    done = run_read_only(folder, code)
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith(f"--out: cannot write '{folder / 'report.html'}' (") and "a run started" not in line
    assert list(folder.iterdir()) == []


def test_a_failed_commit_leaves_no_companion_and_no_parent_it_made(tmp_path):
    target = tmp_path / "new" / "deeper" / "t.csv"

    def broken(fh):
        fh.write(b"half")
        raise OSError(28, "No space left on device")

    with OutputFiles([target], label="--to") as files:
        with pytest.raises(OutputError) as exc:
            files.commit({target: broken})
    assert exc.value.lines == [f"--to: cannot write '{target}' (No space left on device)"]
    assert list(tmp_path.iterdir()) == []


def test_what_a_killed_writer_left_is_cleared_by_the_next(tmp_path):
    target = tmp_path / "runs.csv"
    (tmp_path / ".runs.csv.partial-999999999-0123abcd").write_bytes(b"half a table")  # its process is gone
    with OutputFiles([target]) as files:
        files.commit({target: b"whole"})
    assert target.read_bytes() == b"whole" and companions(tmp_path) == []


@pytest.fixture
def store(tmp_path):
    spec = sweep_spec(tmp_path, "lhs", 4)
    fake_store(tmp_path / "sweep", spec, lambda x: x[:, 0])
    return tmp_path / "sweep"


def test_export_does_not_replace_a_file_that_appears_meanwhile(store, tmp_path, capsys, monkeypatch):
    target = tmp_path / "runs.csv"
    real = export_module.runs_table

    def meanwhile(frame, meta):
        target.write_text("another export's")
        return real(frame, meta)

    monkeypatch.setattr(export_module, "runs_table", meanwhile)
    assert main(["export", str(store), "--to", str(target)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"--to: '{target}' appeared while this command was writing; it was not replaced")
    assert target.read_text() == "another export's"


def test_a_second_export_to_the_same_target_is_refused(store, tmp_path, capsys):
    target = tmp_path / "runs.csv"
    with OutputFiles([target], label="--to"):
        assert main(["export", str(store), "--to", str(target)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"--to: another centrumsim command is writing to '{target}'; wait for it to finish or give another name")
    assert not target.exists()


def test_a_second_calibration_into_the_same_folder_is_refused_before_it_runs(tmp_path, capsys):
    from .conftest import ROOT

    out = tmp_path / "cal"
    with OutputFiles([out / "waves.csv"]):
        assert main(["calibrate", str(ROOT / "histories" / "klockaretorpet.toml"), "--parameters",
                     str(ROOT / "calibration" / "klockaretorpet_small.toml"), "--out", str(out), "-q"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"--out: another centrumsim command is writing to '{out / 'waves.csv'}'; wait for it to finish or give "
        "another name")
    assert not out.exists()


# ---------------------------------------------------------------------------- --overwrite and the manifest
def _result(folder: Path) -> None:
    with OutputFolder(folder) as f:
        f.write_text("summary.json", '{"a": 1}\n')
        f.write_text("units.csv", "unit,x\ncafe,1\n")
        f.commit({"run_id": "abc"}, "run")


def test_overwrite_refuses_a_result_edited_by_hand(tmp_path, capsys):
    out = tmp_path / "out"
    _result(out)
    (out / "units.csv").write_text("unit,x\ncafe,2\n")  # the same size, other content
    with pytest.raises(OutputError) as exc:
        OutputFolder(out, overwrite=True)
    assert exc.value.lines == [
        f"--out: '{out}' holds units.csv, changed since it was written (it differs from manifest.json); "
        "refusing to replace it, even with --overwrite"]
    assert (out / "units.csv").read_text() == "unit,x\ncafe,2\n" and companions(tmp_path) == []
    assert OutputFolder.precheck(out, overwrite=True) == exc.value.lines
    (out / "units.csv").unlink()
    with pytest.raises(OutputError, match="holds no units.csv any more"):
        OutputFolder(out, overwrite=True)


def test_run_with_overwrite_refuses_an_edited_result_before_running(tmp_path, capsys):
    out = tmp_path / "out"
    _result(out)
    manifest = json.loads((out / "manifest.json").read_text())
    (out / "summary.json").write_text('{"a": 2}\n')
    assert main(["run", "--fixed", str(MAIN), "--seeds", "1", "--years", "1", "--no-plots", "-q", "--out", str(out),
                 "--overwrite"]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "summary.json, changed since it was written" in line
    assert json.loads((out / "manifest.json").read_text()) == manifest


def test_an_intact_result_is_still_replaced_with_overwrite(tmp_path):
    out = tmp_path / "out"
    _result(out)
    with OutputFolder(out, overwrite=True) as f:
        f.write_text("other.txt", "x")
        f.commit({"run_id": "def"}, "run")
    assert sorted(os.listdir(out)) == ["manifest.json", "other.txt"]


def test_calibrate_refuses_a_folder_whose_results_were_edited_by_hand(tmp_path):
    from centrumsim.results.manifest import file_record, manifest_record
    from centrumsim.scenario import ScenarioError
    from centrumsim.validation.matching import check_folder

    out = tmp_path / "cal"
    out.mkdir()
    (out / "calibration.txt").write_bytes(b"kept ranges\n")
    (out / "manifest.json").write_text(json.dumps(manifest_record(
        {"run_id": "abc"}, "calibrate", [file_record("calibration.txt", b"kept ranges\n")])))
    check_folder(out)  # as written: resumed and replaced
    (out / "calibration.txt").write_text("my own notes\n")
    with pytest.raises(ScenarioError) as exc:
        check_folder(out)
    assert exc.value.lines == [
        f"--out: '{out}' holds calibration.txt, changed since it was written (it differs from manifest.json); "
        "refusing to replace it; move it away or choose another folder"]
