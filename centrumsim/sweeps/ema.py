"""centrumsim as an EMA Workbench model (the optional ``[ema]`` extra).

    from centrumsim.sweeps import load_sweep
    from centrumsim.sweeps.ema import ema_model
    from ema_workbench import perform_experiments
    model = ema_model(load_sweep("sweeps/small.toml"))
    experiments, outcomes = perform_experiments(model, 16)
    experiments["units__cafe__price_sek"], outcomes["centre__visitors_per_day"]

The sweep file's parameters become the model's uncertainties (whole-number scenario keys as
``IntegerParameter``), its outcomes ``ScalarOutcome``s. The Workbench wants names that are
Python identifiers (3.0 warns, later releases refuse), so each is named by :func:`ema_name` —
the dotted key with ``__`` for a dot and ``_`` for a dash, e.g. ``units__cafe__price_sek`` — and
carries the dotted key as its ``variable_name``, which is what the model function receives and
returns. Each
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
        overrides = {k: round(v) if self.integer.get(k) else float(v) for k, v in values.items()
                     if k in self.integer}
        rows = [collected(run_job, Job(0, r, seed, overrides, self.base, self.keep))
                for r, seed in enumerate(self.seeds)]
        done = [row["outcomes"] for row in rows if row["status"] == "done"]
        return {k: (math.fsum(o[k] for o in done) / len(done)) if done else math.nan for k in self.keep}


def ema_name(key: str) -> str:
    """The Workbench's name for a dotted scenario key or summary path: ``.`` → ``__``, ``-`` → ``_``
    (``units.cafe.price_sek`` → ``units__cafe__price_sek``)."""
    return key.replace(".", "__").replace("-", "_")


def _names(keys: tuple[str, ...]) -> dict[str, str]:
    names = {key: ema_name(key) for key in keys}
    clash = sorted({n for n in names.values() if list(names.values()).count(n) > 1})
    if clash or not all(n.isidentifier() for n in names.values()):
        raise ValueError(f"these keys have no distinct Python name for the EMA Workbench: "
                         f"{[k for k, n in names.items() if n in clash or not n.isidentifier()]}")
    return names


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
    par, out = _names(tuple(spec.names)), _names(tuple(spec.outcomes))

    def uncertainty(n: str) -> Any:
        lo, hi = spec.parameters[n].bounds()
        if integer[n]:
            return IntegerParameter(par[n], int(lo), int(hi), variable_name=n)
        return RealParameter(par[n], lo, hi, variable_name=n)

    model.uncertainties = [uncertainty(n) for n in spec.names]
    model.outcomes = [ScalarOutcome(out[k], variable_name=k) for k in spec.outcomes]
    return model
