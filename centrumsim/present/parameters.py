"""Readable labels for scenario parameters: what a reader sees instead of a dotted key.

A sweep, a sensitivity analysis, scenario discovery and goal seek name the parameters they vary by
their dotted scenario keys (``unrest.legitimacy``, ``units.cafe.price_sek``); the files they write
keep those keys. Plots and printed text show :func:`parameter_label` instead: the assumption
catalogue's label where the key is an assumption's, else the unit's (or the section's) name and
the field's label from :data:`FIELD_LABELS`, with its unit in words — "Kafé Klocket: price per
visit (SEK)", "unrest and safety: lighting quality (0–1)". Every label is an English msgid
(marked with :func:`~centrumsim.msgids.N_`), translated where it is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..msgids import N_
from ..scenario.assumptions import CATALOGUE
from .language import _
from .names import PAYERS, display, event_label, payer_label, scenario_unit_labels

if TYPE_CHECKING:  # pragma: no cover
    from ..scenario import Scenario

__all__ = ["FIELD_LABELS", "SECTION_LABELS", "TABLE_LABELS", "field_label", "parameter_label", "parameter_phrase"]

FIELD_LABELS: dict[str, str] = {
    # time, the area and its zones
    "years": N_("years simulated"),
    "residents": N_("residents at the start"),
    "households": N_("households at the start"),
    "share_female": N_("share of women and girls (0–1)"),
    "income_rel_national_median": N_("median income against the national median (ratio)"),
    "income_trend_share_per_year": N_("change of incomes (share a year)"),
    "income_sigma_log": N_("spread of incomes (σ of log income)"),
    "employment_rate_adults": N_("adults aged 20–64 in work (share, 0–1)"),
    "households_moving_out_share_per_year": N_("households moving out (share a year)"),
    "births_per_woman_per_year": N_("births per woman aged 20–44 (a year)"),
    "deaths_share_per_year_65_plus": N_("deaths among residents aged 65 and over (share a year)"),
    "oldest_start_age_years": N_("oldest age at the start (years)"),
    "oldest_age_years": N_("highest age anyone reaches (years)"),
    "latitude_deg": N_("latitude (degrees)"),
    "longitude_deg": N_("longitude (degrees)"),
    "summer_away_share": N_("residents away in the summer weeks (share, 0–1)"),
    "share_of_households": N_("share of the area's households (0–1)"),
    "walk_distance_m": N_("walking distance to the centre (m)"),
    "households_growth_per_year": N_("new households (a year)"),
    "age_0_5": N_("ages 0–5"), "age_6_12": N_("ages 6–12"), "age_13_19": N_("ages 13–19"),
    "age_20_25": N_("ages 20–25"), "age_26_64": N_("ages 26–64"), "age_65_plus": N_("ages 65 and over"),
    # premises
    "area_m2": N_("floor area (m²)"),
    "rent_sek_per_m2_year": N_("rent (SEK per m² a year)"),
    "rent_discount_share": N_("rent discount (share of the rent, 0–1)"),
    # a unit
    "attraction": N_("attraction (relative)"),
    "appeal_female_factor": N_("draw for women and girls against men and boys (factor)"),
    "hours_day": N_("opening hours in the daytime (hours a day)"),
    "hours_evening": N_("opening hours in the evening (hours a day)"),
    "price_sek": N_("price per visit (SEK)"),
    "reference_price_sek": N_("price of the same elsewhere (SEK)"),
    "price_elasticity": N_("price elasticity of visits"),
    "capacity_visits_per_day": N_("capacity (visits a day)"),
    "min_premises_m2": N_("smallest premises it takes (m²)"),
    "gross_margin_share": N_("gross margin (share of sales, 0–1)"),
    "member_share_at_door": N_("members among the residents next door (share, 0–1)"),
    "member_leave_share_per_month": N_("members leaving (share a month)"),
    "member_visits_per_week": N_("a member's visits (a week)"),
    "member_distance_scale_m": N_("distance over which joining falls off (m)"),
    "member_income_elasticity": N_("income elasticity of joining"),
    "member_outside_share": N_("members from outside the area per resident member"),
    "membership_fee_sek_per_month": N_("membership fee (SEK a month)"),
    "reference_membership_fee_sek_per_month": N_("membership fee elsewhere (SEK a month)"),
    "membership_price_elasticity": N_("fee elasticity of joining"),
    "service_contract_sek_per_month": N_("service contract (SEK a month)"),
    "grant_sek_per_month": N_("grant (SEK a month)"),
    "sponsorship_sek_per_month": N_("sponsorship (SEK a month)"),
    "staff_fte": N_("staff (FTE)"),
    "wage_sek_per_month": N_("wage per FTE (SEK a month)"),
    "employer_fee_share": N_("employer's social fees (share of wages)"),
    "subsidised_fte": N_("staff with a wage subsidy (FTE)"),
    "wage_subsidy_share": N_("wage subsidy (share of the wage cost)"),
    "wage_subsidy_cap_sek_per_month": N_("wage subsidy ceiling per FTE (SEK a month)"),
    "work_integration_posts": N_("work-integration posts"),
    "trainee_payment_sek_per_post_month": N_("payment per trainee place (SEK a month)"),
    "upkeep_sek_per_month": N_("upkeep and interior (SEK a month)"),
    "other_costs_sek_per_month": N_("other costs (SEK a month)"),
    "insurance_sek_per_month": N_("insurance premium (SEK a month)"),
    "insurance_deductible_sek": N_("insurance deductible (SEK)"),
    "activities_per_week": N_("activities (a week)"),
    "youth_activity_hours_per_week": N_("organised hours for ages 13–25 (a week)"),
    "link_share": N_("visitors who go on to a second unit (share, 0–1)"),
    "linked_draw": N_("draw as the second unit of a trip (weight)"),
    "public_events_per_year": N_("public events (a year)"),
    # the operators: the enterprise and the commercial tenants
    "cut_after_loss_months": N_("months of loss before opening hours are cut"),
    "day_hours_cut_share": N_("daytime hours cut at the second step (share, 0–1)"),
    "staff_floor_share": N_("lowest staffing (share of the full staff)"),
    "restore_after_gain_months": N_("months of surplus before opening hours are restored"),
    "starting_cash_sek": N_("cash at the start (SEK)"),
    "overdraft_limit_sek": N_("overdraft limit (SEK)"),
    "reserve_target_sek": N_("reserve target (SEK)"),
    "overhead_sek_per_month": N_("overhead (SEK a month)"),
    "environment_spend_sek_per_month": N_("upkeep of common spaces (SEK a month)"),
    "overdraft_interest_share_per_year": N_("overdraft interest (share a year)"),
    "pause_after_deficit_months": N_("months of loss before a unit is paused"),
    "plan_months": N_("planning horizon (months)"),
    "reopen_cover_months": N_("months of loss the cash must cover to reopen"),
    "close_after_paused_months": N_("months paused before a unit closes"),
    "reopen_min_paused_months": N_("fewest months paused before reopening"),
    "leave_after_loss_months": N_("months below the required profit before a tenant leaves"),
    "required_profit_sek_per_month": N_("required profit (SEK a month)"),
    "entry_hurdle_sek_per_month": N_("expected profit needed to sign (SEK a month)"),
    "entry_attempts_per_year": N_("prospective tenants (a year)"),
    "upkeep_cut_share": N_("upkeep cut while losing money (share, 0–1)"),
    "lease_term_months": N_("lease term (months)"),
    "notice_months": N_("notice period (months)"),
    "vacant_rent_cut_share_per_year": N_("fall of an empty shop's asking rent (share of the list rent a year)"),
    "vacant_rent_floor_share": N_("lowest asking rent (share of the list rent)"),
    # the economy
    "insurance_claim_loading_share": N_("premium rise per remembered claim (share of the premium)"),
    "insurance_claim_memory_months": N_("months an insurer remembers a claim"),
    "price_indexation_share_per_year": N_("price rises (share a year)"),
    "wage_indexation_share_per_year": N_("wage rises (share a year)"),
    "rent_indexation_share_per_year": N_("rent rises (share a year)"),
    "grant_indexation_share_per_year": N_("grant indexation (share a year)"),
    # footfall: who comes, and where they go
    "huff_alpha": N_("weight of attraction in the choice (Huff α)"),
    "huff_beta": N_("how distance deters in the choice (Huff β)"),
    "same_kind_dissimilarity": N_("how distinct units of one kind are (0–1)"),
    "outside_option_attraction": N_("draw of going elsewhere (relative)"),
    "outside_option_distance_m": N_("distance to the alternatives elsewhere (m)"),
    "outside_option_evening_factor": N_("draw of going elsewhere in the evening (factor)"),
    "tram_crossing_extra_m": N_("detour to cross the tram line (m)"),
    "safety_elasticity_day": N_("how safety moves daytime visits (elasticity)"),
    "safety_elasticity_evening": N_("how safety moves evening visits (elasticity)"),
    "darkness_visit_loss_share": N_("outings not made after dark (share, 0–1)"),
    "spend_income_elasticity": N_("income elasticity of spending per visit"),
    "outing_income_elasticity": N_("income elasticity of outings"),
    "reference_income_rel_national_median": N_("income that outings and prices are set for (against the "
                                               "national median)"),
    "outside_income_rel_national_median": N_("outside visitors' income (against the national median)"),
    "vitality_weight": N_("weight of the centre's vitality (0–1)"),
    "environment_reference_sek_per_month": N_("common-space spending for half the lift (SEK a month)"),
    "environment_max_lift_share": N_("most draw gained from common spaces (share)"),
    "shabby_attraction_loss_share": N_("draw lost when upkeep is cut (share, 0–1)"),
    "outside_visitors_per_day": N_("outside visitors (a day)"),
    "outside_visitors_reference_draw": N_("draw at which the outside visitors come (relative)"),
    "accessibility_index": N_("accessibility (index)"),
    "event_visit_lift_share": N_("extra visits on a public-event day (share)"),
    "event_outside_visitors_per_event": N_("outside visitors per public event"),
    # unrest and safety
    "reference_residents": N_("residents the area-wide counts are stated for"),
    "legitimacy": N_("legitimacy of the institutions (0–1)"),
    "arrest_k": N_("weight of the arrest risk (Epstein's k)"),
    "activation_threshold": N_("threshold for acting (Epstein's T)"),
    "activity_take_up_spread": N_("spread of the take-up of activities (0–1)"),
    "school_day_idle_share": N_("idle time on a school day (share of a free day's)"),
    "risk_learning_days": N_("time to learn the arrest risk (days)"),
    "events_per_active_day": N_("events per active youth (a day)"),
    "excitation_share": N_("follow-on events per event"),
    "excitation_decay_days": N_("how long an event stirs up more (days)"),
    "eyes_per_guardian": N_("visitors per guardian (eyes on the street)"),
    "guardians_per_staff_fte": N_("guardians per staff FTE"),
    "lighting_quality": N_("lighting quality (0–1)"),
    "guards_fte": N_("security guards (FTE)"),
    "guard_cost_sek_per_fte_month": N_("cost of security guards (SEK per FTE a month)"),
    "est_legitimacy_gain": N_("legitimacy gained with EST (0–1)"),
    "est_ramp_years": N_("years for EST to take full effect"),
    "est_guardians": N_("presence of EST (guardians)"),
    "crackdown_cost_sek_per_guardian_month": N_("cost of a police crackdown (SEK per officer a month)"),
    "idle_halving_hours_per_week": N_("activity hours that halve idle time (a week)"),
    "base_safety_share": N_("perceived safety in calm times (0–1)"),
    "young_female_safety_gap_share": N_("how much less safe young women and girls feel (0–1)"),
    "fear_per_event": N_("fear an event leaves (0–1)"),
    "fear_halflife_days": N_("half-life of fear (days)"),
    "evening_closing_fear": N_("fear at which units close in the evening (0–1)"),
    "trust_loss_per_event": N_("partners' trust lost per event (0–1)"),
    "trust_recovery_per_month": N_("partners' trust regained (a month, 0–1)"),
    "trust_pause_threshold": N_("partners' trust below which their support is withdrawn (0–1)"),
    "trust_reopen_threshold": N_("partners' trust at which their support returns (0–1)"),
    "evening_share_of_activity": N_("youths' free time in the evening (share, 0–1)"),
    "youth_post_share": N_("work-integration posts held by local youths (share, 0–1)"),
    "post_relief_share": N_("grievance eased by a post (share, 0–1)"),
    "broken_windows_max_lift_share": N_("most that unrepaired damage raises the event rate (share)"),
    "broken_windows_half_count": N_("unrepaired damages for half the rise in events"),
    "repair_days_enterprise": N_("repair time, the enterprise (days)"),
    "repair_days_tenant": N_("repair time, tenants (days)"),
    "repair_days_cut_upkeep": N_("repair time, tenants cutting upkeep (days)"),
    "repair_days_public": N_("repair time, public space (days)"),
    "crackdown_legitimacy_loss": N_("legitimacy lost to a police crackdown (0–1)"),
    "crackdown_backlash_days": N_("backlash after a police crackdown (days)"),
    "crackdown_displacement_share": N_("events pushed elsewhere by a police crackdown (share, 0–1)"),
    "police_sek_per_officer_hour": N_("police cost (SEK per officer-hour)"),
    "fire_sek_per_callout": N_("fire and rescue cost (SEK per call-out)"),
    # a type of unrest event
    "weight": N_("how often, relative to the other types"),
    "damage_median_sek": N_("median damage (SEK)"),
    "damage_sigma_log": N_("spread of the damage (σ of log damage)"),
    "unit_target_share": N_("share aimed at a unit's premises (0–1)"),
    "fear_weight": N_("fear it leaves (weight)"),
    "trust_weight": N_("trust it costs (weight)"),
    "police_officer_hours": N_("police officer-hours per event"),
    "fire_callouts": N_("fire and rescue call-outs per event"),
    "cleanup_sek": N_("clean-up per event (SEK)"),
    # the indicators' definitions
    "satisfaction_weight_safety": N_("weight of safety in satisfaction (0–1)"),
    "satisfaction_weight_vitality": N_("weight of vitality in satisfaction (0–1)"),
    "satisfaction_weight_services": N_("weight of services in satisfaction (0–1)"),
    "police_list_min_events_per_year": N_("unrest events a year that put the area on the police list"),
    "police_list_max_safety_index": N_("highest safety index on the police list (0–100)"),
    "police_list_max_willingness_to_report": N_("highest willingness to report on the police list (0–1)"),
    "police_list_exit_years": N_("years below the thresholds to leave the police list"),
    "social_weight_visitors": N_("weight of visitors in the social value (0–1)"),
    "social_weight_activities": N_("weight of activities in the social value (0–1)"),
    "social_weight_safety": N_("weight of safety in the social value (0–1)"),
    "social_weight_posts": N_("weight of work-integration posts in the social value (0–1)"),
    "social_full_visitors_per_day": N_("visitors a day for the full social value"),
    "social_full_activities_per_year": N_("activities a year for the full social value"),
    "social_full_posts_work_integration": N_("work-integration posts for the full social value"),
    # a dated action; a scenario's word on an assumption
    "value": N_("the action's new level"),
    "min": N_("low end of the range"),
    "max": N_("high end of the range"),
}
"""The label of every numeric field of the scenario schema, by field name: what it is and its unit
in words (SEK, m, FTE, share 0–1, a year …), lower case, for the end of a parameter's label."""

