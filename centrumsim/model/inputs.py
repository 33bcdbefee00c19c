"""What one run is made of: a scenario (a file or a :class:`Scenario`, with dotted overrides)
and a seed, both checked with clear errors before anything runs."""

from __future__ import annotations

import numbers
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..scenario import Scenario, load_scenario

MAX_SEED = 2**63 - 1


def scenario_of(scenario: Any, overrides: Mapping[str, Any] | None = None) -> Scenario:
    """A :class:`Scenario` from a path or a scenario, with ``overrides`` (dotted keys) applied.
    Raises ScenarioError for bad scenario input, TypeError for something that is neither."""
    if isinstance(scenario, (str, Path)):
        return load_scenario(scenario, overrides)
    if isinstance(scenario, Scenario):
        return scenario.with_overrides(overrides) if overrides else scenario
    raise TypeError(f"scenario must be a path or a Scenario (got {type(scenario).__name__})")


def check_seed(seed: Any, name: str = "rng") -> int:
    """A seed as a plain int in 0 … 2^63 − 1 (numpy integers welcome). TypeError for a bool, a
    float or anything else; ValueError when out of range."""
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"{name} must be a whole number (got {seed!r})")
    seed = int(seed)
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(f"{name} must be in 0 … 2^63 − 1 (got {seed})")
    return seed


def fresh_seed() -> int:
    """A seed from the operating system's entropy (recorded with the run, so it can be re-run)."""
    return secrets.randbelow(MAX_SEED + 1)
