"""The answer over the uncertainty of its assumptions as well as chance.

``run(scenario)`` draws the scenario's uncertain assumptions (:mod:`centrumsim.scenario.assumptions`)
in a Latin hypercube of ``draws`` points (:func:`.sampling.lhs_points`, the sweeps' sampler),
runs each draw ``replicates`` times with seeds of its own, and runs the scenario at its assumed
values over ``seeds`` (today's chance-only figure; ``fixed=True`` runs only these). The returned
:class:`~centrumsim.results.Results` hold the drawn runs, so every band of the summary spans
assumptions and chance, and carry the facts of its ``uncertainty`` section:

- ``p_break_even`` over assumptions and chance: the share of drawn runs that break even; its
  interval is the 5–95 % of that share over draws resampled with replacement (a draw's
  replicates stay together; a fixed bootstrap seed, so the same answer every time), never
  narrower than Wilson's 90 % over the draws (at 0 % or 100 % the bootstrap cannot see further);
- ``p_break_even_chance_only`` at the assumed values, with its Wilson 90 % interval;
- ``chance_share``: the mean variance of the yearly result between a draw's replicates (chance
  alone, the assumptions held) over the variance of all drawn runs;
- ``drivers``: each assumption's share of that variance by its linear effect — squared
  standardised regression coefficients of one least-squares fit of the draws' mean results on
  all assumptions at once (Saltelli et al. 2008, *Global Sensitivity Analysis: The Primer*,
  §1.2.5), with the fit's R² (``drivers_r2``: how much of the draws' spread is linear in the
  assumptions), each share with its 5–95 % over the draws resampled (``share_interval``: with
  ~100 draws and ~36 assumptions a share is pinned down only roughly). Chosen because it needs
  no design of its own (a Saltelli design would take
  N(D+2) runs for D ≈ 30 assumptions) and, fitting all assumptions jointly, is far less noisy
  at ~100 draws than a per-assumption variance-based estimator (the correlation ratio summed to
  1.4 of the variance there); the shares add up with the chance share to about the whole when
  the answer is near-linear, and the rest (1 − R²) is what it misses: thresholds and
  interactions.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..model import RunOutput
from ..results import Results
from ..results.measures import enterprise_result_sek
from ..results.uncertainty import chance_only, wilson
from ..scenario import Scenario
from ..scenario.assumptions import CATALOGUE, Uncertain, uncertain
from .bars import ProgressArg
from .runner import Workers, checked, run_many, seed_list
from .sampling import lhs_points

DRAWS = 96
"""Futures drawn over the assumptions by default (with 2 replicates: 192 runs)."""
REPLICATES = 2
DESIGN_SEED = 2022
JOINT_SLACK = 10  # draws beyond the assumptions' count that one joint fit needs, else one fit each
BOOTSTRAP = 2000
DRIVER_BOOTSTRAP = 200  # refits for the drivers' intervals (each a least-squares fit)
BOOTSTRAP_SEED = 2021
METHOD = ("Latin hypercube over the assumptions' ranges, each draw run with seeds of its own; drivers: "
          "shares of variance by squared standardised regression coefficients")


def planned_runs(scenario: Scenario, seeds: Any, draws: int = DRAWS, replicates: int = REPLICATES,
                 fixed: bool = False) -> int:
    """How many runs :func:`run` makes of ``scenario`` (no futures when it leaves nothing uncertain)."""
    n = len(seed_list(seeds))
    return n if fixed or not uncertain(scenario) else n + draws * replicates


def run(
    scenario: Scenario | str | Path,
    seeds: int | Iterable[int] = 20,
    years: int | None = None,
    overrides: Mapping[str, Any] | None = None,
    workers: int | Workers | None = None,
    progress: ProgressArg = None,
    fixed: bool = False,
    draws: int = DRAWS,
    replicates: int = REPLICATES,
) -> Results:
    """Run ``scenario`` over its assumptions and chance (see the module); ``fixed=True``: over
    ``seeds`` at the assumed values only (as before issue 21). ``seeds``, ``years``,
    ``overrides``, ``workers`` and ``progress`` as in :func:`.runner.run`; ``draws`` ≥ 2 and
    ``replicates`` ≥ 2 size the design. Results are the same for any number of workers."""
    for name, value, low in (("draws", draws, 2), ("replicates", replicates, 2)):
        if not fixed and (isinstance(value, bool) or not isinstance(value, int) or value < low):
            raise ValueError(f"{name} must be a whole number >= {low} (got {value!r})")
    sc, seed_values, workers = checked(scenario, seeds, years, overrides, workers)
    fut = None if fixed else futures(sc, draws, replicates)  # None also when everything is fixed
    if fut is None:
        return Results(sc, run_many([(sc, s) for s in seed_values], workers, progress))
    return fut.results(sc, run_many(fut.all_jobs(sc, seed_values), workers, progress), seed_values)


@dataclass(frozen=True)
class Futures:
    """Plausible futures of a scenario: the uncertain assumptions, one row of values per draw
    (``x``) and the seeds of each draw's replicates (``seeds[i, j]``)."""

    ranged: tuple[Uncertain, ...]
    x: np.ndarray
    seeds: np.ndarray

    @property
    def replicates(self) -> int:
        return self.seeds.shape[1]

    def overrides(self, i: int) -> dict[str, Any]:
        """The dotted overrides of draw ``i``."""
        return overrides_at(list(self.ranged), self.x[i])

    def jobs(self, sc: Scenario) -> list[tuple[Scenario, int]]:
        """(scenario, seed) per future, draw by draw: ``sc`` at each draw's values — the same
        futures for every scenario given (a mix, a lever value: common random numbers)."""
        out = []
        for i in range(len(self.x)):
            drawn = sc.with_overrides(self.overrides(i))
            out += [(drawn, int(s)) for s in self.seeds[i]]
        return out

    def all_jobs(self, sc: Scenario, seeds: list[int]) -> list[tuple[Scenario, int]]:
        """``sc`` over ``seeds`` at the assumed values, then over the futures (:meth:`results`)."""
        return [(sc, s) for s in seeds] + self.jobs(sc)

    def results(self, sc: Scenario, outputs: list[RunOutput], seeds: list[int]) -> Results:
        """:class:`Results` over the futures, with the uncertainty facts, from the outputs of
        :meth:`all_jobs`."""
        at_assumed, drawn = outputs[:len(seeds)], outputs[len(seeds):]
        return Results(sc, drawn, self.facts(drawn, at_assumed, seeds))

    def facts(self, drawn: list[RunOutput], at_assumed: list[RunOutput], chance_seeds: list[int]) -> dict[str, Any]:
        """The summary's ``uncertainty`` facts from the futures' runs and the runs at the
        assumed values, with the design that identifies them."""
        years = drawn[0].years
        y = np.array([enterprise_result_sek(r) / years for r in drawn]).reshape(self.seeds.shape)
        out = analyse(list(self.ranged), self.x, y, at_assumed)
        columns = [f"{u.name} (factor)" if u.scale else u.name for u in self.ranged]
        out["futures"] = [{"draw": i, "replicate": j, "seed": int(self.seeds[i, j]),
                           **{c: float(v) for c, v in zip(columns, self.x[i])},
                           "result_sek_per_year": float(y[i, j]), "breaks_even": bool(y[i, j] >= 0)}
                          for i, j in np.ndindex(*self.seeds.shape)]
        out["design"] = self.design() | {"chance_only_seeds": chance_seeds}
        return out

    def design(self) -> dict[str, Any]:
        """What identifies the futures: their count, replicates, design seed and ranges."""
        return {"draws": len(self.x), "replicates": self.replicates, "seed": DESIGN_SEED,
                "ranges": {u.name: [u.low, u.high] for u in self.ranged}}


