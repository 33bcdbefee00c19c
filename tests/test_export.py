"""Export of a sweep's runs (CSV and Parquet, with the monthly series), types and identity kept,
written atomically, bad input refused in one line; ``run --format parquet``."""

from __future__ import annotations

import json
import sys

import pandas as pd
import pyarrow.parquet as pq
import pytest

import centrumsim
from centrumsim.cli import main
from centrumsim.results import OutputError, check_manifest
from centrumsim.sweeps import RunStore
from centrumsim.sweeps.export import export

from .conftest import MAIN, ROOT
from .sweep_fakes import fake_store, sweep_spec


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """sweeps/small.toml run once: 48 points (Sobol, N = 8) × 2 seeds, two years, the cash series kept."""
    out = tmp_path_factory.mktemp("small") / "sweep"
    centrumsim.sweep(ROOT / "sweeps" / "small.toml", out=out, workers=2)
    with RunStore.open(out) as store:
        return out, store.frame(), store.meta()


def columns(meta) -> list[str]:
    return ["point", "replicate", "seed", "status", *meta["parameters"], *meta["outcomes"], "error", "sweep_sha256",
            "scenario_sha256", "version", "seconds"]


@pytest.mark.slow  # the sweep of sweeps/small.toml
def test_csv_has_one_row_per_run_and_the_sweeps_identity(small, tmp_path, capsys):
    out, frame, meta = small
    target = tmp_path / "runs.csv"
    assert main(["export", str(out), "--to", str(target)]) == 0
    assert capsys.readouterr().out.strip() == f"Wrote {target} (96 of 96 planned runs)"
    table = pd.read_csv(target)
    assert list(table.columns) == columns(meta) and len(table) == 96
    assert set(table["sweep_sha256"]) == {meta["sweep_sha256"]} and set(table["status"]) == {"done"}
    for col in ("point", "replicate", "seed"):
        assert table[col].dtype == "int64"
    pd.testing.assert_frame_equal(table[frame.columns.drop("error")], frame.drop(columns="error"), check_dtype=False)
    assert table["error"].isna().all()
    assert [p.name for p in tmp_path.iterdir()] == ["runs.csv"]  # nothing left beside it


@pytest.mark.slow  # the sweep of sweeps/small.toml
def test_parquet_keeps_types_and_carries_the_identity_with_the_series(small, tmp_path):
    out, frame, meta = small
    target = tmp_path / "runs.parquet"
    assert main(["export", str(out), "--to", str(target), "--series", "-q"]) == 0
    runs = pq.read_table(target)
    types = {f.name: str(f.type) for f in runs.schema}
    assert [types[c] for c in ("point", "replicate", "seed")] == ["int64"] * 3
    assert all(types[c] == "double" for c in [*meta["parameters"], *meta["outcomes"], "seconds"])
    ident = json.loads(runs.schema.metadata[b"centrumsim"])
    assert ident["sweep_sha256"] == meta["sweep_sha256"] and ident["table"] == "runs"
    assert ident["parameters"] == meta["parameters"] and ident["scenario_sha256"] == meta["scenario_sha256"]
    back = runs.to_pandas()
    assert list(back.columns) == columns(meta)
    pd.testing.assert_frame_equal(back[meta["outcomes"]], frame[meta["outcomes"]])
    series = pq.read_table(tmp_path / "runs_series.parquet")
    assert json.loads(series.schema.metadata[b"centrumsim"])["table"] == "series"
    s = series.to_pandas()
    assert list(s.columns) == ["point", "replicate", "month", "sweep_sha256", "cash_sek"]
    assert len(s) == 96 * 24 and s["month"].iloc[0] == "2022-01" and s["month"].str.fullmatch(r"\d{4}-\d{2}").all()
    assert str(series.schema.field("month").type) in ("string", "large_string")
    csv = tmp_path / "runs.csv"
    assert main(["export", str(out), "--to", str(csv), "--series", "-q"]) == 0
    s_csv = pd.read_csv(tmp_path / "runs_series.csv")
    assert s_csv["month"].iloc[0] == "2022-01" and set(s_csv["sweep_sha256"]) == {meta["sweep_sha256"]}
    pd.testing.assert_series_equal(s_csv["cash_sek"], s["cash_sek"])  # the same numbers in both formats


