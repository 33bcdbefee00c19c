"""Scenario files: TOML → validated, typed, immutable :class:`Scenario`.

A scenario file is read with :mod:`tomllib`. It may start with ``extends = "base.toml"`` and
change only what differs (tables merge key by key, other values replace). Each unit names a
``kind`` from the catalogue (``centrumsim/data/unit_kinds.toml``) whose defaults it inherits.
Every numeric key carries its unit in its name. All problems are collected and reported at
once as :class:`ScenarioError` lines ``file: dotted.key: message``.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import hashlib
import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Mapping

import numpy as np

from .ledger import split_exact
from .schema import FrozenDict, Problem, build_fields, spec, suggest

AGE_BANDS: tuple[str, ...] = ("0_5", "6_12", "13_19", "20_25", "26_64", "65_plus")
"""The six age bands used everywhere (index = band code in the population arrays)."""
AGE_LABELS: tuple[str, ...] = ("0–5", "6–12", "13–19", "20–25", "26–64", "65+")

RESERVED_UNIT_NAME = "central"  # the enterprise's own ledger column


class ScenarioError(Exception):
    """Bad scenario input. ``lines`` holds one rendered problem per line."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


_frozen = dataclass(frozen=True, kw_only=True)


@_frozen
class AgeValues:
    """One value per age band (a share, a rate or a weight — the owning key says which)."""

    age_0_5: float = spec(1.0, min=0)
    age_6_12: float = spec(1.0, min=0)
    age_13_19: float = spec(1.0, min=0)
    age_20_25: float = spec(1.0, min=0)
    age_26_64: float = spec(1.0, min=0)
    age_65_plus: float = spec(1.0, min=0)

    def as_array(self) -> np.ndarray:
        """The six values as a float array, in :data:`AGE_BANDS` order."""
        return np.array([getattr(self, f"age_{b}") for b in AGE_BANDS], dtype=float)


@_frozen
class TimeSection:
    start_date: dt.date = spec(doc="first simulated day")
    years: int = spec(10, min=1, max=50, doc="horizon in years")


@_frozen
class Zone:
    share_of_households: float = spec(min=0, max=1, doc="share of the area's households")
    walk_distance_m: float = spec(gt=0, doc="typical walking distance to the centre, m")
    across_tram_line: bool = spec(False, doc="on the far side of the tram line from the centre")
    households_growth_per_year: float = spec(0.0, min=0, max=10_000, doc="new households a year")


@_frozen
class AreaSection:
    residents: int = spec(min=0, max=2_000_000, doc="residents at the start")
    households: int = spec(min=0, doc="households at the start")
    share_female: float = spec(0.5, min=0, max=1)
    age_shares: AgeValues = spec(doc="share of residents per age band (sums to 1)")
    income_rel_national_median: float = spec(
        0.65, gt=0, max=5, doc="median household income per consumption unit / national median"
    )
    income_sigma_log: float = spec(0.45, min=0, max=2, doc="spread of log income")
    employment_rate_adults: float = spec(0.6, min=0, max=1, doc="share of 20–64 in work")
    zones: dict[str, Zone] = spec(doc="named zones of the area")


@_frozen
class Premises:
    area_m2: float = spec(gt=0, max=100_000)
    rent_sek_per_m2_year: float = spec(min=0, max=100_000)
    rent_discount_share: float = spec(0.0, min=0, max=1, doc="discount from the housing company")


