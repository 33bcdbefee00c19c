"""Checks that span several keys of a scenario.

They run on whichever sections built (so that every problem is reported at once, even when some
section has errors of its own) and on the raw tables for the names of things.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from ..exact import split_exact
from .catalogue import UNIT_KINDS
from .schema import LAST_DATE, Problem, show_number, suggest
from .sections import ACTION_VALUES, AreaSection, Intervention, Premises, Unit, UnrestSection, default_payers
from .vocabulary import CENTRAL, YOUTH_BANDS

NAME = re.compile(r"[A-Za-z0-9_-]+")
NAME_RULE = "letters a–z and A–Z, digits, '_' and '-'"
NAMED_TABLES = ("units", "premises", "area.zones", "unrest.types", "interventions", "payers")
"""Tables whose keys are names of things, addressed by dotted overrides (``units.cafe.…``)."""
UNIT_ACTIONS = ("open_unit", "close_unit", "set_rent_discount", "set_grant")
UNTIL_ACTIONS = ("hire_guards", "start_crackdown", "set_grant")


def check_names(raw: Mapping[str, Any]) -> list[Problem]:
    """Every name of a unit, premises, zone, event type or intervention is a bare TOML key,
    so that ``--set table.NAME.key=value`` can address it."""
    out = []
    for table in NAMED_TABLES:
        node: Any = raw
        for part in table.split("."):
            node = node.get(part) if isinstance(node, Mapping) else None
        if not isinstance(node, Mapping):
            continue
        for name in node:
            if not isinstance(name, str) or not NAME.fullmatch(name):
                shown = name if len(str(name)) <= 40 else str(name)[:40] + "…"
                out.append(Problem(table, f"the name {shown!r} is not allowed: a name uses only {NAME_RULE}, "
                                          f"so that --set {table}.NAME.key=value can address it"))
    return out


MAX_NAMED = {"units": 400, "premises": 500, "area.zones": 50, "unrest.types": 50, "interventions": 1000, "payers": 50}
"""At most so many named things per table (a city's worth of neighbourhood centres: the 25× scenario,
``scenarios/scale_145k.toml``, has 300 units on 350 premises)."""


def check_counts(raw: Mapping[str, Any]) -> list[Problem]:
    """Tables of named things hold at most :data:`MAX_NAMED` entries."""
    out = []
    for table, most in MAX_NAMED.items():
        node: Any = raw
        for part in table.split("."):
            node = node.get(part) if isinstance(node, Mapping) else None
        if isinstance(node, Mapping) and len(node) > most:
            out.append(Problem(table, f"at most {most} entries (got {len(node)})"))
    return out


def cross_checks(parts: Mapping[str, Any], disabled_units: set[str]) -> list[Problem]:
    """Problems that involve more than one key, over the sections that built.
    ``disabled_units``: units in the files with ``enabled = false``."""
    out: list[Problem] = []
    area, units, premises = parts.get("area"), parts.get("units"), parts.get("premises")
    time, tenants, interventions = parts.get("time"), parts.get("tenants"), parts.get("interventions")
    if parts.get("name") is not None and not parts["name"].strip():
        out.append(Problem("name", "must not be empty (the scenario's name heads every output)"))
    if area is not None:
        out += _check_area(area)
    if time is not None and time.start_date.year + time.years > LAST_DATE.year:
        span = f"{time.years} year" + ("s" if time.years != 1 else "")
        out.append(Problem("time", f"the run must end by {LAST_DATE} (starts {time.start_date}, {span})",
                           ("time.start_date", "time.years")))
    if units is not None:
        if not units:
            what = "every unit is disabled (enabled = false)" if disabled_units else "there are no units"
            out.append(Problem("units", f"{what}: a scenario needs at least one unit",
                               ("units", *(f"units.{n}.enabled" for n in sorted(disabled_units)))))
        if premises is not None:
            out += _check_units(units, premises)
    if tenants is not None:
        out += check_kinds("tenants.entry_kinds", tenants.entry_kinds)
    ind = parts.get("indicators")
    if ind is not None:
        out += check_kinds("indicators.service_kinds", ind.service_kinds)
    un = parts.get("unrest")
    if un is not None:
        out += _check_unrest(un)
    if interventions is not None and units is not None:
        out += _check_interventions(interventions, units, disabled_units)
    payers = parts["payers"] if "payers" in parts else default_payers()  # None: the table has errors of its own
    if payers is not None:
        out += _check_payers(parts, payers)
    return out


UNIT_PAYERS = ("grant_payer", "service_contract_payer", "funder", "sponsorship_payer", "wage_subsidy_payer",
               "trainee_payment_payer")


def _check_payers(parts: Mapping[str, Any], payers: Mapping[str, Any]) -> list[Problem]:
    """Every payer named anywhere is one of ``payers``."""
    named: list[tuple[str, str]] = []
    for name, unit in (parts.get("units") or {}).items():
        named += [(f"units.{name}.{f}", getattr(unit, f)) for f in UNIT_PAYERS]
    for name, p in (parts.get("premises") or {}).items():
        named.append((f"premises.{name}.owner", p.owner))
    if parts.get("enterprise") is not None:
        named.append(("enterprise.grant_payer", parts["enterprise"].grant_payer))
    un = parts.get("unrest")
    if un is not None:
        named += [("unrest.guards_payer", un.guards_payer), ("unrest.crackdown_payer", un.crackdown_payer)]
        named += [(f"unrest.est_cost_sek_per_month_by_payer.{p}", p) for p in un.est_cost_sek_per_month_by_payer]
        named += [("unrest.police_payer", un.police_payer), ("unrest.fire_payer", un.fire_payer)]
        for name, t in (un.types or {}).items():
            named += [(f"unrest.types.{name}.property_payer", t.property_payer)] if t.property_payer else []
            named += [(f"unrest.types.{name}.cleanup_payer", t.cleanup_payer)] if t.cleanup_sek else []
    return [Problem(path, f"no payer named {payer!r}" + suggest(payer, payers), (path, "payers"))
            for path, payer in named if payer not in payers]


def check_kinds(path: str, kinds: tuple[str, ...]) -> list[Problem]:
    """Every name in a list of unit kinds must be in the catalogue."""
    return [Problem(f"{path}[{i}]", f"unknown unit kind {kind!r}" + suggest(kind, UNIT_KINDS))
            for i, kind in enumerate(kinds) if kind not in UNIT_KINDS]


def _close(total: float, target: float, tol: float = 0.011) -> bool:
    return abs(total - target) <= tol


def _check_area(area: AreaSection) -> list[Problem]:
    out: list[Problem] = []
    total = float(area.age_shares.as_array().sum())
    if not _close(total, 1.0):
        out.append(Problem("area.age_shares", f"must sum to 1 (got {total:.3f})"))
    people = ("area.households", "area.residents")
    if area.residents > 0:
        if not area.zones:
            out.append(Problem("area.zones", "at least one zone is needed", ("area.zones", "area.residents")))
        else:
            zsum = math.fsum(z.share_of_households for z in area.zones.values())
            if not _close(zsum, 1.0):
                out.append(Problem("area.zones", f"share_of_households must sum to 1 (got {zsum:.3f})",
                                   tuple(f"area.zones.{z}.share_of_households" for z in area.zones)))
        if area.households < 1:
            out.append(Problem("area.households", "must be >= 1 when there are residents", people))
        if total > 0:
            counts = split_exact(area.residents, area.age_shares.as_array())
            heads = int(counts[YOUTH_BANDS[0]:].sum())  # a household needs a resident aged 13 or more
            if area.households > heads:
                out.append(Problem("area.households",
                                   f"must be <= residents aged 13+ ({heads}) (got {area.households})",
                                   (*people, "area.age_shares")))
    elif area.households > 0:
        out.append(Problem("area.households", f"must be 0 when there are no residents (got {area.households})",
                           people))
    if area.oldest_age_years <= area.oldest_start_age_years:
        out.append(Problem("area.oldest_age_years",
                           f"must be above area.oldest_start_age_years ({area.oldest_start_age_years:g}) "
                           f"(got {area.oldest_age_years:g})",
                           ("area.oldest_age_years", "area.oldest_start_age_years")))
    for key in ("school_holiday_weeks", "summer_away_weeks"):
        wrong = [w for w in getattr(area, key) if not 1 <= w <= 53]
        if wrong:
            out.append(Problem(f"area.{key}", f"ISO weeks are 1–53 (got {', '.join(map(str, wrong))})"))
    return out


def _check_units(units: Mapping[str, Unit], premises: Mapping[str, Premises]) -> list[Problem]:
    out: list[Problem] = []
    occupied: dict[str, str] = {}
    for name, unit in units.items():
        if name == CENTRAL:
            out.append(Problem(f"units.{name}", f"the name {name!r} is reserved for the enterprise's own books"))
        if unit.premises not in premises:
            out.append(Problem(f"units.{name}.premises",
                               f"no premises named {unit.premises!r}" + suggest(unit.premises, premises),
                               (f"units.{name}.premises", f"units.{name}.kind", f"premises.{unit.premises}")))
        elif unit.initially_open:
            if unit.premises in occupied:
                other = occupied[unit.premises]
                out.append(Problem(f"units.{name}.premises",
                                   f"{unit.premises!r} is already taken by units.{other} at the start",
                                   tuple(f"units.{u}.{k}" for u in (name, other) for k in ("premises", "initially_open",
                                                                                          "enabled"))))
            occupied[unit.premises] = name
        if unit.subsidised_fte > unit.staff_fte:
            out.append(Problem(f"units.{name}.subsidised_fte",
                               f"must be <= staff_fte ({unit.staff_fte:g}) (got {unit.subsidised_fte:g})",
                               (f"units.{name}.subsidised_fte", f"units.{name}.staff_fte", f"units.{name}.kind")))
    return out


def _check_unrest(un: UnrestSection) -> list[Problem]:
    out: list[Problem] = []
    if un.trust_reopen_threshold < un.trust_pause_threshold:
        out.append(Problem("unrest.trust_reopen_threshold", "must be >= unrest.trust_pause_threshold",
                           ("unrest.trust_reopen_threshold", "unrest.trust_pause_threshold")))
    if not any(t.weight > 0 for t in un.types.values()):
        out.append(Problem("unrest.types", "at least one event type with weight > 0 is needed",
                           ("unrest.types", *(f"unrest.types.{t}.weight" for t in un.types))))
    # the most driven youth: hardship 1, no legitimacy, no activities (G = 1.5), no deterrence
    most = un.events_per_active_day * (1.5 - un.activation_threshold) / un.activation_threshold
    if most > 1:
        out.append(Problem("unrest.events_per_active_day",
                           f"at a drive of (1.5 − unrest.activation_threshold) / unrest.activation_threshold, "
                           f"the most driven youth would make {most:g} events a day (at most 1)",
                           ("unrest.events_per_active_day", "unrest.activation_threshold")))
    for payer, cost in un.est_cost_sek_per_month_by_payer.items():
        if not cost >= 0:  # also catches NaN
            path = f"unrest.est_cost_sek_per_month_by_payer.{payer}"
            out.append(Problem(path, f"must be >= 0 (got {cost:g})", (path,)))
    return out


def _check_interventions(
    interventions: Mapping[str, Intervention], units: Mapping[str, Unit], disabled_units: set[str]
) -> list[Problem]:
    out: list[Problem] = []
    for name, iv in interventions.items():
        if not iv.enabled:
            continue
        where = f"interventions.{name}"
        if iv.action in UNIT_ACTIONS and iv.unit not in units:
            if iv.unit in disabled_units:
                what = (f"unit {iv.unit!r} is disabled (enabled = false); disable this intervention too"
                        " (enabled = false) or enable the unit")
            elif iv.unit:
                what = f"no unit named {iv.unit!r}" + suggest(iv.unit, units)
            else:
                what = f"action {iv.action!r} needs a unit"
            out.append(Problem(f"{where}.unit", what, (f"{where}.unit", f"{where}.action", f"units.{iv.unit}.enabled")))
        if iv.until is not None and iv.action not in UNTIL_ACTIONS:
            out.append(Problem(f"{where}.until", f"only {', '.join(UNTIL_ACTIONS)} take an end date",
                               (f"{where}.until", f"{where}.action")))
        elif iv.until is not None and iv.until <= iv.date:
            out.append(Problem(f"{where}.until", "must be after date", (f"{where}.until", f"{where}.date")))
        out += _check_value(where, iv)
    return out


def _check_value(where: str, iv: Intervention) -> list[Problem]:
    """An action's value lies in the range of what it sets; an action without one has none."""
    av = ACTION_VALUES[iv.action]
    v = iv.value
    keys = (f"{where}.value", f"{where}.action")
    if av is None:
        return [] if v is None else [Problem(f"{where}.value", f"{iv.action} takes no value (got {show_number(v)})",
                                             keys)]
    if v is None:
        return [Problem(f"{where}.value", f"{iv.action} needs a value: {av.meaning}", keys)]
    if av.min is not None and v < av.min:
        bound = f"must be >= {av.min:g}"
    elif av.gt is not None and v <= av.gt:
        bound = f"must be > {av.gt:g}"
    elif av.max is not None and v > av.max:
        bound = f"must be <= {av.max:g}"
    else:
        return []
    return [Problem(f"{where}.value", f"{bound} for {iv.action}: {av.meaning} (got {show_number(v)})", keys)]