@pytest.mark.slow  # the sweep of sweeps/small.toml
def test_a_failed_write_leaves_the_earlier_file_and_no_temporary(small, tmp_path, monkeypatch):
    out, _, _ = small
    target = tmp_path / "runs.csv"
    target.write_text("earlier")

    def broken(fh, frame, fmt, identity=None):
        fh.write(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("centrumsim.sweeps.export.write_frame", broken)
    with pytest.raises(OutputError) as exc:
        export(out, target)
    assert exc.value.lines == [f"--to: '{target}' exists already; add --overwrite to replace it, or give another name"]
    with pytest.raises(OutputError) as exc:
        export(out, target, overwrite=True)
    assert exc.value.lines == [f"--to: cannot write '{target}' (No space left on device)"]
    assert target.read_text() == "earlier" and [p.name for p in tmp_path.iterdir()] == ["runs.csv"]


@pytest.mark.slow  # the sweep of sweeps/small.toml
def test_bad_input_is_one_line_and_exit_2(small, tmp_path, capsys, monkeypatch):
    out, _, _ = small
    (tmp_path / "file").write_text("x")
    spec = sweep_spec(tmp_path, "lhs", 4)
    fake_store(tmp_path / "noseries", spec, lambda x: x[:, 0])
    cases = [
        ([str(tmp_path / "nowhere"), "--to", "r.csv"], f"{tmp_path / 'nowhere'}: no such folder (give the --out folder of a sweep)"),
        ([str(tmp_path / "file"), "--to", "r.csv"], f"{tmp_path / 'file'}: not a folder (give the --out folder of a sweep)"),
        ([str(tmp_path), "--to", "r.csv"], f"{tmp_path}: no sweep here (no runs.sqlite); run `centrumsim sweep` first"),
        ([str(out), "--to", str(tmp_path)], f"--to: '{tmp_path}' is a folder; give a file name, e.g. {tmp_path / 'runs.csv'}"),
        ([str(out), "--to", str(tmp_path / "file" / "r.csv")], f"--to: '{tmp_path / 'file'}' is a file, not a folder"),
        ([str(out), "--to", str(tmp_path / "r.csv"), "--format", "parquet"],
         f"--to: '{tmp_path / 'r.csv'}' ends in .csv but the format is parquet; name it r.parquet or give --format csv"),
        ([str(tmp_path / "noseries"), "--to", str(tmp_path / "r.csv"), "--series"],
         "--series: this sweep kept no monthly series (outcomes.series in its sweep file)"),
    ]
    for argv, line in cases:
        assert main(["export", *argv]) == 2, argv
        assert capsys.readouterr().err.strip() == line
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # pyarrow not installed
    with pytest.raises(SystemExit) as exc:
        main(["export", str(out), "--to", str(tmp_path / "r.parquet"), "--format", "parquet"])
    assert exc.value.code == 2
    assert 'pip install -e ".[parquet]"' in capsys.readouterr().err
    assert main(["export", str(out), "--to", str(tmp_path / "r.parquet")]) == 2  # the format from the suffix
    assert capsys.readouterr().err.strip() == ('--format parquet: Parquet needs pyarrow, which is not installed; '
                                               'pip install -e ".[parquet]"')
    assert not (tmp_path / "r.csv").exists() and not (tmp_path / "r.parquet").exists()


def test_run_writes_parquet_tables_with_the_run_identity(tmp_path):
    out = tmp_path / "run"
    assert main(["run", "--fixed", str(MAIN), "--seeds", "1", "--years", "1", "-q", "--out", str(out), "--format", "parquet",
                 "--no-plots"]) == 0  # the tables are the point
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    names = [f["name"] for f in manifest["files"]]
    tables = [n for n in names if n.endswith(".parquet")]
    assert len(tables) == 8 and not [n for n in names if n.endswith(".csv")] and check_manifest(out) == []
    for name in tables:
        table = pq.read_table(out / name)
        assert json.loads(table.schema.metadata[b"centrumsim"])["run_id"] == manifest["run_id"], name
        assert set(table.column("run_id").to_pylist()) <= {manifest["run_id"]}, name
    ts = pq.read_table(out / "timeseries_monthly.parquet").to_pandas()
    assert ts["seed"].dtype == "int64" and ts["cash_sek"].dtype == "float64" and ts["month"].iloc[0] == "2022-01"
    books = pq.read_table(out / "books_monthly.parquet")
    assert str(books.schema.field("amount_ore").type) == "int64"


@pytest.mark.slow  # the sweep of sweeps/small.toml
def test_an_existing_file_or_a_link_is_not_replaced_without_overwrite(small, tmp_path, capsys):
    out, _, _ = small
    precious = tmp_path / "precious.txt"
    precious.write_text("precious data")
    assert main(["export", str(out), "--to", str(precious)]) == 2
    assert "exists already; add --overwrite" in capsys.readouterr().err and precious.read_text() == "precious data"
    link = tmp_path / "link.csv"
    link.symlink_to(precious)
    assert main(["export", str(out), "--to", str(link), "--overwrite"]) == 2
    assert "is not a regular file" in capsys.readouterr().err and link.is_symlink()
    assert main(["export", str(out), "--to", str(precious), "--format", "csv", "--overwrite"]) == 0
    assert precious.read_text().startswith("point,")
