"""The assumptions the answer turns on (``data/assumptions.toml``): each uncertain value of the
catalogue or the scenarios with the range its futures are drawn from and the reason for it; the
ranges of history-matched parameters are the kept region of the history match
(``data/history_match/*.csv``).

A scenario narrows or fixes an assumption in its ``[assumptions]`` table (checked with the rest
of the file); :func:`uncertain` lists what is left uncertain in one scenario, each with its
concrete keys, its range and its assumed value, and :meth:`Uncertain.overrides` turns a drawn
value into the dotted overrides a run takes.
"""

from __future__ import annotations

import csv
import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .keys import ABSENT, key_limits, limit_problem, resolved_value
from .schema import FrozenDict, Problem, suggest

DATA = Path(__file__).parent / "data"
CATALOGUE_FILE = DATA / "assumptions.toml"
HISTORY_MATCH = DATA / "history_match"
SELECTORS = {"enterprise": "the enterprise's units", "commercial": "the commercial tenants' units",
             "public": "the public houses", "*": "every unit", "shops": "premises no enterprise or public unit uses"}
_SELECTOR = re.compile(r"\{(\w+)\}|\*")


@dataclass(frozen=True)
class Assumption:
    """One entry of the catalogue: its dotted keys (patterns), whether its range is a factor on
    each key's own value (``scale``), the range, the reason and where the range comes from."""

    name: str
    label: str
    keys: tuple[str, ...]
    scale: bool
    min: float
    max: float
    reason: str
    history_match: str | None = None


@dataclass(frozen=True)
class Uncertain:
    """An assumption as it stands in one scenario: the concrete keys it sets, the range drawn
    from (``low``…``high``: factors when ``scale``), the assumed value (1 for a factor) and the
    keys' assumed values."""

    name: str
    label: str
    reason: str
    keys: tuple[str, ...]
    scale: bool
    low: float
    high: float
    assumed: float
    whole: bool
    assumed_values: Mapping[str, float]
    limits: Mapping[str, tuple[float, float]]
    history_match: str | None = None

    def overrides(self, x: float) -> dict[str, Any]:
        """The dotted overrides that put this assumption at ``x`` (a factor when scaled: each
        key's value times it, kept within what the key allows — a margin of 1 stays 1)."""
        if self.scale:
            return {k: _as(min(max(v * x, self.limits[k][0]), self.limits[k][1]), isinstance(v, int))
                    for k, v in self.assumed_values.items()}
        return dict.fromkeys(self.keys, _as(x, self.whole))

    def describe_assumed(self) -> float:
        """The assumed value a reader recognises: the (first) key's value, not the factor 1."""
        return float(next(iter(self.assumed_values.values())))

    def inside(self) -> bool:
        """Whether the assumed value lies within the range drawn from."""
        return self.low <= self.assumed <= self.high

    def helps_when_higher(self, slope: float) -> bool:
        """Whether a higher *value* helps, given the result's slope against the drawn value (a
        factor on a negative value — an elasticity — makes the value lower as it rises)."""
        return (slope >= 0) == (not self.scale or self.describe_assumed() >= 0)


def _as(value: float, whole: bool) -> float | int:
    return round(value) if whole else float(value)