SECTION_LABELS: dict[str, str] = {
    "time": N_("time"), "area": N_("the area"), "premises": N_("premises"), "units": N_("units"),
    "payers": N_("payers"), "enterprise": N_("the enterprise"), "tenants": N_("commercial tenants"),
    "economy": N_("economy"), "footfall": N_("footfall"), "unrest": N_("unrest and safety"),
    "indicators": N_("indicators"), "interventions": N_("dated actions"), "assumptions": N_("assumptions"),
}
"""The label of each top-level section of a scenario (the first part of a dotted key)."""

TABLE_LABELS: dict[str, str] = {
    # one value per age band: {name} is the band ("ages 13–19")
    "age_shares": N_("share of residents, {name} (0–1)"),
    "appeal": N_("draw, {name} (relative)"),
    "member_age_factor": N_("joining, {name} (factor)"),
    "trips_per_day_day": N_("daily chance of a daytime outing, {name} (0–1)"),
    "trips_per_day_evening": N_("daily chance of an evening outing, {name} (0–1)"),
    "weekend_factor_day": N_("daytime outings at weekends against weekdays, {name} (factor)"),
    "weekend_factor_evening": N_("evening outings at weekends against weekdays, {name} (factor)"),
    "spend_factor_by_age": N_("spending per visit against an adult's, {name} (factor)"),
    "holiday_trip_factor": N_("outings on school holidays against school days, {name} (factor)"),
    # named entries: {name} is the entry's display name
    "zones": N_("zone {name}"),
    "est_cost_sek_per_month_by_payer": N_("cost of EST to {name} (SEK a month)"),
}
"""Labels of the fields that hold numbers under names of their own (age bands, zones, payers), with
``{name}`` for the band's or the entry's name. Event types (``unrest.types.<type>``) are named by
their display name alone."""

