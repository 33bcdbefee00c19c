"""Write ``scenarios/scale_145k.toml``: the main scenario at Norrköping-city size, generated.

Reads ``scenarios/klockaretorpet.toml`` (5,800 residents) and writes the same area ``--factor``
times over (default 25: 145,000 residents, about Norrköping's population), so the two never drift:

* residents, households and each zone's household growth × f;
* every premises and every unit f times, named ``<name>_01`` … (a unit's copy in the premises'
  copy of the same number); a unit's own figures (staff, prices, hours) stay as they are;
* the enterprise's money (starting cash, overdraft, reserve target, grant, overhead, environment
  spend) × f, and the environment spend that gives half the lift × f (the lift stays as it is);
* the choice kept per resident as at 1×: one centre with f copies of every unit stands for f
  neighbourhood centres, but in the nested Huff choice f copies of a kind draw f^λ times one
  (λ = ``same_kind_dissimilarity``), so the outside option's attraction and the outsiders'
  reference draw × f^λ (every resident's Huff share as at 1×) and outside visitors a day × f;
* membership (:mod:`centrumsim.model.membership`) has no choice among units of a kind: each of f
  copies would draw members from all f times the residents, so each copy's join odds
  ``r = s/(1 − s)`` (s = ``member_share_at_door``, the catalogue's when the file sets none) ÷ f: a
  resident joins the club of their own centre, one of f [A]; members per unit then match 1× where
  ``r·m`` is small (a gym, a studio) and exceed it up to (1 + r·m)-fold where it is not (children
  and the sports club: visits ~1.3× in the first year of seed 0);
* the indicators' absolute scales (the police list's events a year, the social value's visitors,
  activities and posts that score 1) × f;
* ``unrest.reference_residents`` stays at the base's 5,800: the model holds the area-wide counts
  of unrest (EST, guards, police, broken windows, fear per event) per capita itself.

    python experiments/scale_scenario.py [--factor 25] [--out scenarios/scale_145k.toml] [--check]

``--check`` writes nothing and exits 1 when the file differs from what would be written.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / "scenarios" / "klockaretorpet.toml"
OUT = ROOT / "scenarios" / "scale_145k.toml"
FACTOR = 25

ENTERPRISE_MONEY = ("starting_cash_sek", "overdraft_limit_sek", "reserve_target_sek", "grant_sek_per_month",
                    "overhead_sek_per_month", "environment_spend_sek_per_month")
INDICATOR_COUNTS = ("police_list_min_events_per_year", "social_full_visitors_per_day",
                    "social_full_activities_per_year", "social_full_posts_work_integration")


def member_shares(path: Path) -> dict[str, float]:
    """Each unit's ``member_share_at_door`` as the scenario resolves it (the catalogue's default
    where the file sets none)."""
    from centrumsim import load_scenario

    return {name: u.member_share_at_door for name, u in load_scenario(path).units.items()}


def split_share(s: float, f: int) -> float:
    """The share at the door whose odds are ``1/f`` of those of ``s``: ``r/f / (1 + r/f)``, r = s/(1 − s)."""
    r = s / (1.0 - s) / f
    return _round(r / (1.0 + r))


def scaled(base: dict[str, Any], f: int, shares: dict[str, float] | None = None) -> dict[str, Any]:
    """The base scenario's data (parsed TOML, without ``extends``) for an area ``f`` times the size;
    ``shares``: each unit's resolved ``member_share_at_door`` (:func:`member_shares`)."""
    if "extends" in base:
        raise ValueError("the base must be a whole scenario (no extends)")
    sc = copy.deepcopy(base)
    width = len(str(f))
    tag = [f"{i:0{max(width, 2)}d}" for i in range(1, f + 1)]
    area = sc["area"]
    area["residents"] = base["area"]["residents"] * f
    area["households"] = base["area"]["households"] * f
    for zone in area["zones"].values():
        if "households_growth_per_year" in zone:
            zone["households_growth_per_year"] = zone["households_growth_per_year"] * f
    sc["premises"] = {f"{name}_{t}": dict(p) for t in tag for name, p in base["premises"].items()}
    units = {}
    for t in tag:
        for name, u in base["units"].items():
            unit = copy.deepcopy(u)
            unit["premises"] = f"{u['premises']}_{t}"
            if unit.get("label"):
                unit["label"] = f"{u['label']} {t}"
            share = (shares or {}).get(name, unit.get("member_share_at_door", 0.0))
            if share > 0:
                unit["member_share_at_door"] = split_share(share, f)
            units[f"{name}_{t}"] = unit
    sc["units"] = units
    ent = sc.get("enterprise", {})
    for key in ENTERPRISE_MONEY:
        if key in ent:
            ent[key] = ent[key] * f
    fs = sc["footfall"]
    lam = float(fs.get("same_kind_dissimilarity", 1.0))
    nest = float(f) ** lam
    fs["outside_option_attraction"] = _round(fs.get("outside_option_attraction", 10.0) * nest)
    fs["outside_visitors_reference_draw"] = _round(fs.get("outside_visitors_reference_draw", 1.0) * nest)
    fs["outside_visitors_per_day"] = fs.get("outside_visitors_per_day", 30.0) * f
    fs["environment_reference_sek_per_month"] = fs.get("environment_reference_sek_per_month", 10_000.0) * f
    ind = sc.get("indicators", {})
    for key in INDICATOR_COUNTS:
        if key in ind:
            ind[key] = ind[key] * f
    sc["unrest"]["reference_residents"] = base["unrest"].get("reference_residents") or base["area"]["residents"]
    sc["name"] = f"{base['name']} — {f}×"
    sc["description"] = (f"The main scenario {f} times over (residents, households, premises, units); "
                         f"generated by experiments/scale_scenario.py.")
    return sc


