"""A run's results as one Excel workbook (``centrumsim run --format xlsx``; openpyxl, the ``[xlsx]``
extra): a sheet that says what the workbook is and which run made it, an income statement per unit
and year (what a board reads), and one sheet per table of the CSV files, under the same names —
the books with a column per book line (:func:`books_wide`) instead of a row per line.

The income statement gives, for each unit and year, each book line and the result as the median
over the runs in which the unit kept books that year (SEK a year): medians of lines do not add up
to the median result, and the sheet says so. The tables' columns keep their names and codes (as in
the CSV files); the words around them are in the run's language.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

import pandas as pd

from ..model.ledger import COST_LINES, REVENUE_LINES
from ..msgids import N_
from ..results import Results
from ..results.writing import result_tables
from .language import _
from .names import BOOK_LINES, display, unit_labels

SHEET_NAME_MAX = 31  # Excel's limit
README = N_("Read me")
STATEMENT = N_("Income statement")


def yearly_statement(results: Results) -> pd.DataFrame:
    """Per unit, book line (and ``result``) and year: the median over the runs in which the unit
    kept books that year, SEK a year, and how many runs that is (``unit``, ``line``, ``year``,
    ``median_sek``, ``runs``)."""
    books = results.books
    if books.empty:
        return pd.DataFrame(columns=["unit", "line", "year", "median_sek", "runs"])
    books = books.assign(year=books["month"].str[:4].astype(int),
                         signed=books["amount_ore"].where(books["kind"] == "revenue", -books["amount_ore"]))
    keys = ["seed", "unit", "year"]
    per_line = books.groupby([*keys, "line"], sort=False)["amount_ore"].sum().unstack("line", fill_value=0)
    per_line["result"] = books.groupby(keys, sort=False)["signed"].sum()
    long = per_line.stack().rename("ore").reset_index()
    out = long.groupby(["unit", "line", "year"], sort=False).agg(median_ore=("ore", "median"), runs=("seed", "nunique"))
    out["median_sek"] = out["median_ore"] / 100
    return out.drop(columns="median_ore").reset_index()


def statement_rows(results: Results, lang: str) -> Iterator[list[Any]]:
    """The income statement sheet's rows: a note, then per unit a heading, the years, its revenue
    lines, its cost lines and its result (lines that are zero every year are left out)."""
    table = yearly_statement(results)
    years = sorted(table["year"].unique())
    labels = unit_labels(results)
    yield [_("Median over the runs in which the unit kept books that year, SEK a year. The median of "
             "each line is taken on its own, so the lines do not add up to the median result.", lang)]
    for unit, rows in table.groupby("unit", sort=False):
        by_line = rows.pivot(index="line", columns="year", values="median_sek")
        runs = rows.groupby("year")["runs"].max()
        yield []
        yield [labels.get(str(unit), str(unit))]
        yield ["", *years]
        for title, lines in ((N_("Revenue"), REVENUE_LINES), (N_("Costs"), COST_LINES)):
            shown = [ln for ln in lines if ln in by_line.index and by_line.loc[ln].fillna(0).abs().sum() > 0]
            if shown:
                yield [_(title, lang)]
                for ln in shown:
                    yield ["  " + display(BOOK_LINES, ln, lang), *(_cell(by_line.loc[ln].get(y)) for y in years)]
        yield [_("Result", lang), *(_cell(by_line.loc["result"].get(y)) for y in years)]
        yield [_("Runs", lang), *(int(runs.get(y, 0)) for y in years)]


def _cell(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else round(float(value), 2)


def readme_rows(results: Results, lang: str) -> Iterator[list[Any]]:
    """The first sheet's rows: what the workbook holds, and the run's identity."""
    yield [_("The results of a centrumsim run", lang)]
    yield []
    for key, value in results.identity().items():
        yield [key, value if isinstance(value, (str, int, float)) else repr(value)]
    yield []
    yield [_(STATEMENT, lang), _("per unit and year: each book line and the result, median over the runs", lang)]
    for name in _tables(results):
        if name == "books_monthly":
            yield [name, _("the books: a row per run, month and unit, a column per book line, SEK", lang)]
        else:
            yield [name, _("the table of the file {name}.csv, its columns as there", lang, name=name)]


def _tables(results: Results) -> dict[str, pd.DataFrame]:
    return result_tables(results) | {"books_monthly": books_wide(results.books)}


def books_wide(books: pd.DataFrame) -> pd.DataFrame:
    """The books as a spreadsheet reads them: one row per seed, month and unit (with its
    operator), a column per book line in SEK (the CSV file's long table has a row per line: 17
    times the rows)."""
    keys = ["seed", "month", "unit", "operator"]
    if books.empty:
        return pd.DataFrame(columns=[*keys, *REVENUE_LINES, *COST_LINES])
    wide = books.pivot_table(index=keys, columns="line", values="amount_ore", aggfunc="sum", fill_value=0, sort=False)
    wide = wide.reindex(columns=[*REVENUE_LINES, *COST_LINES], fill_value=0) / 100
    return wide.reset_index().rename_axis(columns=None)


def write_workbook(fh: IO[bytes], results: Results, lang: str = "en") -> None:
    """Write the workbook to the binary file ``fh`` (openpyxl's write-only mode: rows streamed)."""
    from openpyxl import Workbook  # the [xlsx] extra, imported only to write

    book = Workbook(write_only=True)
    for title, rows in ((_(README, lang), readme_rows(results, lang)),
                        (_(STATEMENT, lang), statement_rows(results, lang))):
        sheet = book.create_sheet(title[:SHEET_NAME_MAX])
        for row in rows:
            sheet.append(row)
    run_id = results.identity()["run_id"]
    for name, frame in _tables(results).items():
        sheet = book.create_sheet(name[:SHEET_NAME_MAX])
        sheet.append(["run_id", *map(str, frame.columns)])
        columns = [[run_id] * len(frame), *(_cells(sheet, frame[c]) for c in frame.columns)]
        for cells in zip(*columns):
            sheet.append(cells)
    book.save(fh)


def _cells(sheet: Any, column: pd.Series) -> list[Any]:
    """A column's cells: numbers and text as Python's, missing values empty, and text that starts
    with ``=`` as text (never a formula)."""
    values = column.astype(object).where(column.notna(), None).tolist()
    if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
        return values
    from openpyxl.cell import WriteOnlyCell

    def text(value: Any) -> Any:
        if isinstance(value, str) and value.startswith("="):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            return cell
        return value

    return [text(v) for v in values]
