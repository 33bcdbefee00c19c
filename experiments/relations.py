"""The economic relations of issue 10, measured on the shipped scenarios and printed as tables:

    python experiments/relations.py income      # area income and its trend → sales, tenants' exits (main scenario)
    python experiments/relations.py prospects   # a prospect's estimate against the incumbent's result (main scenario)
    python experiments/relations.py decline     # what drives the 2013–2016 decline (decline_2013, drivers off one by one)
    python experiments/relations.py demand      # issue 20: members and lettings (main scenario)
    python experiments/relations.py mechanisms  # issue 20's relation table: each mechanism, changed one at a time

The price hump is `centrumsim prices scenarios/klockaretorpet.toml --unit cafe`. Figures are
measured here, never asserted in tests (the tests check the directions).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from centrumsim import CentreModel, load_scenario
from centrumsim.analysis import run_seeds as run
from centrumsim.model.ledger import result
from centrumsim.model.prospects import expected_result_sek

ROOT = Path(__file__).resolve().parents[1]
MAIN = ROOT / "scenarios" / "klockaretorpet.toml"


def income(seeds: int, workers: int) -> None:
    sc0 = load_scenario(MAIN).with_years(5)
    print(f"main scenario, {seeds} seeds × 5 years; sales in the first year (MSEK), share of months open, exits/year")
    for label, over in [("area income 0.50", {"area.income_rel_national_median": 0.50}),
                        ("area income 0.65 (as shipped)", {}),
                        ("area income 0.80", {"area.income_rel_national_median": 0.80}),
                        ("0.65, falling 5 %/year", {"area.income_trend_share_per_year": -0.05})]:
        res = run(sc0.with_overrides(over), seeds=seeds, workers=workers)
        b = res.books
        first = b[(b.line == "sales") & b.month.astype(str).str.startswith(str(sc0.time.start_date.year))]
        sales = first.groupby("unit")["amount_sek"].sum() / seeds / 1e6
        s = res.summary()
        share = {u["name"]: u["share_of_months_open"] for u in s["units"]}
        units = ("livs", "pizzeria", "frisor", "cafe")
        print(f"  {label:30s} sales " + "  ".join(f"{u} {sales.get(u, 0):5.2f}" for u in units)
              + " | open " + "  ".join(f"{u} {share[u]:4.0%}" for u in units)
              + f" | exits/yr {s['market']['exits_per_year']['median']:.2f}"
              + f" | enterprise SEK/yr {s['enterprise']['result_sek_per_year']['median']:,.0f}", flush=True)


def prospects(seeds: int) -> None:
    sc = load_scenario(MAIN).with_years(1).with_overrides({"tenants.entry_attempts_per_year": 0})
    names = ("livs", "frisor", "pizzeria", "cafe", "gym", "studio")
    print("a prospect like the incumbent, on its premises, estimating in April; the incumbent's realised "
          "month (kSEK, the months it was open throughout)")
    print(f"  {'unit':9s} {'seed':>4s} {'estimate':>9s} {'realised':>9s} {'diff':>7s}")
    for seed in range(seeds):
        model = CentreModel(sc, rng=seed)
        est = {}
        while model.running:
            model.step()
            if model.month == 3 and model.calendar.month_end[model.day]:
                view = model.outlook()
                for n in names:
                    u = model.unit_by_name[n]
                    est[n] = expected_result_sek(view, u.spec, u.premises, u.rent_discount, replacing=u.index)
        out = model.output()
        for n in names:
            st = out.status[:, [u["name"] for u in out.units].index(n)]
            whole = (st == 0) & (np.concatenate([[0], st[:-1]]) == 0)
            real = result(out.books[whole, out.ledger_names.index(n), :]).mean() / 100
            print(f"  {n:9s} {seed:4d} {est[n] / 1000:9.1f} {real / 1000:9.1f} {100 * (est[n] - real) / abs(real):+6.1f}%")


def decline(seeds: int, workers: int) -> None:
    sc = load_scenario(ROOT / "scenarios" / "decline_2013.toml")
    print(f"decline_2013, {seeds} seeds: tenants' notices per run, vacancy and events (median)")
    off = {"unrest.legitimacy": 1.0, "area.income_trend_share_per_year": 0.0, "footfall.vitality_weight": 0.0}
    cases = [("as shipped", {}), ("no unrest (legitimacy 1)", {"unrest.legitimacy": 1.0}),
             ("no income fall", {"area.income_trend_share_per_year": 0.0}),
             ("no vacancy drag", {"footfall.vitality_weight": 0.0}), ("all three off", off)]
    for label, over in cases:
        res = run(sc.with_overrides(over), seeds=seeds, workers=workers)
        notices = [sum(1 for *_, why in r.changes if why == "notice") for r in res.runs]
        c = res.summary()["centre"]
        print(f"  {label:26s} notices {np.mean(notices):.2f} (min {min(notices)}, max {max(notices)})"
              f"  vacancy {c['vacancy_rate']['median']:.0%}  events/yr {c['unrest_events_per_year']['median']:.1f}",
              flush=True)


def _members(sc, seed: int) -> tuple[dict[str, float], float]:
    """Mean paying members per membership unit over the run's months, and the mean club-active share."""
    model = CentreModel(sc, rng=seed)
    totals: dict[str, float] = {}
    months = 0
    while model.running:
        model.step()
        if model.calendar.month_end[model.day]:
            months += 1
            for u in model.units:
                if u.spec.member_share_at_door > 0:
                    totals[u.name] = totals.get(u.name, 0.0) + u.members
    share = float(model.output().monthly["club_active_share"].mean())
    return {k: v / months for k, v in totals.items()}, share


