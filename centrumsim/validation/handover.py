"""The handover: the state a later scenario starts from, stated as data in the history file, and
the history's own state at that date to check it against.

The 2022 scenario (``scenarios/klockaretorpet.toml``) starts on 1 January 2022; the history
(``klocket_2017.toml``) runs through 2022. A history file's ``[handover]`` table names the
history scenario, the year whose 1 January is the handover, the later scenario's file, and the
state it starts from: which kinds of shop trade, the vacancy, the legitimacy and the lighting. Two
checks, both reading data only:

- :func:`scenario_state` reads the later scenario's own file: the statement must be what the
  file sets (so the statement cannot drift from the scenario);
- :func:`history_state` reads the history's runs: per seed the kinds of shop open and the vacancy in the
  handover month, the events over the handover year, and the legitimacy and lighting the
  history's scenario and interventions give on the handover day. :func:`compare` says, per item,
  whether the statement lies within the history's 5–95 % band over the seeds (vacancy, events),
  whether each stated unit trades in most seeds, and whether legitimacy and lighting are equal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from ..model import RunOutput, Status
from ..scenario import Scenario, spec
from .measures import events_per_year


@dataclass(frozen=True, kw_only=True)
class Handover:
    """The stated start of a later scenario and where in the history it must be found."""

    scenario: str = spec(doc="the history's scenario whose state is handed over (a name in [scenarios])")
    year: int = spec(min=1900, max=2200, doc="the handover is on 1 January of this year")
    starts: str = spec(doc="the scenario file that starts there, relative to the history file")
    trading: tuple[str, ...] = spec(doc="the kinds of the commercial units trading at the start (grocery, ...)")
    vacancy_share: float = spec(min=0, max=1, doc="the share of premises vacant at the start")
    legitimacy: float = spec(min=0, max=1, doc="the area's legitimacy at the start, EST's gain included")
    lighting_quality: float = spec(min=0, max=1, doc="the lighting's quality at the start")
    band_low: float = spec(0.05, min=0, max=1, doc="the history's band over the seeds: lower quantile")
    band_high: float = spec(0.95, min=0, max=1, doc="... upper quantile")
    most_share: float = spec(0.5, min=0, max=1, doc="a stated unit must trade in more than this share of seeds")


@dataclass(frozen=True)
class Item:
    """One line of the comparison: what, the stated value, the history's (median, band or share)."""

    what: str
    stated: float | str
    history: str
    ok: bool


def legitimacy_on(sc: Scenario, day: dt.date) -> float:
    """The area's legitimacy on ``day`` from the scenario's base, EST (active from the start, or
    started by an intervention, building up over ``est_ramp_years``); no crackdown is running."""
    un = sc.unrest
    starts = [iv.date for iv in sc.interventions.values() if iv.enabled and iv.action == "start_est" and iv.date <= day]
    if un.est_active and sc.time.start_date <= day:
        years = float("inf")
    elif starts:
        years = (day - min(starts)).days / 365.25
    else:
        return float(np.clip(un.legitimacy, 0, 1))
    ramp = min(1.0, years / un.est_ramp_years) if un.est_ramp_years > 0 else 1.0
    return float(np.clip(un.legitimacy + un.est_legitimacy_gain * ramp, 0, 1))


def lighting_on(sc: Scenario, day: dt.date) -> float:
    """The lighting's quality on ``day``: the last ``set_lighting`` before it, else the scenario's."""
    dated = sorted((iv.date, iv.value) for iv in sc.interventions.values()
                   if iv.enabled and iv.action == "set_lighting" and iv.date <= day and iv.value is not None)
    return float(dated[-1][1]) if dated else float(sc.unrest.lighting_quality)


def scenario_state(sc: Scenario) -> dict[str, object]:
    """What a scenario file sets for its start: the kinds of the commercial units open, the share of premises
    no open unit holds, the legitimacy and the lighting on its first day."""
    units = [u for u in sc.units.values() if u.enabled]
    trading = tuple(sorted({u.kind for u in units if u.initially_open and u.operator == "commercial"}))
    held = {u.premises for u in units if u.initially_open}
    vacancy = 1 - len(held & set(sc.premises)) / len(sc.premises)
    day = sc.time.start_date
    return {"trading": trading, "vacancy_share": vacancy, "legitimacy": legitimacy_on(sc, day),
            "lighting_quality": lighting_on(sc, day)}


def _month(r: RunOutput, year: int) -> int:
    return list(r.month_labels).index(f"{year}-01")


def history_state(runs: list[RunOutput], sc: Scenario, year: int) -> dict[str, object]:
    """Per seed of the history's runs: the kinds of the commercial units open (an entrant of a kind
    counts as the kind) and the vacancy in January of ``year``,
    the events over ``year``; and the legitimacy and lighting on 1 January of ``year``."""
    trading, vacancy, events = [], [], []
    for r in runs:
        m = _month(r, year)
        trading.append({u["kind"] for u, code in zip(r.units, r.status[m])
                        if code == Status.OPEN.code and u["operator"] == "commercial"})
        vacancy.append(float(r.monthly["vacancy_rate"][m]))
        events.append(events_per_year(r, year))
    day = dt.date(year, 1, 1)
    return {"trading": trading, "vacancy_share": np.array(vacancy), "events_per_year": np.array(events),
            "legitimacy": legitimacy_on(sc, day), "lighting_quality": lighting_on(sc, day)}


def compare(h: Handover, state: dict[str, object], events_stated: float | None = None) -> list[Item]:
    """The stated start against the history's state (:func:`history_state`): one item per stated
    value, and the later scenario's first-year events (``events_stated``, measured) if given."""
    out = []

    def band(values: np.ndarray) -> tuple[float, float, float]:
        lo, med, hi = np.quantile(values, [h.band_low, 0.5, h.band_high])
        return float(lo), float(med), float(hi)

    lo, med, hi = band(np.asarray(state["vacancy_share"]))
    out.append(Item("vacancy_share", h.vacancy_share, f"median {med:.2f}, band {lo:.2f}–{hi:.2f}",
                    lo <= h.vacancy_share <= hi))
    trading = list(state["trading"])  # type: ignore[call-overload]
    for kind in h.trading:
        share = sum(kind in t for t in trading) / max(1, len(trading))
        out.append(Item(f"trading:{kind}", "open", f"open in {share:.0%} of seeds", share > h.most_share))
    for key in ("legitimacy", "lighting_quality"):
        value = float(state[key])  # type: ignore[arg-type]
        stated = float(getattr(h, key))
        out.append(Item(key, stated, f"{value:.3f}", abs(value - stated) < 1e-9))
    if events_stated is not None:
        lo, med, hi = band(np.asarray(state["events_per_year"]))
        out.append(Item("events_per_year", round(events_stated, 1), f"median {med:.1f}, band {lo:.1f}–{hi:.1f}",
                        lo <= events_stated <= hi))
    return out
