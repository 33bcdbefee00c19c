"""The catalogue against its own stated targets: visits a day and turnover of each unit kind.

Runs a scenario (default: the main one) for its first year over a few seeds, with no entrants
(so each kind meets the centre as the scenario sets it), and prints per unit its visits per open
day and its yearly turnover (sales + fees, SEK ex VAT) against the target the catalogue
(``centrumsim/scenario/data/unit_kinds.toml``) states for its kind. The targets are the
catalogue's own assumptions [A]; a kind's ``attraction`` is what was set to meet them.

    python experiments/turnover.py [scenario.toml] [--seeds 5] [--years 1]
    python experiments/turnover.py --fit [--rounds 6]

``--fit`` finds, by fixed-point iteration, the attraction of each kind that meets the middle of
its visits target: the kinds of the main scenario on it; it prints the attractions to write into
the catalogue. (The kinds only a prospect brings — retail shop, kiosk, takeaway — are set from
turnover per m² on the prospect's own estimate: docs/ODD.md §8.)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from centrumsim import load_scenario  # noqa: E402
from centrumsim.analysis import run_seeds as run  # noqa: E402
from centrumsim.model import Status  # noqa: E402
from centrumsim.model.ledger import LINE_INDEX  # noqa: E402

# kind → (visits per open day (low, high), turnover MSEK a year (low, high) or None): the
# catalogue's stated targets
TARGETS = {
    "cafe": ((45, 50), None),
    "gym": ((60, 90), None),  # ~330 members × 1 visit a week (membership), ~20–30 drop-ins
    "music_studio": ((10, 20), None),
    "fritidsbanken": ((25, 35), None),
    "grocery": ((250, 300), (11.0, 13.0)),
    "pizzeria": ((55, 60), None),
    "hairdresser": ((10, 12), None),
}


def measure(scenario_path: str, seeds: int, years: int, attraction: dict[str, float] | None = None,
            months: int | None = None) -> list[dict]:
    """Per unit of a kind with a target: visits per open day and turnover (MSEK a year), median
    over seeds, and the targets. ``attraction``: kind → attraction to use instead of the
    catalogue's (for units that do not set their own); ``months``: only the first months (before
    any tenant could have given up)."""
    sc = load_scenario(scenario_path).with_overrides({"time.years": years, "tenants.entry_attempts_per_year": 0})
    if attraction:
        sc = sc.with_overrides({f"units.{n}.attraction": attraction[u.kind] for n, u in sc.units.items()
                                if u.kind in attraction})
    res = run(sc, seeds=seeds)
    rows = []
    for u in res.runs[0].units:
        if u["kind"] not in TARGETS:
            continue
        per_seed_visits, per_seed_turnover = [], []
        for r in res.runs:
            j = [x["name"] for x in r.units].index(u["name"])
            spec = sc.units[u["name"]]
            open_months = r.status[:, j] == Status.OPEN.code
            if months is not None:
                open_months[months:] = False
            days_open = float(open_months.sum()) * 365.25 / 12 * (1.0 if spec.open_weekends else 5 / 7)
            visits = float(r.unit_visits[open_months, j].sum())
            col = r.ledger_names.index(u["name"])
            money = r.books[:, col, LINE_INDEX["sales"]] + r.books[:, col, LINE_INDEX["fees"]]
            per_seed_turnover.append(float(money[:months].sum()) / 100 / 1e6 / (r.years if months is None else months / 12))
            per_seed_visits.append(visits / days_open if days_open else float("nan"))
        (v_lo, v_hi), money_target = TARGETS[u["kind"]]
        rows.append({"unit": u["name"], "kind": u["kind"], "visits_per_open_day": float(np.median(per_seed_visits)),
                     "target_visits": f"{v_lo}–{v_hi}", "turnover_msek_per_year": float(np.median(per_seed_turnover)),
                     "target_msek": "" if money_target is None else f"{money_target[0]:g}–{money_target[1]:g}"})
    return rows


def fit(seeds: int, rounds: int) -> dict[str, float]:
    """Attractions per kind meeting the middle of each visits target (see the module's doc)."""
    main_sc = load_scenario(ROOT / "scenarios" / "klockaretorpet.toml")
    # not the kinds that sell memberships: their members' visits are membership's, their casual
    # draw (drop-ins) an assumption of its own
    where = {k: "klockaretorpet" for k in {u.kind for u in main_sc.units.values()}
             if k in TARGETS and k not in ("gym", "music_studio")}
    attraction = {k: float(main_sc.units[next(n for n, u in main_sc.units.items() if u.kind == k)].attraction)
                  for k in where}
    for i in range(rounds):
        realised: dict[str, list[float]] = {}
        for name in sorted(set(where.values())):
            for r in measure(str(ROOT / "scenarios" / f"{name}.toml"), seeds, 1, attraction, months=6):
                if where.get(r["kind"]) == name:
                    realised.setdefault(r["kind"], []).append(r["visits_per_open_day"])
        moves = []
        for kind, values in realised.items():
            lo, hi = TARGETS[kind][0]
            ratio = (lo + hi) / 2 / float(np.mean(values))
            attraction[kind] *= ratio ** 0.7  # damped: the kinds draw on one another
            moves.append(f"{kind} {float(np.mean(values)):.1f}")
        print(f"round {i + 1}: " + ", ".join(moves), flush=True)
    return attraction


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario", nargs="?", default=str(ROOT / "scenarios" / "klockaretorpet.toml"))
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--years", type=int, default=1)
    ap.add_argument("--fit", action="store_true", help="find the attractions that meet the targets")
    ap.add_argument("--rounds", type=int, default=6)
    args = ap.parse_args()
    if args.fit:
        for kind, a in sorted(fit(args.seeds, args.rounds).items()):
            print(f"{kind:14s} attraction = {a:.3f}")
        return 0
    rows = measure(args.scenario, args.seeds, args.years)
    print(f"{'unit':22s} {'kind':14s} {'visits/open day':>16s} {'target':>9s} {'MSEK/yr':>8s} {'target':>8s}")
    for r in rows:
        print(f"{r['unit']:22s} {r['kind']:14s} {r['visits_per_open_day']:16.1f} {r['target_visits']:>9s} "
              f"{r['turnover_msek_per_year']:8.2f} {r['target_msek']:>8s}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