@_frozen
class Unit:
    """A unit in the centre: an enterprise unit, a commercial tenant or a public house."""

    kind: str = spec(doc="a kind from the catalogue (data/unit_kinds.toml)")
    operator: Literal["enterprise", "commercial", "public"] = spec()
    premises: str = spec(doc="name of the premises it occupies")
    label: str = spec("", doc="display name (Swedish names welcome)")
    enabled: bool = spec(True, doc="false drops an inherited unit from this scenario")
    initially_open: bool = spec(True)
    attraction: float = spec(1.0, min=0, doc="Huff attraction (relative units)")
    appeal: AgeValues = spec(AgeValues(), doc="relative draw per age band")
    appeal_female_factor: float = spec(1.0, min=0, doc="draw for women and girls / men and boys")
    hours_day: float = spec(8.0, min=0, max=10, doc="hours open in the day part (08–17)")
    hours_evening: float = spec(0.0, min=0, max=5, doc="hours open in the evening (17–22)")
    open_weekends: bool = spec(True)
    price_sek: float = spec(0.0, min=0, max=100_000, doc="average sales per visit, SEK ex VAT")
    capacity_visits_per_day: float = spec(0.0, min=0, max=100_000, doc="visits it can serve per open day (0 = no limit)")
    gross_margin_share: float = spec(1.0, min=0, max=1, doc="1 − cost of goods / sales")
    members: int = spec(0, min=0, max=1_000_000)
    membership_fee_sek_per_month: float = spec(0.0, min=0, max=100_000)
    service_contract_sek_per_month: float = spec(0.0, min=0)
    grant_sek_per_month: float = spec(0.0, min=0)
    sponsorship_sek_per_month: float = spec(0.0, min=0)
    staff_fte: float = spec(0.0, min=0, max=200)
    wage_sek_per_month: float = spec(30_000.0, min=0, doc="gross wage per FTE")
    employer_fee_share: float = spec(0.3142, min=0, max=1, doc="employer's social fees on wages")
    subsidised_fte: float = spec(0.0, min=0, doc="FTE carrying a wage subsidy")
    wage_subsidy_share: float = spec(0.0, min=0, max=0.8, doc="share of wage cost subsidised")
    wage_subsidy_cap_sek_per_month: float = spec(20_000.0, min=0, doc="ceiling per FTE")
    work_integration_posts: int = spec(0, min=0)
    trainee_payment_sek_per_post_month: float = spec(0.0, min=0)
    upkeep_sek_per_month: float = spec(0.0, min=0, doc="upkeep and interior")
    other_costs_sek_per_month: float = spec(0.0, min=0)
    insurance_sek_per_month: float = spec(0.0, min=0)
    insurance_deductible_sek: float = spec(10_000.0, min=0)
    activities_per_week: float = spec(0.0, min=0)
    youth_activity_hours_per_week: float = spec(0.0, min=0, doc="organised hours for ages 13–25")
    link_share: float = spec(0.1, min=0, max=1, doc="share of its visitors who visit a second unit")
    linked_draw: float = spec(1.0, min=0, max=100, doc="weight as the second unit of a linked trip")
    public_events_per_year: float = spec(0.0, min=0, max=365, doc="public events it holds")
    sports: bool = spec(False, doc="a sports activity (counts towards club-active children)")


@_frozen
class EnterpriseSection:
    name: str = spec("Socialt centrumföretag")
    starting_cash_sek: float = spec(0.0)
    overdraft_limit_sek: float = spec(0.0, min=0, doc="cash may fall to −limit")
    reserve_target_sek: float = spec(0.0, min=0)
    grant_sek_per_month: float = spec(0.0, min=0, doc="grant to the enterprise as a whole")
    overhead_sek_per_month: float = spec(0.0, min=0, doc="board, accounting, coordination")
    environment_spend_sek_per_month: float = spec(0.0, min=0, doc="common-space upkeep")
    pause_after_deficit_months: int = spec(6, min=1, max=120)
    close_after_paused_months: int = spec(12, min=1, max=240)
    reopen_min_paused_months: int = spec(3, min=1, max=120)


@_frozen
class TenantSection:
    leave_after_loss_months: int = spec(6, min=1, max=120)
    entry_hurdle_sek_per_month: float = spec(10_000.0, min=0)
    entry_attempts_per_year: float = spec(1.0, min=0, max=52)
    entry_kinds: tuple[str, ...] = spec(("pizzeria", "hairdresser", "grocery"))
    upkeep_cut_share: float = spec(0.5, min=0, max=1, doc="share of upkeep cut while losing")


