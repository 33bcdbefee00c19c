"""Mesa, imported so that importing centrumsim leaves the caller's process settings alone.

The first ``import mesa`` imports ``mesa.batchrunner``, which sets multiprocessing's global start
method to "spawn" (``force=True``). That setting belongs to the program that imports us, so it
is put back as it was. The model's own process pools name their start method explicitly.
"""

from __future__ import annotations

import multiprocessing

_before = multiprocessing.get_start_method(allow_none=True)
import mesa  # noqa: E402
from mesa.agent import AgentSet  # noqa: E402

if multiprocessing.get_start_method(allow_none=True) != _before:
    multiprocessing.set_start_method(_before, force=True)


def forget_model(model: object) -> None:
    """Drop Mesa's class-level record of ``model``'s agent ids so that the model can be freed.

    Mesa 3.3's ``Agent._ids`` is a class attribute keyed by model, which keeps every model ever
    built alive (mesa#3179, fixed in mesa#3180 by moving the counter into the model). Called when
    a model reaches its horizon, after which it makes no more agents; a no-op where Mesa holds no
    such record.
    """
    ids = getattr(mesa.Agent, "_ids", None)
    if isinstance(ids, dict):
        ids.pop(model, None)


def uncount_step(model: mesa.Model) -> None:
    """Take back the step Mesa counted before it called a model's ``step`` that refused to run:
    ``steps`` in every version, and ``time``, which Mesa 3.4 and 3.5 advance by one with each
    step (the model runs on Mesa's own schedule, never under a simulator)."""
    model.steps -= 1
    if isinstance(getattr(model, "time", None), (int, float)):
        model.time -= 1


__all__ = ["AgentSet", "forget_model", "mesa", "uncount_step"]