SELECTORS: dict[str, dict[str, str]] = {
    "units": {"enterprise": N_("the enterprise's units"), "commercial": N_("the commercial tenants' units"),
              "public": N_("the public houses"), "*": N_("every unit")},
    "premises": {"shops": N_("the shops' premises"), "*": N_("all premises")},
}
"""What a templated key's selector means, by table (``units.{enterprise}.…``, ``units.*.…``,
``premises.{shops}.…``; see :mod:`centrumsim.scenario.assumptions`); any other table's ``*`` is
:data:`ANY`."""
ANY = N_("every one")

UNIT_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("_sek_per_month", N_("SEK a month")), ("_sek_per_year", N_("SEK a year")), ("_sek", N_("SEK")),
    ("_share", N_("share")), ("_months", N_("months")), ("_days", N_("days")), ("_years", N_("years")),
    ("_m2", N_("m²")), ("_m", N_("m")), ("_fte", N_("FTE")),
)
"""The units a field name ends in, for a field without a label: its name in words and its unit."""

_ASSUMED: dict[str, str] = {key: a.label for a in CATALOGUE.values() for key in (a.name, *a.keys)}
"""The assumption catalogue's label (a msgid) by assumption name and by each of its keys."""


def parameter_label(key: str, scenario: Scenario | None = None, lang: str = "en") -> str:
    """The label a reader sees for a dotted scenario key (or an assumption's name), in ``lang``:
    the assumption catalogue's label for an assumption's key; "<unit>: <field>" for a unit's field
    (the unit's display name from ``scenario``, else its name in words); "<section>: <field>"
    otherwise. Never a dotted key: an unknown field is written in words with its unit."""
    assumed = _ASSUMED.get(key)
    if assumed is not None:
        return _(assumed, lang)
    head, *rest = key.split(".")
    if head in ("units", "premises", "interventions", "assumptions") and rest:
        where = _entry(head, rest[0], scenario, lang)
        rest = rest[1:]
    elif head in SECTION_LABELS:
        section = SECTION_LABELS[head]
        where = _(section, lang)
    else:
        return _path_words([head, *rest], scenario, lang)
    if not rest:
        return where
    # TRANSLATORS: a parameter's label: where it belongs (a unit, a section) and what it is
    return _("{where}: {what}", lang, where=where, what=_path_words(rest, scenario, lang))