def futures(sc: Scenario, draws: int = DRAWS, replicates: int = REPLICATES,
            leave: Sequence[str] = ()) -> Futures | None:
    """The futures of ``sc`` (None when it leaves nothing uncertain); assumptions that set one of
    the ``leave`` keys (a lever being sought) are not drawn."""
    ranged = [u for u in uncertain(sc) if not set(u.keys) & set(leave)]
    if not ranged:
        return None
    return Futures(tuple(ranged), design(ranged, draws), draw_seeds(draws, replicates))


def design(ranged: list[Uncertain], draws: int) -> np.ndarray:
    """The draws: one row per future, one column per uncertain assumption (a factor for a
    scaled one). One Latin hypercube over the whole catalogue, each assumption its own column,
    scaled to the range a scenario gives it: two scenarios (a break-even mix, a goal seek that
    leaves the lever out, the scenarios of a report) draw the same futures for what they share —
    common random numbers. A whole-number key takes each of its values with equal weight."""
    unit = lhs_points(np.array([[0.0, 1.0]] * len(CATALOGUE)), draws, np.random.default_rng(DESIGN_SEED))
    column = {name: j for j, name in enumerate(CATALOGUE)}
    x = np.empty((draws, len(ranged)))
    for j, u in enumerate(ranged):
        v = unit[:, column[u.name]]
        x[:, j] = (np.minimum(np.floor(u.low + v * (u.high - u.low + 1)), u.high) if u.whole
                   else u.low + v * (u.high - u.low))
    return x


def draw_seeds(draws: int, replicates: int) -> np.ndarray:
    """Seed of replicate j of draw i, from ``SeedSequence(DESIGN_SEED, spawn_key=(i, j))``: every
    run a future of its own, and any run can be re-run alone."""
    return np.array([[int(np.random.SeedSequence(DESIGN_SEED, spawn_key=(i, j)).generate_state(1, np.uint32)[0])
                      for j in range(replicates)] for i in range(draws)])


def overrides_at(ranged: list[Uncertain], row: np.ndarray) -> dict[str, Any]:
    """The dotted overrides of one draw."""
    out: dict[str, Any] = {}
    for u, v in zip(ranged, row):
        out |= u.overrides(float(v))
    return out


