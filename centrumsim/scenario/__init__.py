"""Scenarios: files → a validated, immutable :class:`Scenario` (the lowest layer but one).

``load_scenario(path)`` reads a TOML file (and the files it ``extends``), applies overrides and
reports every problem at once as :class:`ScenarioError` lines ``file: dotted.key: reason``.
"""

from .catalogue import UNIT_KINDS, kind_defaults
from .keys import override_problem, resolved_value
from .loading import Scenario, canonical, load_scenario
from .operators import EnterpriseSection, TenantSection
from .overrides import parse_override
from .schema import FrozenDict, Problem, ScenarioError, build, spec, suggest
from .sections import (
    ACTION_VALUES,
    AgeChances,
    AgeValues,
    AreaSection,
    EconomySection,
    EventType,
    FootfallSection,
    IndicatorSection,
    Intervention,
    Premises,
    TimeSection,
    Unit,
    UnrestSection,
    Zone,
)
from .vocabulary import AGE_BANDS, AGE_LABELS, CENTRAL, DAYPART_HOURS, DAYPARTS

__all__ = [
    "ACTION_VALUES",
    "AGE_BANDS",
    "AGE_LABELS",
    "CENTRAL",
    "DAYPARTS",
    "DAYPART_HOURS",
    "UNIT_KINDS",
    "AgeChances",
    "AgeValues",
    "AreaSection",
    "EconomySection",
    "EnterpriseSection",
    "EventType",
    "FootfallSection",
    "FrozenDict",
    "IndicatorSection",
    "Intervention",
    "Premises",
    "Problem",
    "Scenario",
    "ScenarioError",
    "TenantSection",
    "TimeSection",
    "Unit",
    "UnrestSection",
    "Zone",
    "build",
    "canonical",
    "kind_defaults",
    "load_scenario",
    "override_problem",
    "parse_override",
    "resolved_value",
    "spec",
    "suggest",
]
