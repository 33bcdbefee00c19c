"""Benchmark: what the model costs, in one command, printing every figure the speed issue names.

    python experiments/bench.py [--repeat 5] [--full]

* the import: ``import numpy``, ``import centrumsim.model`` and ``import centrumsim.cli`` in fresh
  interpreters (median of 5);
* a decade of the main scenario on one core (median of ``--repeat`` seeds after a warm-up);
* Mesa's own loop: 5,800 trivial agents stepped by ``shuffle_do`` (one year, scaled to a decade),
  and the decade's speed as a multiple of it;
* a plain-numpy floor of the model's own draws: one uniform per resident, daypart and day against
  the model's visit chances of the first day, and a unit for each visitor — the decade as a
  multiple of it;
* the scaling exponent: a decade at 1× and at 25× the residents (``scenarios/scale_145k.toml``);
* 1,000 decade runs on 2 workers (``--full``; else 100, scaled by ten and marked so);
* the main job end to end, ``centrumsim run`` (20 seeds; and over the assumptions with ``--full``);
* the test suite's two tiers (``--full`` only: about ten minutes).

Speed is measured here, never asserted in tests. Peak memory is the process's max RSS.
"""

from __future__ import annotations

import argparse
import math
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
MAIN = ROOT / "scenarios" / "klockaretorpet.toml"
SCALE = ROOT / "scenarios" / "scale_145k.toml"


def timed(cmd: list[str], repeat: int = 1) -> float:
    """Median wall time of a command run in a fresh process (raises if it fails)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def import_times() -> tuple[float, float, float]:
    """Seconds to import numpy alone, and centrumsim.model and the command line beyond it
    (fresh interpreters)."""
    base = timed([sys.executable, "-c", "import numpy"], 5)
    model = timed([sys.executable, "-c", "import numpy, centrumsim.model"], 5)
    cli = timed([sys.executable, "-c", "import numpy, centrumsim.cli"], 5)
    return base, model - base, cli - base


def decade(path: Path, seeds: list[int]) -> tuple[list[float], object]:
    """Wall time of a decade for each seed (one core), and the last model."""
    from centrumsim import CentreModel, load_scenario

    sc = load_scenario(path).with_years(10)
    times, model = [], None
    for seed in seeds:
        model = CentreModel(sc, rng=seed)
        t0 = time.perf_counter()
        model.run()
        times.append(time.perf_counter() - t0)
    return times, model


def mesa_loop(n_agents: int = 5_800, days: int = 365) -> float:
    """Seconds for Mesa to step ``n_agents`` trivial agents once a day for a decade (``days``
    measured, scaled to 3,652)."""
    import mesa

    class Trivial(mesa.Agent):
        def step(self) -> None:
            self.n = getattr(self, "n", 0) + 1

    model = mesa.Model(rng=1)
    for _ in range(n_agents):
        Trivial(model)
    t0 = time.perf_counter()
    for _ in range(days):
        model.agents.shuffle_do("step")
    return (time.perf_counter() - t0) * 3652 / days


def numpy_floor(model: object) -> float:
    """Seconds for plain numpy to draw a decade of the model's resident visits: per day and
    daypart one float32 uniform per row against the visit chance of the model's first day (its
    kind of day), then one unit per visitor by its group's cumulative shares."""
    fv = model.footfall  # type: ignore[attr-defined]
    cal = model.calendar  # type: ignore[attr-defined]
    rng = np.random.default_rng(1)
    p = {key: fv._p[key] for key in fv._p}  # the model's own chances (private: an experiment)
    cum = {key: np.cumsum(fv._a[key], axis=1) / fv._a[key].sum(axis=1, keepdims=True) for key in fv._a}
    group = fv.group
    t0 = time.perf_counter()
    booked = 0
    for t in range(cal.n_days):
        w = int(cal.weekend[t])
        for d in (0, 1):
            key = (d, w)
            if key not in cum:
                continue
            who = np.flatnonzero(rng.random(p[key].size, dtype=np.float32) < p[key])
            c = cum[key][group[who]]
            unit = (c < rng.random(who.size)[:, None]).sum(axis=1)
            booked += int(np.bincount(unit).sum())
    return time.perf_counter() - t0


