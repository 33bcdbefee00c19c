"""A progress bar for long commands: runs done of the total, failures and the time left, on
the standard error (never the standard output), and only when someone is watching.

    from centrumsim.present.progress import ProgressBar, progress_enabled

    with ProgressBar(len(jobs), "run", enabled=progress_enabled(args.quiet)) as bar:
        outputs = run_many(jobs, workers, progress=bar)

The bar is a :data:`centrumsim.analysis.runner.Progress` callback; any code that runs many runs
can call it once per finished run.
"""

from __future__ import annotations

import io
import os
import sys
from types import TracebackType
from typing import TextIO

from tqdm import tqdm

from ..analysis.bars import without_monitor

_Tqdm = without_monitor(tqdm)


def _size(stream: TextIO) -> tuple[int, int]:
    """Columns and lines of the terminal ``stream`` writes to; 0 when it has none."""
    try:
        size = os.get_terminal_size(stream.fileno())
        return size.columns, size.lines
    except (AttributeError, ValueError, OSError, io.UnsupportedOperation):
        return 0, 0


def progress_enabled(quiet: bool, stream: TextIO | None = None) -> bool:
    """True when a bar should show: not ``quiet`` and ``stream`` (default: the standard error
    at the time of the call) is a terminal. A closed or odd stream counts as no terminal."""
    if quiet:
        return False
    stream = sys.stderr if stream is None else stream
    try:
        return bool(stream is not None and not getattr(stream, "closed", False) and stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


class ProgressBar:
    """Runs done of ``total``, failures (``failed=N`` after the counts, in this stage) and the
    time left (tqdm's estimate), labelled ``label``, written to ``stream`` (default: the
    standard error when the bar is made).

    * ``ProgressBar(total, label, enabled)`` shows the bar at once (a ``total`` of 0 shows
      nothing until :meth:`stage`); ``enabled=False`` makes a bar that counts but writes
      nothing — pass ``progress_enabled(args.quiet)``.
    * ``bar()`` after each run that finished, ``bar(True)`` (or ``bar(failed=True)``) after one
      that failed: the bar is a ``Progress`` callback for ``run``, ``run_many``,
      ``run_variants`` and the analyses.
    * ``bar.stage(label, total)`` finishes the current bar (it stays on its line) and starts a
      new one, for work done in stages whose size is known only when the stage starts.
    * ``with ProgressBar(...) as bar:`` closes the bar at the end, also on an error or Ctrl-C;
      otherwise call ``bar.close()``.

    ``done`` and ``failed`` count the runs reported over all stages.
    """

    def __init__(self, total: int, label: str = "runs", enabled: bool = True, stream: TextIO | None = None) -> None:
        self.enabled = bool(enabled)
        self.stream = sys.stderr if stream is None else stream
        self.label = label
        self.total = int(total)
        self.done = 0
        self.failed = 0
        self._stage_failed = 0
        self._bar: tqdm | None = None
        self._open()

    def _open(self) -> None:
        if self.enabled and self.total > 0:
            # follow the terminal's size; one that says it has none (some pseudo-terminals, where
            # tqdm would print nothing) gets 80 columns and 20 rows
            sized = min(_size(self.stream)) > 0
            self._bar = _Tqdm(total=self.total, desc=self.label, unit="run", file=self.stream, miniters=1,
                              ncols=None if sized else 80, nrows=None if sized else 20, dynamic_ncols=sized,
                              leave=True, postfix="failed=0")

    def __call__(self, failed: bool = False) -> None:
        """Count one finished run (``failed``: it raised)."""
        self.done += 1
        if failed:
            self.failed += 1
            self._stage_failed += 1
        if self._bar is not None:
            if failed:
                self._bar.set_postfix_str(f"failed={self._stage_failed}", refresh=False)
            self._bar.update(1)

    def stage(self, label: str, total: int) -> None:
        """Finish the current bar and start one of ``total`` runs labelled ``label``."""
        self.close()
        self.label, self.total, self._stage_failed = label, int(total), 0
        self._open()

    def close(self) -> None:
        """Finish the bar (it stays on its line); calling it again does nothing."""
        if self._bar is not None:
            bar, self._bar = self._bar, None
            bar.close()

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