def demand(seeds: int, workers: int) -> None:
    sc = load_scenario(MAIN)
    print(f"main scenario, seeds 0–{seeds - 1} × {sc.time.years} years (common seeds); medians over seeds")
    print("members (paying, mean over months) and club-active children 6–19:")
    more = {"area.residents": 7000, "area.households": 2473}
    for label, over in [("as shipped", {}), ("residents 7 000 (+21 %)", more),
                        ("gym fee × 1.5 (375 SEK)", {"units.gym.membership_fee_sek_per_month": 375}),
                        ("club fee × 3 (195 SEK)", {"units.idrottens_hus.membership_fee_sek_per_month": 195})]:
        rows = [_members(sc.with_overrides(over), seed) for seed in range(seeds)]
        med = {k: float(np.median([r[0].get(k, 0.0) for r in rows])) for k in rows[0][0]}
        print(f"  {label:26s} " + "  ".join(f"{k} {v:6.1f}" for k, v in med.items())
              + f"  club-active {np.median([r[1] for r in rows]):.1%}", flush=True)
    print("lettings: entries per run over the horizon (kinds), vacancy (median)")
    held = {"tenants.vacant_rent_cut_share_per_year": 0.0}
    for label, over in [("as shipped", {}), ("asking rents held (no cut)", held),
                        ("only the kinds it has", {"tenants.entry_kinds": ["pizzeria", "hairdresser", "grocery"]}),
                        ("hurdle 15 000 (before)", {"tenants.entry_hurdle_sek_per_month": 15_000})]:
        res = run(sc.with_overrides(over), seeds=seeds, workers=workers)
        kinds: dict[str, int] = {}
        for r in res.runs:
            for _, unit, _, why in r.changes:
                if why == "entered":
                    kinds[unit.split("@")[0]] = kinds.get(unit.split("@")[0], 0) + 1
        c = res.summary()["centre"]
        print(f"  {label:28s} entries/run {sum(kinds.values()) / seeds:4.2f} {kinds}  vacancy "
              f"{c['vacancy_rate']['median']:.0%}  enterprise SEK/yr "
              f"{res.summary()['enterprise']['result_sek_per_year']['median']:,.0f}", flush=True)


