"""Writing a run's data files — the summary and the tidy frames — into an :class:`OutputFolder`
(:mod:`.folder`), the one place where files are written."""

from __future__ import annotations

import io
from typing import Iterable

import pandas as pd

from .folder import OutputFolder
from .results import Results

RESULT_FILES = ("summary.json", "timeseries_monthly.csv", "timeseries_daily.csv", "books_monthly.csv", "units.csv",
                "cross_subsidy_monthly.csv", "public_ledger_monthly.csv", "police_list.csv", "events.csv")


def write_csv(folder: OutputFolder, name: str, frame: pd.DataFrame, run_id: str | None = None) -> None:
    """A frame as CSV, with the run's id as its first column when given."""
    if run_id is not None:
        frame = frame.copy()
        frame.insert(0, "run_id", run_id)

    def fill(fh) -> None:
        text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
        frame.to_csv(text, index=False)
        text.flush()
        text.detach()

    folder.write(name, fill)


def write_results(folder: OutputFolder, results: Results) -> list[str]:
    """Write a run's data files (the summary and the tidy frames); returns their names."""
    run_id = results.identity()["run_id"]
    folder.write_json("summary.json", results.summary())
    frames: Iterable[tuple[str, pd.DataFrame]] = (
        ("timeseries_monthly.csv", results.timeseries),
        ("timeseries_daily.csv", results.daily),
        ("books_monthly.csv", results.books),
        ("units.csv", results.unit_table()),
        ("cross_subsidy_monthly.csv", results.cross_subsidy),
        ("public_ledger_monthly.csv", results.public_ledger),
        ("police_list.csv", results.police_list),
        ("events.csv", results.events),
    )
    for name, frame in frames:
        write_csv(folder, name, frame, run_id)
    return list(RESULT_FILES)