@_frozen
class FootfallSection:
    trips_per_day_day: AgeValues = spec(doc="daily chance of a daytime local outing")
    trips_per_day_evening: AgeValues = spec(doc="daily chance of an evening local outing")
    weekend_factor_day: AgeValues = spec(AgeValues(), doc="weekend / weekday outing chance")
    weekend_factor_evening: AgeValues = spec(AgeValues(), doc="weekend / weekday outing chance")
    spend_factor_by_age: AgeValues = spec(AgeValues(), doc="spend per visit relative to an adult")
    huff_alpha: float = spec(1.0, min=0, max=5)
    huff_beta: float = spec(2.0, min=0, max=5)
    outside_option_attraction: float = spec(10.0, gt=0)
    outside_option_distance_m: float = spec(1500.0, gt=0)
    outside_option_evening_factor: float = spec(1.0, gt=0, max=100, doc="outside option's draw in the evening")
    tram_crossing_extra_m: float = spec(300.0, min=0)
    tram_crossing_improved: bool = spec(False)
    safety_elasticity_day: float = spec(0.5, min=0, max=5)
    safety_elasticity_evening: float = spec(1.5, min=0, max=5)
    seasonal_amplitude_share: float = spec(0.05, min=0, max=0.5)
    spend_income_elasticity: float = spec(0.5, min=0, max=3)
    vitality_weight: float = spec(0.5, min=0, max=1)
    environment_reference_sek_per_month: float = spec(10_000.0, gt=0, doc="spend giving half the lift")
    environment_max_lift_share: float = spec(0.1, min=0, max=1, doc="most attraction gained")
    shabby_attraction_loss_share: float = spec(0.3, min=0, max=1, doc="loss when upkeep is cut")
    outside_visitors_per_day: float = spec(30.0, min=0)
    accessibility_index: float = spec(1.0, min=0, max=10)
    event_visit_lift_share: float = spec(0.3, min=0, max=3, doc="extra visits on a public-event day")
    event_outside_visitors_per_event: float = spec(20.0, min=0, doc="visitors from outside per event")


@_frozen
class EventType:
    weight: float = spec(min=0, doc="relative frequency")
    damage_median_sek: float = spec(min=0)
    damage_sigma_log: float = spec(0.8, min=0, max=3)
    unit_target_share: float = spec(0.5, min=0, max=1, doc="share aimed at a unit's premises")
    fear_weight: float = spec(1.0, min=0)
    trust_weight: float = spec(1.0, min=0)


@_frozen
class UnrestSection:
    legitimacy: float = spec(0.82, min=0, max=1)
    arrest_k: float = spec(2.3, min=0)
    activation_threshold: float = spec(0.1, min=0, max=1)
    core_share: float = spec(0.015, min=0, max=1)
    core_rate_multiplier: float = spec(30.0, min=1)
    events_per_active_day: float = spec(0.00012, min=0, max=1)
    excitation_share: float = spec(0.5, min=0, max=0.95, doc="offspring per event (branching)")
    excitation_decay_days: float = spec(7.0, gt=0)
    eyes_per_guardian: float = spec(25.0, gt=0, doc="visitors per daypart per effective guardian")
    guardians_per_staff_fte: float = spec(1.0, min=0)
    lighting_quality: float = spec(0.5, min=0, max=1)
    guards_fte: float = spec(0.0, min=0)
    guard_cost_sek_per_fte_month: float = spec(55_000.0, min=0)
    est_active: bool = spec(False)
    est_legitimacy_gain: float = spec(0.05, min=0, max=1)
    est_ramp_years: float = spec(3.0, min=0, max=20, doc="years for EST's gain to build up fully")
    est_guardians: float = spec(2.0, min=0)
    idle_halving_hours_per_week: float = spec(40.0, gt=0)
    base_safety_share: float = spec(0.75, min=0, max=1)
    young_female_safety_gap_share: float = spec(0.15, min=0, max=1)
    fear_per_event: float = spec(0.005, min=0, max=1)
    fear_halflife_days: float = spec(60.0, gt=0)
    trust_loss_per_event: float = spec(0.15, min=0, max=1)
    trust_recovery_per_month: float = spec(0.05, min=0, max=1)
    trust_pause_threshold: float = spec(0.3, min=0, max=1)
    trust_reopen_threshold: float = spec(0.6, min=0, max=1)
    evening_share_of_activity: float = spec(0.75, min=0, max=1, doc="share of youths' free time in the evening")
    youth_post_share: float = spec(0.5, min=0, max=1, doc="share of work-integration posts held by local youths")
    post_relief_share: float = spec(0.5, min=0, max=1, doc="grievance relief of a youth in a post")
    broken_windows_max_lift_share: float = spec(1.0, min=0, max=5, doc="most the base rate rises by")
    broken_windows_half_count: float = spec(5.0, gt=0, max=1000, doc="unrepaired damages for half that lift")
    repair_days_enterprise: float = spec(7.0, min=0, max=365)
    repair_days_tenant: float = spec(14.0, min=0, max=365)
    repair_days_cut_upkeep: float = spec(60.0, min=0, max=365, doc="a tenant that skimps on upkeep")
    repair_days_public: float = spec(30.0, min=0, max=365, doc="public space, public houses, cars")
    crackdown_legitimacy_loss: float = spec(0.1, min=0, max=1)
    crackdown_backlash_days: int = spec(30, min=0, max=365)
    crackdown_backlash_events: float = spec(25.0, min=0, max=1000, doc="expected retaliation events")
    crackdown_displacement_share: float = spec(0.3, min=0, max=1, doc="share of events pushed elsewhere")
    types: dict[str, EventType] = spec(doc="event types")


