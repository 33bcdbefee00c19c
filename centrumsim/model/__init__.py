"""The model: :class:`CentreModel` wires one module per mechanism and steps them, a day at a time.

Residents live in numpy arrays (:mod:`.population`, stepped by :mod:`.footfall` and
:mod:`.unrest`); the units and the enterprise are Mesa agents (:mod:`.units`,
:mod:`.enterprise`, :mod:`.market`). One run is a pure function of (scenario, overrides, seed)
returning a compact :class:`RunOutput`.
"""

from .model import CentreModel
from .occupancy import UNIT_CLASSES
from .output import RunOutput
from .units import STATUSES, Status

__all__ = ["STATUSES", "UNIT_CLASSES", "CentreModel", "RunOutput", "Status"]
