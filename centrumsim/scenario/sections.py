"""The scenario's sections: frozen dataclasses that are the schema of a scenario file.

Each field's type says what is accepted and its :func:`~centrumsim.scenario.schema.spec` the
allowed range; every numeric key carries its unit in its name. :mod:`centrumsim.scenario.schema`
validates parsed TOML against these classes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Literal

import numpy as np

from .costs import EventCosts, PublicCostRates
from .schema import FrozenDict, spec, table_spec
from .vocabulary import AGE_BANDS


@dataclass(frozen=True, kw_only=True)
class AgeValues:
    """One value per age band (a share, a rate or a weight — the owning key says which)."""

    age_0_5: float = spec(1.0, min=0)
    age_6_12: float = spec(1.0, min=0)
    age_13_19: float = spec(1.0, min=0)
    age_20_25: float = spec(1.0, min=0)
    age_26_64: float = spec(1.0, min=0)
    age_65_plus: float = spec(1.0, min=0)

    def as_array(self) -> np.ndarray:
        """The six values as a float array, in :data:`AGE_BANDS` order."""
        return np.array([getattr(self, f"age_{b}") for b in AGE_BANDS], dtype=float)


@dataclass(frozen=True, kw_only=True)
class AgeChances(AgeValues):
    """One daily chance per age band (0–1)."""

    age_0_5: float = spec(1.0, min=0, max=1)
    age_6_12: float = spec(1.0, min=0, max=1)
    age_13_19: float = spec(1.0, min=0, max=1)
    age_20_25: float = spec(1.0, min=0, max=1)
    age_26_64: float = spec(1.0, min=0, max=1)
    age_65_plus: float = spec(1.0, min=0, max=1)


@dataclass(frozen=True, kw_only=True)
class AssumptionChoice:
    """A scenario's word on one assumption of the catalogue (``scenario/data/assumptions.toml``):
    a narrower range, or fixed at the scenario's value."""

    min: float | None = spec(None, doc="the range's low end (a factor where the catalogue's range is one)")
    max: float | None = spec(None, doc="the range's high end")
    fixed: bool = spec(False, doc="not drawn: the scenario's value is known")


@dataclass(frozen=True, kw_only=True)
class TimeSection:
    start_date: dt.date = spec(doc="first simulated day")
    years: int = spec(10, min=1, max=50, doc="horizon in years")


@dataclass(frozen=True, kw_only=True)
class Zone:
    share_of_households: float = spec(min=0, max=1, doc="share of the area's households")
    walk_distance_m: float = spec(min=1, max=50_000, doc="typical walking distance to the centre, m")
    across_tram_line: bool = spec(False, doc="on the far side of the tram line from the centre")
    households_growth_per_year: float = spec(0.0, min=0, max=1_000, doc="new households a year")


@dataclass(frozen=True, kw_only=True)
class AreaSection:
    residents: int = spec(min=0, max=200_000, doc="residents at the start (a neighbourhood, not a city)")
    households: int = spec(min=0, doc="households at the start")
    share_female: float = spec(0.5, min=0, max=1)
    age_shares: AgeValues = spec(doc="share of residents per age band (sums to 1)")
    income_rel_national_median: float = spec(
        0.65, gt=0, max=5, doc="median household income per consumption unit / national median")
    income_trend_share_per_year: float = spec(0.0, min=-0.5, max=0.5, doc="change of the area's incomes a year")
    income_sigma_log: float = spec(0.45, min=0, max=2, doc="spread of log income")
    employment_rate_adults: float = spec(0.6, min=0, max=1, doc="share of 20–64 in work")
    households_moving_out_share_per_year: float = spec(
        0.12, min=0, max=1, doc="households leaving the area a year (their flats re-let at once)")
    births_per_woman_per_year: float = spec(0.07, min=0, max=0.5, doc="births a year per woman aged 20–44")
    deaths_share_per_year_65_plus: float = spec(0.04, min=0, max=1, doc="residents 65+ dying a year")
    oldest_start_age_years: float = spec(85.0, min=66, max=110, doc="the 65+ at the start are aged 65 to this")
    oldest_age_years: float = spec(100.0, min=66, max=120, doc="nobody lives past this age")
    zones: dict[str, Zone] = spec(doc="named zones of the area")
    latitude_deg: float = spec(58.59, min=-66, max=66,
                               doc="for daylight (model/seasons.py); polar days are not modelled")
    longitude_deg: float = spec(16.19, min=-180, max=180, doc="for the clock time of dusk (Central European Time)")
    school_holiday_weeks: tuple[int, ...] = spec((), doc="ISO weeks without school (summer, Christmas, breaks)")
    summer_away_weeks: tuple[int, ...] = spec((), doc="ISO weeks in which summer_away_share of people are away")
    summer_away_share: float = spec(0.0, min=0, max=1)


