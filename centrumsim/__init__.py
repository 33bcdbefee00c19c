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
``present`` (plots, text) → ``cli``. Importing centrumsim imports neither matplotlib nor the
command line, and changes no process-wide setting.
"""

from .version import __version__
from .scenario import Scenario, ScenarioError, load_scenario  # noqa: E402
from .model import CentreModel, RunOutput  # noqa: E402
from .results import Results  # noqa: E402
from .analysis import run, run_one  # noqa: E402



def save(results: Results, out, lang: str = "en", overwrite: bool = False):
    """Write ``results`` — summary, tidy frames, plots and ``manifest.json`` — to the folder
    ``out``, atomically; an earlier result is replaced only with ``overwrite=True``. (Imports
    the plotting layer on first use.)"""
    from .present.save import save as _save

    return _save(results, out, lang=lang, overwrite=overwrite)


__all__ = [
    "CentreModel", "Results", "RunOutput", "Scenario", "ScenarioError", "__version__", "load_scenario", "run",
    "run_one", "save",
]