def parameter_phrase(key: str, scenario: Scenario | None = None, lang: str = "en") -> str:
    """A parameter's label as a sentence names it: an assumption's label as it is ("the
    enterprise's grant"), any other in quotation marks ("“Kafé Klocket: price per visit (SEK)”")."""
    label = parameter_label(key, scenario, lang)
    if key in _ASSUMED:
        return label
    # TRANSLATORS: a parameter's label quoted inside a sentence (Swedish: ”…”)
    return _("“{parameter}”", lang, parameter=label)


def field_label(name: str, lang: str = "en") -> str:
    """A field's label in ``lang`` (:data:`FIELD_LABELS`); a field without one in words, with the
    unit its name ends in ("crowd_sek_per_month" → "crowd (SEK a month)")."""
    label = FIELD_LABELS.get(name)
    if label is not None:
        return _(label, lang)
    for suffix, unit in UNIT_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return _("{label} ({unit})", lang, label=_words(name[: -len(suffix)]), unit=_(unit, lang))
    return _words(name)


def _words(name: str) -> str:
    """A name in words: underscores and dots as spaces, braces dropped."""
    return " ".join(name.replace("_", " ").replace(".", " ").replace("{", "").replace("}", "").split())


def _selector(table: str, name: str) -> str | None:
    """The msgid of a templated key's selector in ``table`` ('{enterprise}', '*'), or None for a
    plain name."""
    bare = name[1:-1] if name.startswith("{") and name.endswith("}") else name
    if name == "*" or bare != name:
        return SELECTORS.get(table, {}).get(bare, ANY)
    return None


