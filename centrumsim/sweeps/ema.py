"""centrumsim as an EMA Workbench model (the optional ``[ema]`` extra).

    from centrumsim.sweeps import load_sweep
    from centrumsim.sweeps.ema import ema_model
    from ema_workbench import perform_experiments
    model = ema_model(load_sweep("sweeps/small.toml"))
    experiments, outcomes = perform_experiments(model, 16)

The sweep file's parameters become the model's uncertainties (whole-number scenario keys as
``IntegerParameter``), its outcomes ``ScalarOutcome``s named by their summary paths. Each
experiment runs ``seeds_per_point`` replicates with the sweep's seeds (common random numbers,
as in ``centrumsim sweep``) and returns their mean; a run that fails gives NaN.
"""

from __future__ import annotations

import math
from typing import Any

from ..scenario import Scenario
from .design import run_seed
from .outcomes import Job, collected, run_job
from .spec import SweepSpec


class Evaluate:
    """The model function: parameter values (by dotted key) → mean outcomes over replicates.
    A picklable object, so that the Workbench's multiprocessing evaluator can ship it."""

    def __init__(self, base: Scenario, keep: tuple[str, ...], integer: dict[str, bool], seeds: list[int]):
        self.base, self.keep, self.integer, self.seeds = base, keep, integer, seeds

    def __call__(self, **values: Any) -> dict[str, float]:
        overrides = {k: int(round(v)) if self.integer.get(k) else float(v) for k, v in values.items()
                     if k in self.integer}
        rows = [collected(run_job, Job(0, r, seed, overrides, self.base, self.keep)) for r, seed in enumerate(self.seeds)]
        done = [row["outcomes"] for row in rows if row["status"] == "done"]
        return {k: (sum(o[k] for o in done) / len(done)) if done else math.nan for k in self.keep}


def ema_model(spec: SweepSpec, name: str = "centrumsim") -> Any:
    """An ``ema_workbench.Model`` over the sweep's parameters and outcomes (ranged parameters
    only: min and max)."""
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # it warns when ipyparallel, which we do not use, is missing
            from ema_workbench import IntegerParameter, Model, RealParameter, ScalarOutcome
    except ImportError:
        raise ImportError('the EMA Workbench is not installed; pip install -e ".[ema]"') from None
    unranged = [n for n in spec.names if spec.parameters[n].min is None or spec.parameters[n].max is None]
    if unranged:
        raise ValueError(f"the EMA Workbench needs a min and max for every parameter (not for {unranged})")
    seeds = [run_seed(spec.design.seed, r) for r in range(spec.design.seeds_per_point)]
    integer = dict(zip(spec.names, spec.integer))
    model = Model(name, function=Evaluate(spec.base, spec.outcomes, integer, seeds))
    model.uncertainties = [
        IntegerParameter(n, int(spec.parameters[n].min), int(spec.parameters[n].max)) if integer[n]
        else RealParameter(n, spec.parameters[n].min, spec.parameters[n].max) for n in spec.names]
    model.outcomes = [ScalarOutcome(k) for k in spec.outcomes]
    return model
