"""Writing a run's data files — the summary and the tidy frames — into an :class:`OutputFolder`
(:mod:`.folder`), the one place where files are written.

A table is written as CSV (the default: what a spreadsheet opens) or as Parquet (the optional
``[parquet]`` extra, pyarrow: columns keep their types — int64, float64, bool, timestamps, text
months 'YYYY-MM' — and the identity travels in the file's schema metadata under ``centrumsim``).
:func:`write_frame` is the one writer both formats go through; the sweep's ``export``, the
studies and the calibration use it too. In CSV, text that a spreadsheet would take for a formula
(a label or name starting with ``=``, ``+``, ``-`` or ``@``) is written as text
(:func:`spreadsheet_safe`); numbers stay numbers. A CSV is written in the style of its language
(:data:`CSV_STYLES`): in English comma-separated with decimal points, in Swedish as Swedish Excel
opens it — semicolons, decimal commas and UTF-8 with a byte-order mark. The columns' names and
codes stay the same in both: they are the data's, read by programs.
"""

from __future__ import annotations

import importlib.util
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO, Any, Literal

import pandas as pd

from .folder import OutputError, OutputFolder
from .results import Results, jsonable

Format = Literal["csv", "parquet", "xlsx"]
FORMATS: tuple[Format, ...] = ("csv", "parquet")
"""The formats of a table file."""
RUN_FORMATS: tuple[Format, ...] = ("csv", "parquet", "xlsx")
"""The formats of a run's tables: table files, or one Excel workbook (:mod:`centrumsim.present.workbook`)."""
XLSX_MISSING = 'an Excel workbook needs openpyxl, which is not installed; pip install -e ".[xlsx]"'
PARQUET_KEY = b"centrumsim"
"""The key of the identity (JSON) in a Parquet file's schema metadata."""
PARQUET_MISSING = 'Parquet needs pyarrow, which is not installed; pip install -e ".[parquet]"'

TABLES = ("timeseries_monthly", "timeseries_daily", "books_monthly", "units", "cross_subsidy_monthly",
          "public_ledger_monthly", "police_list", "events")
RESULT_FILES = ("summary.json", *(f"{t}.csv" for t in TABLES))
"""The data files of a run written as CSV (with Parquet, the tables end in ``.parquet``)."""


@dataclass(frozen=True)
class CsvStyle:
    """How a CSV file separates its fields and writes its decimals, and its encoding."""

    sep: str
    decimal: str
    encoding: str


CSV_STYLES = {"en": CsvStyle(",", ".", "utf-8"), "sv": CsvStyle(";", ",", "utf-8-sig")}
"""The CSV style of each language: Excel set to Swedish splits fields at semicolons, reads
decimal commas and needs the byte-order mark to read UTF-8 (å, ä, ö)."""


def parquet_available() -> bool:
    """Whether pyarrow can be imported (without importing it)."""
    return importlib.util.find_spec("pyarrow") is not None


def xlsx_available() -> bool:
    """Whether openpyxl can be imported (without importing it)."""
    return importlib.util.find_spec("openpyxl") is not None


def format_problem(fmt: str, allowed: tuple[Format, ...] = FORMATS) -> str | None:
    """Why ``fmt`` cannot be written (not one of ``allowed``, or its library missing), or None."""
    if fmt not in allowed:
        return f"must be {' or '.join(allowed)} (got {fmt!r})"
    if fmt == "parquet" and not parquet_available():
        return PARQUET_MISSING
    if fmt == "xlsx" and not xlsx_available():
        return XLSX_MISSING
    return None


