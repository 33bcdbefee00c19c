"""Benchmark: one seed of the shipped scenario over 10 years on one core.

Prints wall time, resident-days per second and peak memory. Run:
    python experiments/bench.py [scenario.toml] [--repeat N] [--years Y]
Speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from pathlib import Path

import numpy as np

from centrumsim import CentreModel, load_scenario

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("scenario", nargs="?", default=str(ROOT / "scenarios" / "klockaretorpet.toml"))
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--years", type=int, default=10)
    args = p.parse_args()
    sc = load_scenario(args.scenario).with_years(args.years)
    CentreModel(sc, rng=999).run()  # warm-up (imports, caches)
    times, resident_days = [], 0
    for seed in range(args.repeat):
        model = CentreModel(sc, rng=seed)
        t0 = time.perf_counter()
        out = model.run()
        times.append(time.perf_counter() - t0)
        # residents living in the area each month × that month's days
        days_per_month = np.bincount(model.calendar.month)
        resident_days = int((out.monthly["residents"] * days_per_month).sum())
    best, med = min(times), statistics.median(times)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"scenario: {sc.name} ({args.scenario})")
    print(f"residents: {int(out.monthly['residents'][0])} at the start, {int(out.monthly['residents'][-1])} at the end; "
          f"days: {model.calendar.n_days}; resident-days per run: {resident_days:,}")
    print(f"runs: {args.repeat} seeds; wall time per {args.years}-year run: median {med:.3f} s, best {best:.3f} s")
    print(f"resident-days per second: median {resident_days / med / 1e6:.1f} M, best {resident_days / best / 1e6:.1f} M")
    print(f"peak memory (process max RSS): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
