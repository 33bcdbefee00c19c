"""A run's files — data and plots — into an output folder (the ``run`` command and
:func:`centrumsim.save` share this)."""

from __future__ import annotations

from pathlib import Path

from ..results import OutputFolder, Results, write_results
from ..results.writing import RUN_FORMATS, Format, check_format
from .language import check_lang

WORKBOOK = "results.xlsx"
"""The workbook a run writes with ``format="xlsx"``."""


def write_run(folder: OutputFolder, results: Results, lang: str = "en", fmt: Format = "csv",
              plots: bool = True) -> list[str]:
    """Write the summary, the tidy frames (CSV or Parquet) and (unless ``plots`` is false) the
    plot set of ``results`` in ``lang`` (the CSV files in its style: in Swedish, semicolons and
    decimal commas); returns the names."""
    ident = results.identity()
    if fmt == "xlsx":  # the summary, and the tables in one workbook
        from .workbook import write_workbook

        folder.write_json("summary.json", results.summary())
        folder.write(WORKBOOK, lambda fh: write_workbook(fh, results, lang))
        names = ["summary.json", WORKBOOK]
    else:
        names = write_results(folder, results, fmt, lang)
    if plots:  # the plotting library is imported only to draw
        from .plots import result_plots
        from .style import figure_png

        for name, fig in result_plots(results, lang=lang):
            folder.write_bytes(name, figure_png(fig, ident))
            names.append(name)
    return names


def save(results: Results, out: str | Path, lang: str = "en", overwrite: bool = False,
         format: Format = "csv", plots: bool = True) -> Path:
    """Write ``results`` to the folder ``out`` atomically, with ``manifest.json`` last; the
    tables as CSV, as Parquet (``format="parquet"``, needs pyarrow) or in one Excel workbook
    (``format="xlsx"``, needs openpyxl: :mod:`.workbook`), the plots, the CSV files' style and the
    workbook's words in ``lang`` ('en' or 'sv'; no plots with ``plots=False``).

    Refuses (:class:`~centrumsim.results.OutputError`) a folder that holds files unless
    ``overwrite`` is given and it holds an earlier result. Returns the folder.
    """
    if not isinstance(results, Results):
        raise TypeError(f"results must be centrumsim Results (got {type(results).__name__})")
    check_lang(lang)
    check_format(format, "format", RUN_FORMATS)
    with OutputFolder(out, overwrite=overwrite, label="out") as folder:
        write_run(folder, results, lang, format, plots)
        return folder.commit(results.identity(), "run")