def many_runs(n_runs: int, workers: int = 2) -> float:
    """Seconds for ``n_runs`` decade runs of the main scenario on ``workers`` processes."""
    from centrumsim import load_scenario
    from centrumsim.analysis.runner import run_many

    sc = load_scenario(MAIN).with_years(10)
    t0 = time.perf_counter()
    run_many([(sc, s) for s in range(n_runs)], workers)
    return time.perf_counter() - t0


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=5, help="seeds for the decade's median")
    p.add_argument("--full", action="store_true", help="1,000 runs, the run over assumptions and the test suite")
    args = p.parse_args()
    rows: list[tuple[str, str]] = []

    def say(what: str, figure: str) -> None:
        rows.append((what, figure))
        print(f"{what:<58} {figure}", flush=True)

    base, model_s, cli_s = import_times()
    say("import numpy (fresh interpreter, median of 5)", f"{base:.3f} s")
    say("import centrumsim.model beyond numpy", f"{model_s:.3f} s")
    say("import centrumsim.cli (every command) beyond numpy", f"{cli_s:.3f} s")

    decade(MAIN, [999])  # warm-up
    times, model = decade(MAIN, list(range(args.repeat)))
    med = statistics.median(times)
    rec = model.record  # type: ignore[attr-defined]
    days_per_month = np.bincount(model.calendar.month)  # type: ignore[attr-defined]
    resident_days = int((rec.monthly["residents"] * days_per_month).sum())
    say(f"decade, main scenario, median of {args.repeat} (best)", f"{med:.3f} s ({min(times):.3f} s)")
    say("resident-days per second", f"{resident_days / med / 1e6:.1f} M")

    mesa_s = mesa_loop()
    say("Mesa's loop, 5,800 trivial agents, a decade (1 year × 10)", f"{mesa_s:.2f} s")
    say("decade as a multiple of Mesa's loop (faster by)", f"{mesa_s / med:.1f}×")
    floor = numpy_floor(model)
    say("numpy floor of the model's draws, a decade", f"{floor:.3f} s")
    say("decade / numpy floor", f"{med / floor:.2f}×")

    if SCALE.exists():
        t1 = statistics.median(decade(MAIN, [0, 1, 2])[0])
        big_times, big = decade(SCALE, [0])
        n1 = int(model.record.monthly["residents"][0])  # type: ignore[attr-defined]
        n25 = int(big.record.monthly["residents"][0])  # type: ignore[attr-defined]
        exponent = math.log(big_times[0] / t1) / math.log(n25 / n1)
        say(f"decade at {n25:,} residents ({SCALE.name})", f"{big_times[0]:.2f} s")
        say(f"scaling exponent, {n1:,} → {n25:,} residents", f"{exponent:.2f}")
    else:
        say("scale_145k", "no scenarios/scale_145k.toml")

    n_runs = 1000 if args.full else 100
    secs = many_runs(n_runs) * (1000 / n_runs)
    say("1,000 decade runs, 2 workers" + ("" if args.full else " (100 measured, ×10)"), f"{secs:.0f} s")

    with tempfile.TemporaryDirectory() as out:
        cli = [sys.executable, "-m", "centrumsim", "run", str(MAIN), "-q", "--out"]
        fixed = timed([*cli, str(Path(out) / "fixed"), "--fixed"])
        say("main job: centrumsim run --fixed (20 seeds × 10 years)", f"{fixed:.1f} s")
        if args.full:
            say("main job: centrumsim run (over the assumptions)", f"{timed([*cli, str(Path(out) / 'all')]):.1f} s")
    if args.full:
        pytest = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
        say("test suite, fast tier (pytest -m 'not slow')", f"{timed([*pytest, '-m', 'not slow']):.0f} s")
        say("test suite, whole (pytest)", f"{timed(pytest):.0f} s")
    say("peak memory (max RSS of this process)", f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
