"""Dotted overrides: ``--set units.cafe.price_sek=45`` and ``scenario.with_overrides({...})``.

An override sets one dotted key of the scenario's raw tables before validation, so it is checked
exactly like the file. Problems that an override causes are reported as ``--set key: reason``.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from .controls import control_problems, first_control, visible
from .reading import MAX_NESTING, parse_toml, too_deep
from .schema import Problem, ScenarioError, plain, suggest

MAX_KEY_PARTS = MAX_NESTING


def parse_override(text: str) -> tuple[str, Any]:
    """Parse ``dotted.key=value`` as given to ``--set``; the value is read as a TOML value
    (``45``, ``0.5``, ``true``, ``2019-09-19``, ``"text"``), or kept as a bare string."""
    if "=" not in text:
        raise ScenarioError([f"--set: expected dotted.key=value (got {_clip(text)!r})"])
    key, _, value = text.partition("=")
    key, value = key.strip(), value.strip()
    if not key:
        raise ScenarioError([f"--set: missing key before '=' (got {_clip(text)!r})"])
    problem = key_problem(key)
    if problem:
        raise ScenarioError([f"--set {_clip(key)}: {problem}"])
    if not value:
        raise ScenarioError([f"--set {_clip(key)}: no value after '='"])
    if "\n" in value or "\r" in value:
        raise ScenarioError([f"--set {_clip(key)}: a value is one line"])
    try:
        return key, parse_toml(f"v = {value}", f"--set {key}")["v"]
    except ScenarioError as exc:
        if "nested" in exc.lines[0]:
            raise
        if value[:1].isalpha():
            return key, value  # a bare word (name=Ny mix): kept as text
        if "digits" in exc.lines[0]:
            raise ScenarioError(
                [f"--set {_clip(key)}: a number with more digits than can be read (at most 4300)"]) from None
        raise ScenarioError([f"--set {_clip(key)}: cannot read {_clip(value, 40)!r} as a value (a number, true or "
                             "false, a date YYYY-MM-DD, a [list] or \"text in quotes\")"]) from None


def _clip(text: str, keep: int = 80) -> str:
    """User input as shown in a message: shortened, control characters escaped."""
    return visible(text if len(text) <= keep else text[:keep] + "…")


def key_problem(key: Any) -> str | None:
    """Why ``key`` cannot be a dotted override key, or None."""
    if not isinstance(key, str):
        return f"a key must be a dotted string (got {type(key).__name__})"
    parts = key.split(".")
    if len(parts) > MAX_KEY_PARTS:
        return f"a key has at most {MAX_KEY_PARTS} parts (got {len(parts)})"
    if any(not p.strip() for p in parts):
        return "a key has no empty parts (as in 'units..price_sek')"
    bad = first_control(key)
    if bad is not None:
        return f"a key holds a control character ({visible(repr(bad))}); a key is text of one line without them"
    return None


def normalise(overrides: Mapping[str, Any]) -> dict[str, Any]:
    """A private deep copy of ``overrides`` with numpy scalars made plain; raises TypeError for
    a key that is not a dotted string, ScenarioError for a key or value that cannot be one."""
    if not isinstance(overrides, Mapping):
        raise TypeError(f"overrides must be a mapping of dotted keys to values (got {type(overrides).__name__})")
    out: dict[str, Any] = {}
    problems = []
    for key, value in overrides.items():
        if not isinstance(key, str):
            raise TypeError(f"override keys must be dotted strings (got {key!r})")
        problem = key_problem(key)
        deep = too_deep(value, MAX_NESTING - len(key.split(".")))
        if problem:
            problems.append(f"--set {_clip(key)}: {problem}")
        elif deep is not None:
            problems.append(f"--set {_clip(key)}: the value is nested more than {MAX_NESTING} levels deep")
        elif controls := control_problems({key: value}):
            problems += [f"--set {p.path}: {p.message}" for p in controls]
        else:
            out[key] = _plain_tree(copy.deepcopy(value))
    if problems:
        raise ScenarioError(problems)
    return out


def _plain_tree(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _plain_tree(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain_tree(v) for v in value]
    return plain(value)


def apply_overrides(raw: dict[str, Any], overrides: Mapping[str, Any]) -> tuple[list[Problem], list[str]]:
    """Set dotted keys in ``raw`` (in place); returns problems and the tables the overrides
    created (each new table once, outermost first)."""
    problems: list[Problem] = []
    created: list[str] = []
    for key, value in overrides.items():
        parts = key.split(".")
        node = raw
        for i, part in enumerate(parts[:-1]):
            nxt = node.get(part)
            if nxt is None:
                nxt = node[part] = {}
                created.append(".".join(parts[: i + 1]))
            if not isinstance(nxt, dict):
                problems.append(Problem(".".join(parts[: i + 1]), "is a value, not a table"))
                break
            node = nxt
        else:
            node[parts[-1]] = copy.deepcopy(value)
    return problems, created


def collapse_created(problems: list[Problem], created: list[str], final: dict) -> list[Problem]:
    """An override that names a table that does not exist (``units.caffe.price_sek``) creates
    it; say so once, on the innermost new table, with a suggestion and the keys it lacks,
    instead of listing each missing key."""
    out: list[Problem] = []
    missing: dict[str, list[str]] = {}
    for p in problems:
        tables = [c for c in created if p.path.startswith(c + ".")]
        if not tables or p.message != "missing required key":
            out.append(p)
            continue
        table = max(tables, key=len)
        if table not in missing:
            missing[table] = []
            out.append(Problem(table, ""))  # filled in below, in the order first seen
        missing[table].append(p.path[len(table) + 1:])
    for i, p in enumerate(out):
        if p.path in missing and p.message == "":
            parent, _, name = p.path.rpartition(".")
            siblings = get_path(final, parent)
            others = [k for k in (siblings or {}) if k != name]
            keys = ", ".join(missing[p.path])
            out[i] = Problem(p.path, f"no such table in the scenario{suggest(name, others)};"
                                     f" a new one needs all its required keys (missing: {keys})")
    return out


def get_path(tree: Any, dotted: str) -> Any:
    """The value at a dotted path in nested tables, or None."""
    node: Any = tree
    for part in dotted.split(".") if dotted else []:
        node = node.get(part) if isinstance(node, dict) else None
    return node


def blames_override(problem: Problem, overrides: Mapping[str, Any]) -> bool:
    """Does ``problem`` come from one of the overrides: did one set its key (or one of the keys
    it involves), a table above it, or — for a table an override made — a key inside it?"""
    paths = problem.keys or (problem.path,)
    for key in overrides:
        if any(p == key or p.startswith((key + ".", key + "[")) for p in paths):
            return True
        if not problem.keys and key.startswith(problem.path + "."):
            return True
    return False
