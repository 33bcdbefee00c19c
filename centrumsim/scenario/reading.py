"""Reading scenario files: one TOML file safely, then its ``extends`` chain merged.

A file must be a regular file of at most :data:`MAX_FILE_BYTES`, UTF-8 TOML, nested at most
:data:`MAX_NESTING` levels, with no control character in a key or a text (:mod:`.controls`); a
chain of ``extends`` is at most :data:`MAX_EXTENDS` files long and has no cycle. Merging: tables
merge key by key, other values replace. Each dotted key of the merged data remembers the file
that last set it (its *origin*), so that a problem is reported against the file that holds the
key.
"""

from __future__ import annotations

import copy
import errno
import os
import stat
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .controls import control_problems
from .schema import Problem, ScenarioError, build

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_NESTING = 16
MAX_EXTENDS = 32


def parse_toml(text: str, source: str) -> dict[str, Any]:
    """Parse TOML text; every failure is a :class:`ScenarioError` naming ``source``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError([f"{source}: invalid TOML: {exc}"]) from None
    except RecursionError:
        raise ScenarioError([f"{source}: invalid TOML: nested too deeply (at most {MAX_NESTING} levels)"]) from None
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        reason = str(exc).split(";")[0]
        raise ScenarioError([f"{source}: invalid TOML: {reason}"]) from None
    deep = too_deep(data)
    if deep is not None:
        raise ScenarioError([f"{source}: {deep}: nested more than {MAX_NESTING} levels deep"])
    return data


def too_deep(value: Any, limit: int = MAX_NESTING) -> str | None:
    """The dotted path where ``value`` (tables and lists) nests deeper than ``limit``, or None.
    Iterative, so that any depth can be checked."""
    stack: list[tuple[Any, str, int]] = [(value, "", 0)]
    while stack:
        node, path, depth = stack.pop()
        if isinstance(node, Mapping):
            children = [(v, f"{path}.{k}" if path else str(k)) for k, v in node.items()]
        elif isinstance(node, (list, tuple)):
            children = [(v, f"{path}[{i}]") for i, v in enumerate(node)]
        else:
            continue
        if depth >= limit and children:
            return _shorten(path or "(top)")
        stack.extend((child, p, depth + 1) for child, p in children)
    return None


def _why_unusable(exc: BaseException) -> str:
    """Why a path cannot be followed, in the same words on every Python (3.11 raises RuntimeError
    for a loop of symbolic links, 3.13 OSError ELOOP; the NUL byte's message differs too)."""
    if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP:
        return "a loop of symbolic links"
    if isinstance(exc, ValueError):
        return "a null byte in the name"
    return getattr(exc, "strerror", None) or str(exc)


def _shorten(path: str, keep: int = 80) -> str:
    return path if len(path) <= keep else path[:keep] + "…"


def read_file(path: Path, source: str) -> dict[str, Any]:
    """Read and parse one TOML file; refuse what is not a regular file of sane size."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ScenarioError([f"{source}: file not found"]) from None
    except (OSError, ValueError) as exc:
        raise ScenarioError([f"{source}: cannot read file ({getattr(exc, 'strerror', None) or exc})"]) from None
    if stat.S_ISDIR(info.st_mode):
        raise ScenarioError([f"{source}: is a folder, not a scenario file"])
    if not stat.S_ISREG(info.st_mode):
        raise ScenarioError([f"{source}: not a regular file (a device, pipe or socket?)"])
    if info.st_size > MAX_FILE_BYTES:
        raise ScenarioError([f"{source}: file too large ({info.st_size} bytes; at most {MAX_FILE_BYTES} bytes)"])
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ScenarioError([f"{source}: cannot read file ({exc.strerror or exc})"]) from None
    if len(data) > MAX_FILE_BYTES:
        raise ScenarioError([f"{source}: file too large (more than {MAX_FILE_BYTES} bytes)"])
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark, as some editors write, is fine
    except UnicodeDecodeError as exc:
        raise ScenarioError([f"{source}: not UTF-8 text (byte {exc.start})"]) from None
    parsed = parse_toml(text, source)
    if not parsed:
        raise ScenarioError([f"{source}: file is empty (no keys)"])
    controls = control_problems(parsed)
    if controls:
        raise ScenarioError([p.render(source) for p in controls])
    return parsed


def read_chain(path: Path, source: str) -> tuple[dict[str, Any], dict[str, str]]:
    """A scenario file merged over the files it ``extends``; and the origin (file) of every
    dotted key and table path in the result."""
    layers: list[tuple[dict[str, Any], str]] = []  # the file first, its bases after
    seen: list[Path] = []
    current, current_source = path, source
    while True:
        data = read_file(current, current_source)
        parent_name = data.pop("extends", None)
        layers.append((data, current_source))
        if parent_name is None:
            break
        if not isinstance(parent_name, str) or not parent_name.strip():
            raise ScenarioError([f"{current_source}: extends: expected a file name (got {parent_name!r})"])
        try:
            seen.append(current.resolve())
            parent = (current.parent / parent_name).resolve(strict=True)
        except FileNotFoundError:
            raise ScenarioError([f"{current_source}: extends: file not found '{_shorten(parent_name)}'"]) from None
        except (OSError, ValueError, RuntimeError) as exc:  # a NUL byte, a link loop, a long name, no access
            raise ScenarioError([f"{current_source}: extends: cannot use '{_shorten(parent_name)}' "
                                 f"({_why_unusable(exc)})"]) from None
        if parent in seen:
            raise ScenarioError([f"{current_source}: extends: cycle through '{parent_name}'"])
        if len(layers) >= MAX_EXTENDS:
            raise ScenarioError([f"{current_source}: extends: a chain of more than {MAX_EXTENDS} files"])
        current, current_source = parent, str(current.parent / parent_name)
    merged: dict[str, Any] = {}
    origin: dict[str, str] = {}
    for data, src in reversed(layers):
        merged = merge(merged, data)
        origin.update(origins(data, src))
    return merged, origin


def merge(base: dict[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """``child`` over ``base``: tables merge key by key, other values replace (deep copies)."""
    out = copy.deepcopy(base)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def origins(data: Mapping[str, Any], source: str, prefix: str = "") -> dict[str, str]:
    """Every dotted key and table path in ``data`` → ``source``."""
    out: dict[str, str] = {}
    for key, value in data.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        out[path] = source
        if isinstance(value, dict):
            out.update(origins(value, source, path))
    return out


def origin_of(path: str, origin: Mapping[str, str], default: str) -> str:
    """The file that holds ``path``, or the nearest table above it that a file names."""
    while path:
        if path in origin:
            return origin[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return default


def read_as(path: str | Path, cls: type) -> tuple[str, dict[str, Any], Any, list[Problem]]:
    """Read a TOML file and build dataclass ``cls`` from it: (source, raw data, the instance,
    the problems so far). Raises :class:`ScenarioError` when the file cannot be read or the
    instance cannot be built; the caller adds its own checks to the problems and raises."""
    source = str(path)
    raw = read_file(Path(path), source)
    problems: list[Problem] = []
    parsed = build(cls, raw, "", problems)
    if parsed is None:
        raise ScenarioError([p.render(source) for p in problems])
    return source, raw, parsed, problems
