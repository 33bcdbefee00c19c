"""History files: the patterns a history must reproduce, as data.

A history file (TOML, e.g. ``histories/klockaretorpet.toml``) names the scenarios the
patterns need — a file relative to the history file, with optional dotted overrides (``set``) —,
the seed blocks (the one the parameters were chosen on, the held-out one reported by default,
the test suite's), and each pattern: its kind (:data:`.kinds.KINDS`), the scenarios, dates and
units it reads, its criterion's numbers and the share of seeds required. Problems are reported
like a scenario's: every one at once, ``file: key: reason``, with "did you mean".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..scenario import Scenario, ScenarioError, build, load_scenario, spec, suggest
from ..scenario.reading import read_file
from ..scenario.schema import Problem
from .handover import Handover
from .kinds import KINDS, Kind, PausedAloneNotInMix


@dataclass(frozen=True, kw_only=True)
class Seeds:
    """Which seeds do what: calibration and held-out blocks never overlap."""

    calibration_first: int = spec(0, min=0, doc="the block the parameters were chosen on")
    calibration_count: int = spec(50, min=1, max=100_000)
    held_out_first: int = spec(1000, min=0, doc="the block reported by default (not used to choose anything)")
    held_out_count: int = spec(50, min=1, max=100_000)
    ci_first: int = spec(5000, min=0, doc="the test suite's fixed block (held out too)")
    ci_count: int = spec(16, min=1, max=1000)
    confidence: float = spec(0.95, gt=0, max=0.999,
                             doc="the CI block fails a pattern only when its rate is below the need at this confidence")

    def block(self, which: str) -> range:
        first, count = {"calibration": (self.calibration_first, self.calibration_count),
                        "held_out": (self.held_out_first, self.held_out_count),
                        "ci": (self.ci_first, self.ci_count)}[which]
        return range(first, first + count)


@dataclass(frozen=True, kw_only=True)
class _ScenarioEntry:
    file: str = spec(doc="a scenario file, relative to the history file")


@dataclass(frozen=True)
class Knockout:
    """What makes a pattern fail: dotted overrides applied to the scenarios the pattern reads,
    and why they should (the mechanism they switch off)."""

    overrides: Mapping[str, Any]
    reason: str


@dataclass(frozen=True)
class History:
    """A validated history: its scenarios (built, overrides applied), patterns in file order and
    each pattern's knock-out."""

    source: str
    name: str
    seeds: Seeds
    scenarios: Mapping[str, Scenario]
    patterns: Mapping[str, Kind]
    knockouts: Mapping[str, Knockout] = field(default_factory=dict)
    handover: Handover | None = None  # the state a later scenario starts from (handover.py)

    def knocked_out(self, pid: str) -> dict[str, Scenario]:
        """The scenarios pattern ``pid`` reads, with its knock-out applied."""
        k = self.knockouts[pid]
        return {name: self.scenarios[name].with_overrides(k.overrides) for name in self.patterns[pid].scenarios()}

    def with_overrides(self, overrides: Mapping[str, Any]) -> History:
        """The same history with dotted overrides applied to every scenario."""
        if not overrides:
            return self
        problems, scenarios = [], {}
        for name, sc in self.scenarios.items():
            try:
                scenarios[name] = sc.with_overrides(overrides)
            except ScenarioError as exc:
                problems += [line for line in exc.lines if line not in problems]
        if problems:
            raise ScenarioError(problems)
        return History(self.source, self.name, self.seeds, scenarios, self.patterns, self.knockouts, self.handover)

    def block_of(self, seeds: range) -> str:
        """How a block of seeds relates to the calibration block, in words."""
        cal = self.seeds.block("calibration")
        overlap = len(set(seeds) & set(cal))
        span = f"seeds {seeds.start}–{seeds.stop - 1}"
        if overlap == 0:
            return f"{span}, held out (the parameters were chosen on seeds {cal.start}–{cal.stop - 1})"
        if overlap == len(seeds):
            return f"{span}, the calibration block: these are not held out"
        return f"{span}, {overlap} of them in the calibration block ({cal.start}–{cal.stop - 1})"


