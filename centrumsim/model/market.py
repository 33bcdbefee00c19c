"""The letting market: prospective tenants who take vacant premises when the model's own foot
traffic promises them a profit.

A vacant premises meets a prospective tenant ``entry_attempts_per_year`` times a year on
average, at an asking rent that falls the longer it stands empty
(``vacant_rent_cut_share_per_year``, down to ``vacant_rent_floor_share`` of the list rent); a
prospect of a kind that needs more floor space (``min_premises_m2``) passes it by; otherwise it
signs when its expected monthly result (:mod:`.prospects`) clears ``entry_hurdle_sek_per_month``
and becomes a commercial tenant (:mod:`.tenants`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

from ..scenario import UNIT_KINDS, Scenario, TenantSection, Unit, build, kind_defaults
from .occupancy import Change, Occupancy
from .prospects import Outlook, expected_result_sek
from .units import Status, UnitAgent, occupied_premises


def prospect(rng: np.random.Generator, policy: TenantSection) -> str | None:
    """Does a prospective tenant turn up this month, and of which kind?"""
    if not policy.entry_kinds or policy.entry_attempts_per_year <= 0:
        return None
    if rng.random() >= 1.0 - np.exp(-policy.entry_attempts_per_year / 12.0):
        return None
    return policy.entry_kinds[int(rng.integers(len(policy.entry_kinds)))]


class Market:
    """Prospective tenants for the vacant premises of one run, and how long each has stood empty."""

    def __init__(self, scenario: Scenario, rng: np.random.Generator):
        self.policy = scenario.tenants
        self.premises = scenario.premises
        self.rng = rng
        self._specs: dict[tuple[str, str], Unit] = {}
        self.months_vacant = dict.fromkeys(scenario.premises, 0)

    def vacant(self, units: Iterable[UnitAgent], held: set[str]) -> list[str]:
        """Premises a prospect may take: no unit in them and not ``held`` (for a pending or a
        scheduled opening)."""
        taken = occupied_premises(units) | held
        return [p for p in self.premises if p not in taken]

    def let_vacant(self, occupancy: Occupancy, next_day: int, month: int,
                   outlook: Callable[[], Outlook]) -> list[Change]:
        """Prospective commercial tenants may take vacant premises from ``next_day`` after month
        ``month`` (premises held for a pending or a scheduled opening are not let); each signing
        joins the centre at once, so the next prospect's ``outlook()`` sees it."""
        self.count_vacancy(occupancy.units)
        changes: list[Change] = []
        for premises in self.vacant(occupancy.units, occupancy.held()):
            signed = self.offer(premises, set(occupancy.by_name), outlook)
            if signed is None:
                continue
            name, spec, discount = signed
            unit = occupancy.add(name, spec, Status.OPEN, day=next_day, month=month)
            unit.set_rent_discount(discount)
            changes.append((name, Status.OPEN, "entered"))
        return changes

    def count_vacancy(self, units: Iterable[UnitAgent]) -> None:
        """A month passes: each empty premises has stood empty a month longer."""
        taken = occupied_premises(units)
        for p in self.premises:
            self.months_vacant[p] = 0 if p in taken else self.months_vacant[p] + 1

    def asking_discount(self, premises: str) -> float:
        """The discount on the list rent the owner asks of a new tenant: the premises' own, or
        more after a long vacancy."""
        pol, p = self.policy, self.premises[premises]
        cut = min(1.0 - pol.vacant_rent_floor_share,
                  pol.vacant_rent_cut_share_per_year * self.months_vacant[premises] / 12)
        return max(p.rent_discount_share, cut)

    def offer(self, premises: str, taken_names: set[str],
              outlook: Callable[[], Outlook]) -> tuple[str, Unit, float] | None:
        """A prospective tenant may turn up for vacant ``premises`` this month and signs when its
        expected result clears the hurdle: (unit name ``kind@premises``, with ``#2``, ``#3``…
        when taken; spec; rent discount signed for), else None. ``outlook()`` gives the centre as
        it is now (entrants signed earlier this month included), asked only of a prospect who
        fits the premises."""
        kind = prospect(self.rng, self.policy)
        if kind is None:
            return None
        spec, discount = self.entrant_spec(kind, premises), self.asking_discount(premises)
        if self.premises[premises].area_m2 < spec.min_premises_m2:  # too small for its trade
            return None
        view = outlook()
        hurdle = self.policy.entry_hurdle_sek_per_month * view.index.prices
        if expected_result_sek(view, spec, self.premises[premises], discount) <= hurdle:
            return None
        return _unique(f"{kind}@{premises}", taken_names), spec, discount

    def entrant_spec(self, kind: str, premises: str) -> Unit:
        """A commercial tenant of ``kind`` with the catalogue's defaults, on ``premises``."""
        key = (kind, premises)
        if key not in self._specs:
            label = str(UNIT_KINDS[kind].get("label", kind))  # a reader's word, not the premises' key
            raw = kind_defaults(kind) | {"kind": kind, "operator": "commercial", "premises": premises, "label": label}
            problems: list = []
            spec = build(Unit, raw, f"units.{kind}", problems)
            if spec is None:  # pragma: no cover - the catalogue is validated by the tests
                raise ValueError(f"catalogue kind {kind!r} is invalid: {problems}")
            self._specs[key] = spec
        return self._specs[key]


def _unique(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base}#{n}" in taken:
        n += 1
    return f"{base}#{n}"
