"""Analyses over many runs: replications (:mod:`.runner`), the answer over assumptions and chance
(:mod:`.uncertainty`: ``run``), the enterprise against tenants (:mod:`.compare`), the break-even
finder (:mod:`.breakeven`) and goal seek (:mod:`.goalseek`)."""

from .breakeven import Plan, find_breakeven
from .compare import as_tenants, compare_operators
from .runner import Workers, run_many, run_one, run_variants
from .runner import run as run_seeds
from .uncertainty import run

__all__ = ["Plan", "Workers", "as_tenants", "compare_operators", "find_breakeven", "run", "run_many", "run_one",
           "run_seeds", "run_variants"]
