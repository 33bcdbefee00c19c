"""The compact, picklable output of one run: everything the results layer needs, as plain
arrays and lists — no model, no agents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..exact import ore
from ..scenario.vocabulary import N_GROUPS
from .calendar import Calendar
from .enterprise import Enterprise
from .indicators import Record
from .ledger import Ledger
from .public_ledger import PublicLedger
from .units import Status, UnitAgent


@dataclass
class RunOutput:
    """Compact, picklable result of one run (one seed)."""

    seed: int
    scenario_name: str
    start_date: str
    month_labels: tuple[str, ...]
    daily: dict[str, np.ndarray]
    monthly: dict[str, np.ndarray]
    units: list[dict]  # name, label, kind, operator, premises
    books: np.ndarray  # int64 öre [month, ledger column, line]
    ledger_names: list[str]  # ledger columns: unit names (+ "central" if an enterprise exists)
    status: np.ndarray  # int8 [month, unit]: Status code at month end
    unit_visits: np.ndarray  # int64 [month, unit]
    flow_rows: list[tuple[int, str, str, int]]  # (month, carrier, carried, öre): who carried whom
    has_enterprise: bool
    starting_cash_ore: int
    overdraft_ore: int
    min_cash_ore: int
    events: np.ndarray  # structured (damage.EVENT_DTYPE): day, type, actor, damage_ore, unit (-1 = none), …
    event_types: tuple[str, ...]
    years: float
    n_youth: int  # residents who were 13–25 here at some time in the run (the unrest submodel's actors)
    zone_names: tuple[str, ...]
    visitors_by_group: np.ndarray  # int64 [month, daypart, group = age band × 2 + female]
    visitors_by_zone: np.ndarray  # int64 [month, daypart, zone]
    residents_by_group: np.ndarray  # int64 [month, group]: residents living in the area
    residents_by_zone: np.ndarray  # int64 [month, zone]
    public_books: np.ndarray = field(default_factory=lambda: np.zeros((0, 0, 0), np.int64))  # öre [month, payer, line]
    payer_names: list[str] = field(default_factory=list)
    payer_public: list[bool] = field(default_factory=list)  # per payer: part of the public purse
    changes: list[tuple[str, str, str, str]] = field(default_factory=list)  # month, unit, status, why

    @property
    def flows(self) -> dict[tuple[str, str], int]:
        """(carrier, carried) → öre carried over the whole run."""
        out: dict[tuple[str, str], int] = {}
        for _, a, b, amount in self.flow_rows:
            out[(a, b)] = out.get((a, b), 0) + amount
        return out


def run_output(*, seed: int, scenario_name: str, calendar: Calendar, record: Record, units: Sequence[UnitAgent],
               ledger: Ledger, enterprise: Enterprise | None, public: PublicLedger, events: np.ndarray,
               event_types: tuple[str, ...], n_youth: int, zone_names: tuple[str, ...], n_zones: int,
               changes: Sequence[tuple[str, str, Status, str]]) -> RunOutput:
    """Assemble the output of a run (to its horizon or part of it) from what its mechanisms
    hold: the record of its days and months, the units, the books, the enterprise, the public
    ledger, the unrest events (``events``, :data:`.damage.EVENT_DTYPE`), the youths seen
    (``n_youth``), the zones (foot traffic counts ``n_zones``) and the status changes."""
    rec, cal = record, calendar
    units = list(units)
    status = np.full((cal.n_months, len(units)), Status.PLANNED.code, dtype=np.int8)
    visits = np.zeros((cal.n_months, len(units)), dtype=np.int64)
    for m, (srow, vrow) in enumerate(zip(rec.status_rows, rec.visit_rows)):
        status[m, : len(srow)] = srow
        visits[m, : len(vrow)] = vrow
    ent = enterprise
    return RunOutput(
        seed=seed,
        scenario_name=scenario_name,
        start_date=str(cal.start),
        month_labels=cal.month_labels,
        daily=rec.daily,
        monthly=rec.monthly,
        units=[{"name": u.name, "label": u.spec.label or u.name, "kind": u.kind, "operator": u.operator,
                "premises": u.premises_name} for u in units],
        books=ledger.amounts(),
        ledger_names=list(ledger.unit_names),
        status=status,
        unit_visits=visits,
        flow_rows=list(ent.flow_rows) if ent else [],
        has_enterprise=ent is not None,
        starting_cash_ore=ore(ent.spec.starting_cash_sek) if ent else 0,
        overdraft_ore=ent.overdraft_ore if ent else 0,
        min_cash_ore=ent.min_cash_ore if ent else 0,
        events=events,
        event_types=event_types,
        years=cal.n_days / 365.25,
        n_youth=n_youth,
        zone_names=zone_names,
        visitors_by_group=np.array(rec.by_group_rows, dtype=np.int64).reshape(-1, 2, N_GROUPS),
        visitors_by_zone=np.array(rec.by_zone_rows, dtype=np.int64).reshape(-1, 2, n_zones),
        residents_by_group=np.array(rec.res_group_rows, dtype=np.int64).reshape(-1, N_GROUPS),
        residents_by_zone=np.array(rec.res_zone_rows, dtype=np.int64).reshape(-1, n_zones),
        public_books=public.amounts,
        payer_names=list(public.payers),
        payer_public=list(public.payer_public),
        changes=[(m, u, str(s), why) for m, u, s, why in changes],
    )
