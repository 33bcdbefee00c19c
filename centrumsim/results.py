"""Results of many seeds: tidy frames, the summary dict, files and plots.

``Results.summary()`` is exactly what ``summary.json`` holds. Quantile triples are
``{"p05", "median", "p95"}`` over seeds. Break-even: the enterprise's accumulated operating
result over the horizon is ≥ 0 (grants and subsidies count as income, starting capital does not).
Solvent: its cash never fell below minus the overdraft limit.
"""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import __version__
from .enterprise import CENTRAL
from .ledger import LINES, N_REVENUE, result
from .model import DAILY_SERIES, RunOutput
from .scenario import AGE_BANDS, Scenario
from .units import OPEN, STATUSES


def quantiles(values: Any) -> dict[str, float]:
    """{p05, median, p95} of ``values`` over seeds; seeds where it is undefined (NaN) are left out."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if v.size == 0:
        return {"p05": float("nan"), "median": float("nan"), "p95": float("nan")}
    p05, med, p95 = np.percentile(v, [5, 50, 95])
    return {"p05": float(p05), "median": float(med), "p95": float(p95)}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return None if not np.isfinite(value) else float(value)
    if isinstance(value, (str, int, bool)) or value is None:
        return value
    return str(value)


def police_list_flags(meets: list[bool], exit_years: int) -> list[bool]:
    """On the list in a year that meets the criteria; once on, off only from the year after
    ``exit_years`` consecutive years that did not."""
    out, on, good = [], False, 0
    for m in meets:
        if m:
            on, good = True, 0
        else:
            if on and good >= exit_years:
                on = False
            good += 1
        out.append(on)
    return out


def fano_factor(counts: np.ndarray) -> float:
    """Variance / mean of counts (1 for a Poisson process; > 1 = bursty). NaN if the mean is 0."""
    counts = np.asarray(counts, dtype=float)
    mean = counts.mean() if counts.size else 0.0
    return float(counts.var(ddof=1) / mean) if mean > 0 and counts.size > 1 else float("nan")


def share_top_actors(run: RunOutput, top_share: float = 0.02) -> float:
    """Share of a run's events caused by the most active ``top_share`` of young residents
    (NaN when there were no events)."""
    actors = run.events["actor"][~run.events["displaced"]]
    if actors.size == 0 or run.n_youth == 0:
        return float("nan")
    counts = np.sort(np.bincount(actors))[::-1]
    top = max(1, int(np.ceil(top_share * run.n_youth)))
    return float(counts[:top].sum() / counts.sum())


class Results:
    """The outputs of one scenario over several seeds."""

    def __init__(self, scenario: Scenario, runs: list[RunOutput]):
        if not runs:
            raise ValueError("no runs")
        self.scenario = scenario
        self.runs = runs

    @property
    def seeds(self) -> list[int]:
        return [r.seed for r in self.runs]

    @property
    def years(self) -> float:
        return self.runs[0].years

    # ------------------------------------------------------------------ per-seed figures
    def _enterprise_cols(self, run: RunOutput) -> list[int]:
        ops = {u["name"]: u["operator"] for u in run.units}
        return [i for i, n in enumerate(run.ledger_names) if n == CENTRAL or ops.get(n) == "enterprise"]

    def enterprise_result_sek(self) -> np.ndarray:
        """Accumulated operating result over the horizon, SEK, per seed."""
        return np.array(
            [result(r.books[:, self._enterprise_cols(r), :]).sum() / 100 for r in self.runs]
        )

    def unit_table(self) -> pd.DataFrame:
        """One row per (seed, unit): contribution SEK/year, share of months open, visits/day."""
        rows = []
        for r in self.runs:
            res = result(r.books)  # [month, col]
            col = {n: i for i, n in enumerate(r.ledger_names)}
            days = r.years * 365.25
            for j, u in enumerate(r.units):
                rows.append({
                    "seed": r.seed, **u,
                    "contribution_sek_per_year": res[:, col[u["name"]]].sum() / 100 / r.years,
                    "share_of_months_open": float((r.status[:, j] == STATUSES.index(OPEN)).mean()),
                    "visits_per_day": r.unit_visits[:, j].sum() / days,
                    "posts_work_integration": float(
                        self.scenario_unit_posts(u) * (r.status[:, j] == STATUSES.index(OPEN)).mean()),
                })
        return pd.DataFrame(rows)

    def scenario_unit_posts(self, unit: dict) -> int:
        """Work-integration posts of a unit as set in the scenario (entrants: none)."""
        spec = self.scenario.units.get(unit["name"])
        return spec.work_integration_posts if spec is not None else 0

    # ------------------------------------------------------------------ tidy frames
    @cached_property
    def timeseries(self) -> pd.DataFrame:
        """Monthly series per seed (one row per seed and month)."""
        frames = []
        for r in self.runs:
            df = pd.DataFrame(r.monthly)
            df.insert(0, "month", list(r.month_labels))
            df.insert(0, "seed", r.seed)
            frames.append(df)
        return pd.concat(frames, ignore_index=True)

    @cached_property
    def daily(self) -> pd.DataFrame:
        """Daily series per seed (one row per seed and day)."""
        frames = []
        for r in self.runs:
            n = r.daily[DAILY_SERIES[0]].size
            dates = pd.date_range(r.start_date, periods=n, freq="D")
            df = pd.DataFrame({k: r.daily[k] for k in DAILY_SERIES})
            df.insert(0, "date", dates)
            df.insert(0, "seed", r.seed)
            frames.append(df)
        return pd.concat(frames, ignore_index=True)

    @cached_property
    def books(self) -> pd.DataFrame:
        """The ledger: one row per seed, month, unit and non-zero line; ``amount_ore`` exact,
        ``amount_sek`` for reading; revenue lines positive, cost lines positive too (``kind``
        says which)."""
        frames = []
        for r in self.runs:
            months, cols, lines = np.nonzero(r.books)
            ops = {u["name"]: u["operator"] for u in r.units} | {CENTRAL: "enterprise"}
            names = np.array(r.ledger_names, dtype=object)
            amounts = r.books[months, cols, lines]
            frames.append(pd.DataFrame({
                "seed": r.seed,
                "month": np.array(r.month_labels, dtype=object)[months],
                "unit": names[cols],
                "operator": [ops[n] for n in names[cols]],
                "line": np.array(LINES, dtype=object)[lines],
                "kind": np.where(lines < N_REVENUE, "revenue", "cost"),
                "amount_ore": amounts,
                "amount_sek": amounts / 100,
            }))
        return pd.concat(frames, ignore_index=True)

    @cached_property
    def cross_subsidy(self) -> pd.DataFrame:
        """Who carried whom inside the enterprise: one row per seed, month, carrier and carried
        unit, the amount of the carrier's surplus that covered the carried unit's deficit."""
        rows = [
            {"seed": r.seed, "month": r.month_labels[m], "year": int(r.month_labels[m][:4]),
             "carrier": a, "carried": b, "amount_ore": amount, "amount_sek": amount / 100}
            for r in self.runs for m, a, b, amount in r.flow_rows
        ]
        columns = ["seed", "month", "year", "carrier", "carried", "amount_ore", "amount_sek"]
        return pd.DataFrame(rows, columns=columns)

    def cross_subsidy_by_year(self) -> pd.DataFrame:
        """Yearly who-carries-whom table: median over seeds of SEK carried, per year, carrier
        and carried unit (seeds where a pair did not occur count as zero)."""
        cs = self.cross_subsidy
        if cs.empty:
            return pd.DataFrame(columns=["year", "carrier", "carried", "median_sek"])
        per_seed = cs.groupby(["seed", "year", "carrier", "carried"])["amount_sek"].sum().unstack("seed")
        per_seed = per_seed.reindex(columns=self.seeds, fill_value=0.0).fillna(0.0)
        return per_seed.median(axis=1).rename("median_sek").reset_index()

    @cached_property
    def events(self) -> pd.DataFrame:
        """Unrest events: seed, date, type, actor (resident row), damage, target unit."""
        frames = []
        for r in self.runs:
            e = r.events
            start = np.datetime64(r.start_date, "D")
            names = np.array([u["name"] for u in r.units] + [""], dtype=object)
            frames.append(pd.DataFrame({
                "seed": r.seed,
                "date": start + e["day"].astype("timedelta64[D]"),
                "type": np.array(r.event_types, dtype=object)[e["type"]] if e.size else [],
                "actor": e["actor"],
                "damage_sek": e["damage_ore"] / 100,
                "target_unit": names[e["unit"]] if e.size else [],
                "daypart": np.where(e["daypart"] == 0, "day", "evening") if e.size else [],
                "displaced": e["displaced"],
            }))
        return pd.concat(frames, ignore_index=True)

    # ------------------------------------------------------------------ summary
    def summary(self) -> dict[str, Any]:
        """The summary dict (the contents of ``summary.json``)."""
        sc = self.scenario
        ent_present = self.runs[0].has_enterprise
        enterprise: dict[str, Any] = {"name": sc.enterprise.name, "present": ent_present}
        if ent_present:
            total = self.enterprise_result_sek()
            min_cash = np.array([r.min_cash_ore / 100 for r in self.runs])
            overdraft = np.array([r.overdraft_ore / 100 for r in self.runs])
            enterprise |= {
                "p_break_even": float((total >= 0).mean()),
                "p_solvent": float((min_cash >= -overdraft).mean()),
                "result_sek_per_year": quantiles(total / self.years),
                "min_cash_sek": quantiles(min_cash),
                "end_cash_sek": quantiles([r.monthly["cash_sek"][-1] for r in self.runs]),
                "cross_subsidy": self._cross_subsidy(),
            }
        else:
            enterprise |= {
                "p_break_even": None, "p_solvent": None, "result_sek_per_year": None,
                "min_cash_sek": None, "end_cash_sek": None, "cross_subsidy": {},
            }
        table = self.unit_table()
        units = []
        for name, grp in table.groupby("name", sort=False):
            n_missing = len(self.runs) - len(grp)  # entrants that did not appear in every seed
            contrib = list(grp["contribution_sek_per_year"]) + [0.0] * n_missing
            share = list(grp["share_of_months_open"]) + [0.0] * n_missing
            visits = list(grp["visits_per_day"]) + [0.0] * n_missing
            posts = list(grp["posts_work_integration"]) + [0.0] * n_missing
            first = grp.iloc[0]
            units.append({
                "name": name, "label": first["label"], "kind": first["kind"],
                "operator": first["operator"], "premises": first["premises"],
                "contribution_sek_per_year": quantiles(contrib),
                "share_of_months_open": float(np.mean(share)),
                "visits_per_day": quantiles(visits),
                "posts_work_integration": quantiles(posts),
                "share_of_seeds_present": len(grp) / len(self.runs),
            })
        centre = {
            "visitors_per_day": quantiles(
                [(r.daily["visitors_day"] + r.daily["visitors_evening"]).mean() for r in self.runs]),
            "visitors_per_evening": quantiles([r.daily["visitors_evening"].mean() for r in self.runs]),
            "unrest_events_per_year": quantiles([r.daily["events"].sum() / r.years for r in self.runs]),
            "safety_index": quantiles([r.monthly["safety_index"].mean() for r in self.runs]),
            "vacancy_rate": quantiles([r.monthly["vacancy_rate"].mean() for r in self.runs]),
            "activities_per_year": quantiles([r.monthly["activities"].sum() / r.years for r in self.runs]),
            "guard_cost_sek_per_year": quantiles([r.monthly["guard_cost_sek"].sum() / r.years for r in self.runs]),
            "share_events_top_actors": quantiles([share_top_actors(r) for r in self.runs]),
            "unrest_by_type": {
                name: quantiles([(r.events["type"][~r.events["displaced"]] == i).sum() / r.years for r in self.runs])
                for i, name in enumerate(self.runs[0].event_types)
            },
            "burstiness": quantiles([fano_factor(r.monthly["events"]) for r in self.runs]),
            "displaced_events_per_year": quantiles([r.monthly["displaced_events"].sum() / r.years for r in self.runs]),
            "willingness_to_report": quantiles([r.monthly["willingness_to_report"].mean() for r in self.runs]),
            "years_on_police_list": self._police_list_summary(),
            "visitors_per_daytime": quantiles([r.daily["visitors_day"].mean() for r in self.runs]),
            "unique_visitors_per_month": quantiles([r.monthly["unique_visitors"].mean() for r in self.runs]),
            "evenness": quantiles([np.nanmean(r.monthly["evenness"]) if np.isfinite(r.monthly["evenness"]).any()
                                   else np.nan for r in self.runs]),
            "public_events_per_year": quantiles([r.monthly["public_events"].sum() / r.years for r in self.runs]),
            "club_active_share": quantiles([r.monthly["club_active_share"].mean() for r in self.runs]),
            "satisfaction_index": quantiles([r.monthly["satisfaction_index"].mean() for r in self.runs]),
            "residents_at_end": quantiles([r.monthly["residents"][-1] for r in self.runs]),
            "visitors_by_age": self._visitors_by(lambda r: r.visitors_by_group.sum(axis=1).reshape(-1, 6, 2).sum(axis=2),
                                                 lambda r: r.residents_by_group.reshape(-1, 6, 2).sum(axis=2), AGE_BANDS),
            "visitors_by_gender": self._visitors_by(lambda r: r.visitors_by_group.sum(axis=1).reshape(-1, 6, 2).sum(axis=1),
                                                    lambda r: r.residents_by_group.reshape(-1, 6, 2).sum(axis=1),
                                                    ("male", "female")),
            "visitors_by_zone": self._visitors_by(lambda r: r.visitors_by_zone.sum(axis=1),
                                                  lambda r: r.residents_by_zone, self.runs[0].zone_names),
        }
        return _jsonable({
            "scenario": sc.name,
            "scenario_file": sc.source,
            "scenario_sha256": sc.sha256,
            "overrides": dict(sc.overrides),
            "seeds": self.seeds,
            "years": sc.time.years,
            "start_date": str(sc.time.start_date),
            "version": __version__,
            "enterprise": enterprise,
            "units": units,
            "centre": centre,
        })

    @cached_property
    def police_list(self) -> pd.DataFrame:
        """Per seed and calendar year: unrest events (per year), safety index and willingness to
        report, and whether the area would be on the police list of vulnerable areas: events ≥
        ``police_list_min_events_per_year`` and (safety index < ``police_list_max_safety_index``
        or willingness < ``police_list_max_willingness_to_report``). An area leaves the list in
        the year after ``police_list_exit_years`` consecutive years without meeting the criteria
        (a lag: the police follow an area for years before removing it)."""
        ind = self.scenario.indicators
        rows = []
        for r in self.runs:
            years = np.array([int(m[:4]) for m in r.month_labels])
            yearly_rows = []
            for year in np.unique(years):
                sel = years == year
                events = r.monthly["events"][sel].sum() * 12 / sel.sum()
                safety = r.monthly["safety_index"][sel].mean()
                willing = r.monthly["willingness_to_report"][sel].mean()
                bad = events >= ind.police_list_min_events_per_year and (
                    safety < ind.police_list_max_safety_index or willing < ind.police_list_max_willingness_to_report)
                yearly_rows.append({"seed": r.seed, "year": int(year), "events_per_year": float(events),
                                    "safety_index": float(safety), "willingness_to_report": float(willing),
                                    "meets_criteria": bool(bad)})
            flags = police_list_flags([row["meets_criteria"] for row in yearly_rows], ind.police_list_exit_years)
            rows += [row | {"on_police_list": flag} for row, flag in zip(yearly_rows, flags)]
        return pd.DataFrame(rows)

    def _police_list_summary(self) -> dict[str, float]:
        """Per calendar year, the share of seeds in which the area is on the police list."""
        pl = self.police_list
        return {str(y): float(v) for y, v in pl.groupby("year")["on_police_list"].mean().items()}

    def _visitors_by(self, visits_of, residents_of, names) -> dict[str, dict[str, Any]]:
        """Resident visitors per day in each category (e.g. age band) with their share of all
        resident visits, beside that category's share of the residents; quantiles over seeds."""
        per_day, share, res_share = [], [], []
        for r in self.runs:
            v = visits_of(r).sum(axis=0).astype(float)  # over months: [categories]
            res = residents_of(r).sum(axis=0).astype(float)
            per_day.append(v / (r.years * 365.25))
            share.append(v / v.sum() if v.sum() else np.full(v.size, np.nan))
            res_share.append(res / res.sum() if res.sum() else np.full(res.size, np.nan))
        per_day, share, res_share = map(np.array, (per_day, share, res_share))
        return {
            str(name): {
                "per_day": quantiles(per_day[:, i]),
                "share_of_visitors": quantiles(share[:, i]),
                "share_of_residents": quantiles(res_share[:, i])["median"],
            }
            for i, name in enumerate(names)
        }

    def _cross_subsidy(self) -> dict[str, dict[str, Any]]:
        """Per enterprise unit: SEK/year it carried of others' deficits and was carried by others
        (medians over seeds), and the median who-carries-whom flows."""
        names = sorted({n for r in self.runs for pair in r.flows for n in pair})
        out: dict[str, dict[str, Any]] = {}
        for name in names:
            carried = [sum(v for (a, _), v in r.flows.items() if a == name) / 100 / r.years for r in self.runs]
            was = [sum(v for (_, b), v in r.flows.items() if b == name) / 100 / r.years for r in self.runs]
            whom = {
                other: float(np.median([r.flows.get((name, other), 0) / 100 / r.years for r in self.runs]))
                for other in names if other != name
            }
            out[name] = {
                "carried_others_sek_per_year": float(np.median(carried)),
                "was_carried_sek_per_year": float(np.median(was)),
                "carries_sek_per_year": {k: v for k, v in whom.items() if v > 0},
            }
        return out

    # ------------------------------------------------------------------ files
    def save(self, out_dir: str | Path, lang: str = "en") -> list[Path]:
        """Write summary.json, CSV series and books, events and the plots to ``out_dir``."""
        from . import plots

        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        path = out / "summary.json"
        path.write_text(json.dumps(self.summary(), indent=2, ensure_ascii=False) + "\n", "utf-8")
        written.append(path)
        for name, frame in (
            ("timeseries_monthly.csv", self.timeseries),
            ("timeseries_daily.csv", self.daily),
            ("books_monthly.csv", self.books),
            ("units.csv", self.unit_table()),
            ("cross_subsidy_monthly.csv", self.cross_subsidy),
            ("police_list.csv", self.police_list),
            ("events.csv", self.events),
        ):
            frame.to_csv(out / name, index=False)
            written.append(out / name)
        written += plots.save_all(self, out, lang=lang, metadata=self.identity())
        manifest = out / "manifest.json"
        manifest.write_text(json.dumps(
            self.identity() | {"files": [p.name for p in written]}, indent=2, ensure_ascii=False) + "\n", "utf-8")
        return [*written, manifest]

    def identity(self) -> dict[str, Any]:
        """What identifies these runs: scenario file hash, overrides, seeds, package version."""
        sc = self.scenario
        return _jsonable({
            "scenario": sc.name, "scenario_file": sc.source, "scenario_sha256": sc.sha256,
            "overrides": dict(sc.overrides), "seeds": self.seeds, "version": __version__,
        })
