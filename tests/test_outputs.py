"""Nothing lost in outputs: the folder is checked before any simulation, never overwritten
unasked, written atomically with a manifest written last, locked against a second writer, and
a failed write leaves nothing that looks complete."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest
from PIL import Image

from centrumsim.cli import main
from centrumsim.results import OutputError, OutputFolder, check_manifest

from .conftest import MAIN

PLOTTED_RUN = ["run", "--fixed", str(MAIN), "--seeds", "2", "--years", "1", "-q"]
RUN = [*PLOTTED_RUN, "--no-plots"]  # where only the folder matters: the plots are most of a short run's time


def leftovers(parent) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


def test_a_run_writes_a_manifest_last_that_lists_every_file(tmp_path):
    out = tmp_path / "out"
    assert main([*PLOTTED_RUN, "--out", str(out)]) == 0
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["complete"] is True and manifest["command"] == "run"
    assert manifest["seeds"] == [0, 1] and manifest["overrides"] == {"time.years": 1}
    assert {"scenario_sha256", "version", "run_id", "created"} <= set(manifest)
    names = [f["name"] for f in manifest["files"]]
    assert sorted(names + ["manifest.json"]) == sorted(p.name for p in out.iterdir())
    assert check_manifest(out) == []
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["run_id"] == manifest["run_id"]
    for name in names:  # every file carries the run's identity
        if name.endswith(".csv"):
            assert set(pd.read_csv(out / name)["run_id"]) == {manifest["run_id"]}, name
        elif name.endswith(".png"):
            ident = json.loads(Image.open(out / name).text["Description"])
            assert ident["run_id"] == manifest["run_id"], name
    assert leftovers(tmp_path) == []
    (out / "summary.json").write_text("{}")
    assert check_manifest(out) == [f"{out}: summary.json differs from the manifest"]


def test_an_earlier_result_is_refused_unless_overwrite_and_no_stale_file_survives(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["compare", str(MAIN), "--seeds", "1", "--years", "1", "-q", "--out", str(out)]) == 0
    before = sorted(p.name for p in out.iterdir())
    started = time.perf_counter()
    assert main([*RUN, "--out", str(out)]) == 2
    assert time.perf_counter() - started < 2  # refused before anything ran
    assert capsys.readouterr().err.strip() == (
        f"--out: '{out}' already holds files (an earlier run?); add --overwrite to replace them, "
        "or choose another folder")
    assert sorted(p.name for p in out.iterdir()) == before
    assert main([*RUN, "--out", str(out), "--overwrite"]) == 0
    assert not (out / "compare.csv").exists() and check_manifest(out) == []  # the earlier files are gone
    assert leftovers(tmp_path) == []


def test_overwrite_refuses_files_that_are_not_part_of_the_earlier_result(tmp_path, capsys):
    out = tmp_path / "out"
    assert main([*RUN, "--out", str(out)]) == 0
    (out / "my_notes.txt").write_text("precious")
    assert main([*RUN, "--out", str(out), "--overwrite"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"--out: '{out}' holds files that are not part of the earlier result (my_notes.txt); refusing to "
        "replace them, even with --overwrite")
    assert (out / "my_notes.txt").read_text() == "precious"
    web = tmp_path / "web"  # a manifest.json that is not ours
    web.mkdir()
    (web / "manifest.json").write_text('{"name": "my web app"}')
    (web / "index.html").write_text("<html>")
    assert main([*RUN, "--out", str(web), "--overwrite"]) == 2
    assert "not a centrumsim result (no complete manifest.json)" in capsys.readouterr().err
    assert (web / "index.html").exists()


def test_overwrite_replaces_only_an_earlier_result(tmp_path, capsys):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "mine.txt").write_text("precious")
    assert main([*RUN, "--out", str(notes), "--overwrite"]) == 2
    assert "not a centrumsim result (no complete manifest.json)" in capsys.readouterr().err
    assert (notes / "mine.txt").read_text() == "precious"


def test_an_empty_folder_is_used_and_missing_parents_are_made(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main([*RUN, "--out", str(empty)]) == 0 and check_manifest(empty) == []
    deep = tmp_path / "a" / "b" / "c"
    assert main([*RUN, "--out", str(deep)]) == 0 and check_manifest(deep) == []


def test_bad_input_leaves_no_parent_folders_behind(tmp_path):
    deep = tmp_path / "a" / "b"
    assert main([*RUN, "--out", str(deep), "--set", "units.cafe.price_sek=-1"]) == 2
    assert list(tmp_path.iterdir()) == []


def test_a_second_writer_is_refused(tmp_path, capsys):
    out = tmp_path / "out"
    with OutputFolder(out):
        assert main([*RUN, "--out", str(out)]) == 2
        assert capsys.readouterr().err.strip() == (
            f"--out: another centrumsim command is writing to '{out}'; wait for it to finish or choose another folder")
    assert not out.exists() and leftovers(tmp_path) == []  # the holder wrote nothing and let go
    assert main([*RUN, "--out", str(out)]) == 0


def test_a_full_disk_gives_exit_2_and_leaves_nothing(tmp_path, capsys, monkeypatch):
    calls = {"n": 0}
    real = pd.DataFrame.to_csv

    def fill_up(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_csv", fill_up)
    out = tmp_path / "out"
    assert main([*RUN, "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"--out: cannot write books_monthly.csv in '{out}' (No space left on device)"]
    assert not out.exists() and leftovers(tmp_path) == []


def test_an_unwritable_place_is_refused_before_running(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main([*RUN, "--out", str(blocker / "out")]) == 2
    assert capsys.readouterr().err.strip() == f"--out: '{blocker}' is a file, not a folder"


def test_an_exception_midway_leaves_nothing(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(RuntimeError):
        with OutputFolder(out) as folder:
            folder.write_text("a.txt", "half of it")
            raise RuntimeError("killed by a bug")
    assert not out.exists() and leftovers(tmp_path) == []
    with pytest.raises(ValueError, match="not a file name"):
        with OutputFolder(tmp_path / "x" / "y") as folder:
            folder.write_text("../escape", "")  # a name, not a path
    assert list(tmp_path.iterdir()) == []


def test_compare_and_breakeven_write_a_manifest_with_the_identity(tmp_path):
    cmp_out, be_out = tmp_path / "cmp", tmp_path / "be"
    assert main(["compare", str(MAIN), "--seeds", "1", "--years", "1", "-q", "--out", str(cmp_out)]) == 0
    assert main(["breakeven", "--fixed", "--need", "0", str(MAIN), "--candidates", "cafe,gym", "--seeds", "1", "--screen-seeds", "1",
                 "--years", "1", "-q", "--out", str(be_out)]) == 0
    for out, command, files in ((cmp_out, "compare", {"compare.csv", "compare.png"}),
                                (be_out, "breakeven", {"breakeven.csv", "breakeven.png"})):
        manifest = json.loads((out / "manifest.json").read_text("utf-8"))
        assert manifest["command"] == command and check_manifest(out) == []
        assert {f["name"] for f in manifest["files"]} == files
        assert manifest["scenario_sha256"] and manifest["run_id"]
    assert set(json.loads((cmp_out / "manifest.json").read_text())["variants"]) == {
        "enterprise", "tenants", "tenants_without_support"}
    assert json.loads((be_out / "manifest.json").read_text())["candidates"] == ["cafe", "gym"]


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_run_killed_at_any_moment_never_leaves_a_folder_that_claims_to_be_complete(tmp_path):
    args = [sys.executable, "-m", "centrumsim", "run", "--fixed", str(MAIN), "--seeds", "2", "--years", "2", "-q",
            "--workers", "1"]
    started = time.perf_counter()
    assert subprocess.run([*args, "--out", str(tmp_path / "whole")]).returncode == 0
    duration = time.perf_counter() - started
    outcomes = []
    for i in range(10):
        out = tmp_path / f"k{i}"
        proc = subprocess.Popen([*args, "--out", str(out)])
        time.sleep(duration * (0.35 + 0.07 * i))  # from the imports to past the writing
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if out.exists():
            assert check_manifest(out) == [], i
        outcomes.append(out.exists())
    assert not all(outcomes)  # some kills came before the end…
    # …and a later run into the same place cleans up what a killed one left
    assert main([*RUN, "--out", str(tmp_path / "k0"), "--overwrite"]) == 0
    assert not [n for n in leftovers(tmp_path) if n.startswith(".k0.")]


def test_save_from_python(tmp_path, one_year):
    import centrumsim

    res = centrumsim.analysis.run_seeds(one_year, seeds=1)
    out = centrumsim.save(res, tmp_path / "mine", lang="sv")
    assert check_manifest(out) == [] and (out / "who_comes.png").exists()
    with pytest.raises(centrumsim.results.OutputError):
        centrumsim.save(res, out)
    assert centrumsim.save(res, out, overwrite=True, plots=False) == out  # the plots were drawn above
    assert check_manifest(out) == [] and not (out / "who_comes.png").exists()


def test_a_symlinked_folder_is_written_where_it_points_and_keeps_its_mode(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    os.chmod(real, 0o750)
    link = tmp_path / "link"
    link.symlink_to(real)
    assert main([*RUN, "--out", str(link)]) == 0
    assert link.is_symlink() and check_manifest(real) == []
    assert (real.stat().st_mode & 0o777) == 0o750
    assert main([*RUN, "--out", str(link), "--overwrite"]) == 0
    assert link.is_symlink() and (real.stat().st_mode & 0o777) == 0o750


def test_a_planted_lock_link_is_not_followed(tmp_path, capsys):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (tmp_path / ".out.lock").symlink_to(victim)
    assert main([*RUN, "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.startswith(f"--out: cannot use '{tmp_path / 'out'}'")
    assert victim.read_text() == "keep me"


def test_a_target_that_changes_during_the_run_is_not_replaced(tmp_path, capsys):
    out = tmp_path / "out"
    folder = OutputFolder(out)
    folder.write_text("a.txt", "new")
    out.mkdir()
    (out / "arrived.txt").write_text("written by someone else meanwhile")
    with pytest.raises(OutputError, match="changed while this command was writing"):
        folder.commit({"run_id": "x"}, "run")
    assert (out / "arrived.txt").exists() and leftovers(tmp_path) == []


def test_an_earlier_result_moved_aside_by_a_killed_command_is_restored(tmp_path):
    out = tmp_path / "out"
    assert main([*RUN, "--out", str(out)]) == 0
    # a command killed between moving the old result aside and moving its own into place
    aside = tmp_path / ".out.replaced-999999-0a0b0c0d"
    aside.mkdir()
    out.rename(aside / "old")
    (tmp_path / ".out.partial-999999-0a0b0c0d").mkdir()
    assert main([*RUN, "--out", str(out)]) == 2  # the next command finds the result back in place
    assert check_manifest(out) == [] and leftovers(tmp_path) == []


def test_what_dead_commands_left_beside_other_folders_is_removed(tmp_path):
    dead = tmp_path / ".old-run.partial-999999-0a0b0c0d"
    dead.mkdir()
    (dead / "summary.json").write_text("{}")
    alive = tmp_path / f".busy.partial-{os.getpid()}-0a0b0c0d"  # a living process's: left alone
    alive.mkdir()
    assert main([*RUN, "--out", str(tmp_path / "out")]) == 0
    assert not dead.exists() and alive.exists()


def test_in_swedish_the_csv_files_open_in_swedish_excel_with_the_same_numbers(tmp_path):
    """``--lang sv``: semicolons, decimal commas and UTF-8 with a byte-order mark (what Excel set
    to Swedish opens in columns); read back so, every file holds what the English one holds."""
    from centrumsim.results.writing import RESULT_FILES

    args = ["run", "--fixed", str(MAIN), "--seeds", "1", "--years", "1", "--no-plots", "-q"]
    assert main([*args, "--out", str(tmp_path / "en")]) == 0
    assert main([*args, "--lang", "sv", "--out", str(tmp_path / "sv")]) == 0
    tables = [name for name in RESULT_FILES if name.endswith(".csv")]
    for name in tables:
        raw = (tmp_path / "sv" / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name
        assert not (tmp_path / "en" / name).read_bytes().startswith(b"\xef\xbb\xbf")
        sv = pd.read_csv(tmp_path / "sv" / name, sep=";", decimal=",", encoding="utf-8-sig")
        en = pd.read_csv(tmp_path / "en" / name)
        assert list(sv.columns) == list(en.columns), name
        pd.testing.assert_frame_equal(sv, en, check_exact=True, obj=name)
    books = pd.read_csv(tmp_path / "sv" / "books_monthly.csv", sep=";", decimal=",", encoding="utf-8-sig")
    assert pd.api.types.is_numeric_dtype(books["amount_sek"])
    cross = (tmp_path / "sv" / "cross_subsidy_monthly.csv").read_text("utf-8-sig").splitlines()
    assert cross[0].count(";") >= 2 and "," not in cross[0]  # names separated by semicolons


def test_an_excel_workbook_holds_every_table_an_income_statement_and_the_identity(tmp_path):
    """``--format xlsx``: one workbook, read back by openpyxl — the sheet that says which run it
    is, the income statement per unit and year (median over the runs), every table as its CSV."""
    openpyxl = pytest.importorskip("openpyxl")
    from centrumsim.model.ledger import LINES
    from centrumsim.present.workbook import yearly_statement
    from centrumsim.results.writing import TABLES

    out = tmp_path / "xlsx"
    assert main(["run", "--fixed", str(MAIN), "--seeds", "3", "--years", "2", "--no-plots", "--lang", "sv",
                 "--format", "xlsx", "--out", str(out), "-q"]) == 0
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert sorted(f["name"] for f in manifest["files"]) == ["results.xlsx", "summary.json"]
    book = openpyxl.load_workbook(out / "results.xlsx", read_only=True)
    assert book.sheetnames[:2] == ["Läs mig", "Resultaträkning"] and book.sheetnames[2:] == list(TABLES)
    readme = {r[0]: r[1] for r in book["Läs mig"].iter_rows(values_only=True) if len(r) > 1 and r[0]}
    assert readme["run_id"] == manifest["run_id"] and readme["scenario_file"].endswith("klockaretorpet.toml")

    # the income statement: the café's 2022 sales and result are the medians over the three runs
    rows = [r for r in book["Resultaträkning"].iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows) if r and r[0] == "Kafé Klockrent")
    assert rows[start + 1][1:3] == (2022, 2023)
    end = next((i for i in range(start, len(rows)) if not any(v is not None for v in rows[i])), len(rows))
    block = {r[0].strip(): r[1:3] for r in rows[start + 2:end] if r[0]}
    from centrumsim import run as run_api

    res = run_api(MAIN, seeds=3, years=2, fixed=True, workers=1)
    cafe = res.books[(res.books["unit"] == "cafe") & res.books["month"].str.startswith("2022")]
    per_seed = cafe[cafe["line"] == "sales"].groupby("seed")["amount_ore"].sum()
    assert block["försäljning"][0] == pytest.approx(per_seed.median() / 100)
    signed = cafe["amount_ore"].where(cafe["kind"] == "revenue", -cafe["amount_ore"]).groupby(cafe["seed"]).sum()
    assert block["Resultat"][0] == pytest.approx(signed.median() / 100)
    assert block["Körningar"] == (3, 3)
    stmt = yearly_statement(res)
    assert set(stmt.columns) == {"unit", "line", "year", "median_sek", "runs"}

    # every table: its columns and its number of rows as the CSV file has them
    assert main(["run", "--fixed", str(MAIN), "--seeds", "3", "--years", "2", "--no-plots",
                 "--out", str(tmp_path / "csv"), "-q"]) == 0
    for name in TABLES:
        csv = pd.read_csv(tmp_path / "csv" / f"{name}.csv")
        sheet = list(book[name].iter_rows(values_only=True))
        if name == "books_monthly":  # a column per book line: the same money in a seventeenth of the rows
            frame = pd.DataFrame(sheet[1:], columns=sheet[0])
            assert len(frame) == len(csv.groupby(["seed", "month", "unit"]))
            assert frame[list(LINES)].to_numpy().sum() == pytest.approx(csv["amount_sek"].sum())
            continue
        assert list(sheet[0]) == list(csv.columns), name
        assert len(sheet) - 1 == len(csv), name
    book.close()
