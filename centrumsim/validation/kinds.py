"""The kinds of history pattern: generic checks, each a frozen dataclass whose fields a history
file sets (``kind = "decline"`` and the fields below) and whose :meth:`check` says, per seed,
whether the runs show the pattern.

Every check reads only the runs' outputs (:class:`Results` of the scenarios the history file
names), never the model, and names its scenarios by the history file's names for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import ClassVar

import numpy as np

from ..results import Results, share_top_actors
from ..scenario import spec
from .measures import (
    dates_of,
    events_per_year,
    month_of_year_profile,
    opened,
    paused_ever,
    resident_evenings,
    series_mean,
    trading_share,
    visitors_per_day,
    within_year_fano,
    yearly_mean,
)

Runs = Mapping[str, Results]


# ---------------------------------------------------------------------------- the kinds
@dataclass(frozen=True, kw_only=True)
class Kind:
    """What every pattern has: a name, the share of seeds that must show it, and its scenario."""

    name: str = spec(doc="what the pattern says, in words")
    need: float = spec(min=0, max=1, doc="the share of seeds that must show it")
    source: str = spec("", doc="where the pattern comes from (REFERENCES.md, a seed document)")
    diagnostic: bool = spec(True, doc="false: the pattern holds by construction (an input echoed), so it "
                                      "says nothing about the mechanisms; judged and shown, marked, and left "
                                      "out of history matching")
    diagnostic_reason: str = spec("", doc="why the pattern is not diagnostic (required when diagnostic = false)")

    ORDER: ClassVar[tuple[tuple[str, str], ...]] = ()
    """Pairs of fields (earlier, later) whose values must rise strictly: a span or a sequence that
    ran backwards (or stood still) could never be shown, so it is refused when the file is read."""

    def scenarios(self) -> tuple[str, ...]:
        """The history file's scenario names this pattern reads."""
        return tuple(getattr(self, f.name) for f in fields(self) if f.name in _SCENARIO_FIELDS)

    def problems(self, horizons: Mapping[str, tuple[dt.date, dt.date]]) -> list[tuple[str, str]]:
        """(field, reason) for criteria no run could meet: a span that ends before it starts, a
        year or date outside the horizon of a scenario the pattern reads (first and last day)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        out = []
        if not self.diagnostic and not self.diagnostic_reason:
            out.append(("diagnostic_reason", "say why the pattern holds by construction"))
        for name, value in values.items():
            for end in ("_from", "_year"):
                if name.endswith(end):
                    partner = name[: -len(end)] + ("_to" if end == "_from" else "")
                    if end == "_from" and partner in values and values[partner] < value:
                        out.append((partner, f"ends ({values[partner]}) before {name} ({value})"))
        for earlier, later in self.ORDER:
            if not values[earlier] < values[later]:
                out.append((later, f"must be after {earlier} ({values[earlier]}), not {values[later]}: "
                                   "the span runs backwards"))
        spans = [horizons[ref] for ref in self.scenarios() if ref in horizons]
        for name, value in values.items():
            if isinstance(value, int) and not isinstance(value, bool) and name.endswith(("_from", "_to", "_year")):
                for first, last in spans:
                    if not first.year <= value <= last.year:
                        out.append((name, f"{value} is outside the scenario's years {first.year}–{last.year}"))
                        break
            elif isinstance(value, dt.date):
                for first, last in spans:
                    if not first <= value <= last:
                        out.append((name, f"{value} is outside the scenario's horizon {first} – {last}"))
                        break
        return out

    def check(self, runs: Runs) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def criterion(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError


_SCENARIO_FIELDS = {"scenario", "baseline", "variant", "alone", "mix"}


@dataclass(frozen=True, kw_only=True)
class Decline(Kind):
    """The centre declines between two years: more vacancy, fewer visitors, more events."""

    scenario: str = spec()
    from_year: int = spec(min=1900, max=2200)
    to_year: int = spec(min=1900, max=2200)
    ORDER = (("from_year", "to_year"),)

    def check(self, runs: Runs) -> np.ndarray:
        a, b = self.from_year, self.to_year
        return np.array([yearly_mean(r, "vacancy_rate", b) > yearly_mean(r, "vacancy_rate", a)
                         and visitors_per_day(r, b) < visitors_per_day(r, a)
                         and events_per_year(r, b) > events_per_year(r, a) for r in runs[self.scenario].runs])

    def criterion(self) -> str:
        a, b = self.from_year, self.to_year
        return f"{self.scenario}: vacancy {b} > {a}, visitors/day {b} < {a} and events {b} > {a}"


@dataclass(frozen=True, kw_only=True)
class Burstiness(Kind):
    """Events come in bursts: monthly counts over-dispersed against a Poisson process."""

    scenario: str = spec()
    min_fano: float = spec(gt=0, doc="the within-year Fano factor must exceed this (Poisson = 1)")

    def check(self, runs: Runs) -> np.ndarray:
        return np.array([within_year_fano(r) > self.min_fano for r in runs[self.scenario].runs])

    def criterion(self) -> str:
        return (f"{self.scenario}: Fano factor of monthly event counts within each year, averaged, "
                f"> {self.min_fano:g} (Poisson = 1)")


@dataclass(frozen=True, kw_only=True)
class Concentration(Kind):
    """A few actors cause most events."""

    scenario: str = spec()
    top_share: float = spec(gt=0, max=1, doc="the most active share of youths (0.02: the top 2 %)")
    min_share_of_events: float = spec(min=0, max=1, doc="... must cause more than this share of events")

    def check(self, runs: Runs) -> np.ndarray:
        return np.array([share_top_actors(r, self.top_share) > self.min_share_of_events
                         for r in runs[self.scenario].runs])

    def criterion(self) -> str:
        return (f"{self.scenario}: the most active {100 * self.top_share:g} % of youths cause "
                f"> {100 * self.min_share_of_events:g} % of events")


@dataclass(frozen=True, kw_only=True)
class Backlash(Kind):
    """Against the same seeds without it: more events just after a date, fewer some months later."""

    scenario: str = spec()
    baseline: str = spec(doc="the same history without the action (common random numbers)")
    date: dt.date = spec()
    spike_days: int = spec(min=1, max=365, doc="the window after the date with more events")
    fall_from_day: int = spec(min=0, max=3650)
    fall_to_day: int = spec(min=1, max=3650)
    ORDER = (("fall_from_day", "fall_to_day"),)

    def problems(self, horizons: Mapping[str, tuple[dt.date, dt.date]]) -> list[tuple[str, str]]:
        """Also: the window of the fall must end within the horizon of both scenarios."""
        out = super().problems(horizons)
        end = self.date + dt.timedelta(days=self.fall_to_day - 1)
        for ref in (self.scenario, self.baseline):
            if ref in horizons and end > horizons[ref][1]:
                out.append(("fall_to_day", f"day {self.fall_to_day} after {self.date} is {end}, after the end of "
                                           f"scenario {ref!r} ({horizons[ref][1]})"))
                break
        return out

    def check(self, runs: Runs) -> np.ndarray:
        out = []
        for with_it, without in zip(runs[self.scenario].runs, runs[self.baseline].runs):
            start = (np.datetime64(self.date) - np.datetime64(with_it.start_date)).astype(int)
            e, f = with_it.daily["events"], without.daily["events"]
            spike = e[start:start + self.spike_days].sum() > f[start:start + self.spike_days].sum()
            window = slice(start + self.fall_from_day, start + self.fall_to_day)
            out.append(spike and e[window].sum() < f[window].sum())
        return np.array(out)

    def criterion(self) -> str:
        return (f"{self.scenario} vs {self.baseline} (same seeds): more events in the {self.spike_days} days after "
                f"{self.date}, fewer in days {self.fall_from_day}–{self.fall_to_day}")


@dataclass(frozen=True, kw_only=True)
class PoliceListExit(Kind):
    """On the police list in some year of a span, and first off it in another."""

    scenario: str = spec()
    on_from: int = spec(min=1900, max=2200)
    on_to: int = spec(min=1900, max=2200)
    off_from: int = spec(min=1900, max=2200)
    off_to: int = spec(min=1900, max=2200)
    ORDER = (("on_from", "off_from"),)

    def check(self, runs: Runs) -> np.ndarray:
        out = []
        for _seed, g in runs[self.scenario].police_list.groupby("seed", sort=False):
            on = dict(zip(g["year"], g["on_police_list"]))
            was_on = any(on.get(y, False) for y in range(self.on_from, self.on_to + 1))
            first_off = next((y for y in range(self.on_from + 1, self.off_to + 1) if was_on and not on.get(y, True)),
                             None)
            out.append(was_on and first_off is not None and self.off_from <= first_off <= self.off_to)
        return np.array(out)

    def criterion(self) -> str:
        return (f"{self.scenario}: on the list in some year of {self.on_from}–{self.on_to}, and the first year off "
                f"after that is {self.off_from}–{self.off_to}")


@dataclass(frozen=True, kw_only=True)
class EveningFalls(Kind):
    """Residents' evening visits fall by more than a share when the variant's evenings are empty."""

    scenario: str = spec()
    variant: str = spec(doc="the same history with the evening activities closed")
    since_year: int = spec(min=1900, max=2200)
    min_fall: float = spec(min=0, max=1)

    def check(self, runs: Runs) -> np.ndarray:
        return np.array([resident_evenings(e, self.since_year)
                         < (1 - self.min_fall) * resident_evenings(b, self.since_year)
                         for b, e in zip(runs[self.scenario].runs, runs[self.variant].runs)])

    def criterion(self) -> str:
        return (f"{self.variant} vs {self.scenario}, from {self.since_year}: residents' evening visits fall "
                f"> {100 * self.min_fall:g} %")


@dataclass(frozen=True, kw_only=True)
class Seasonality(Kind):
    """Little seasonality: a month-of-year profile within a range, the weekly cycle larger.

    The profile is robust to one-off changes in what is open: for each whole calendar year from
    ``since_year``, each month's mean visitors a day over that year's mean; then, per month of
    the year, the median over the years. A grocery that opens in May of one year steps that
    year's months but not the others', while a season comes back every year."""

    scenario: str = spec()
    since_year: int = spec(min=1900, max=2200)
    max_month_range: float = spec(gt=0, doc="max/min − 1 of the month-of-year profile must stay below this")

    def check(self, runs: Runs) -> np.ndarray:
        out = []
        for r in runs[self.scenario].runs:
            v = (r.daily["visitors_day"] + r.daily["visitors_evening"]).astype(float)
            dates = dates_of(r, v.size)
            settled = dates.astype("datetime64[Y]").astype(int) + 1970 >= self.since_year
            profile = month_of_year_profile(v, dates, self.since_year)
            if profile is None:  # no whole calendar year to judge: the seed does not show it
                out.append(False)
                continue
            dow = (dates.astype(int) + 3) % 7  # 1970-01-01 was a Thursday
            weekly = abs(v[settled & (dow >= 5)].mean() / v[settled & (dow < 5)].mean() - 1)
            seasonal = profile.max() / profile.min() - 1
            out.append(bool(seasonal < self.max_month_range and weekly > seasonal))
        return np.array(out)

    def criterion(self) -> str:
        return (f"{self.scenario}, from {self.since_year}: month-of-year profile (each month over its year's "
                f"mean, the median over the years) within {100 * self.max_month_range:g} %, and the "
                f"weekend/weekday gap larger")


@dataclass(frozen=True, kw_only=True)
class PausedAloneNotInMix(Kind):
    """A unit alone is paused; the same unit in a mix is not (seeds where it opened in both)."""

    unit: str = spec()
    alone: str = spec()
    mix: str = spec()

    def check(self, runs: Runs) -> np.ndarray:
        return np.array([paused_ever(a, self.unit) and not paused_ever(m, self.unit)
                         for a, m in zip(runs[self.alone].runs, runs[self.mix].runs)
                         if opened(a, self.unit) and opened(m, self.unit)], dtype=bool)

    def criterion(self) -> str:
        return f"{self.alone} vs {self.mix}: {self.unit} paused alone, not in the mix"


def years(first: int, last: int) -> str:
    """A span of years as a criterion names it: '2020–2022', or '2020' for one year."""
    return f"{first}–{last}" if last > first else str(first)


@dataclass(frozen=True, kw_only=True)
class Rises(Kind):
    """Every named series is higher after than before (means over two spans of years)."""

    scenario: str = spec()
    series: tuple[str, ...] = spec(doc="monthly series (RunOutput.monthly) or visitors (per day)")
    before_from: int = spec(min=1900, max=2200)
    before_to: int = spec(min=1900, max=2200)
    after_from: int = spec(min=1900, max=2200)
    after_to: int = spec(min=1900, max=2200)
    ORDER = (("before_from", "after_from"),)

    def check(self, runs: Runs) -> np.ndarray:
        return np.array([all(series_mean(r, s, self.after_from, self.after_to)
                             > series_mean(r, s, self.before_from, self.before_to) for s in self.series)
                         for r in runs[self.scenario].runs])

    def criterion(self) -> str:
        before, after = years(self.before_from, self.before_to), years(self.after_from, self.after_to)
        return f"{self.scenario}: {' and '.join(self.series)} higher in {after} than in {before}"


@dataclass(frozen=True, kw_only=True)
class Level(Kind):
    """A level: a series' mean over a span of years lies within a sourced range."""

    scenario: str = spec()
    series: str = spec(doc="a monthly series (RunOutput.monthly), visitors (per day) or events_per_year")
    from_year: int = spec(min=1900, max=2200)
    to_year: int = spec(min=1900, max=2200)
    low: float = spec(doc="the range's lower end (inclusive), in the series' unit")
    high: float = spec(doc="the range's upper end (inclusive)")
    ORDER = (("low", "high"),)

    def values(self, runs: Runs) -> np.ndarray:
        """Per seed, the series' mean over the span."""
        return np.array([series_mean(r, self.series, self.from_year, self.to_year) for r in runs[self.scenario].runs])

    def check(self, runs: Runs) -> np.ndarray:
        v = self.values(runs)
        return (v >= self.low) & (v <= self.high)

    def criterion(self) -> str:
        span = years(self.from_year, self.to_year)
        return f"{self.scenario}: {self.series} over {span} within {self.low:g}–{self.high:g}"


