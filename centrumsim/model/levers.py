"""The centre-wide levers against unrest — guards, EST, a police crackdown, the lighting — and the
area's legitimacy that EST builds and a crackdown costs.

Dated interventions (:mod:`.interventions`) pull the levers through the methods here; the
unrest submodel reads them (:meth:`Levers.legitimacy`, :meth:`Levers.fixed_guardians`,
:meth:`Levers.displacement`), and the public ledger books their use (:meth:`Levers.take_month`).

Per capita: the levers' counts — guards (FTE), EST's guardians, a crackdown's police — are
stated for an area of ``unrest.reference_residents``; what is on duty, and what the public
ledger pays for, is each count × :attr:`Levers.per_capita` (residents at the start / reference,
the unrest submodel's :attr:`.Unrest.per_capita`, fixed for the run). EST's cost follows its
presence: an EST for an area twice the size takes twice the partners' time. The counts themselves
(``guards_fte``, ``crackdown_guardians``) stay as stated, so an intervention adds what the scenario file says.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..scenario import UnrestSection

USAGE = ("guard_fte_days", "est_days", "crackdown_guardian_days")


@dataclass
class Levers:
    """The centre-wide levers that interventions set (the state they change)."""

    est_active: bool
    est_started: int  # day index EST began (negative: before the run)
    guards_fte: float
    lighting_quality: float
    crackdown_guardians: float = 0.0
    backlash_until: int = -1  # day index a crackdown's legitimacy loss ends
    crackdown_known: float = 0.0  # the police guardians youths believe are there (learnt, like all risk)
    crackdown_size: float = 0.0  # the crackdown's police when it last began (what full knowledge is)
    backlash_days: int = 0  # days a crackdown's legitimacy loss lasts from its first day
    per_capita: float = 1.0  # residents at the start / unrest.reference_residents: what the counts are × by
    usage: dict = field(default_factory=lambda: dict.fromkeys(USAGE, 0.0))  # this month's lever-days

    @classmethod
    def from_scenario(cls, un: UnrestSection, per_capita: float = 1.0) -> Levers:
        """The levers as the scenario sets them; ``per_capita``: the area's size against the
        reference (:attr:`.Unrest.per_capita`)."""
        # EST active from the start has been running for its full ramp already
        return cls(est_active=un.est_active, est_started=-int(un.est_ramp_years * 365.25) - 1,
                   guards_fte=un.guards_fte, lighting_quality=un.lighting_quality,
                   backlash_days=un.crackdown_backlash_days, per_capita=per_capita)

    # ---- pulled by interventions
    def start_est(self, day: int) -> None:
        """EST from day index ``day`` (negative: before the run); its build-up counts from there.
        A start while EST runs changes nothing."""
        if not self.est_active:
            self.est_started = day
        self.est_active = True

    def stop_est(self) -> None:
        self.est_active = False

    def hire_guards(self, fte: float) -> None:
        """``fte`` more guards (fewer when negative; never below none)."""
        self.guards_fte = max(0.0, self.guards_fte + fte)

    def start_crackdown(self, police: float, day: int) -> None:
        """``police`` more guardians from a crackdown begun on day index ``day``: the area's
        legitimacy suffers for ``backlash_days`` from then (not for one begun before the run,
        whose loss is over), and full knowledge of it is of all the police now on duty."""
        self.crackdown_guardians = max(0.0, self.crackdown_guardians + police)
        if day >= 0:
            self.backlash_until = day + self.backlash_days
        self.crackdown_size = self.crackdown_guardians

    def end_crackdown(self, police: float) -> None:
        """``police`` of a crackdown's guardians withdrawn (youths learn of it only gradually)."""
        self.crackdown_guardians = max(0.0, self.crackdown_guardians - police)

    def set_lighting(self, quality: float) -> None:
        """The lighting's quality (0–1) from now on."""
        self.lighting_quality = quality

    # ---- read by unrest and guardianship
    def legitimacy(self, day: int, un: UnrestSection) -> float:
        """The area's legitimacy on ``day``: base, plus EST's gain (building up linearly over
        ``est_ramp_years`` from its start), minus a crackdown's backlash loss."""
        loss = un.crackdown_legitimacy_loss if day < self.backlash_until else 0.0
        gain = 0.0
        if self.est_active:
            years = (day - self.est_started) / 365.25
            gain = un.est_legitimacy_gain * (min(1.0, years / un.est_ramp_years) if un.est_ramp_years > 0 else 1.0)
        return float(np.clip(un.legitimacy + gain - loss, 0.0, 1.0))

    def accrue(self, n_days: int) -> None:
        """``n_days`` with the levers as they are, on duty per capita (× :attr:`per_capita`):
        guard FTE-days, EST days (at the reference size) and police guardian-days."""
        s = self.per_capita
        self.usage["guard_fte_days"] += self.guards_fte * s * n_days
        self.usage["est_days"] += s * n_days if self.est_active else 0
        self.usage["crackdown_guardian_days"] += self.crackdown_guardians * s * n_days

    def take_month(self) -> dict[str, float]:
        """The month's lever-days, and a fresh count for the next month."""
        usage, self.usage = self.usage, dict.fromkeys(USAGE, 0.0)
        return usage

    def learn_crackdown(self, rate: float) -> None:
        """A day of learning (``rate``: the share of the gap closed a day, as in
        :meth:`.Unrest.learn_risk`): what youths believe of the police moves towards what is there."""
        self.crackdown_known += rate * (self.crackdown_guardians - self.crackdown_known)

    def know_crackdown(self) -> None:
        """Youths know the police on duty as they are (at the run's start: what happened before)."""
        self.crackdown_known = self.crackdown_guardians

    def displacement(self, un: UnrestSection) -> float:
        """Share of events pushed out of the area today: ``crackdown_displacement_share`` as far
        as youths believe the crackdown is in force (the police they believe are there over its
        size, 0–1), so it grows as they learn of it and fades as they learn it is over."""
        if self.crackdown_size <= 0:
            return 0.0
        return un.crackdown_displacement_share * float(np.clip(self.crackdown_known / self.crackdown_size, 0.0, 1.0))

    def fixed_guardians(self, un: UnrestSection) -> float:
        """Guardians that do not depend on foot traffic: guards, EST and crackdown police, each
        stated at ``reference_residents`` and on duty per capita (× :attr:`per_capita`)."""
        return (self.guards_fte + (un.est_guardians if self.est_active else 0.0) + self.crackdown_guardians) \
            * self.per_capita