def analyse(ranged: list[Uncertain], x: np.ndarray, y: np.ndarray, at_assumed: list[RunOutput]) -> dict[str, Any]:
    """The facts of the summary's ``uncertainty`` section (see the module) from the yearly
    results of the futures ``y[draw, replicate]`` and the runs at the assumed values."""
    ok = y >= 0  # the accumulated result and its yearly mean have one sign
    boot = np.random.default_rng(BOOTSTRAP_SEED).integers(0, len(ok), size=(BOOTSTRAP, len(ok)))
    p_boot = ok[boot].mean(axis=(1, 2))
    # at 0 % or 100 % the bootstrap has nothing to resample: no narrower than Wilson's over the draws
    floor = wilson(round(float(ok.mean()) * len(ok)), len(ok))
    interval = [min(float(np.quantile(p_boot, 0.05)), floor[0]), max(float(np.quantile(p_boot, 0.95)), floor[1])]
    total, chance = variance_split(y)
    shares, r2, slopes = linear_shares(x, y.mean(axis=1), total)
    low, high = share_intervals(x, y, boot[:DRIVER_BOOTSTRAP])
    drivers: list[dict[str, Any]] = []
    for j, u in enumerate(ranged):
        drivers.append({"key": u.name, "label": u.label, "share": float(shares[j]),
                        "share_interval": [float(low[j]), float(high[j])],
                        "direction": "up" if u.helps_when_higher(slopes[j]) else "down",
                        "assumed": u.describe_assumed() if len(u.keys) == 1 else None,
                        "low": u.low, "high": u.high, "scale": u.scale})
    drivers.sort(key=lambda d: -d["share"])
    by_chance = chance_only(at_assumed)
    return {
        "assumptions_drawn": True,
        "method": METHOD,
        "runs": int(y.size),
        "p_break_even_interval": interval,
        **{k: by_chance[k] for k in ("p_break_even_chance_only", "p_break_even_chance_only_interval",
                                     "result_sek_per_year_chance_only")},
        "chance_share": min(1.0, chance / total) if total > 0 else 1.0,
        "drivers": drivers,
        "drivers_r2": r2,
        "assumptions": [{"key": u.name, "label": u.label, "keys": list(u.keys), "scale": u.scale, "low": u.low,
                         "high": u.high, "assumed": u.assumed, "inside": u.inside(), "reason": u.reason,
                         "history_match": u.history_match}
                        for u in ranged],
    }


def share_intervals(x: np.ndarray, y: np.ndarray, picks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """5–95 % of each driver's share over the draws resampled (``picks``: rows of draw indices;
    a draw's replicates together): how far ~100 draws pin a share down."""
    shares = []
    for rows in picks:
        total, _chance = variance_split(y[rows])
        shares.append(linear_shares(x[rows], y[rows].mean(axis=1), total)[0])
    q = np.quantile(np.array(shares), [0.05, 0.95], axis=0) if shares else np.zeros((2, x.shape[1]))
    return q[0], q[1]


def variance_split(y: np.ndarray) -> tuple[float, float]:
    """(total, chance) of results ``y[draw, replicate]``: the variance over every run, and the
    mean variance between a draw's replicates (chance alone, the assumptions held)."""
    return float(np.var(y, ddof=1)), float(np.mean(np.var(y, axis=1, ddof=1)))


def linear_shares(x: np.ndarray, ybar: np.ndarray, total: float) -> tuple[np.ndarray, float, np.ndarray]:
    """Each assumption's share of ``total`` (the variance of one run's result) that its linear
    effect explains: β_j² · Var(x_j) / total from one least-squares fit of the draws' mean
    results on every assumption at once (squared standardised regression coefficients), the
    fit's R² and the coefficients β (their signs: which way helps). Near-independent columns
    (a Latin hypercube) make the shares add up. With fewer draws than the assumptions need for
    one fit (a break-even search's, the page's), each assumption is fitted alone: the same
    share for independent inputs, noisier, and no R² (NaN)."""
    n, d = x.shape
    if total <= 0 or n < 3:
        return np.zeros(d), 0.0, np.zeros(d)
    sd = x.std(axis=0, ddof=1)
    sd[sd == 0] = 1.0
    if n < d + 2 + JOINT_SLACK:  # too few draws for one fit of every assumption: each on its own (noisier)
        z = (x - x.mean(axis=0)) / sd
        beta = z.T @ (ybar - ybar.mean()) / (n - 1)
        return beta ** 2 / total, math.nan, beta
    z = (x - x.mean(axis=0)) / sd
    design_ = np.column_stack([np.ones(n), z])
    beta, *_ = np.linalg.lstsq(design_, ybar, rcond=None)
    fitted = design_ @ beta
    r2 = 1.0 - float(np.sum((ybar - fitted) ** 2)) / float(np.sum((ybar - ybar.mean()) ** 2) or 1.0)
    return beta[1:] ** 2 / total, r2, beta[1:]
