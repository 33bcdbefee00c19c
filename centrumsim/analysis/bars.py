"""Progress for the Python API: what a ``progress`` argument means, and a bar for notebooks.

Every call that runs many runs (``centrumsim.run``, ``compare``, ``breakeven``, ``sweep``, …)
takes ``progress``:

* ``None`` (the default): a bar in a notebook (Jupyter: an IPython kernel runs this), nothing
  in a script, a test or the page;
* ``True``: a bar anyway — ``tqdm.auto``'s widget in a notebook, text on the standard error
  elsewhere; ``False``: none;
* a callable (:data:`Progress`): called once per finished run, ``True`` when the run failed
  (the command line passes its own bar).
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

Progress = Callable[[bool], None]
"""A progress callback: called once per finished run with ``failed`` (True when the run raised)."""

ProgressArg = Progress | bool | None
"""What a ``progress`` argument takes: a :data:`Progress`, True or False, or None (a bar in a notebook)."""


def in_notebook() -> bool:
    """True when an IPython kernel (Jupyter, VS Code's notebooks) runs this code; IPython is
    never imported here, only asked if it already is."""
    ipython = sys.modules.get("IPython")
    shell = getattr(ipython, "get_ipython", lambda: None)() if ipython is not None else None
    return shell is not None and "IPKernelApp" in getattr(shell, "config", {})


def check_progress(progress: Any) -> None:
    """TypeError unless ``progress`` is None, a bool or a callable."""
    if not (progress is None or isinstance(progress, bool) or callable(progress)):
        raise TypeError(f"progress must be True, False, None or a callable (got {progress!r})")


@contextmanager
def reporting(progress: ProgressArg, total: int | None, label: str = "runs") -> Iterator[Progress]:
    """The :data:`Progress` callback for ``total`` runs (None: not known in advance) that
    ``progress`` asks for (see the module's text); a bar is closed when the block ends, also on
    an error."""
    check_progress(progress)
    if callable(progress) and not isinstance(progress, bool):
        yield progress
        return
    show = in_notebook() if progress is None else progress
    if not show or (total is not None and total <= 0):
        yield _silent
        return
    bar = _auto_bar(total, label)
    failed = 0

    def report(did_fail: bool = False) -> None:
        nonlocal failed
        if did_fail:
            failed += 1
            bar.set_postfix_str(f"failed={failed}", refresh=False)
        bar.update(1)

    try:
        yield report
    finally:
        bar.close()


def _silent(failed: bool = False) -> None:
    pass


def _auto_bar(total: int | None, label: str) -> Any:
    """``tqdm.auto``'s bar (a widget in a notebook that has ipywidgets, else text on the
    standard error), without tqdm's monitor thread (:func:`without_monitor`)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tqdm.auto's notice when a notebook lacks ipywidgets: it falls back to text
        from tqdm.auto import tqdm

    return without_monitor(tqdm)(total=total, desc=label, unit="run", leave=True)


def without_monitor(bar: type) -> type:
    """A tqdm bar class without tqdm's monitor thread: no thread in the parent when a process
    pool forks (which would also make the pool start from a fork server). Changes no setting
    of tqdm itself. The command line's bar and the notebook's both use it."""
    return type(bar.__name__, (bar,), {"monitor_interval": 0})
