"""Validation of plain data (parsed TOML) against frozen dataclasses.

The dataclasses in :mod:`centrumsim.scenario` are the schema: each field's type says what is
accepted, and its metadata (made with :func:`spec`) gives the allowed range. :func:`build`
walks the data and the dataclass together, collects *every* problem as a :class:`Problem`
(dotted path + message) and returns the typed, immutable object only when there were none.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import difflib
import functools
import math
import numbers
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Union

_MISSING = dataclasses.MISSING

MAX_MAGNITUDE = 1e9
"""No number in a scenario may exceed this in size (keeps money in int64 öre)."""
FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2200, 12, 31)
"""Dates in a scenario lie in [FIRST_DATE, LAST_DATE] (the calendar and plots are built for that)."""


def printable(text: str) -> str:
    """``text`` with control characters (a newline, an escape) written as escapes, so that one
    problem stays one line and prints nothing to the terminal but itself."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class ScenarioError(Exception):
    """Bad input. ``lines`` holds one rendered problem per line, ``file: dotted.key: reason``."""

    def __init__(self, lines: list[str]):
        lines = [printable(line) for line in lines]
        super().__init__("\n".join(lines))
        self.lines = lines


class FrozenDict(Mapping):
    """An immutable, picklable mapping (the tables of a frozen scenario)."""

    __slots__ = ("_data",)

    def __init__(self, data: Any = ()):
        self._data = dict(data)

    def __getitem__(self, key: Any) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"FrozenDict({self._data!r})"

    def __reduce__(self) -> tuple:
        return (FrozenDict, (self._data,))