@dataclass(frozen=True, kw_only=True)
class Trading(Kind):
    """Shops of the named kinds trade (some unit of each kind open) in most months of a span."""

    scenario: str = spec()
    kinds: tuple[str, ...] = spec(doc="unit kinds of which some unit must be open (e.g. grocery)")
    from_year: int = spec(min=1900, max=2200)
    to_year: int = spec(min=1900, max=2200)
    min_open_share: float = spec(0.5, gt=0, max=1, doc="the share of the span's months a kind must be open")

    def check(self, runs: Runs) -> np.ndarray:
        return np.array([all(trading_share(r, k, self.from_year, self.to_year) >= self.min_open_share
                             for k in self.kinds) for r in runs[self.scenario].runs])

    def criterion(self) -> str:
        span = years(self.from_year, self.to_year)
        return (f"{self.scenario}: some {' and some '.join(self.kinds)} open in ≥ {100 * self.min_open_share:g} % "
                f"of the months of {span}")


KINDS: dict[str, type[Kind]] = {
    "rises": Rises, "level": Level, "trading": Trading,
    "decline": Decline, "burstiness": Burstiness, "concentration": Concentration, "backlash": Backlash,
    "police_list_exit": PoliceListExit, "evening_falls": EveningFalls, "seasonality": Seasonality,
    "paused_alone_not_in_mix": PausedAloneNotInMix,
}
