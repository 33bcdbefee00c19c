"""Does the model stay meaningful at scale? The main indicators at 1×, 4× and 25× the residents.

For each case, one run (seed 0 unless ``--seed``) of the scenario's horizon (``--years``), and a
row of per-capita figures: unrest events (in the area and displaced), events per 1,000 residents
a year, the mean fear, residents' visits per resident a year, outside visitors a day, the
enterprise's result per enterprise unit a year (SEK), and the wall time. The cases:

* ``1x``   — ``scenarios/klockaretorpet.toml`` as it is;
* ``4x``   — the same with ``area.residents`` and ``area.households`` × 4 (the centre unchanged; its
  area-wide counts stated for 1×: ``unrest.reference_residents`` = 5,800);
* ``25x``  — the same × 25 (the measurement of issue 22);
* ``145k`` — ``scenarios/scale_145k.toml``: residents, households, premises and units × 25.

    python experiments/scale_figures.py [--cases 1x,4x,25x,145k] [--years 10] [--seed 0]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from centrumsim import load_scenario  # noqa: E402
from centrumsim.model import CentreModel  # noqa: E402

BASE = ROOT / "scenarios" / "klockaretorpet.toml"
SCALED = ROOT / "scenarios" / "scale_145k.toml"


def case(name: str, years: int) -> Any:
    """The scenario of one case, with the horizon ``years``."""
    if name == "145k":
        sc = load_scenario(SCALED)
    else:
        f = int(name.rstrip("x"))
        sc = load_scenario(BASE)
        sc = sc.with_overrides({"area.residents": sc.area.residents * f, "area.households": sc.area.households * f,
                                "unrest.reference_residents": sc.area.residents})  # counts as stated for 1×
    return sc.with_overrides({"time.years": years})


def figures(name: str, years: int, seed: int) -> dict[str, float]:
    """One run's per-capita figures (see the module's docstring)."""
    sc = case(name, years)
    start = time.perf_counter()
    model = CentreModel(sc, rng=seed)
    out = model.run()
    wall = time.perf_counter() - start
    residents = float(out.monthly["residents"].mean())
    n_here = int(out.daily["events"].sum())
    n_units = sum(u["operator"] == "enterprise" for u in out.units)
    outside = float(out.daily["outside_day"].sum() + out.daily["outside_evening"].sum())
    resident_visits = float(out.daily["visitors_day"].sum() + out.daily["visitors_evening"].sum()) - outside
    return {
        "residents": residents,
        "events": float(n_here),
        "displaced": float(out.daily["displaced_events"].sum()),
        "events_per_1000_a_year": 1000.0 * n_here / residents / out.years,
        "mean_fear": float(out.daily["fear"].mean()),
        "visits_per_resident_a_year": resident_visits / residents / out.years,
        "outside_visitors_a_day": outside / out.daily["fear"].size,
        "result_per_unit_sek_a_year": float(out.monthly["result_sek"].sum()) / out.years / max(n_units, 1),
        "wall_s": wall,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", default="1x,4x,25x,145k")
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    cols = ("residents", "events", "displaced", "events_per_1000_a_year", "mean_fear", "visits_per_resident_a_year",
            "outside_visitors_a_day", "result_per_unit_sek_a_year", "wall_s")
    print("case  " + "  ".join(f"{c:>14.14}" for c in cols))
    for name in args.cases.split(","):
        row = figures(name, args.years, args.seed)
        print(f"{name:<5} " + "  ".join(f"{row[c]:14.4g}" for c in cols), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