@_frozen
class IndicatorSection:
    """Definitions behind the indicators and the break-even finder's social value (not
    mechanisms: nothing in the model's dynamics reads them)."""

    club_active_min_visits_per_month: int = spec(4, min=1, max=31, doc="≈ weekly")
    satisfaction_weight_safety: float = spec(0.4, min=0, max=1)
    satisfaction_weight_vitality: float = spec(0.3, min=0, max=1)
    satisfaction_weight_services: float = spec(0.3, min=0, max=1)
    police_list_min_events_per_year: float = spec(60.0, min=0, doc="unrest events in the area")
    police_list_max_safety_index: float = spec(60.0, min=0, max=100)
    police_list_max_willingness_to_report: float = spec(0.6, min=0, max=1)
    police_list_exit_years: int = spec(2, min=1, max=10, doc="years below the thresholds to leave")
    social_weight_visitors: float = spec(0.25, min=0, max=1, doc="break-even finder's social value")
    social_weight_activities: float = spec(0.25, min=0, max=1)
    social_weight_safety: float = spec(0.25, min=0, max=1)
    social_weight_posts: float = spec(0.25, min=0, max=1)
    service_kinds: tuple[str, ...] = spec(
        ("grocery", "cafe", "pizzeria", "hairdresser", "activity_house", "fritidsbanken", "gym"),
        doc="the kinds of service whose presence counts as access to services",
    )


@_frozen
class Intervention:
    date: dt.date = spec()
    action: Literal[
        "open_unit",
        "close_unit",
        "start_est",
        "stop_est",
        "hire_guards",
        "set_lighting",
        "improve_tram_crossing",
        "set_accessibility",
        "set_rent_discount",
        "set_grant",
        "start_crackdown",
    ] = spec()
    unit: str = spec("", doc="the unit acted on (open/close/rent/grant)")
    value: float = spec(0.0, doc="the new level (FTE, quality, index, share, SEK/month)")
    until: dt.date | None = spec(None, doc="end of a time-limited action (guards)")
    enabled: bool = spec(True)
    note: str = spec("")


