"""A sweep's run store as frames, for Python (``centrumsim.sensitivity``, ``centrumsim.discover``,
``centrumsim.export``): the tables the commands of the same names write, each a DataFrame, with
what else they found in its ``attrs``. (Not in the package's ``__init__``: the submodules
:mod:`.sensitivity` and :mod:`.export` would shadow functions of their names there.)"""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def sensitivity(store: str | Path, outcome: str, method: str | None = None) -> pd.DataFrame:
    """The sensitivity indices of ``outcome`` (a summary path the sweep kept) in the run store in
    the folder ``store``: one row per parameter, most influential first — the table of
    ``centrumsim sensitivity`` (:class:`.sensitivity.Sensitivity`). ``frame.attrs`` holds the
    method, the samples, the warnings (one line each) and the analysis' identity. Raises
    :class:`~centrumsim.results.OutputError` (its lines) for a store or outcome it cannot use."""
    from .sensitivity import analyse_store

    sens, ident = analyse_store(store, outcome, method)
    frame = sens.table.copy()
    frame.attrs.update(method=sens.method, outcome=sens.outcome, samples=sens.samples,
                       warnings=list(sens.warnings), identity=ident)
    return frame


def discover(store: str | Path, outcome: str, threshold: float, above: bool = True, min_density: float = 0.8,
             mass_min: float = 0.05, box: int | None = None) -> pd.DataFrame:
    """Scenario discovery (PRIM, the ``[ema]`` extra) on the run store in the folder ``store``:
    the limits of the box of points whose mean ``outcome`` is above (``above=False``: below)
    ``threshold`` — the table of ``centrumsim discover`` (``box.csv``). ``frame.attrs`` holds the
    box's number, coverage and density, the peeling trajectory (a frame) and the analysis'
    identity. Raises :class:`~centrumsim.results.OutputError`."""
    from .discovery import discover_store

    disc, ident = discover_store(store, outcome, threshold, above, min_density, mass_min, box)
    frame = disc.limits.copy()
    frame.attrs.update(box=disc.chosen, coverage=disc.coverage, density=disc.density,
                       trajectory=disc.trajectory.copy(), identity=ident)
    return frame


def export(store: str | Path, series: bool = False) -> pd.DataFrame:
    """The sweep in the run store in the folder ``store`` as one tidy frame — a row per run, with
    its parameters, seed, status and kept outcomes (``series=True``: the kept monthly series, a
    row per run and month) — the table ``centrumsim export`` writes. Raises
    :class:`~centrumsim.results.OutputError`."""
    from ..results import OutputError
    from .export import runs_table, series_table
    from .points import open_sweep

    with open_sweep(store) as st:
        meta = st.meta()
        if not series:
            return runs_table(st.frame(), meta)
        if not meta.get("series"):
            raise OutputError(["series: this sweep kept no monthly series (outcomes.series in its sweep file)"])
        return series_table(st.series_frame(), meta)

