"""Accessors that a higher layer hangs on a lower layer's objects: ``Results.plot``.

The layers import downwards only, so ``Results`` (the results layer) may not import the
plotting code (the present layer). Instead the package root — the top layer, which may import
any layer — registers a factory here when ``centrumsim`` is imported, and ``Results.plot`` looks
it up by name. The factory imports the plots only when ``res.plot`` is first used, so importing
centrumsim still imports no plotting library, and the results layer never names present.
This module sits at the bottom (layer 0): it imports nothing of centrumsim.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_FACTORIES: dict[str, Callable[[Any], Any]] = {}


def register(name: str, factory: Callable[[Any], Any]) -> None:
    """Make ``accessor(name, obj)`` return ``factory(obj)``."""
    _FACTORIES[name] = factory


def accessor(name: str, obj: Any) -> Any:
    """The accessor ``name`` on ``obj``; AttributeError when none is registered."""
    factory = _FACTORIES.get(name)
    if factory is None:
        raise AttributeError(f"{type(obj).__name__}.{name} needs centrumsim.present: import centrumsim first")
    return factory(obj)
