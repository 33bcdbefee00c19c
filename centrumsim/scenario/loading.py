"""Scenario files: TOML → validated, typed, immutable :class:`Scenario`.

A scenario file is read with :mod:`tomllib`. It may start with ``extends = "base.toml"`` and
change only what differs (tables merge key by key, other values replace). Each unit names a
``kind`` from the catalogue (``data/unit_kinds.toml``) whose defaults it inherits. Every numeric
key carries its unit in its name. All problems are collected and reported at once as
:class:`ScenarioError` lines ``file: dotted.key: message``, each against the file that holds
the key (or ``--set key`` for an override).
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .assumptions import check_choices
from .catalogue import UNIT_KINDS, kind_defaults
from .checks import NAME, check_counts, check_names, cross_checks
from .operators import EnterpriseSection, TenantSection
from .overrides import apply_overrides, blames_override, collapse_created, normalise
from .reading import merge, origin_of, read_chain
from .schema import FrozenDict, Problem, ScenarioError, build_fields, freeze, spec, suggest, table_spec, thaw
from .sections import (
    AreaSection,
    AssumptionChoice,
    EconomySection,
    FootfallSection,
    IndicatorSection,
    Intervention,
    Payer,
    Premises,
    TimeSection,
    Unit,
    UnrestSection,
    default_payers,
)


@dataclass(frozen=True, kw_only=True)
class Scenario:
    """A validated, immutable scenario. Build it with :func:`load_scenario`."""

    name: str = spec()
    description: str = spec("")
    time: TimeSection = spec()
    area: AreaSection = spec()
    premises: dict[str, Premises] = spec()
    units: dict[str, Unit] = spec()
    payers: dict[str, Payer] = table_spec(default_payers, doc="who pays; the defaults when none is named")
    enterprise: EnterpriseSection = spec(EnterpriseSection())
    tenants: TenantSection = spec(TenantSection())
    economy: EconomySection = spec(EconomySection())
    footfall: FootfallSection = spec()
    unrest: UnrestSection = spec()
    indicators: IndicatorSection = spec(IndicatorSection())
    interventions: dict[str, Intervention] = table_spec(doc="dated actions")
    assumptions: dict[str, AssumptionChoice] = table_spec(
        doc="narrow or fix assumptions of the catalogue (scenario/data/assumptions.toml) by name")

    # Provenance, not part of the schema (init=False fields are skipped by the validator).
    source: str = dataclasses.field(default="", init=False, compare=False)
    raw: Mapping[str, Any] = dataclasses.field(default_factory=lambda: FrozenDict({}), init=False, compare=False)
    overrides: Mapping[str, Any] = dataclasses.field(default_factory=lambda: FrozenDict({}), init=False, compare=False)
    sha256: str = dataclasses.field(default="", init=False, compare=False)
    origin: Mapping[str, str] = dataclasses.field(default_factory=lambda: FrozenDict({}), init=False, compare=False)
    disabled_units: tuple[str, ...] = dataclasses.field(default=(), init=False, compare=False)

    def with_overrides(self, overrides: Mapping[str, Any]) -> Scenario:
        """A new scenario with dotted keys set, validated exactly like the file.

        ``scenario.with_overrides({"units.cafe.price_sek": 45})``. The overrides are copied:
        changing the mapping afterwards changes neither the scenario nor its record of them.
        Raises :class:`ScenarioError` for a bad key or value, TypeError for a key that is not
        a string.
        """
        merged = dict(self.overrides)
        new = normalise(overrides)
        for key, value in new.items():
            merged.pop(key, None)  # a key given again applies after the others, as its latest value
            merged[key] = value
        return _finish(thaw(self.raw), self.source, merged, self.sha256, self.origin,
                       choices=any(k.startswith("assumptions") for k in new))

    def with_years(self, years: int) -> Scenario:
        """The same scenario over another horizon (shorthand for a ``time.years`` override)."""
        return self.with_overrides({"time.years": years})

    @property
    def enterprise_units(self) -> tuple[str, ...]:
        """Names of the units run by the enterprise."""
        return tuple(n for n, u in self.units.items() if u.operator == "enterprise")


def load_scenario(path: str | Path, overrides: Mapping[str, Any] | None = None) -> Scenario:
    """Read, merge (``extends``), validate and freeze a scenario file.

    Raises :class:`ScenarioError` with every problem found, one line each; TypeError when
    ``path`` is not a path.
    """
    if not isinstance(path, (str, Path)):
        raise TypeError(f"path must be a str or pathlib.Path (got {type(path).__name__})")
    source = str(path)
    raw, origin = read_chain(Path(path), source)
    # the identity of what runs: the resolved file and the unit-kind catalogue it draws on
    sha = hashlib.sha256((canonical(raw) + canonical(UNIT_KINDS)).encode()).hexdigest()
    return _finish(raw, source, normalise(overrides or {}), sha, origin)


def canonical(raw: Any) -> str:
    """Canonical JSON of raw tables (the input of the scenario hash)."""
    return json.dumps(thaw(raw), sort_keys=True, default=str, ensure_ascii=False)


def _finish(
    raw: dict[str, Any], source: str, overrides: Mapping[str, Any], sha: str, origin: Mapping[str, str],
    choices: bool = True,
) -> Scenario:
    raw = copy.deepcopy(raw)
    final = copy.deepcopy(raw)
    problems, created = apply_overrides(final, overrides)
    counts = check_counts(final)
    if counts:  # so many that checking each would take long: say so and stop
        raise ScenarioError([_render(p, source, overrides, origin) for p in counts])
    problems += check_names(final)
    expanded = copy.deepcopy(final)
    units_ok = True
    if isinstance(final.get("units"), dict):
        expanded["units"] = {}
        for name, unit in final["units"].items():
            merged = _with_kind_defaults(unit, f"units.{name}", problems)
            if merged is None:
                units_ok = False  # an unknown kind: skip it rather than report follow-on errors
            else:
                expanded["units"][name] = merged
    parts = build_fields(Scenario, expanded, "", problems) or {}
    disabled: set[str] = set()
    if isinstance(parts.get("units"), Mapping):
        disabled = {n for n, u in parts["units"].items() if not u.enabled}
        parts["units"] = FrozenDict({n: u for n, u in parts["units"].items() if u.enabled})
    if not units_ok:
        parts["units"] = None
    problems.extend(cross_checks(parts, disabled))
    if problems:
        problems = collapse_created(problems, created, final)
        problems = [p for p in problems if not _invalid_new_name(p, created)]
        raise ScenarioError([_render(p, source, overrides, origin) for p in problems])
    scenario = Scenario(**parts)
    object.__setattr__(scenario, "source", source)
    object.__setattr__(scenario, "raw", freeze(raw))
    object.__setattr__(scenario, "overrides", FrozenDict(copy.deepcopy(dict(overrides))))
    object.__setattr__(scenario, "sha256", sha)
    object.__setattr__(scenario, "origin", FrozenDict(origin))
    object.__setattr__(scenario, "disabled_units", tuple(sorted(disabled)))
    # the choices are checked against the file's own values (and an override of them): a derived
    # scenario — a drawn future, a break-even mix without a unit — keeps the file's choices
    late = check_choices(scenario) if choices else []
    if late:
        raise ScenarioError([_render(p, source, overrides, origin) for p in late])
    return scenario


def _render(problem: Problem, source: str, overrides: Mapping[str, Any], origin: Mapping[str, str]) -> str:
    """``file: key: reason`` against the file that holds the key, or ``--set key`` for an override."""
    if blames_override(problem, overrides):
        return f"{source}: --set {problem.path}: {problem.message}"
    return problem.render(origin_of(problem.path, origin, source))


def _with_kind_defaults(unit: Any, path: str, problems: list[Problem]) -> Any:
    """The unit's table over its kind's catalogue defaults; None when the kind is unknown."""
    if not isinstance(unit, dict) or "kind" not in unit:
        return unit
    kind = unit["kind"]
    if not isinstance(kind, str):
        problems.append(Problem(f"{path}.kind", f"expected a string (got {kind!r})"))
        return None
    if kind not in UNIT_KINDS:
        problems.append(Problem(f"{path}.kind", f"unknown unit kind {kind!r}" + suggest(kind, UNIT_KINDS)))
        return None
    return merge(kind_defaults(kind), unit)


def _invalid_new_name(problem: Problem, created: list[str]) -> bool:
    """The "no such table" line for a table an override made under a name that is not allowed
    (the name's own problem says it)."""
    return problem.path in created and "no such table" in problem.message and not NAME.fullmatch(
        problem.path.rpartition(".")[2])