@dataclass(frozen=True, kw_only=True)
class Premises:
    area_m2: float = spec(gt=0, max=100_000)
    rent_sek_per_m2_year: float = spec(min=0, max=100_000)
    rent_discount_share: float = spec(0.0, min=0, max=1, doc="discount from the housing company")
    owner: str = spec("housing_company", doc="the payer that lets it (receives the rent)")


@dataclass(frozen=True, kw_only=True)
class Payer:
    """Someone who pays for the centre: the municipality, the housing company, the police, the
    employment service, private sponsors."""

    label: str = spec(doc="display name")
    public: bool = spec(True, doc="part of the public purse (false: private, e.g. sponsors)")


def default_payers() -> FrozenDict:
    """The payers a scenario has when it names none."""
    return FrozenDict({
        "municipality": Payer(label="Municipality"), "housing_company": Payer(label="Housing company"),
        "police": Payer(label="Police"), "employment_service": Payer(label="Employment service"),
        "study_associations": Payer(label="Study associations"), "sponsors": Payer(label="Sponsors", public=False),
    })


@dataclass(frozen=True, kw_only=True)
class Unit:
    """A unit in the centre: an enterprise unit, a commercial tenant or a public house."""

    kind: str = spec(doc="a kind from the catalogue (data/unit_kinds.toml)")
    operator: Literal["enterprise", "commercial", "public"] = spec()
    premises: str = spec(doc="name of the premises it occupies")
    label: str = spec("", doc="display name (Swedish names welcome)")
    enabled: bool = spec(True, doc="false drops an inherited unit from this scenario")
    initially_open: bool = spec(True)
    attraction: float = spec(1.0, min=0, doc="Huff attraction (relative units)")
    appeal: AgeValues = spec(AgeValues(), doc="relative draw per age band")
    appeal_female_factor: float = spec(1.0, min=0, doc="draw for women and girls / men and boys")
    hours_day: float = spec(8.0, min=0, max=10, doc="hours open in the day part (08–17)")
    hours_evening: float = spec(0.0, min=0, max=5, doc="hours open in the evening (17–22)")
    open_weekends: bool = spec(True)
    price_sek: float = spec(0.0, min=0, max=100_000, doc="average sales per visit, SEK ex VAT")
    reference_price_sek: float = spec(
        0.0, min=0, max=100_000, doc="the price of the same thing elsewhere, SEK ex VAT (0: price not in the choice)")
    price_elasticity: float = spec(0.0, min=-10, max=0,
                                   doc="elasticity of the unit's visits to its price, at the reference price")
    capacity_visits_per_day: float = spec(0.0, min=0, max=100_000,
                                          doc="visits it can serve per open day (0 = no limit)")
    min_premises_m2: float = spec(0.0, min=0, max=100_000,
                                  doc="a prospective tenant of this kind signs for no smaller premises")
    gross_margin_share: float = spec(1.0, min=0, max=1, doc="1 − cost of goods / sales")
    member_share_at_door: float = spec(0.0, min=0, max=0.95, doc="steady-state members' share at the door, appeal 1")
    member_leave_share_per_month: float = spec(0.025, min=0.001, max=1, doc="members who leave a month")
    member_visits_per_week: float = spec(1.0, min=0, max=14, doc="a member's visits a week")
    member_distance_scale_m: float = spec(800.0, gt=0, max=100_000, doc="joining falls as exp(−distance / this)")
    member_income_elasticity: float = spec(0.5, min=0, max=3, doc="of joining, to household income")
    member_age_factor: AgeValues = spec(AgeValues(), doc="joining per age band, times the unit's appeal")
    member_outside_share: float = spec(0.0, min=0, max=10, doc="members from outside the area per resident member")
    member_fees_to_unit: bool = spec(True, doc="false: the fees go to clubs using the unit, not to its books")
    membership_fee_sek_per_month: float = spec(0.0, min=0, max=100_000)
    reference_membership_fee_sek_per_month: float = spec(
        0.0, min=0, max=100_000, doc="the fee for the same elsewhere (0: members do not respond to the fee)")
    membership_price_elasticity: float = spec(0.0, min=-10, max=0,
                                              doc="elasticity of joining to the fee, at the reference fee")
    service_contract_sek_per_month: float = spec(0.0, min=0)
    service_contract_until: dt.date | None = spec(None, doc="the contract runs through the month of this date")
    service_contract_payer: str = spec("housing_company", doc="who buys the service contract")
    grant_sek_per_month: float = spec(0.0, min=0)
    grant_until: dt.date | None = spec(None, doc="the grant is paid through the month of this date (none: no end)")
    grant_payer: str = spec("municipality", doc="who pays the unit's grant")
    funder: str = spec("municipality", doc="a public house: who covers what its revenue does not")
    incremental: bool = spec(True, doc="its public money is spent because of the centre (false: would be anyway)")
    sponsorship_sek_per_month: float = spec(0.0, min=0)
    sponsorship_until: dt.date | None = spec(None, doc="the sponsorship runs through the month of this date")
    sponsorship_payer: str = spec("sponsors", doc="who sponsors the unit")
    staff_fte: float = spec(0.0, min=0, max=200)
    wage_sek_per_month: float = spec(30_000.0, min=0, doc="gross wage per FTE")
    employer_fee_share: float = spec(0.3142, min=0, max=1, doc="employer's social fees on wages")
    subsidised_fte: float = spec(0.0, min=0, doc="FTE carrying a wage subsidy")
    wage_subsidy_payer: str = spec("employment_service", doc="who pays the wage subsidy")
    wage_subsidy_share: float = spec(0.0, min=0, max=0.8, doc="share of wage cost subsidised")
    wage_subsidy_cap_sek_per_month: float = spec(20_000.0, min=0, doc="ceiling per FTE")
    work_integration_posts: int = spec(0, min=0)
    trainee_payment_sek_per_post_month: float = spec(0.0, min=0)
    trainee_payment_payer: str = spec("employment_service", doc="who pays for the trainee places")
    upkeep_sek_per_month: float = spec(0.0, min=0, doc="upkeep and interior")
    other_costs_sek_per_month: float = spec(0.0, min=0)
    insurance_sek_per_month: float = spec(0.0, min=0)
    insurance_deductible_sek: float = spec(10_000.0, min=0)
    activities_per_week: float = spec(0.0, min=0)
    youth_activity_hours_per_week: float = spec(0.0, min=0, doc="organised hours for ages 13–25")
    link_share: float = spec(0.1, min=0, max=1, doc="share of its visitors who visit a second unit")
    linked_draw: float = spec(1.0, min=0, max=100, doc="weight as the second unit of a linked trip")
    public_events_per_year: float = spec(0.0, min=0, max=365, doc="public events it holds")
    sports: bool = spec(False, doc="a sports club: its child members count as club-active children")


