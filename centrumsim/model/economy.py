"""Money over time: the area's incomes against the national median, and the price level.

The area's median income (per consumption unit, relative to the national median) starts at
``area.income_rel_national_median``, moves by ``area.income_trend_share_per_year`` (compounded
monthly) and can be set by a dated ``set_area_income`` intervention. Every resident's income
moves with it, as a multiple of its value at the start (``factor``). Incomes are relative, so they
need no indexation: the national median rises with the money.

The money's level (:class:`Index`) rises in yearly steps, on each anniversary of the start:
prices by ``economy.price_indexation_share_per_year`` (a unit's prices and fees, the price of the
same elsewhere, and the costs that follow prices: upkeep, other costs, insurance, the
enterprise's environment spend, EST), wages by ``wage_indexation_share_per_year`` (staff, the
enterprise's overhead, guards, police), rents by ``rent_indexation_share_per_year`` and grants by
``grant_indexation_share_per_year`` (a grant is a nominal decision unless it says otherwise).
Wage subsidies' ceilings, trainee payments, sponsorship and insurance deductibles stay nominal.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..scenario import AreaSection, EconomySection


@dataclass
class AreaIncome:
    """The area's median income / national median, now and at the start."""

    start: float
    median: float
    trend_share_per_year: float

    @classmethod
    def from_scenario(cls, area: AreaSection) -> AreaIncome:
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


@dataclass(frozen=True)
class Index:
    """The money's level in a month, as multiples of the start's."""

    prices: float = 1.0
    wages: float = 1.0
    rents: float = 1.0
    grants: float = 1.0


NO_INDEX = Index()


def index_at(economy: EconomySection | None, month: int) -> Index:
    """The level in month ``month`` (0 = the first): one step per whole year since the start."""
    if economy is None:
        return NO_INDEX
    years = max(month, 0) // 12
    e = economy
    return Index(prices=(1.0 + e.price_indexation_share_per_year) ** years,
                 wages=(1.0 + e.wage_indexation_share_per_year) ** years,
                 rents=(1.0 + e.rent_indexation_share_per_year) ** years,
                 grants=(1.0 + e.grant_indexation_share_per_year) ** years)
