"""The public ledger: every krona that reaches the centre from outside, booked to its payer.

Each month, in whole öre, per payer (``[payers]``: the municipality, the housing company, the
police, the employment service, the study associations, private sponsors) and line:

* what the units' books receive from someone: ``grants`` (each unit's and the enterprise's own,
  to its ``grant_payer``), ``house_funding`` (what covers a public house's gap, to its
  ``funder``), ``wage_subsidies``, ``trainee_payments``, ``service_contracts`` and
  ``sponsorship`` (to the payer each names);
* what the centre's security costs: ``guards`` (FTE-days × cost), ``est`` (while EST runs, each
  partner's share), ``crackdown`` (police guardian-days × cost);
* the premises' owner: ``rent_income`` (a receipt: every unit's rent), ``rent_discounts`` (the
  list rent it forgoes) and ``rent_lost_vacant`` (the list rent of premises standing empty);
* what unrest costs (each event's, from the event log at the month's end; displaced events
  happen elsewhere and are not booked): ``police_response`` (officer-hours × the police's hourly
  cost, to ``police_payer``), ``fire_service`` (call-outs × their cost, to ``fire_payer``),
  ``property_damage`` (the damage of an event not aimed at a unit's premises, to its type's
  ``property_payer``; damage to a unit's premises is the unit's deductible and its insurer's
  claim) and ``clean_up`` (to the type's ``cleanup_payer``);
* ``service_bought_elsewhere``: a service contract the centre stops serving before its end (its
  unit paused or closed after it had served; not in the month it opens) is bought by its payer
  from another contractor at the contract's price [A: a contractor's price 0.8–1.3 × the
  contract] — the property still needs its care, so a contract that stops is not a saving;
* a unit whose public money would be spent anyway (``incremental = false``: the culture office
  that moved in from elsewhere) books its funding and grants as ``existing_funding`` and the rent
  it pays as ``existing_rent_income``.

A payer's net cost is its payments less its receipts (the *gross* cost). The *incremental* cost
counts only the lines of :data:`INCREMENTAL`: what the centre costs beyond what would be spent
anyway — not the police's and the fire service's time (staff on duty whether or not they are
called here: an opportunity cost, not cash), nor the existing funding and its rent, nor service
contracts and their replacement (the housing company buys its property's care either way). The ledger
balances against the units' books: its grants, house funding and existing funding equal the
units' and the enterprise's grants lines, its rent income (both lines) their rent lines, and so
on, to the öre.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from ..exact import ore
from ..scenario import EconomySection, Premises, UnrestSection
from ..scenario.sections import EventType, Payer
from .economy import NO_INDEX, Index, index_at
from .ledger import LINE_INDEX
from .units import PublicHouse, UnitAgent, rent_sek_per_month

PUBLIC_LINES: tuple[str, ...] = (
    "grants", "house_funding", "wage_subsidies", "trainee_payments", "service_contracts", "sponsorship",
    "guards", "est", "crackdown", "rent_discounts", "rent_lost_vacant", "rent_income",
    "police_response", "fire_service", "property_damage", "clean_up", "existing_funding", "existing_rent_income",
    "service_bought_elsewhere",
)
RECEIPTS = ("rent_income", "existing_rent_income")
UNREST_LINES = ("police_response", "fire_service", "property_damage", "clean_up")
"""What unrest events cost (gross)."""
INCREMENTAL: dict[str, bool] = {line: line not in (
    "police_response", "fire_service", "existing_funding", "existing_rent_income", "service_contracts",
    "service_bought_elsewhere") for line in PUBLIC_LINES}
"""Whether each line is money spent because of the centre (else it would be spent anyway)."""
PUBLIC_LINE_INDEX = {name: i for i, name in enumerate(PUBLIC_LINES)}
PUBLIC_SIGN = np.array([-1 if line in RECEIPTS else 1 for line in PUBLIC_LINES], dtype=np.int64)
# unit book line → (public line, the spec field naming its payer)
PAID_LINES = (("wage_subsidies", "wage_subsidy_payer"), ("trainee_payments", "trainee_payment_payer"),
              ("service_contracts", "service_contract_payer"), ("sponsorship", "sponsorship_payer"))


def _weighted(weights: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """The cost in öre of one or many rows of public lines, each line counted with its weight."""
    return lambda lines: (np.asarray(lines, dtype=np.int64) * weights).sum(axis=-1)


net_cost = _weighted(PUBLIC_SIGN)
"""Net cost in öre (payments − receipts) of one or many rows of public lines (the gross cost)."""
incremental_cost = _weighted(PUBLIC_SIGN * np.array([INCREMENTAL[line] for line in PUBLIC_LINES], dtype=np.int64))
"""Net cost in öre of the lines flagged incremental (:data:`INCREMENTAL`)."""
unrest_cost = _weighted(PUBLIC_SIGN * np.array([line in UNREST_LINES for line in PUBLIC_LINES], dtype=np.int64))
"""Cost in öre of unrest's lines (:data:`UNREST_LINES`)."""