def _row(sc, over: dict, seeds: int, workers: int) -> dict[str, float]:
    """One line of the mechanisms table: medians over common seeds 0…seeds−1."""
    res = run(sc.with_overrides(over), seeds=seeds, workers=workers)
    start = sc.time.start_date
    s = res.summary()
    b = res.books
    per_run = []
    for r in res.runs:
        mine = b[b.seed == r.seed]
        sales = mine[(mine.line == "sales") & (mine.unit == "cafe")]["amount_sek"].sum()
        first: dict[tuple[str, str], int] = {}
        for month, unit, _, why in r.changes:
            y, m = (int(x) for x in month.split("-"))
            first.setdefault((unit, why), 12 * (y - start.year) + m - start.month)
        names = [u["name"] for u in r.units]
        tenants = [u["name"] for u in r.units if u["operator"] == "commercial"]
        lacks = sum(1 for _, unit, _, why in r.changes
                    if why == "entered" and unit.split("@")[0] in ("kiosk", "retail_shop", "takeaway"))
        cut = [first[(u, "hours cut")] for u in tenants if (u, "hours cut") in first]
        notice = [first[(u, "notice")] for u in tenants if (u, "notice") in first]
        cafe = names.index("cafe")
        open_months = max(1, int((r.status[:, cafe] == 0).sum()))
        per_run.append({
            "cafe_sales": sales / r.years, "cafe_sales_open_month": sales / open_months,
            "cafe_visits_open_month": float(r.unit_visits[r.status[:, cafe] == 0, cafe].sum()) / open_months,
            "cafe_open_share": open_months / r.status.shape[0],
            "lacking_kind_entries": lacks, "tenants_cut": len(cut), "tenants_notice": len(notice),
            "first_cut_month": min(cut) if cut else np.nan, "first_notice_month": min(notice) if notice else np.nan,
            "cut_before_notice": all((u, "hours cut") in first and first[(u, "hours cut")] < m
                                     for (u, why), m in first.items() if why == "notice" and u in tenants)})
    med = {k: float(np.nanmedian([p[k] for p in per_run])) if any(np.isfinite(p[k]) for p in per_run)
           else float("nan") for k in per_run[0]}
    c, pub = s["centre"], s["public"]
    entered = sum(1 for r in res.runs for *_, why in r.changes if why == "entered")
    return med | {"entries_all_runs": entered,
        "club_active": c["club_active_share"]["median"], "vacancy": c["vacancy_rate"]["median"],
        "entries": s["market"]["entries_per_year"]["median"], "exits": s["market"]["exits_per_year"]["median"],
        "events": c["unrest_events_per_year"]["median"], "result": s["enterprise"]["result_sek_per_year"]["median"],
        "public_gross": pub["cost_sek_per_year"]["median"],
        "public_incr": pub["incremental_cost_sek_per_year"]["median"],
        "public_unrest": pub["unrest_cost_sek_per_year"]["median"],
        "cut_before_notice_share": float(np.mean([p["cut_before_notice"] for p in per_run]))}


