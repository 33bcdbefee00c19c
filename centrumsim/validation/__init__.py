"""Validation against a history: patterns as data (:mod:`.history`), generic pattern kinds
(:mod:`.kinds`) and the check over a block of seeds (:mod:`.check`)."""

from .check import PatternResult, binomial_minimum, judge, judge_knockout, run_history
from .history import History, Knockout, Seeds, load_history
from .kinds import KINDS

__all__ = ["KINDS", "History", "Knockout", "PatternResult", "Seeds", "binomial_minimum", "judge", "judge_knockout",
           "load_history", "run_history"]
