"""The area's money over time: its incomes relative to the national median.

The area's median income (per consumption unit, relative to the national median) starts at
``area.income_rel_national_median``, moves by ``area.income_trend_share_per_year`` (compounded
monthly) and can be set by a dated ``set_area_income`` intervention. Every resident's income
moves with it, as a multiple of its value at the start (``factor``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..scenario import AreaSection


@dataclass
class AreaIncome:
    """The area's median income / national median, now and at the start."""

    start: float
    median: float
    trend_share_per_year: float

    @classmethod
    def from_scenario(cls, area: AreaSection) -> "AreaIncome":
        return cls(area.income_rel_national_median, area.income_rel_national_median, area.income_trend_share_per_year)

    @property
    def factor(self) -> float:
        """Incomes now as a multiple of those at the start."""
        return self.median / self.start

    def month_passes(self) -> None:
        """One month of the trend."""
        if self.trend_share_per_year:
            self.median *= (1.0 + self.trend_share_per_year) ** (1.0 / 12.0)

    def set(self, median: float) -> None:
        """A new level (an intervention): the trend continues from it."""
        self.median = median