def mechanisms(seeds: int, workers: int) -> None:
    """Issue 20's Done-when: one mechanism changed at a time against the shipped main scenario."""
    sc = load_scenario(MAIN)
    cafe_price = sc.units["cafe"].price_sek
    grant = sc.enterprise.grant_sek_per_month
    base = _row(sc, {}, seeds, workers)
    print(f"main scenario, common seeds 0–{seeds - 1} × {sc.time.years} years; medians over seeds "
          "(as shipped → changed)", flush=True)

    def line(relation: str, over: dict, keys: tuple[tuple[str, str, str], ...]) -> None:
        r = _row(sc, over, seeds, workers)
        print(f"  {relation}", flush=True)
        for key, label, fmt in keys:
            print(f"      {label:44s} {format(base[key], fmt):>12s} → {format(r[key], fmt):>12s}", flush=True)

    more = {"area.residents": 7000, "area.households": 2473}
    print("  residents 5 800 → 7 000: more members (paying members, mean over the months; gym and studio "
          "count 0 once paused)", flush=True)
    a, b = ([_members(sc.with_overrides(over), seed) for seed in range(seeds)] for over in ({}, more))
    for unit in a[0][0]:
        print(f"      {unit:44s} {np.median([r[0][unit] for r in a]):12,.0f} → "
              f"{np.median([r[0][unit] for r in b]):12,.0f}", flush=True)
    print(f"      {'club-active children 6–19':44s} {np.median([r[1] for r in a]):12.1%} → "
          f"{np.median([r[1] for r in b]):12.1%}", flush=True)
    line("entry kinds: those it lacks as well (shipped) → only those it has: no missing kind enters",
         {"tenants.entry_kinds": ["pizzeria", "hairdresser", "grocery"]},
         (("lacking_kind_entries", "entries of a kiosk, shop or takeaway / run", ".1f"),
          ("entries", "entries per year", ".2f"), ("vacancy", "vacancy", ".1%")))
    line("vacant asking rents cut 20 %/yr → held: fewer lettings",
         {"tenants.vacant_rent_cut_share_per_year": 0.0},
         (("entries_all_runs", "entries, all runs together", "d"), ("entries", "entries per year", ".2f"),
          ("vacancy", "vacancy", ".1%")))
    line("vacant asking rents cut 20 %/yr → 40 %/yr: more lettings",
         {"tenants.vacant_rent_cut_share_per_year": 0.4},
         (("entries_all_runs", "entries, all runs together", "d"), ("entries", "entries per year", ".2f"),
          ("vacancy", "vacancy", ".1%")))
    legit = sc.unrest.legitimacy
    for leg in (0.70, 0.85):
        line(f"legitimacy {legit} → {leg}: {'more' if leg < legit else 'less'} unrest",
             {"unrest.legitimacy": leg},
             (("events", "events per year", ",.1f"), ("public_gross", "public cost, gross, SEK/yr", ",.0f"),
              ("public_incr", "public cost, incremental, SEK/yr", ",.0f"),
              ("public_unrest", "public cost of unrest, SEK/yr", ",.0f")))
    line(f"café price {cafe_price:.0f} → {1.5 * cafe_price:.0f} SEK (× 1.5): lower sales",
         {"units.cafe.price_sek": 1.5 * cafe_price},
         (("cafe_sales_open_month", "café sales a month it is open, SEK", ",.0f"),
          ("cafe_visits_open_month", "café visits a month it is open", ",.0f"),
          ("cafe_open_share", "share of months the café is open", ".0%"),
          ("cafe_sales", "café sales, SEK/yr (open or not)", ",.0f")))
    line(f"enterprise grant {grant:,.0f} → {2 * grant:,.0f} SEK/month (× 2): a better result",
         {"enterprise.grant_sek_per_month": 2 * grant},
         (("result", "enterprise result, SEK/yr", ",.0f"),))
    line("area income 0.65 → 0.50: hours cut before exits",
         {"area.income_rel_national_median": 0.50},
         (("tenants_cut", "tenants that cut hours / run", ".1f"),
          ("first_cut_month", "month of the first cut (0 = the first)", ".0f"),
          ("tenants_notice", "tenants giving notice / run", ".1f"),
          ("first_notice_month", "month of the first notice", ".0f"),
          ("cut_before_notice_share", "runs where every leaver cut first", ".0%"),
          ("result", "enterprise result, SEK/yr", ",.0f")))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("table", choices=("income", "prospects", "decline", "demand", "mechanisms"))
    p.add_argument("--seeds", type=int, default=None, help="default: 6 (income), 3 (prospects), 8 (decline)")
    p.add_argument("--workers", type=int, default=2)
    a = p.parse_args()
    if a.table == "income":
        income(a.seeds or 6, a.workers)
    elif a.table == "prospects":
        prospects(a.seeds or 3)
    elif a.table == "demand":
        demand(a.seeds or 6, a.workers)
    elif a.table == "mechanisms":
        mechanisms(a.seeds or 6, a.workers)
    else:
        decline(a.seeds or 8, a.workers)


if __name__ == "__main__":
    main()