def load_history(path: str | Path) -> History:
    """Read and validate a history file; raises :class:`ScenarioError` with every problem."""
    source = str(path)
    raw = read_file(Path(path), source)
    problems: list[Problem] = []
    top = ["name", "seeds", "scenarios", "patterns", "handover"]
    for key in raw:
        if key not in top:
            problems.append(Problem(key, "unknown key" + suggest(key, top)))
    name = raw.get("name", Path(path).stem)
    if not isinstance(name, str):
        problems.append(Problem("name", "expected a string"))
    seeds = build(Seeds, raw.get("seeds", {}), "seeds", problems)
    if seeds is not None and set(seeds.block("calibration")) & (set(seeds.block("held_out")) | set(seeds.block("ci"))):
        problems.append(Problem("seeds", "the held-out and CI blocks must not overlap the calibration block"))
    scenarios = _scenarios(Path(path), raw.get("scenarios"), problems)
    patterns, knockouts = _patterns(raw.get("patterns"), problems)
    handover = build(Handover, raw["handover"], "handover", problems) if "handover" in raw else None
    if handover is not None and scenarios and handover.scenario not in scenarios:
        problems.append(Problem("handover.scenario", f"no scenario named {handover.scenario!r}"
                                + suggest(handover.scenario, list(scenarios))))
    if handover is not None and not (Path(path).parent / handover.starts).is_file():
        problems.append(Problem("handover.starts", f"no scenario file '{handover.starts}' beside the history file"))
    horizons = {name: (sc.time.start_date, _last_day(sc)) for name, sc in scenarios.items()}
    raw_scenarios = raw.get("scenarios")
    named = raw_scenarios if isinstance(raw_scenarios, dict) else {}
    for pid, p in patterns.items():
        problems += [Problem(f"patterns.{pid}.{name}", reason) for name, reason in p.problems(horizons)]
        for field_name, ref in _references(p):
            if ref not in scenarios and ref not in named:  # (a named scenario with problems is reported already)
                problems.append(Problem(f"patterns.{pid}.{field_name}",
                                        f"no scenario named {ref!r}" + suggest(ref, list(scenarios))))
        if isinstance(p, PausedAloneNotInMix):
            for ref in (p.alone, p.mix):
                if ref in scenarios and p.unit not in scenarios[ref].units:
                    problems.append(Problem(f"patterns.{pid}.unit", f"scenario {ref!r} has no unit {p.unit!r}"
                                            + suggest(p.unit, list(scenarios[ref].units))))
        if pid in knockouts and all(ref in scenarios for _, ref in _references(p)):
            for ref in dict.fromkeys(r for _, r in _references(p)):
                try:
                    scenarios[ref].with_overrides(knockouts[pid].overrides)
                except ScenarioError as exc:
                    problems += [Problem(f"patterns.{pid}.knockout", line) for line in exc.lines[:3]]
    if problems:
        raise ScenarioError([p.render(source) for p in problems])
    return History(source, name, seeds, scenarios, patterns, knockouts, handover)


def _last_day(sc: Scenario) -> dt.date:
    start = sc.time.start_date
    try:
        return start.replace(year=start.year + sc.time.years) - dt.timedelta(days=1)
    except ValueError:  # 29 February
        return start.replace(year=start.year + sc.time.years, day=28) - dt.timedelta(days=1)


def _references(p: Kind) -> list[tuple[str, str]]:
    return [(f, getattr(p, f)) for f in ("scenario", "baseline", "variant", "alone", "mix") if hasattr(p, f)]


def _scenarios(path: Path, table: Any, problems: list[Problem]) -> dict[str, Scenario]:
    out: dict[str, Scenario] = {}
    if not isinstance(table, dict) or not table:
        problems.append(Problem("scenarios", "name the scenarios the patterns read, e.g. [scenarios.decline]"))
        return out
    for name, entry in table.items():
        where = f"scenarios.{name}"
        if not isinstance(entry, dict):
            problems.append(Problem(where, "expected a table with file (and optionally set)"))
            continue
        overrides = entry.get("set", {})
        ref = build(_ScenarioEntry, {k: v for k, v in entry.items() if k != "set"}, where, problems)
        if ref is None:
            continue
        if not isinstance(overrides, dict):
            problems.append(Problem(f"{where}.set", "expected a table of dotted keys"))
            continue
        try:
            out[name] = load_scenario(path.parent / ref.file, overrides)
        except ScenarioError as exc:  # the overrides are this table's set, not a --set on the command line
            problems += [Problem(where, line.replace(": --set ", ": set ")) for line in exc.lines]
    return out


def _patterns(table: Any, problems: list[Problem]) -> tuple[dict[str, Kind], dict[str, Knockout]]:
    out: dict[str, Kind] = {}
    knockouts: dict[str, Knockout] = {}
    if not isinstance(table, dict) or not table:
        problems.append(Problem("patterns", "name at least one pattern, e.g. [patterns.1] with kind = \"decline\""))
        return out, knockouts
    for pid, entry in table.items():
        where = f"patterns.{pid}"
        if not isinstance(entry, dict):
            problems.append(Problem(where, "expected a table"))
            continue
        kind = entry.get("kind")
        if kind not in KINDS:
            problems.append(Problem(f"{where}.kind", f"must be one of {', '.join(KINDS)} (got {kind!r})"
                                    + suggest(str(kind), list(KINDS))))
            continue
        knockout, reason = entry.get("knockout"), entry.get("knockout_reason", "")
        if knockout is not None and (not isinstance(knockout, dict) or not knockout):
            problems.append(Problem(f"{where}.knockout",
                                    "expected a table of dotted keys, e.g. { \"unrest.legitimacy\" = 1.0 }"))
        elif knockout is not None and not (isinstance(reason, str) and reason):
            problems.append(Problem(f"{where}.knockout_reason", "say which mechanism the knock-out switches off"))
        elif knockout is not None:
            knockouts[str(pid)] = Knockout(dict(knockout), reason)
        fields_given = {k: v for k, v in entry.items() if k not in ("kind", "knockout", "knockout_reason")}
        built = build(KINDS[kind], fields_given, where, problems)
        if built is not None:
            out[str(pid)] = built
    return out, knockouts
