"""Benchmark of sweeps: decade runs of the main scenario through ``centrumsim sweep``'s machinery.

Prints one JSON object: runs per minute with 1 and 2 worker processes (and the speed-up), through
a local Dask cluster beside the process pool, and wall time and peak memory (the parent's and
the largest worker's resident set) for sweeps of 100 and 1,000 runs — memory should be flat, since
at most two runs per worker are in flight and each result is committed to the store at once.
Each measurement runs in a fresh process, so that peak memory is its own. Run:

    python experiments/sweep_bench.py            # ~8 minutes on two cores
    python experiments/sweep_bench.py --quick    # 20 and 100 runs, ~1.5 minutes

Speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE = (ROOT / "scenarios" / "klockaretorpet.toml").as_posix()


def sweep_text(runs: int, years: int) -> str:
    points = max(1, runs // 4)
    return (f'base = "{BASE}"\nyears = {years}\n[design]\nmethod = "lhs"\npoints = {points}\n'
            f'seeds_per_point = {runs // points}\nseed = 1\n'
            '[parameters."units.cafe.price_sek"]\nmin = 50\nmax = 70\n'
            '[outcomes]\nkeep = ["enterprise.result_sek_per_year", "centre.visitors_per_day"]\n')


def child(runs: int, workers: int, scheduler: str | None, years: int) -> None:
    """One measurement in this process: print wall time and peak memory as JSON."""
    from centrumsim.sweeps import load_sweep, sweep

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.toml"
        path.write_text(sweep_text(runs, years), encoding="utf-8")
        spec = load_sweep(path)
        t0 = time.perf_counter()
        if scheduler:
            from centrumsim.sweeps.cluster import dask_executor

            with dask_executor(scheduler, workers) as executor:
                # the cluster's start-up and each worker's first import are not the runs' time
                # (a process pool forks from this process, which has imported centrumsim already)
                warm = Path(tmp) / "warm.toml"
                warm.write_text(sweep_text(2 * workers, 1), encoding="utf-8")
                sweep(load_sweep(warm), out=Path(tmp) / "warm", executor=executor)
                t0 = time.perf_counter()
                frame = sweep(spec, out=Path(tmp) / "out", executor=executor)
        else:
            frame = sweep(spec, out=Path(tmp) / "out", workers=workers)
        wall = time.perf_counter() - t0
    assert len(frame) == runs and (frame["status"] == "done").all(), frame["status"].value_counts()
    print(json.dumps({"runs": runs, "workers": workers, "scheduler": scheduler or "processes", "wall_s": round(wall, 1),
                      "runs_per_minute": round(60 * runs / wall, 1),
                      "peak_rss_parent_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                      "peak_rss_largest_worker_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)}))


def measure(runs: int, workers: int, scheduler: str | None = None, years: int = 10) -> dict:
    cmd = [sys.executable, __file__, "--child", str(runs), str(workers), scheduler or "-", str(years)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="20 and 100 runs instead of 100 and 1,000")
    p.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        runs, workers, scheduler, years = args.child
        child(int(runs), int(workers), None if scheduler == "-" else scheduler, int(years))
        return
    small, large = (20, 100) if args.quick else (100, 1000)
    speed_runs = 12 if args.quick else 40
    one = measure(speed_runs, 1)
    two = measure(speed_runs, 2)
    dask = measure(speed_runs, 2, "local")
    at_small = measure(small, 2)
    at_large = measure(large, 2)
    print(json.dumps({
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "scenario": "scenarios/klockaretorpet.toml, 10 years per run",
        "runs_per_minute": {"1 worker": one["runs_per_minute"], "2 workers": two["runs_per_minute"],
                            "dask LocalCluster, 2 workers": dask["runs_per_minute"]},
        "speedup_1_to_2_workers": round(two["runs_per_minute"] / one["runs_per_minute"], 2),
        f"{large}_runs": {"wall_min": round(at_large["wall_s"] / 60, 2), **at_large},
        f"{small}_runs": at_small,
        "memory_flat": {"parent_mb": [at_small["peak_rss_parent_mb"], at_large["peak_rss_parent_mb"]],
                        "largest_worker_mb": [at_small["peak_rss_largest_worker_mb"],
                                              at_large["peak_rss_largest_worker_mb"]]},
    }, indent=2))


if __name__ == "__main__":
    main()