def _entry(section: str, name: str, scenario: Scenario | None, lang: str) -> str:
    """The display name of a named entry of a top-level table: a unit, premises, a dated action,
    an assumption."""
    selector = _selector(section, name)
    if selector is not None:
        return _(selector, lang)
    if section == "units":
        return (_unit_labels(scenario).get(name) if scenario is not None else None) or _words(name)
    if section == "premises":
        return _("premises {name}", lang, name=_words(name))
    if section == "interventions":
        return _("dated action {name}", lang, name=_words(name))
    label = _ASSUMED.get(name)
    return _(label, lang) if label is not None else _words(name)


_LAST: list[tuple[Scenario, dict[str, str]]] = []
"""The display names of the last scenario's units (a scenario is immutable: a figure or a table
labels many keys of one scenario)."""


def _unit_labels(scenario: Scenario) -> dict[str, str]:
    """Unit name → display name in ``scenario`` (:func:`.names.scenario_unit_labels`)."""
    last = _LAST[0] if _LAST else None
    if last is not None and last[0] is scenario:
        return last[1]
    labels = scenario_unit_labels(scenario)
    _LAST[:] = [(scenario, labels)]
    return labels


def _path_words(parts: list[str], scenario: Scenario | None, lang: str) -> str:
    """The rest of a key in words: each field's label, a table's label with its entry's name."""
    words = []
    i = 0
    while i < len(parts):
        template = TABLE_LABELS.get(parts[i])
        if (template is not None or parts[i] == "types") and i + 1 < len(parts):
            name = _table_entry(parts[i], parts[i + 1], scenario, lang)
            words.append(_(template, lang, name=name) if template is not None else name)
            i += 2
        else:
            words.append(field_label(parts[i], lang))
            i += 1
    return ", ".join(words)


def _table_entry(table: str, name: str, scenario: Scenario | None, lang: str) -> str:
    """The name of an entry of a table inside a section: an age band, an event type, a payer, a
    zone (a place name, capitalised)."""
    selector = _selector(table, name)
    if selector is not None:
        return _(selector, lang)
    if table == "types":
        return event_label(name, lang)
    if table == "est_cost_sek_per_month_by_payer":
        return payer_label(name, scenario, lang) if scenario is not None else display(PAYERS, name, lang)
    if table == "zones":
        words = _words(name)
        return words[:1].upper() + words[1:]
    return field_label(name, lang)
