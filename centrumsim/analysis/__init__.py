"""Analyses over many runs: replications (:mod:`.runner`), the enterprise against tenants
(:mod:`.compare`) and the break-even finder (:mod:`.breakeven`)."""

from .breakeven import Plan, find_breakeven
from .compare import as_tenants, compare_operators
from .runner import run, run_many, run_one, run_variants

__all__ = ["Plan", "as_tenants", "compare_operators", "find_breakeven", "run", "run_many", "run_one", "run_variants"]
