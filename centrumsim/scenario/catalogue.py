"""The unit-kind catalogue (``data/unit_kinds.toml``): defaults per kind of unit, with sources in
the file's comments. A unit in a scenario names its ``kind`` and inherits these defaults."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .schema import freeze, thaw

CATALOGUE_FILE = Path(__file__).parent / "data" / "unit_kinds.toml"

UNIT_KINDS: Mapping[str, Mapping[str, Any]] = freeze(tomllib.loads(CATALOGUE_FILE.read_text("utf-8")))
"""Defaults per unit kind, with sources in the catalogue file's comments."""


def kind_defaults(kind: str) -> dict[str, Any]:
    """A fresh, mutable copy of a catalogue kind's defaults."""
    return thaw(UNIT_KINDS[kind])
