"""What makes one day of the year unlike another: daylight, the school year, the summer away.

There is no seasonal amplitude in the model. The year enters through three mechanisms:

* **darkness** — the share of each daypart (day 08–17, evening 17–22, local clock time) that
  falls outside civil twilight at the area's latitude and longitude: the sun's declination δ
  and the equation of time E from NOAA's general solar position formulas (Spencer 1971), the
  hour angle of civil dusk ``cos ω = (sin(−6°) − sin φ sin δ) / (cos φ cos δ)``, solar noon at
  ``12 − (longitude − 15°)/15° − E`` h Central European Time, summer time from the last Sunday of
  March to the last Sunday of October; refraction is left out (a few minutes).
  Darkness keeps some people at home in the dark hours of either daypart (:mod:`.footfall`) and
  weakens the guardianship of those who are out (:mod:`.guardianship`);
* **the school year** — school days are weekdays outside the scenario's holiday weeks (ISO
  week numbers). On holidays children and teenagers go out more (:mod:`.footfall`) and on school
  days teenagers have less idle time (:mod:`.unrest`);
* **the summer away** — in the scenario's away weeks (Sweden's July holiday) a share of the
  residents, and of the city's people, are away: they neither visit nor cause events.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from ..scenario import AreaSection
from ..scenario.vocabulary import DAYPART_HOURS

DAY_STARTS_H = 8.0  # the day daypart starts at 08:00; the evening follows it (DAYPART_HOURS)
CIVIL_TWILIGHT_DEG = -6.0


def _last_sunday(year: int, month: int) -> dt.date:
    day = dt.date(year, month, 31)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def summer_time(dates: np.ndarray) -> np.ndarray:
    """True on days of Central European Summer Time (last Sunday of March to the day before the
    last Sunday of October)."""
    years = dates.astype("datetime64[Y]").astype(int) + 1970
    out = np.zeros(dates.size, dtype=bool)
    for y in np.unique(years):
        start = np.datetime64(_last_sunday(int(y), 3), "D")
        end = np.datetime64(_last_sunday(int(y), 10), "D")
        out |= (years == y) & (dates >= start) & (dates < end)
    return out


def twilight_hours(dates: np.ndarray, latitude_deg: float, longitude_deg: float) -> tuple[np.ndarray, np.ndarray]:
    """Civil dawn and dusk per day, in local clock hours (0–24; 0 and 24 when the sun never
    goes 6° below the horizon, as north of about 60.5° N around midsummer)."""
    g = 2 * np.pi * (dates - dates.astype("datetime64[Y]")).astype(int) / 365.0  # the fractional year
    decl = (0.006918 - 0.399912 * np.cos(g) + 0.070257 * np.sin(g) - 0.006758 * np.cos(2 * g)
            + 0.000907 * np.sin(2 * g) - 0.002697 * np.cos(3 * g) + 0.00148 * np.sin(3 * g))
    eot_min = 229.18 * (0.000075 + 0.001868 * np.cos(g) - 0.032077 * np.sin(g) - 0.014615 * np.cos(2 * g)
                        - 0.040849 * np.sin(2 * g))
    phi = np.radians(latitude_deg)
    cos_w = (np.sin(np.radians(CIVIL_TWILIGHT_DEG)) - np.sin(phi) * np.sin(decl)) / (np.cos(phi) * np.cos(decl))
    half_h = np.degrees(np.arccos(np.clip(cos_w, -1.0, 1.0))) / 15.0
    noon = 12.0 - (longitude_deg - 15.0) / 15.0 - eot_min / 60.0 + summer_time(dates)
    return np.clip(noon - half_h, 0.0, 24.0), np.clip(noon + half_h, 0.0, 24.0)


def dark_share(dawn: np.ndarray, dusk: np.ndarray, start_h: float, end_h: float) -> np.ndarray:
    """Share of the hours [start_h, end_h) before dawn or after dusk."""
    light = np.clip(np.minimum(dusk, end_h) - np.maximum(dawn, start_h), 0.0, None)
    return 1.0 - light / (end_h - start_h)


def school_days(dates: np.ndarray, holiday_weeks: tuple[int, ...]) -> np.ndarray:
    """True on weekdays outside the holiday weeks (ISO week numbers)."""
    return _school_days(dates, iso_weeks(dates), holiday_weeks)


def _school_days(dates: np.ndarray, weeks: np.ndarray, holiday_weeks: tuple[int, ...]) -> np.ndarray:
    weekday = (dates.astype("int64") + 3) % 7  # 1970-01-01 was a Thursday
    return (weekday < 5) & ~np.isin(weeks, np.array(holiday_weeks, dtype=np.int16))


@dataclass(frozen=True)
class Seasons:
    """Per simulated day: the dark share of each daypart, whether it is a school day, and the
    share of people away."""

    dark: np.ndarray  # [2, n_days]: dark share of the day and the evening daypart (0–1)
    school_day: np.ndarray  # bool [n_days]
    away: np.ndarray  # [n_days]: share of people away (0–1)


def iso_weeks(dates: np.ndarray) -> np.ndarray:
    """The ISO week number of each date."""
    return np.array([d.isocalendar()[1] for d in dates.astype(dt.date)], dtype=np.int16)


def make_seasons(dates: np.ndarray, area: AreaSection) -> Seasons:
    """The darkness, school days and people away of every date in ``dates`` for ``area``
    (its latitude, longitude, school holiday weeks and summer away weeks)."""
    dawn, dusk = twilight_hours(dates, area.latitude_deg, area.longitude_deg)
    evening_starts = DAY_STARTS_H + DAYPART_HOURS[0]
    dark = np.stack([dark_share(dawn, dusk, DAY_STARTS_H, evening_starts),
                     dark_share(dawn, dusk, evening_starts, evening_starts + DAYPART_HOURS[1])])
    weeks = iso_weeks(dates)
    away = np.where(np.isin(weeks, np.array(area.summer_away_weeks, dtype=np.int16)), area.summer_away_share, 0.0)
    return Seasons(dark=dark, school_day=_school_days(dates, weeks, area.school_holiday_weeks), away=away)
