"""The summary of many seeds (the contents of ``summary.json``), built from the outcome registry
(:mod:`centrumsim.outcomes`): each section holds its declared outcomes in their order, each
measured by the kind of measure it names (:mod:`.measuring`).

Quantile triples are ``{"p05", "median", "p95"}`` over seeds. Break-even: the enterprise's
accumulated operating result over the horizon is ≥ 0 (grants and subsidies count as income,
starting capital does not). Solvent: its cash never fell below minus the overdraft limit.
"""

from __future__ import annotations

from typing import Any

from .. import outcomes as registry
from .measuring import Results, unit_value, value


def _section(name: str, res: Results) -> dict[str, Any]:
    """The declared outcomes of one section, by key, in order."""
    return {o.key: value(o, res) for o in registry.section(name)}


def enterprise(res: Results) -> dict[str, Any]:
    """The enterprise's name and presence, then its outcomes (None, or an empty family, when the
    scenario has no enterprise)."""
    out: dict[str, Any] = {"name": res.scenario.enterprise.name, "present": res.runs[0].has_enterprise}
    if not out["present"]:
        return out | {o.key: None if o.per == registry.RUN else {} for o in registry.section("enterprise")}
    return out | _section("enterprise", res)


def units(res: Results) -> list[dict[str, Any]]:
    """Per unit: its names, then its outcomes; an entrant that did not appear in every seed
    counts as zero where it did not."""
    table = res.unit_table()
    n_runs = len(res.runs)
    out = []
    for name, rows in table.groupby("name", sort=False):
        first = rows.iloc[0]
        out.append({"name": name, "label": first["label"], "kind": first["kind"], "operator": first["operator"],
                    "premises": first["premises"]}
                   | {o.key: unit_value(o, rows, n_runs) for o in registry.section("units")})
    return out


def public(res: Results) -> dict[str, Any]:
    """What the centre costs the public purse, SEK a year (net of the rent the premises' owners
    receive), and the payers' labels."""
    out = _section("public", res)
    return out | {"labels": {p: res.scenario.payers[p].label for p in out.get("by_payer", {})}}


def summary(res: Results) -> dict[str, Any]:
    """The whole summary dict: identity, enterprise, units, centre, public, market, uncertainty."""
    sc = res.scenario
    return res.identity() | {
        "years": sc.time.years,
        "start_date": str(sc.time.start_date),
        "enterprise": enterprise(res),
        "units": units(res),
        "centre": _section("centre", res),
        "public": public(res),
        "market": _section("market", res),
        "uncertainty": _section("uncertainty", res),
    }
