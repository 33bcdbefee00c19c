"""centrumsim — an agent-based simulation of a suburban neighbourhood centre run partly by a
non-profit social centre enterprise (Klockaretorpet, Norrköping).

    import centrumsim
    sc = centrumsim.load_scenario("scenarios/klockaretorpet.toml")
    res = centrumsim.run(sc, seeds=20, years=10)
    res.summary()        # the dict written to summary.json
    res.timeseries       # monthly series per seed (DataFrame)
    res.books            # the ledger: seed, month, unit, line, amount
"""

__version__ = "0.1.0"

from .scenario import Scenario, ScenarioError, load_scenario  # noqa: E402
from .model import CentreModel  # noqa: E402
from .results import Results  # noqa: E402
from .runner import run, run_one  # noqa: E402

__all__ = [
    "CentreModel", "Results", "Scenario", "ScenarioError", "__version__", "load_scenario", "run", "run_one",
]