@dataclass(frozen=True, kw_only=True)
class FootfallSection:
    trips_per_day_day: AgeChances = spec(doc="daily chance of a daytime local outing")
    trips_per_day_evening: AgeChances = spec(doc="daily chance of an evening local outing")
    weekend_factor_day: AgeValues = spec(AgeValues(), doc="weekend / weekday outing chance")
    weekend_factor_evening: AgeValues = spec(AgeValues(), doc="weekend / weekday outing chance")
    spend_factor_by_age: AgeValues = spec(AgeValues(), doc="spend per visit relative to an adult")
    huff_alpha: float = spec(1.0, min=0, max=5)
    huff_beta: float = spec(2.0, min=0, max=5)
    same_kind_dissimilarity: float = spec(
        1.0, gt=0, max=1,
        doc="nested-logit λ for units of one kind: 1 = each draws on its own, → 0 = perfect substitutes")
    outside_option_attraction: float = spec(10.0, gt=0)
    outside_option_distance_m: float = spec(1500.0, min=1, max=100_000)
    outside_option_evening_factor: float = spec(1.0, gt=0, max=100, doc="outside option's draw in the evening")
    tram_crossing_extra_m: float = spec(300.0, min=0, max=50_000)
    tram_crossing_improved: bool = spec(False)
    safety_elasticity_day: float = spec(0.5, min=0, max=5)
    safety_elasticity_evening: float = spec(1.5, min=0, max=5)
    darkness_visit_loss_share: float = spec(0.3, min=0, max=1,
                                            doc="share of outings not made in a daypart's dark hours")
    holiday_trip_factor: AgeValues = spec(AgeValues(), doc="outing chance on a weekday without school / with school")
    spend_income_elasticity: float = spec(0.5, min=0, max=3, doc="of spend per visit, to household income")
    outing_income_elasticity: float = spec(0.0, min=0, max=3, doc="of the chance of an outing, to household income")
    reference_income_rel_national_median: float = spec(
        1.0, gt=0, max=5, doc="the income (per consumption unit / national median) trip rates and prices are set for")
    outside_income_rel_national_median: float = spec(1.0, gt=0, max=5, doc="outside visitors' income, the same measure")
    vitality_weight: float = spec(0.5, min=0, max=1)
    environment_reference_sek_per_month: float = spec(10_000.0, gt=0, doc="spend giving half the lift")
    environment_max_lift_share: float = spec(0.1, min=0, max=1, doc="most attraction gained")
    shabby_attraction_loss_share: float = spec(0.3, min=0, max=1, doc="loss when upkeep is cut")
    outside_visitors_per_day: float = spec(30.0, min=0, max=100_000, doc="outside visitors a day at the reference draw")
    outside_visitors_reference_draw: float = spec(
        1.0, gt=0, max=1000, doc="the centre's draw for an adult (Σ of its units' Huff terms) at which they come")
    accessibility_index: float = spec(1.0, min=0, max=10)
    event_visit_lift_share: float = spec(0.3, min=0, max=3, doc="extra visits on a public-event day")
    event_outside_visitors_per_event: float = spec(20.0, min=0, max=10_000, doc="visitors from outside per event")


