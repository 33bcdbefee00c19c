"""A dotted key's value in a validated scenario, and whether a value for it would be accepted:
what sweeps, history matching and goal seek ask of a key before they vary it."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from .schema import ScenarioError, bound_problem, suggest

ABSENT = object()
"""What :func:`resolved_value` returns for a key the scenario does not have."""


def resolved_value(scenario: Any, key: str) -> Any:
    """The value a dotted key has in a validated scenario (catalogue defaults applied), or
    :data:`ABSENT` when the key does not exist."""
    node: Any = scenario
    for part in key.split("."):
        if isinstance(node, Mapping):
            node = node.get(part, ABSENT)
        elif dataclasses.is_dataclass(node) and part in {f.name for f in dataclasses.fields(node) if f.init}:
            node = getattr(node, part)
        else:
            return ABSENT
        if node is ABSENT:
            return ABSENT
    return node


def suggest_key(scenario: Any, key: str) -> str:
    """'; did you mean …?' for a dotted key's last part among its siblings ('' when none is near)."""
    head, _, last = key.rpartition(".")
    parent = resolved_value(scenario, head) if head else scenario
    if isinstance(parent, Mapping):
        return suggest(last, [str(k) for k in parent])
    if dataclasses.is_dataclass(parent):
        return suggest(last, [f.name for f in dataclasses.fields(parent) if f.init])
    return ""


def override_problem(scenario: Any, name: str, value: float, is_int: bool) -> str | None:
    """Why ``--set name=value`` would be refused on ``scenario`` (whole numbers rounded), or None."""
    try:
        scenario.with_overrides({name: round(value) if is_int else value})
    except ScenarioError as exc:
        return exc.lines[0].split(f"--set {name}: ", 1)[-1]
    return None


def key_limits(scenario: Any, key: str) -> tuple[float | None, float | None, float | None]:
    """The (min, max, gt) a numeric key's schema allows (None where unbounded), read from its
    field's :func:`~centrumsim.scenario.schema.spec` without building a scenario."""
    head, _, last = key.rpartition(".")
    parent = resolved_value(scenario, head) if head else scenario
    if dataclasses.is_dataclass(parent):
        for f in dataclasses.fields(parent):
            if f.name == last:
                return f.metadata.get("min"), f.metadata.get("max"), f.metadata.get("gt")
    return None, None, None


def limit_problem(scenario: Any, key: str, value: float) -> str | None:
    """Why ``value`` is outside what ``key``'s schema allows, or None (no scenario is built)."""
    return bound_problem(value, *key_limits(scenario, key))