class PublicLedger:
    """``amounts[month, payer, line]`` in öre for one run."""

    def __init__(self, n_months: int, payers: Mapping[str, Payer], premises: Mapping[str, Premises],
                 security: UnrestSection, economy: EconomySection | None):
        """``premises``: the centre's (their list rent when empty); ``security``: what guards,
        EST and a crackdown cost and who pays; ``economy``: the money's level over time."""
        self.payers = list(payers)
        self.payer_public = [payers[p].public for p in self.payers]  # per payer: part of the public purse
        self._index = {p: i for i, p in enumerate(self.payers)}
        self.amounts = np.zeros((n_months, len(self.payers), len(PUBLIC_LINES)), dtype=np.int64)
        self.premises = premises
        self.security = security
        self.economy = economy

    def add(self, month: int, payer: str, line: str, amount_ore: int) -> None:
        if amount_ore:
            self.amounts[month, self._index[payer], PUBLIC_LINE_INDEX[line]] += amount_ore

    def book_month(self, month: int, units: Sequence[UnitAgent], lines: Mapping[str, np.ndarray],
                   usage: Mapping[str, float], days_run: int, dim: int) -> None:
        """A month: the units' books, empty premises and security (at the month's money level)."""
        index = index_at(self.economy, month)
        self.book_units(month, units, lines, dim, index)
        self.book_vacancy(month, units, days_run, dim, index)
        self.book_security(month, usage, dim, index)

    def book_units(self, month: int, units: Sequence[UnitAgent], lines: Mapping[str, np.ndarray], dim: int,
                   index: Index = NO_INDEX) -> None:
        """What the units' month received from payers, and the rent their premises' owners got
        (and forwent as discounts)."""
        for u in units:
            row, s = lines[u.name], u.spec
            gap = u.last_gap_ore if isinstance(u, PublicHouse) else 0
            grants, funding, rent_line = ("grants", "house_funding", "rent_income") if s.incremental else (
                "existing_funding", "existing_funding", "existing_rent_income")
            self.add(month, s.grant_payer, grants, int(row[LINE_INDEX["grants"]]) - gap)
            self.add(month, s.funder, funding, gap)
            for line, payer_field in PAID_LINES:
                self.add(month, getattr(s, payer_field), line, int(row[LINE_INDEX[line]]))
            if s.service_contract_sek_per_month > 0 and u.months_open > (1 if u.is_open else 0) and (
                    "service_contracts" not in u.ended_lines(month)):
                full = ore(s.service_contract_sek_per_month * index.prices)
                unserved = full - int(row[LINE_INDEX["service_contracts"]])
                self.add(month, s.service_contract_payer, "service_bought_elsewhere", max(0, unserved))
            owner = u.premises.owner
            rent = int(row[LINE_INDEX["rent"]])
            self.add(month, owner, rent_line, rent)
            list_rent = rent_sek_per_month(u.premises, 0.0, index)
            self.add(month, owner, "rent_discounts", ore(list_rent * u.last_held_days / dim) - rent)

    def book_vacancy(self, month: int, units: Sequence[UnitAgent], days_run: int, dim: int,
                     index: Index = NO_INDEX) -> None:
        """The list rent of the days each premises stood without a unit."""
        held: dict[str, int] = {}
        for u in units:
            held[u.premises_name] = held.get(u.premises_name, 0) + u.last_held_days
        for name, p in self.premises.items():
            vacant_days = max(0, days_run - held.get(name, 0))
            self.add(month, p.owner, "rent_lost_vacant", ore(rent_sek_per_month(p, 0.0, index) * vacant_days / dim))

    def book_security(self, month: int, usage: Mapping[str, float], dim: int, index: Index = NO_INDEX) -> None:
        """Guards, EST and a crackdown from the month's lever-days (guards and police at the
        wage level, EST at the price level)."""
        un = self.security
        self.add(month, un.guards_payer, "guards",
                 ore(usage["guard_fte_days"] / dim * un.guard_cost_sek_per_fte_month * index.wages))
        for payer, cost in un.est_cost_sek_per_month_by_payer.items():
            self.add(month, payer, "est", ore(usage["est_days"] / dim * cost * index.prices))
        self.add(month, un.crackdown_payer, "crackdown",
                 ore(usage["crackdown_guardian_days"] / dim * un.crackdown_cost_sek_per_guardian_month * index.wages))

    def book_unrest(self, month: int, events: np.ndarray, types: Sequence[EventType]) -> None:
        """The month's events (rows of the event log, :data:`~.damage.EVENT_DTYPE`; ``types`` in
        the log's type order): police response, fire call-outs, damage to property not aimed at a
        unit's premises, clean-up — each to its payer, police and fire at the wage level, clean-up
        at the price level."""
        un, index = self.security, index_at(self.economy, month)
        here = events[~events["displaced"]]
        for k, t in enumerate(types):
            of = here[here["type"] == k]
            n = len(of)
            if not n:
                continue
            self.add(month, un.police_payer, "police_response",
                     ore(n * t.police_officer_hours * un.police_sek_per_officer_hour * index.wages))
            self.add(month, un.fire_payer, "fire_service",
                     ore(n * t.fire_callouts * un.fire_sek_per_callout * index.wages))
            if t.property_payer:
                self.add(month, t.property_payer, "property_damage", int(of["damage_ore"][of["unit"] < 0].sum()))
            self.add(month, t.cleanup_payer, "clean_up", ore(n * t.cleanup_sek * index.prices))