def check_format(fmt: str, option: str = "--format", allowed: tuple[Format, ...] = FORMATS) -> None:
    """Refuse an unknown format, or one whose library is missing (:class:`OutputError`, one line)."""
    problem = format_problem(fmt, allowed)
    if problem is not None:
        raise OutputError([f"{option}: {problem}" if fmt not in allowed else f"{option} {fmt}: {problem}"])


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell and column name that a spreadsheet would run as a formula
    (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return; OWASP's list) prefixed
    with ``'``, which makes it text. Numeric columns, and text that is a plain number (``-5``),
    are left as they are. A copy only when something changes."""

    def safe(value: Any) -> Any:
        if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
            return "'" + value
        return value

    out = frame
    for i in range(frame.shape[1]):  # by position: column names may repeat
        values = frame.iloc[:, i]
        if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_datetime64_any_dtype(values):
            continue
        changed = {v: safe(v) for v in pd.unique(values) if safe(v) is not v}  # tidy text repeats: few values
        if changed:
            if out is frame:
                out = frame.copy()
            # map calls it at once, in this iteration; bound all the same, so that no later edit makes it late
            out.isetitem(i, values.astype(object).map(lambda v, c=changed: c.get(v, v) if isinstance(v, str) else v))
    if any(safe(c) is not c for c in frame.columns):
        out = (out if out is not frame else frame.copy()).set_axis([safe(c) for c in frame.columns], axis=1)
    return out


def write_frame(fh: IO[bytes], frame: pd.DataFrame, fmt: Format = "csv",
                identity: Mapping[str, Any] | None = None, lang: str = "en") -> None:
    """Write ``frame`` (no index) to the binary file ``fh`` as CSV (in the style of ``lang``,
    :data:`CSV_STYLES`) or Parquet; with Parquet, ``identity`` is stored as JSON in the schema
    metadata under :data:`PARQUET_KEY`."""
    if fmt == "csv":
        style = CSV_STYLES[lang]
        text = io.TextIOWrapper(fh, encoding=style.encoding, newline="")
        spreadsheet_safe(frame).to_csv(text, index=False, sep=style.sep, decimal=style.decimal)
        text.flush()
        text.detach()
        return
    if fmt != "parquet":
        raise ValueError(f"unknown table format {fmt!r}")
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise OutputError([f"--format parquet: {PARQUET_MISSING}"]) from None
    table = pa.Table.from_pandas(frame, preserve_index=False)
    meta = dict(table.schema.metadata or {})
    if identity is not None:
        meta[PARQUET_KEY] = json.dumps(jsonable(dict(identity)), sort_keys=True, ensure_ascii=False).encode("utf-8")
    pq.write_table(table.replace_schema_metadata(meta), fh)


def write_table(folder: OutputFolder, name: str, frame: pd.DataFrame, run_id: str | None = None,
                fmt: Format = "csv", identity: Mapping[str, Any] | None = None, lang: str = "en") -> str:
    """A frame as ``name.csv`` (in the style of ``lang``) or ``name.parquet`` (``name`` without
    its suffix) in ``folder``, with the run's id as its first column when given and, in Parquet,
    ``identity`` in the metadata. Returns the file's name."""
    if run_id is not None:
        frame = frame.copy()
        frame.insert(0, "run_id", run_id)
    file_name = f"{name}.{fmt}"
    folder.write(file_name, lambda fh: write_frame(fh, frame, fmt, identity, lang))
    return file_name


def write_csv(folder: OutputFolder, name: str, frame: pd.DataFrame, run_id: str | None = None,
              lang: str = "en") -> None:
    """A frame as the CSV file ``name`` (with its ``.csv``, in the style of ``lang``), the run's
    id first when given."""
    write_table(folder, name.removesuffix(".csv"), frame, run_id, lang=lang)


def write_results(folder: OutputFolder, results: Results, fmt: Format = "csv", lang: str = "en") -> list[str]:
    """Write a run's data files (the summary and the tidy frames, as CSV in the style of
    ``lang`` or Parquet); returns their names."""
    ident = results.identity()
    folder.write_json("summary.json", results.summary())
    return ["summary.json", *(write_table(folder, name, frame, ident["run_id"], fmt, ident, lang)
                              for name, frame in result_tables(results).items())]


def result_tables(results: Results) -> dict[str, pd.DataFrame]:
    """A run's tables by name (:data:`TABLES`), and ``futures`` when assumptions were drawn (any
    run re-runs alone from its values and seed)."""
    frames = dict(zip(TABLES, (results.timeseries, results.daily, results.books, results.unit_table(),
                               results.cross_subsidy, results.public_ledger, results.police_list, results.events)))
    if results.futures is not None:
        frames["futures"] = results.futures
    return frames
