"""Price in demand: how a unit's price shifts its draw against the same thing elsewhere.

A unit's attraction in the Huff choice is multiplied by ``exp(ε · (p / p_ref − 1))``, with ``p``
its price, ``p_ref`` the price of the same thing elsewhere (the outside option) and ``ε ≤ 0`` the
elasticity of its visits at the reference price: price enters the choice's utility linearly, as
in a logit model, so the elasticity at price ``p`` is ``ε · p / p_ref · (1 − share)``. It grows
with the price, so revenue ``p × visits(p)`` has an interior maximum, near
``p_ref / (|ε| · (1 − share))``. Joining a membership responds to its fee in the same way
(:mod:`.membership`).
"""

from __future__ import annotations

import math

from ..scenario import Unit


def price_factor(price: float, reference: float, elasticity: float) -> float:
    """The multiplier on a unit's draw at ``price`` (1 at the reference price, or with none)."""
    if reference <= 0 or elasticity == 0:
        return 1.0
    return math.exp(elasticity * (price / reference - 1.0))


def attraction_price_factor(spec: Unit) -> float:
    """The unit's price factor on its attraction."""
    return price_factor(spec.price_sek, spec.reference_price_sek, spec.price_elasticity)