@dataclass(frozen=True, kw_only=True)
class EconomySection:
    """Money that every operator meets alike."""

    insurance_claim_loading_share: float = spec(
        0.0, min=0, max=5, doc="premium rise per insurance claim still remembered (share of the premium)")
    insurance_claim_memory_months: int = spec(36, min=1, max=240, doc="months an insurer remembers a claim")
    price_indexation_share_per_year: float = spec(
        0.0, min=-0.2, max=0.5, doc="rise of prices (and the costs that follow them) a year")
    wage_indexation_share_per_year: float = spec(0.0, min=-0.2, max=0.5, doc="rise of wages a year")
    rent_indexation_share_per_year: float = spec(0.0, min=-0.2, max=0.5, doc="rise of rents a year (an index clause)")
    grant_indexation_share_per_year: float = spec(0.0, min=-0.2, max=0.5, doc="rise of grants a year (0: nominal)")


@dataclass(frozen=True, kw_only=True)
class EventType(EventCosts):
    weight: float = spec(min=0, doc="relative frequency")
    damage_median_sek: float = spec(min=0, max=10_000_000)
    damage_sigma_log: float = spec(0.8, min=0, max=3)
    unit_target_share: float = spec(0.5, min=0, max=1, doc="share aimed at a unit's premises")
    fear_weight: float = spec(1.0, min=0)
    trust_weight: float = spec(1.0, min=0)