@_frozen
class Scenario:
    """A validated, immutable scenario. Build it with :func:`load_scenario`."""

    name: str = spec()
    description: str = spec("")
    time: TimeSection = spec()
    area: AreaSection = spec()
    premises: dict[str, Premises] = spec()
    units: dict[str, Unit] = spec()
    enterprise: EnterpriseSection = spec(EnterpriseSection())
    tenants: TenantSection = spec(TenantSection())
    footfall: FootfallSection = spec()
    unrest: UnrestSection = spec()
    indicators: IndicatorSection = spec(IndicatorSection())
    interventions: dict[str, Intervention] = dataclasses.field(
        default_factory=lambda: FrozenDict({}), metadata={"doc": "dated actions"}
    )

    # Provenance, not part of the schema (init=False fields are skipped by the validator).
    source: str = dataclasses.field(default="", init=False, compare=False)
    raw: Mapping[str, Any] = dataclasses.field(
        default_factory=lambda: FrozenDict({}), init=False, compare=False
    )
    overrides: Mapping[str, Any] = dataclasses.field(
        default_factory=lambda: FrozenDict({}), init=False, compare=False
    )
    sha256: str = dataclasses.field(default="", init=False, compare=False)

    def with_overrides(self, overrides: Mapping[str, Any]) -> "Scenario":
        """A new scenario with dotted keys set, validated exactly like the file.

        ``scenario.with_overrides({"units.cafe.price_sek": 45})``; raises :class:`ScenarioError`.
        """
        merged = {**dict(self.overrides), **dict(overrides)}
        return _finish(_thaw(self.raw), self.source, merged, self.sha256)

    def with_years(self, years: int) -> "Scenario":
        """The same scenario over another horizon (shorthand for a ``time.years`` override)."""
        return self.with_overrides({"time.years": years})

    @property
    def enterprise_units(self) -> tuple[str, ...]:
        return tuple(n for n, u in self.units.items() if u.operator == "enterprise")


# ---------------------------------------------------------------------------------- loading


def _catalogue() -> dict[str, dict[str, Any]]:
    return tomllib.loads((Path(__file__).parent / "data" / "unit_kinds.toml").read_text("utf-8"))


UNIT_KINDS: Mapping[str, Mapping[str, Any]] = FrozenDict(_catalogue())
"""Defaults per unit kind, with sources in the catalogue file's comments."""


def load_scenario(path: str | Path, overrides: Mapping[str, Any] | None = None) -> Scenario:
    """Read, merge (``extends``), validate and freeze a scenario file.

    Raises :class:`ScenarioError` with every problem found, one line each.
    """
    source = str(path)
    raw = _read_chain(Path(path), source, [])
    # the identity of what runs: the resolved file and the unit-kind catalogue it draws on
    sha = hashlib.sha256((_canonical(raw) + _canonical(UNIT_KINDS)).encode()).hexdigest()
    return _finish(raw, source, dict(overrides or {}), sha)


