"""Pattern-oriented calibration: sample the uncertain parameters, keep what reproduces the patterns.

The uncertain parameters and their plausible ranges are listed in RANGES (each an assumption,
documented in docs/ODD.md §9). A Latin hypercube (scipy.stats.qmc) draws ``--samples`` points;
each point runs the pattern scenarios over ``--seeds`` seeds and is kept when every pattern meets
its required share, less one seed's worth of slack (as in tests/test_patterns.py: few seeds). Prints the table of samples with the patterns each met, writes it as CSV, and
reports the ranges of the kept points: the defaults in the scenarios should lie inside them
(docs/ODD.md §9 records a run and where the defaults fall).

    python experiments/calibrate.py [--samples 16] [--seeds 4] [--workers 2] [--out runs/calibration]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import qmc

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "experiments"))
sys.path.insert(0, str(ROOT))

import patterns  # noqa: E402
from centrumsim.analysis.runner import run_variants  # noqa: E402

# (dotted key, low, high): the parameters the patterns are most sensitive to
RANGES = [
    ("unrest.legitimacy", 0.74, 0.82),
    ("unrest.core_rate_multiplier", 10.0, 40.0),
    ("unrest.events_per_active_day", 0.00006, 0.0002),
    ("unrest.fear_per_event", 0.002, 0.01),
    ("unrest.est_ramp_years", 1.0, 4.0),
    ("footfall.outside_option_evening_factor", 2.0, 12.0),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", type=int, default=16)
    ap.add_argument("--seeds", type=int, default=4)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=2026, help="seed of the Latin hypercube")
    ap.add_argument("--out", default=str(ROOT / "runs" / "calibration"))
    args = ap.parse_args()
    sampler = qmc.LatinHypercube(d=len(RANGES), seed=args.seed)
    lows = np.array([r[1] for r in RANGES])
    highs = np.array([r[2] for r in RANGES])
    points = qmc.scale(sampler.random(args.samples), lows, highs)
    base = patterns.variants()
    rows = []
    for i, point in enumerate(points):
        overrides = {key: float(v) for (key, _, _), v in zip(RANGES, point)}
        # the history's 2013 legitimacy is set in history_base.toml; apply the sample to every variant
        variants = {name: sc.with_overrides(overrides) for name, sc in base.items()}
        results = run_variants(variants, args.seeds, args.workers)
        met = {f"p{p.number}": float(np.mean(p.check(results))) >= p.need - 1 / args.seeds - 1e-9
               for p in patterns.PATTERNS}
        rows.append({**overrides, **met, "all": all(met.values())})
        print(f"sample {i + 1:2d}/{len(points)}: {sum(met.values())} of {len(met)} patterns"
              + ("  kept" if all(met.values()) else ""), flush=True)
    table = pd.DataFrame(rows)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    table.to_csv(out / "calibration.csv", index=False)
    kept = table[table["all"]]
    print(f"\n{len(kept)} of {len(table)} samples reproduce all patterns.")
    for key, lo, hi in RANGES:
        if len(kept):
            print(f"  {key:42s} range [{lo:g}, {hi:g}]  kept [{kept[key].min():.4g}, {kept[key].max():.4g}]")
    print(f"\nwrote {out / 'calibration.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