@dataclass(frozen=True, kw_only=True)
class UnrestSection(PublicCostRates):
    """Youths, events and the levers against them. The area-wide counts here — ``est_guardians``,
    ``guards_fte``, a crackdown's police (an intervention's value), ``broken_windows_half_count``
    — and ``fear_per_event`` are stated for an area of ``reference_residents``: the model scales
    the counts by the residents at the start / ``reference_residents`` and the fear an event leaves by the
    inverse (an event is seen by a share of the residents), so they hold per capita."""

    reference_residents: int = spec(
        0, min=0, max=10_000_000,
        doc="residents the area-wide counts and fear_per_event are stated for (0: the area's residents at the start)")
    legitimacy: float = spec(0.82, min=0, max=1)
    arrest_k: float = spec(2.3, min=0)
    activation_threshold: float = spec(0.1, gt=0, max=1, doc="T; a youth's drive is their margin over it / T")
    activity_take_up_spread: float = spec(1.0, min=0, max=1, doc="take-up of activities: uniform on 1 ± this")
    school_day_idle_share: float = spec(1.0, min=0, max=1, doc="a 13–19's idle time on a school day / a free day")
    risk_learning_days: float = spec(0.0, min=0, max=365, doc="time constant of youths' perceived arrest risk")
    events_per_active_day: float = spec(0.0005, min=0, max=1, doc="a youth's events a day at a drive of 1")
    excitation_share: float = spec(0.5, min=0, max=0.95, doc="offspring per event (branching)")
    excitation_decay_days: float = spec(7.0, gt=0)
    eyes_per_guardian: float = spec(25.0, gt=0, doc="visitors per daypart per effective guardian")
    guardians_per_staff_fte: float = spec(1.0, min=0)
    lighting_quality: float = spec(0.5, min=0, max=1)
    guards_fte: float = spec(0.0, min=0, max=200, doc="guards on duty, FTE at reference_residents")
    guard_cost_sek_per_fte_month: float = spec(55_000.0, min=0)
    guards_payer: str = spec("housing_company", doc="who hires the guards")
    est_active: bool = spec(False)
    est_legitimacy_gain: float = spec(0.05, min=0, max=1)
    est_ramp_years: float = spec(3.0, min=0, max=20, doc="years for EST's gain to build up fully")
    est_guardians: float = spec(2.0, min=0, max=200, doc="EST's presence, guardians at reference_residents")
    est_cost_sek_per_month_by_payer: dict[str, float] = table_spec(
        doc="what EST costs each partner while it runs (payer → SEK per month)")
    crackdown_cost_sek_per_guardian_month: float = spec(0.0, min=0, doc="police cost of one extra guardian")
    crackdown_payer: str = spec("police")
    idle_halving_hours_per_week: float = spec(40.0, gt=0)
    base_safety_share: float = spec(0.75, min=0, max=1)
    young_female_safety_gap_share: float = spec(0.15, min=0, max=1)
    fear_per_event: float = spec(0.005, min=0, max=1, doc="share of the gap to full fear an event closes, "
                                 "at reference_residents")
    fear_halflife_days: float = spec(60.0, gt=0)
    evening_closing_fear: float = spec(
        0.0, min=0, max=1, doc="the centre's fear at which units close in the evening (0: they never do)")
    trust_loss_per_event: float = spec(0.15, min=0, max=1)
    trust_recovery_per_month: float = spec(0.05, min=0, max=1)
    trust_pause_threshold: float = spec(0.3, min=0, max=1)
    trust_reopen_threshold: float = spec(0.6, min=0, max=1)
    evening_share_of_activity: float = spec(0.75, min=0, max=1, doc="share of youths' free time in the evening")
    youth_post_share: float = spec(0.5, min=0, max=1, doc="share of work-integration posts held by local youths")
    post_relief_share: float = spec(0.5, min=0, max=1, doc="grievance relief of a youth in a post")
    broken_windows_max_lift_share: float = spec(1.0, min=0, max=5, doc="most the base rate rises by")
    broken_windows_half_count: float = spec(5.0, gt=0, max=1000,
                                            doc="unrepaired damages for half that lift, at reference_residents")
    repair_days_enterprise: float = spec(7.0, min=0, max=365)
    repair_days_tenant: float = spec(14.0, min=0, max=365)
    repair_days_cut_upkeep: float = spec(60.0, min=0, max=365, doc="a tenant that skimps on upkeep")
    repair_days_public: float = spec(30.0, min=0, max=365, doc="public space, public houses, cars")
    crackdown_legitimacy_loss: float = spec(0.1, min=0, max=1)
    crackdown_backlash_days: int = spec(30, min=0, max=365)
    crackdown_displacement_share: float = spec(0.3, min=0, max=1, doc="share of events pushed elsewhere")
    types: dict[str, EventType] = spec(doc="event types")