def freeze(value: Any) -> Any:
    """Plain tables and lists → :class:`FrozenDict` and tuples, all the way down."""
    if isinstance(value, dict):
        return FrozenDict({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    return value


def thaw(value: Any) -> Any:
    """Mappings and tuples → fresh plain dicts and lists, all the way down (the inverse of
    :func:`freeze`)."""
    if isinstance(value, Mapping):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [thaw(v) for v in value]
    return value


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where (dotted key path) and what. ``keys``: for a
    problem that involves several keys, all of them (an override that set any is to blame)."""

    path: str
    message: str
    keys: tuple[str, ...] = ()

    def render(self, source: str) -> str:
        """Format as ``source: path: message`` (the contract of every command)."""
        where = f"{self.path}: " if self.path else ""
        return f"{source}: {where}{self.message}"


def spec(
    default: Any = _MISSING,
    *,
    min: float | None = None,
    max: float | None = None,
    gt: float | None = None,
    doc: str = "",
) -> Any:
    """A dataclass field with a range check and a one-line description (unit in the name)."""
    meta = {"min": min, "max": max, "gt": gt, "doc": doc}
    if default is _MISSING:
        return dataclasses.field(metadata=meta)
    if isinstance(default, (list, dict, set)):
        raise TypeError("use tuples or None for mutable defaults")
    return dataclasses.field(default=default, metadata=meta)


def table_spec(default: Callable[[], Mapping] | None = None, doc: str = "") -> Any:
    """A dataclass field for a table of named entries (``dict[str, X]``), by default
    ``default()`` or empty."""
    return dataclasses.field(default_factory=default or (lambda: FrozenDict({})),
                             metadata={"min": None, "max": None, "gt": None, "doc": doc})


def suggest(key: str, valid: typing.Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' hint for a misspelt key, or ''."""
    match = difflib.get_close_matches(key, list(valid), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value) if len(value) <= 60 else repr(value[:57]) + "…"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**15:
        return show_number(value)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return str(value)


def _is_dataclass_type(tp: Any) -> bool:
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def show_number(value: Any) -> str:
    """A number for a message: ``5``, ``0.25``, ``1e+22``; integers too large for a float are
    shown by their digit count instead of raising."""
    try:
        return f"{value:g}"
    except OverflowError:
        digits = len(str(abs(int(value))))
        return f"a {digits}-digit number"


def plain(value: Any) -> Any:
    """numpy scalars as the Python scalars they stand for (``np.int64(3)`` → ``3``); other
    values unchanged."""
    item = getattr(value, "item", None)
    if item is not None and type(value).__module__ == "numpy" and getattr(value, "ndim", None) == 0:
        return item()
    return value


def build_fields(cls: type, data: Any, path: str, problems: list[Problem]) -> dict[str, Any] | None:
    """Convert each field of dataclass ``cls`` from ``data`` separately.

    Returns {field: value} for the fields present and valid (a field whose conversion found a
    problem maps to None; absent fields are left out so defaults apply); problems are appended.
    Returns None when ``data`` is not a table.
    """
    if not isinstance(data, dict):
        problems.append(Problem(path, f"expected a table (got {_show(data)})"))
        return None
    hints = _hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    for key in data:
        if key not in fields:
            problems.append(Problem(_join(path, key), "unknown key" + suggest(key, fields)))
    values: dict[str, Any] = {}
    for name, f in fields.items():
        fpath = _join(path, name)
        if name not in data:
            if f.default is _MISSING and f.default_factory is _MISSING:
                problems.append(Problem(fpath, "missing required key"))
            continue
        n_before = len(problems)
        value = _convert(hints[name], data[name], fpath, problems, f.metadata)
        values[name] = value if len(problems) == n_before else None
    return values


def build(cls: type, data: Any, path: str, problems: list[Problem]) -> Any:
    """Build an instance of dataclass ``cls`` from ``data``; append problems; None on failure."""
    n_before = len(problems)
    values = build_fields(cls, data, path, problems)
    if values is None or len(problems) > n_before:
        return None
    return cls(**values)


def _convert(tp: Any, value: Any, path: str, problems: list[Problem], meta: Any) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if value is None:
            return None
        return _convert(inner[0], value, path, problems, meta)
    if origin is Literal:
        if value not in args:
            choices = ", ".join(repr(a) for a in args)
            hint = suggest(str(value), [str(a) for a in args])
            problems.append(Problem(path, f"must be one of {choices} (got {_show(value)}){hint}"))
        return value
    if origin is dict:
        if not isinstance(value, dict):
            problems.append(Problem(path, f"expected a table (got {_show(value)})"))
            return None
        vt = args[1]
        return FrozenDict(
            {k: _convert(vt, v, _join(path, k), problems, meta) for k, v in value.items()}
        )
    if origin is tuple:
        if not isinstance(value, (list, tuple)):
            problems.append(Problem(path, f"expected a list (got {_show(value)})"))
            return None
        et = args[0]
        return tuple(_convert(et, v, _join(path, i), problems, meta) for i, v in enumerate(value))
    if _is_dataclass_type(tp):
        return build(tp, value, path, problems)
    return _scalar(tp, value, path, problems, meta)


_PLAIN_TYPES = {bool: "true or false", str: "a string"}


def _scalar(tp: Any, value: Any, path: str, problems: list[Problem], meta: Any) -> Any:
    value = plain(value)
    if isinstance(value, decimal.Decimal) and value.is_finite():
        value = float(value)
    if tp in _PLAIN_TYPES:
        if not isinstance(value, tp):
            problems.append(Problem(path, f"expected {_PLAIN_TYPES[tp]} (got {_show(value)})"))
        return value
    if tp is dt.date:
        date = _date(value)
        if date is None:
            problems.append(Problem(path, f"expected a date YYYY-MM-DD (got {_show(value)})"))
            return value
        if not FIRST_DATE <= date <= LAST_DATE:
            problems.append(Problem(path, f"must be a date from {FIRST_DATE} to {LAST_DATE} (got {date})"))
        return date
    is_number = isinstance(value, numbers.Real) and not isinstance(value, bool)
    if tp is int:
        if not is_number or (isinstance(value, float) and not value.is_integer()):
            problems.append(Problem(path, f"expected a whole number (got {_show(value)})"))
            return value
        if isinstance(value, float) and abs(value) > MAX_MAGNITUDE:
            problems.append(Problem(path, f"must be at most {MAX_MAGNITUDE:g} in size (got {show_number(value)})"))
            return value
        value = int(value)
    elif tp is float:
        if not is_number:
            problems.append(Problem(path, f"expected a number (got {_show(value)})"))
            return value
        if isinstance(value, numbers.Integral) and abs(int(value)) > MAX_MAGNITUDE:
            problems.append(Problem(path, f"must be at most {MAX_MAGNITUDE:g} in size (got {show_number(value)})"))
            return value
        value = float(value)
        if not math.isfinite(value):
            problems.append(Problem(path, f"must be a finite number (got {value})"))
            return value
    else:  # pragma: no cover - schema author error
        raise TypeError(f"unsupported schema type {tp!r} at {path}")
    if abs(value) > MAX_MAGNITUDE:
        problems.append(Problem(path, f"must be at most {MAX_MAGNITUDE:g} in size (got {show_number(value)})"))
        return value
    reason = bound_problem(value, meta.get("min"), meta.get("max"), meta.get("gt"))
    if reason is not None:
        problems.append(Problem(path, reason))
    return value


def bound_problem(value: float, lo: float | None, hi: float | None, gt: float | None) -> str | None:
    """Why ``value`` breaks a field's :func:`spec` bounds (``min``, ``max``, ``gt``), or None."""
    if lo is not None and value < lo:
        return f"must be >= {lo:g} (got {value:g})"
    if gt is not None and value <= gt:
        return f"must be > {gt:g} (got {value:g})"
    if hi is not None and value > hi:
        return f"must be <= {hi:g} (got {value:g})"
    return None


def _date(value: Any) -> dt.date | None:
    """A date from a TOML date or an ISO text (a day, not a time), else None."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None
