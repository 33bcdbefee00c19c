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

__all__ = ["AgentSet", "mesa"]