@dataclass(frozen=True, kw_only=True)
class IndicatorSection:
    """Definitions behind the indicators and the break-even finder's social value (not
    mechanisms: nothing in the model's dynamics reads them)."""

    satisfaction_weight_safety: float = spec(0.4, min=0, max=1)
    satisfaction_weight_vitality: float = spec(0.3, min=0, max=1)
    satisfaction_weight_services: float = spec(0.3, min=0, max=1)
    police_list_min_events_per_year: float = spec(60.0, min=0, doc="unrest events in the area")
    police_list_max_safety_index: float = spec(60.0, min=0, max=100)
    police_list_max_willingness_to_report: float = spec(0.6, min=0, max=1)
    police_list_exit_years: int = spec(2, min=1, max=10, doc="years below the thresholds to leave")
    social_weight_visitors: float = spec(0.25, min=0, max=1, doc="break-even finder's social value")
    social_weight_activities: float = spec(0.25, min=0, max=1)
    social_weight_safety: float = spec(0.25, min=0, max=1)
    social_weight_posts: float = spec(0.25, min=0, max=1)
    social_full_visitors_per_day: float = spec(2900.0, gt=0, doc="visitors a day that score 1 in the social value")
    social_full_activities_per_year: float = spec(5200.0, gt=0, doc="activities a year that score 1")
    social_full_posts_work_integration: float = spec(10.0, gt=0, doc="work-integration posts that score 1")
    service_kinds: tuple[str, ...] = spec(
        ("grocery", "cafe", "pizzeria", "hairdresser", "activity_house", "fritidsbanken", "gym"),
        doc="the kinds of service whose presence counts as access to services",
    )


@dataclass(frozen=True, kw_only=True)
class Intervention:
    date: dt.date = spec()
    action: Literal["open_unit", "close_unit", "start_est", "stop_est", "hire_guards", "set_lighting",
                    "improve_tram_crossing", "set_accessibility", "set_rent_discount", "set_grant",
                    "start_crackdown", "set_area_income"] = spec()
    unit: str = spec("", doc="the unit acted on (open/close/rent/grant)")
    value: float | None = spec(None, doc="the new level (FTE, quality, index, share, SEK/month); see ACTION_VALUES")
    until: dt.date | None = spec(None, doc="end of a time-limited action (guards, a crackdown, a grant)")
    enabled: bool = spec(True)
    note: str = spec("")


@dataclass(frozen=True)
class ActionValue:
    """What an intervention's ``value`` means for one action, and the range it must lie in."""

    meaning: str
    min: float | None = None
    max: float | None = None
    gt: float | None = None


def _as_field(cls: type, name: str, meaning: str) -> ActionValue:
    """The action sets ``cls.name``: its value takes that field's range."""
    meta = {f.name: f.metadata for f in dataclasses.fields(cls)}[name]
    return ActionValue(meaning, meta["min"], meta["max"], meta["gt"])


ACTION_VALUES: dict[str, ActionValue | None] = {
    "open_unit": None,
    "close_unit": None,
    "start_est": None,
    "stop_est": None,
    "improve_tram_crossing": None,
    "hire_guards": _as_field(UnrestSection, "guards_fte", "guards hired, FTE"),
    "set_lighting": _as_field(UnrestSection, "lighting_quality", "the new lighting quality, 0–1"),
    "set_accessibility": _as_field(FootfallSection, "accessibility_index", "the new accessibility index"),
    "set_rent_discount": _as_field(Premises, "rent_discount_share", "the unit's new rent discount, share"),
    "set_grant": _as_field(Unit, "grant_sek_per_month", "the unit's new grant, SEK per month"),
    "start_crackdown": ActionValue("extra police guardians during the crackdown", gt=0, max=200),
    "set_area_income": _as_field(AreaSection, "income_rel_national_median",
                                 "the area's median income / national median"),
}
"""Per action, what ``value`` is (None: the action takes no value)."""