def _read_chain(path: Path, source: str, seen: list[Path]) -> dict[str, Any]:
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise ScenarioError([f"{source}: file not found"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError([f"{source}: cannot read file ({exc})"]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError([f"{source}: invalid TOML: {exc}"]) from None
    if not data:
        raise ScenarioError([f"{source}: file is empty (no keys)"])
    parent_name = data.pop("extends", None)
    if parent_name is None:
        return data
    if not isinstance(parent_name, str):
        raise ScenarioError([f"{source}: extends: expected a file name (got {parent_name!r})"])
    parent = (path.parent / parent_name).resolve()
    if parent in seen or parent == path.resolve():
        raise ScenarioError([f"{source}: extends: cycle through '{parent_name}'"])
    if not parent.is_file():
        raise ScenarioError([f"{source}: extends: file not found '{parent_name}'"])
    base = _read_chain(parent, str(path.parent / parent_name), [*seen, path.resolve()])
    return _merge(base, data)


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _thaw(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return FrozenDict({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


def _canonical(raw: Any) -> str:
    return json.dumps(_thaw(raw), sort_keys=True, default=str, ensure_ascii=False)


def parse_override(text: str) -> tuple[str, Any]:
    """Parse ``dotted.key=value`` as given to ``--set``; the value is read as a TOML value
    (``45``, ``0.5``, ``true``, ``2019-09-19``, ``"text"``), or kept as a bare string."""
    if "=" not in text:
        raise ScenarioError([f"--set: expected dotted.key=value (got {text!r})"])
    key, _, value = text.partition("=")
    key, value = key.strip(), value.strip()
    if not key:
        raise ScenarioError([f"--set: missing key before '=' (got {text!r})"])
    try:
        return key, tomllib.loads(f"v = {value}")["v"]
    except tomllib.TOMLDecodeError:
        return key, value


def _apply_overrides(
    raw: dict[str, Any], overrides: Mapping[str, Any]
) -> tuple[list[Problem], list[str]]:
    """Set dotted keys in ``raw``; returns problems and the tables the overrides created."""
    problems, created = [], []
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
            node[parts[-1]] = value
    return problems, created


def _finish(
    raw: dict[str, Any], source: str, overrides: Mapping[str, Any], sha: str
) -> Scenario:
    raw = copy.deepcopy(raw)
    final = copy.deepcopy(raw)
    problems, created = _apply_overrides(final, overrides)
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
    if isinstance(parts.get("units"), Mapping):
        parts["units"] = FrozenDict({n: u for n, u in parts["units"].items() if u.enabled})
    if not units_ok:
        parts["units"] = None
    problems.extend(_cross_checks(parts))
    if problems:
        problems = _collapse_created(problems, created, final)
        raise ScenarioError([_render(p, source, overrides) for p in problems])
    scenario = Scenario(**parts)
    object.__setattr__(scenario, "source", source)
    object.__setattr__(scenario, "raw", _freeze(raw))
    object.__setattr__(scenario, "overrides", FrozenDict(dict(overrides)))
    object.__setattr__(scenario, "sha256", sha)
    return scenario


def _collapse_created(problems: list[Problem], created: list[str], final: dict) -> list[Problem]:
    """An override that names a table that does not exist (``units.caffe.price_sek``) creates
    it; say so once, with a suggestion, instead of listing its missing keys."""
    out, said = [], set()
    for p in problems:
        table = next((c for c in created if p.path.startswith(c + ".")), None)
        if table is None or p.message != "missing required key":
            out.append(p)
            continue
        if table not in said:
            said.add(table)
            parent, _, name = table.rpartition(".")
            siblings = _get(final, parent)
            others = [k for k in (siblings or {}) if k != name]
            out.append(Problem(table, f"no such table in the scenario{suggest(name, others)};"
                                      " a new one needs all its required keys"))
    return out


def _get(tree: dict, dotted: str) -> Any:
    node: Any = tree
    for part in dotted.split(".") if dotted else []:
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _render(problem: Problem, source: str, overrides: Mapping[str, Any]) -> str:
    for key in overrides:
        p = problem.path
        if p == key or p.startswith(key + ".") or key.startswith(p + "."):
            return f"{source}: --set {problem.path}: {problem.message}"
    return problem.render(source)


def _with_kind_defaults(unit: Any, path: str, problems: list[Problem]) -> Any:
    """The unit's table over its kind's catalogue defaults; None when the kind is unknown."""
    if not isinstance(unit, dict) or "kind" not in unit:
        return unit
    kind = unit["kind"]
    if not isinstance(kind, str):
        problems.append(Problem(f"{path}.kind", f"expected a string (got {kind!r})"))
        return None
    if kind not in UNIT_KINDS:
        problems.append(
            Problem(f"{path}.kind", f"unknown unit kind {kind!r}" + suggest(kind, UNIT_KINDS))
        )
        return None
    return _merge(dict(UNIT_KINDS[kind]), unit)


def _close(total: float, target: float, tol: float = 0.011) -> bool:
    return abs(total - target) <= tol


def _cross_checks(parts: Mapping[str, Any]) -> list[Problem]:
    """Checks that span several keys, run on whichever sections built (so that every problem
    is reported at once, even when some section has errors of its own)."""
    out: list[Problem] = []
    area, units, premises = parts.get("area"), parts.get("units"), parts.get("premises")
    time, tenants, interventions = parts.get("time"), parts.get("tenants"), parts.get("interventions")
    if area is not None:
        out += _check_area(area)
    if time is not None and time.start_date.year + time.years > 9998:
        out.append(Problem("time.start_date", "the run must end before the year 9999"))
    if units is not None and premises is not None:
        out += _check_units(units, premises)
    if tenants is not None:
        out += _check_kinds("tenants.entry_kinds", tenants.entry_kinds)
    ind = parts.get("indicators")
    if ind is not None:
        out += _check_kinds("indicators.service_kinds", ind.service_kinds)
    un = parts.get("unrest")
    if un is not None:
        if un.trust_reopen_threshold < un.trust_pause_threshold:
            out.append(Problem("unrest.trust_reopen_threshold", "must be >= unrest.trust_pause_threshold"))
        if not any(t.weight > 0 for t in un.types.values()):
            out.append(Problem("unrest.types", "at least one event type with weight > 0 is needed"))
    if interventions is not None and units is not None:
        out += _check_interventions(interventions, units)
    return out


def _check_kinds(path: str, kinds: tuple[str, ...]) -> list[Problem]:
    """Every name in a list of unit kinds must be in the catalogue."""
    return [Problem(f"{path}[{i}]", f"unknown unit kind {kind!r}" + suggest(kind, UNIT_KINDS))
            for i, kind in enumerate(kinds) if kind not in UNIT_KINDS]


def _check_area(area: AreaSection) -> list[Problem]:
    out: list[Problem] = []
    total = float(area.age_shares.as_array().sum())
    if not _close(total, 1.0):
        out.append(Problem("area.age_shares", f"must sum to 1 (got {total:.3f})"))
    if area.residents > 0:
        if not area.zones:
            out.append(Problem("area.zones", "at least one zone is needed"))
        else:
            zsum = sum(z.share_of_households for z in area.zones.values())
            if not _close(zsum, 1.0):
                out.append(Problem("area.zones", f"share_of_households must sum to 1 (got {zsum:.3f})"))
        if area.households < 1:
            out.append(Problem("area.households", "must be >= 1 when there are residents"))
        if total > 0:
            counts = split_exact(area.residents, area.age_shares.as_array())
            heads = int(counts[2:].sum())  # a household needs a resident aged 13 or more
            if area.households > heads:
                out.append(Problem("area.households",
                                   f"must be <= residents aged 13+ ({heads}) (got {area.households})"))
    elif area.households > 0:
        out.append(Problem("area.households", f"must be 0 when there are no residents (got {area.households})"))
    return out


def _check_units(units: Mapping[str, Unit], premises: Mapping[str, Premises]) -> list[Problem]:
    out: list[Problem] = []
    occupied: dict[str, str] = {}
    for name, unit in units.items():
        if name == RESERVED_UNIT_NAME:
            out.append(Problem(f"units.{name}", f"the name {name!r} is reserved for the enterprise's own books"))
        if unit.premises not in premises:
            out.append(Problem(f"units.{name}.premises",
                               f"no premises named {unit.premises!r}" + suggest(unit.premises, premises)))
        elif unit.initially_open:
            if unit.premises in occupied:
                out.append(Problem(f"units.{name}.premises",
                                   f"{unit.premises!r} is already taken by units.{occupied[unit.premises]} at the start"))
            occupied[unit.premises] = name
        if unit.subsidised_fte > unit.staff_fte:
            out.append(Problem(f"units.{name}.subsidised_fte",
                               f"must be <= staff_fte ({unit.staff_fte:g}) (got {unit.subsidised_fte:g})"))
    return out


def _check_interventions(interventions: Mapping[str, Intervention], units: Mapping[str, Unit]) -> list[Problem]:
    out: list[Problem] = []
    for name, iv in interventions.items():
        if not iv.enabled:
            continue
        needs_unit = iv.action in ("open_unit", "close_unit", "set_rent_discount", "set_grant")
        if needs_unit and iv.unit not in units:
            what = f"no unit named {iv.unit!r}" if iv.unit else f"action {iv.action!r} needs a unit"
            out.append(Problem(f"interventions.{name}.unit", what + suggest(iv.unit, units)))
        if iv.until is not None and iv.action not in ("hire_guards", "start_crackdown"):
            out.append(Problem(f"interventions.{name}.until", "only hire_guards and start_crackdown take an end date"))
        elif iv.until is not None and iv.until <= iv.date:
            out.append(Problem(f"interventions.{name}.until", "must be after date"))
        if iv.action in ("set_lighting", "set_rent_discount") and not 0 <= iv.value <= 1:
            out.append(Problem(f"interventions.{name}.value", f"must be in 0..1 (got {iv.value:g})"))
        if iv.value < 0:
            out.append(Problem(f"interventions.{name}.value", f"must be >= 0 (got {iv.value:g})"))
        if iv.action == "start_crackdown" and iv.value <= 0:
            out.append(Problem(f"interventions.{name}.value", f"a crackdown needs extra guardians > 0 (got {iv.value:g})"))
    return out