def _round(x: float) -> float:
    return float(f"{x:.12g}")


def header(f: int, residents: int) -> str:
    return f"""# GENERATED by experiments/scale_scenario.py from scenarios/klockaretorpet.toml — do not edit by hand:
#   python experiments/scale_scenario.py --factor {f}
# (tests/test_scale.py checks that this file is what the script writes.)
#
# The main scenario's area {f} times over: {residents:,} residents (at 25×: about the population of
# Norrköping municipality, ~143 000–145 000 in 2020–2024 [S: SCB]); premises and units in
# proportion ({f} of each, named <name>_01 …), households in proportion. Every figure's source is
# the main scenario's (see its comments and docs/ODD.md). What the script scales, and the
# assumptions [A] in doing so:
# * residents, households, each zone's household growth × {f};
# * the enterprise's money (cash, overdraft, reserve, grant, overhead, environment spend) × {f}: one
#   enterprise running {f} times the mix [A];
# * the nested Huff choice: {f} copies of a kind draw {f}^λ (λ = same_kind_dissimilarity) times one, so
#   the outside option's attraction and the outsiders' reference draw × {f}^λ keep every resident's
#   choice as at 1× [A: one centre with {f} of every unit stands for {f} neighbourhood centres];
#   outside visitors a day × {f};
# * membership has no choice among units of a kind, so each copy's join odds (member_share_at_door
#   as odds s/(1 − s)) ÷ {f}: a resident joins the club of their own centre, one of {f} [A]; members
#   per unit then match 1× for the gym and studio and exceed it (~1.3×) for the children's sports club;
# * the indicators' absolute scales (police list events, the social value's full scores) × {f};
# * unrest.reference_residents stays 5 800: the model holds EST, guards, police, the broken-windows
#   count and the fear an event leaves per capita itself (docs/ODD.md §7.7).

"""


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(f"cannot write {type(v).__name__} as TOML")


def _key(k: str) -> str:
    return k if k.replace("_", "").replace("-", "").isalnum() and k.isascii() else json.dumps(k, ensure_ascii=False)


COLLECTIONS = (("premises",), ("payers",), ("units",), ("area", "zones"), ("unrest", "types"))
"""Tables of named entries: each entry gets its own ``[header]``, as in the base file."""


def _inline(path: list[str], v: Any) -> bool:
    """Written inline (``{ a = 1, b = 2 }``): a value, or a table of plain values that is neither
    a section nor an entry of a collection (an age-band table, a payer → SEK table)."""
    if not isinstance(v, dict):
        return True
    if len(path) <= 1 or tuple(path[:-1]) in COLLECTIONS:
        return False
    return not any(isinstance(x, dict) for x in v.values())


def _table(path: list[str], data: dict[str, Any], out: list[str]) -> None:
    plain = [(k, v) for k, v in data.items() if _inline([*path, k], v)]
    if path and (plain or not data):
        out.append("")
        out.append("[" + ".".join(_key(p) for p in path) + "]")
    out += [f"{_key(k)} = {_value(v)}" for k, v in plain]
    for k, v in data.items():
        if not _inline([*path, k], v):
            _table([*path, k], v, out)


def render(data: dict[str, Any], f: int) -> str:
    """The TOML text of ``data`` (a parsed scenario) with the generated header."""
    out: list[str] = []
    _table([], data, out)
    return header(f, data["area"]["residents"]) + "\n".join(out).lstrip("\n") + "\n"


def generate(f: int = FACTOR, base: Path = BASE) -> str:
    """The scaled scenario's text; it parses back to exactly the scaled data."""
    data = scaled(tomllib.loads(base.read_text("utf-8")), f, member_shares(base))
    text = render(data, f)
    if tomllib.loads(text) != data:  # pragma: no cover - a writer bug
        raise AssertionError("the written TOML does not parse back to the scaled scenario")
    return text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--factor", type=int, default=FACTOR, help="how many times the main area (default 25)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="exit 1 if the file is not what would be written")
    args = ap.parse_args(argv)
    if args.factor < 1:
        ap.error("--factor must be >= 1")
    text = generate(args.factor)
    if args.check:
        same = args.out.exists() and args.out.read_text("utf-8") == text
        print(f"{args.out}: {'up to date' if same else 'differs from the generator'}")
        return 0 if same else 1
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text(text, "utf-8")
    tmp.replace(args.out)
    print(f"wrote {args.out} ({args.factor}×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