def _history_ranges(which: str) -> dict[str, tuple[float, float]]:
    """The kept ranges of a history match's last wave, by parameter."""
    with (HISTORY_MATCH / f"{which}.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    waves = sorted(int(m.group(1)) for c in rows[0] if (m := re.fullmatch(r"wave_(\d+)_min", c)))
    last = waves[-1]
    return {r["parameter"]: (float(r[f"wave_{last}_min"]), float(r[f"wave_{last}_max"])) for r in rows}


def _load() -> Mapping[str, Assumption]:
    raw = tomllib.loads(CATALOGUE_FILE.read_text("utf-8"))["assumptions"]
    matches: dict[str, dict[str, tuple[float, float]]] = {}
    out = {}
    for name, entry in raw.items():
        keys = tuple(entry.get("keys", (name,)))
        which = entry.get("history_match")
        if which is not None:
            ranges = matches.setdefault(which, _history_ranges(which))
            low, high = ranges[name]
        else:
            low, high = float(entry["min"]), float(entry["max"])
        out[name] = Assumption(name, entry["label"], keys, bool(entry.get("scale", False)), low, high,
                               entry["reason"], which)
    return FrozenDict(out)


CATALOGUE: Mapping[str, Assumption] = _load()
"""The assumptions, by name, in the catalogue file's order."""


def expand(scenario: Any, pattern: str) -> list[str]:
    """The concrete keys a pattern means in ``scenario`` (``units.{enterprise}.x`` → one key per
    enterprise unit; a key without a selector is itself)."""
    match = _SELECTOR.search(pattern)
    if match is None:
        return [pattern]
    which = match.group(1) or "*"
    if pattern.startswith("premises."):
        used = {u.premises for u in scenario.units.values() if u.operator in ("enterprise", "public")}
        names = [p for p in scenario.premises if p not in used] if which == "shops" else list(scenario.premises)
    else:
        names = [n for n, u in scenario.units.items() if which == "*" or u.operator == which]
    return [pattern[:match.start()] + n + pattern[match.end():] for n in names]


def _numbers(scenario: Any, a: Assumption) -> dict[str, float]:
    """The assumption's concrete keys that are numbers in ``scenario`` (non-zero for a factor)."""
    out = {}
    for pattern in a.keys:
        for key in expand(scenario, pattern):
            v = resolved_value(scenario, key)
            if v is ABSENT or isinstance(v, bool) or not isinstance(v, (int, float)) or (a.scale and v == 0):
                continue
            out[key] = v
    return out


def uncertain(scenario: Any) -> list[Uncertain]:
    """The assumptions left uncertain in ``scenario``: present in it, not fixed by it (a key set
    by an override is decided, unless the range is a factor on it), with its narrowed range — in
    the catalogue's order."""
    out = []
    for name, a in CATALOGUE.items():
        values = _numbers(scenario, a)
        choice = scenario.assumptions.get(name)
        if not values or (choice is not None and choice.fixed):
            continue
        if not a.scale and set(values) & set(scenario.overrides):
            continue
        low, high = narrowed(a, choice)
        first = next(iter(values.values()))
        whole = not a.scale and isinstance(first, int)
        out.append(Uncertain(name, a.label, a.reason, tuple(values), a.scale, low, high,
                             1.0 if a.scale else float(first), whole, FrozenDict(values),
                             FrozenDict({k: _bounds(scenario, k) for k in values}), a.history_match))
    return out


def _bounds(scenario: Any, key: str) -> tuple[float, float]:
    lo, hi, gt = key_limits(scenario, key)
    low = lo if lo is not None else (gt if gt is not None else -math.inf)  # "gt": a factor > 0 never reaches it
    return low, hi if hi is not None else math.inf


def narrowed(a: Assumption, choice: Any) -> tuple[float, float]:
    """The range an assumption is drawn from: the catalogue's, with a scenario's ``min``/``max``."""
    low = a.min if choice is None or choice.min is None else choice.min
    high = a.max if choice is None or choice.max is None else choice.max
    return float(low), float(high)


def check_choices(scenario: Any) -> list[Problem]:
    """Problems with a scenario's ``[assumptions]`` table: an unknown name (with a suggestion),
    an assumption the scenario does not have, a range that is empty or that its keys refuse."""
    out = []
    for name, choice in scenario.assumptions.items():
        where = f"assumptions.{name}"
        a = CATALOGUE.get(name)
        if a is None:
            out.append(Problem(where, "not an assumption in the catalogue (scenario/data/assumptions.toml)"
                               + suggest(name, CATALOGUE)))
            continue
        values = _numbers(scenario, a)
        if not values:
            zero = " (or they are all 0)" if a.scale else ""
            out.append(Problem(where, f"this scenario has none of its keys{zero} ({', '.join(a.keys)})"))
            continue
        if choice.fixed and (choice.min is not None or choice.max is not None):
            out.append(Problem(where, "fixed = true takes no min or max (it stays at the scenario's value)"))
            continue
        low, high = narrowed(a, choice)
        if not low < high:
            out.append(Problem(where, f"min must be below max (got {low:g} and {high:g})"))
        whole = not a.scale and all(isinstance(v, int) for v in values.values())
        for end, v in (("min", choice.min), ("max", choice.max)):
            if v is None:
                continue
            if not a.min <= v <= a.max:  # a factor beyond what a key allows is clipped when drawn; values are not
                out.append(Problem(f"{where}.{end}", f"{v:g} is outside the catalogue's range {a.min:g}–{a.max:g}: "
                                                     "a scenario narrows a range (widen it in the catalogue, with "
                                                     "a reason)"))
            elif whole and not float(v).is_integer():
                out.append(Problem(f"{where}.{end}", f"expected a whole number (got {v:g})"))
            elif not a.scale:
                reason = next((r for key in values if (r := limit_problem(scenario, key, v)) is not None), None)
                if reason is not None:
                    out.append(Problem(f"{where}.{end}", reason))
    return out
