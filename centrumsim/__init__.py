"""centrumsim — an agent-based simulation of a suburban neighbourhood centre run partly by a
non-profit social centre enterprise (Klockaretorpet, Norrköping).

    import centrumsim
    sc = centrumsim.load_scenario("scenarios/klockaretorpet.toml")
    res = centrumsim.run(sc, seeds=20, years=10)
    res.summary()        # the dict written to summary.json
    res.timeseries       # monthly series per seed (DataFrame)
    res.books            # the ledger: seed, month, unit, line, amount
    centrumsim.save(res, "runs/my-run", lang="sv")   # files, plots and manifest.json

The package is layered, each layer importing only those below it: ``scenario`` (files → a
validated Scenario) → ``model`` (CentreModel and one module per mechanism) → ``results`` (tidy
frames, the summary, writing files) → ``analysis`` (replications, compare, break-even) →
``present`` (plots, text) → ``cli``. The names below are imported when first used, so
``import centrumsim`` is quick, imports no plotting library and changes no process-wide setting.
"""

from __future__ import annotations

import importlib
from typing import Any

from . import accessors as _accessors
from .version import __version__

_EXPORTS = {
    "Scenario": "scenario", "ScenarioError": "scenario", "load_scenario": "scenario",
    "CentreModel": "model", "RunOutput": "model", "Results": "results",
    "run": "analysis", "run_one": "analysis", "Workers": "analysis", "save": "present.save",
    "sweep": "sweeps", "load_sweep": "sweeps", "sensitivity": "sweeps.frames", "discover": "sweeps.frames",
    "export": "sweeps.frames",
}
_SUBPACKAGES = ("scenario", "model", "results", "analysis", "sweeps", "present")

__all__ = ["CentreModel", "Results", "RunOutput", "Scenario", "ScenarioError", "Workers", "__version__", "discover",
           "export", "load_scenario", "load_sweep", "run", "run_one", "save", "sensitivity", "sweep"]


def _plots(results: Any) -> Any:
    """``Results.plot``: the plots of these results for a notebook (imported when first used)."""
    from .present.notebook import Plots

    return Plots(results)


_accessors.register("plot", _plots)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    elif name in _SUBPACKAGES:
        value = importlib.import_module(f".{name}", __name__)
    else:
        raise AttributeError(f"module 'centrumsim' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__) | set(_SUBPACKAGES))
