"""What an unrest event costs the public and others (event types and ``[unrest]`` extend these)."""

from __future__ import annotations

from dataclasses import dataclass

from .schema import spec


@dataclass(frozen=True, kw_only=True)
class EventCosts:
    """Per event of a type: police time, fire call-outs, who owns what it damages, clean-up."""

    police_officer_hours: float = spec(0.0, min=0, max=10_000, doc="officer-hours of police response per event")
    fire_callouts: float = spec(0.0, min=0, max=100, doc="fire and rescue call-outs per event")
    property_payer: str = spec(
        "", doc="who bears damage not aimed at a unit's premises (a payer; empty: nobody in the ledger)")
    cleanup_sek: float = spec(0.0, min=0, max=10_000_000, doc="clean-up per event (wreck removal and the like)")
    cleanup_payer: str = spec("housing_company", doc="who pays the clean-up")


@dataclass(frozen=True, kw_only=True)
class PublicCostRates:
    """What the police's and the fire service's time costs, and who pays."""

    police_sek_per_officer_hour: float = spec(0.0, min=0, doc="police cost of an officer-hour")
    police_payer: str = spec("police", doc="who pays the police response")
    fire_sek_per_callout: float = spec(0.0, min=0, doc="cost of one fire and rescue call-out")
    fire_payer: str = spec("municipality", doc="who pays the fire and rescue service")
