"""A sweep's runs as one table — CSV for a spreadsheet, Parquet for an analysis that keeps types.

One row per run: ``point``, ``replicate``, ``seed``, ``status``, one column per parameter (its
dotted key) and per outcome (its summary path), ``error``, and the identity: ``sweep_sha256``
(the sweep), ``scenario_sha256`` and ``version`` (each run's), with ``seconds`` (the run's time,
s). With ``series`` a second table holds the kept monthly series, one row per run and month
(``month`` as text, 'YYYY-MM'), written beside the first with a ``_series`` suffix
(``runs.parquet`` → ``runs_series.parquet``). Parquet keeps int64 and float64 and carries the
sweep's identity as JSON in its schema metadata (key ``centrumsim``); CSV carries the
``sweep_sha256`` column. The targets are locked and checked before the store is read, and every
file is written beside its target and moved into place whole (:class:`OutputFiles`); the store
may be read while its sweep still runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from ..results import OutputError
from ..results.files import OutputFiles
from ..results.writing import Format, check_format, write_frame
from .points import open_sweep, sweep_identity
from .store import STORE

SUFFIXES: dict[str, Format] = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}


def series_path(path: str | Path) -> Path:
    """Where the series table of an export to ``path`` goes: ``runs.csv`` → ``runs_series.csv``."""
    path = Path(path)
    return path.with_name(f"{path.stem}_series{path.suffix}")


def export(folder: str | Path, to: str | Path, fmt: Format | None = None, series: bool = False,
           overwrite: bool = False) -> list[Path]:
    """Export the sweep in ``folder`` to the file ``to`` (and, with ``series``, its monthly
    series beside it); ``fmt`` csv or parquet, by default from ``to``'s suffix (else csv).
    Returns the files written. Raises :class:`OutputError` (``--option: reason`` lines) for a
    folder without a store, an unusable target, Parquet without pyarrow, or — unless
    ``overwrite`` — a target that exists already (a file that is not a regular file never)."""
    target = Path(to)
    fmt = fmt or SUFFIXES.get(target.suffix.lower(), "csv")
    check_format(fmt)
    _check_target(target, fmt, folder)
    paths = [target] + ([series_path(target)] if series else [])
    problems = OutputFiles.precheck(paths, overwrite, label="--to")
    if problems:
        raise OutputError(problems)
    with open_sweep(folder) as store, OutputFiles(paths, overwrite, label="--to") as files:
        meta = store.meta()
        if series and not meta.get("series"):
            raise OutputError(["--series: this sweep kept no monthly series (outcomes.series in its sweep file)"])
        runs = runs_table(store.frame(), meta)
        tables = [(target, runs, "runs")]
        if series:
            tables.append((series_path(target), series_table(store.series_frame(), meta), "series"))
        ident = {**sweep_identity(meta), "method": meta.get("method"), "parameters": meta.get("parameters"),
                 "outcomes": meta.get("outcomes"), "seeds_per_point": meta.get("seeds_per_point")}
        files.commit({path: lambda fh, t=table, w=what: write_frame(fh, t, fmt, {**ident, "table": w})
                      for path, table, what in tables})
    return [path for path, _, _ in tables]


def runs_table(frame: pd.DataFrame, meta: Mapping[str, Any]) -> pd.DataFrame:
    """The store's frame (:meth:`RunStore.frame`) with the sweep's hash and fixed types: int64
    keys, float64 outcomes, text status and error (empty where a run did not fail)."""
    out = frame.copy()
    out.insert(out.columns.get_loc("scenario_sha256"), "sweep_sha256", meta.get("sweep_sha256"))
    for col in ("status", "error", "sweep_sha256", "scenario_sha256", "version"):
        out[col] = out[col].astype("string")
    for name in meta["parameters"]:
        if out[name].dtype == object:  # no runs yet, or a point without the key
            out[name] = out[name].astype("float64")
    out["seconds"] = out["seconds"].astype("float64")
    return out


def series_table(frame: pd.DataFrame, meta: Mapping[str, Any]) -> pd.DataFrame:
    """The kept monthly series (:meth:`RunStore.series_frame`) with the sweep's hash: point,
    replicate, month ('YYYY-MM' text), one float64 column per series (the units of
    :attr:`Results.timeseries`)."""
    names = list(meta.get("series", []))
    out = frame.reindex(columns=["point", "replicate", "month", *names])
    out = out.astype({"point": "int64", "replicate": "int64", "month": "string", **{n: "float64" for n in names}})
    out.insert(3, "sweep_sha256", pd.array([meta.get("sweep_sha256")] * len(out), dtype="string"))
    return out


def _check_target(target: Path, fmt: str, folder: str | Path) -> None:
    if not str(target).strip():
        raise OutputError(["--to: give a file name, e.g. runs.csv"])
    if target.is_dir():
        raise OutputError([f"--to: '{target}' is a folder; give a file name, e.g. {target / ('runs.' + fmt)}"])
    given = SUFFIXES.get(target.suffix.lower())
    if given is not None and given != fmt:
        raise OutputError([f"--to: '{target}' ends in {target.suffix} but the format is {fmt}; "
                           f"name it {target.with_suffix('.' + fmt).name} or give --format {given}"])
    if target.resolve() == (Path(folder) / STORE).resolve():
        raise OutputError([f"--to: '{target}' is the run store itself; give another file name"])
    for parent in target.parents:
        if parent.exists() and not parent.is_dir():
            raise OutputError([f"--to: '{parent}' is a file, not a folder"])


