"""The words of plots and printed text in English and Swedish (../shared/GLOSSARY.md): phrases
(:data:`TEXTS`, ``{name}`` fields filled in by :func:`.language.text`), nouns with their plural
(:data:`NOUNS`) and the display names of internal keys (:data:`NAMES`). Both languages hold the
same keys (tested). Sentence case throughout; the plot captions are plain words for a workshop.
"""

from __future__ import annotations

from . import report_words, study_words, text_words

NOUNS: dict[str, dict[str, tuple[str, str]]] = {
    "seed": {"en": ("seed", "seeds"), "sv": ("körning", "körningar")},
    "run": {"en": ("run", "runs"), "sv": ("körning", "körningar")},
    "file": {"en": ("file", "files"), "sv": ("fil", "filer")},
    "year": {"en": ("year", "years"), "sv": ("år", "år")},
    "month": {"en": ("month", "months"), "sv": ("månad", "månader")},
    "mix": {"en": ("mix", "mixes"), "sv": ("mix", "mixar")},
    "unit": {"en": ("unit", "units"), "sv": ("verksamhet", "verksamheter")},
    "event": {"en": ("event", "events"), "sv": ("händelse", "händelser")},
} | study_words.NOUNS

_EN = {
    # furniture
    "and": "and", "median": "median", "band": "5–95% band", "month": "Month", "year": "Year",
    "per_year": "per year", "per_month": "per month", "no_data": "no data",
    "share_percent": "Share (%)", "enterprise": "the social centre enterprise",
    # cash
    "cash": "Cash", "cash_title": "Cash, month by month", "overdraft": "overdraft limit", "reserve": "reserve",
    "result": "Result", "yearly_result_title": "Yearly result (median, whiskers: 5–95% of the runs)",
    "cash_caption": "The line is the middle of {runs}, the band holds 90% of them. Below the dashed line at the bottom the "
                    "enterprise has used up its overdraft and cannot pay its bills.",
    # visitors and who comes
    "visitors_title": "Visitors to the centre", "visitors_per_day": "Visitors per day", "all_day": "all visits (median)",
    "evening": "of which in the evening (median)", "visits_per_day": "Visits per day",
    "visitors_caption": "Residents' and outside visitors' visits per day, the mean of each month; the line is the "
                        "middle of {runs}, the band holds 90% of them.",
    "who_title": "Who comes to the centre", "who_age": "By age", "who_gender": "By gender",
    "visits_share": "share of the residents' visits", "residents_share": "share of the residents",
    "gender_male": "men and boys", "gender_female": "women and girls",
    "who_caption": "Where an orange bar matches the grey one beside it, that group comes as often as its share of "
                   "the residents. Evenness {evenness} (1 = the visitors mirror the residents).",
    # safety and vacancy
    "safety_index_title": "Safety index", "safety_index_axis": "Safety index (0–100)",
    "vacancy_rate_title": "Vacant premises", "vacancy_rate_axis": "Share of premises vacant (%)",
    "safety_caption": "How safe residents feel (0–100) and how many premises stand without an open or paused "
                      "unit; the line is the middle of {runs}, the band holds 90% of them.",
    # footfall
    "footfall_title": "When and where people come", "footfall_week_title": "Visitors per day by weekday and daypart",
    "footfall_units_title": "Each unit's visits per day, month by month",
    "footfall_caption": "Brighter is busier. Top: the average day of each weekday, daytime (08–17) and evening "
                        "(17–22). Below: each unit, the average over {runs}.",
    # who carries whom
    "carry_title": "Swings and roundabouts: who carries whom",
    "carry_bars_title": "Each unit's contribution to the whole, per year",
    "carry_flows_title": "Whose surplus covered whose deficit (per year)",
    "central_costs": "Central costs less the enterprise's grant", "net_result": "the enterprise's result",
    "contribution": "Contribution", "carries": "carries others", "is_carried": "is carried by others",
    "amount": "Amount", "no_flows": "No unit needed another's surplus.",
    "carry_idle": "Nothing to show: the enterprise has no unit open and no costs in these years.",
    "left_out_note": "Not in the chart: {who}; tenants keep their own books, the houses are paid by their owners.",
    "left_out_commercial": "commercial tenants", "left_out_public": "public houses",
    "carry_caption": "Bars above zero earn more than they cost, bars below cost more than they earn; the black line "
                     "is what is left for the enterprise as a whole. Averages over {runs}, so the parts add up to "
                     "the whole.",
    # public cost
    "public_title": "What the centre costs each payer", "spends": "Paid out, less rent received",
    "net_cost": "net cost", "private": "private",
    "public_caption": "Bars to the right are money paid to the centre; to the left is the rent the owner of the "
                      "premises receives. The diamond is each payer's net cost. Averages over {runs}.",
    # unrest
    "unrest_title": "Unrest events month by month", "events_per_month": "Unrest events per month",
    "no_events": "No unrest events in these runs.",
    "unrest_caption": "Each bar is the average month over {runs}, split by type of event.",
    "unrest_caption_marks": "Dashed lines mark what the scenario does, and when.",
    # plan
    "plan_title": "Plan of the centre", "plan_legend": "Premises and events", "vacant_premises": "Vacant premises",
    "in_runs": "in {share} of {runs} runs", "events_elsewhere": "{n} events per run elsewhere in the area",
    "plan_caption": "Each block is a premises, its size its floor area. Colour: its most common state in {runs}; "
                    "the markers count the unrest events per run that hit a unit there this month.",
    "plan_caption_seed": "Each block is a premises, its size its floor area, coloured by its state in run {seed}; "
                         "the markers count the unrest events that hit a unit there this month.",
    # compare
    "compare_title": "The same units, run by the enterprise or by profit-seeking tenants",
    "compare_caption": "A = the enterprise, B = profit-seeking tenants, C = tenants without public support. Dots: "
                       "the middle of {runs}; lines: 90% of them. B − A and C − A are the differences run by run "
                       "on the same random numbers, so what differs is the operator, not chance.",
    "units_open_title": "Units open, month by month", "units_open": "Units open",
    # break-even
    "breakeven_title": "Which mix breaks even",
    "ranking_title": "The mixes ranked", "pareto_title": "Breaking even against social value",
    "screened": "screened (few runs)", "refined": "contenders (all runs)", "front": "Pareto front",
    "social_value": "Social value (0–1)", "p_even": "Probability of breaking even (%)",
    "breakeven_caption": "Left: the mixes most likely to break even. Right: every mix; on the green line no other "
                         "mix is both likelier to break even and of more social value.",
    # prices
    "prices_title": "Price and contribution", "price": "Price", "fee": "Membership fee", "best": "best price",
    "prices_caption": "The contribution to the whole (solid) and the visits (dashed) at each price, the middle of "
                      "the runs; the circle marks the price with the highest contribution.",
    # sweeps
    "heatmap_title": "Mean {outcome} over two parameters", "points": "points",
    "heatmap_caption": "Each cell is the mean outcome of the sweep's points that fall in it; a blank cell had no "
                       "point.",
}

_SV = {
    "and": "och", "median": "median", "band": "5–95 %-intervall", "month": "Månad", "year": "År",
    "per_year": "per år", "per_month": "per månad", "no_data": "inga data",
    "share_percent": "Andel (%)", "enterprise": "det sociala centrumföretaget",
    "cash": "Kassa", "cash_title": "Kassan månad för månad", "overdraft": "checkkredit", "reserve": "buffert",
    "result": "Resultat", "yearly_result_title": "Årsresultat (median, streck: 5–95 % av körningarna)",
    "cash_caption": "Linjen är mitten av {runs}, bandet rymmer 90 % av dem. Under den nedre streckade linjen har "
                    "företaget använt hela sin checkkredit och kan inte betala sina räkningar.",
    "visitors_title": "Besökare i centrum", "visitors_per_day": "Besökare per dag", "all_day": "alla besök (median)",
    "evening": "varav kvällstid (median)", "visits_per_day": "Besök per dag",
    "visitors_caption": "Besök per dag av boende och av besökare utifrån, medel för varje månad; linjen är mitten "
                        "av {runs}, bandet rymmer 90 % av dem.",
    "who_title": "Vilka kommer till centrum", "who_age": "Efter ålder", "who_gender": "Efter kön",
    "visits_share": "andel av de boendes besök", "residents_share": "andel av de boende",
    "gender_male": "män och pojkar", "gender_female": "kvinnor och flickor",
    "who_caption": "Där en orange stapel är lika hög som den grå bredvid kommer gruppen lika ofta som dess andel av "
                   "de boende. Jämn spridning {evenness} (1 = besökarna speglar de boende).",
    "safety_index_title": "Trygghetsindex", "safety_index_axis": "Trygghetsindex (0–100)",
    "vacancy_rate_title": "Tomma lokaler", "vacancy_rate_axis": "Andel tomma lokaler (%)",
    "safety_caption": "Hur trygga de boende känner sig (0–100) och hur många lokaler som står utan öppen eller "
                      "pausad verksamhet; linjen är mitten av {runs}, bandet rymmer 90 % av dem.",
    "footfall_title": "När och var människor kommer", "footfall_week_title": "Besökare per dag efter veckodag och tid",
    "footfall_units_title": "Varje verksamhets besök per dag, månad för månad",
    "footfall_caption": "Ljusare är mer folk. Överst: en genomsnittlig dag för varje veckodag, dagtid (08–17) och "
                        "kvällstid (17–22). Nederst: varje verksamhet, medel av {runs}.",
    "carry_title": "Gungor och karuseller: vem bär vem",
    "carry_bars_title": "Varje verksamhets bidrag till helheten, per år",
    "carry_flows_title": "Vems överskott täckte vems underskott (per år)",
    "central_costs": "Gemensamma kostnader minus företagets bidrag", "net_result": "centrumföretagets resultat",
    "contribution": "Bidrag till helheten", "carries": "bär andra", "is_carried": "bärs av andra",
    "amount": "Belopp", "no_flows": "Ingen verksamhet behövde en annans överskott.",
    "carry_idle": "Inget att visa: centrumföretaget har ingen öppen verksamhet och inga kostnader de här åren.",
    "left_out_note": "Inte med här: {who}; hyresgästerna har egna böcker och husen betalas av sina ägare.",
    "left_out_commercial": "kommersiella hyresgäster", "left_out_public": "offentliga verksamhetshus",
    "carry_caption": "Staplar över noll tjänar mer än de kostar, staplar under noll kostar mer än de drar in; den "
                     "svarta linjen är vad som blir kvar för centrumföretaget som helhet. Medel av {runs}, så att "
                     "delarna summerar till helheten.",
    "public_title": "Vad centrum kostar varje betalare", "spends": "Utbetalt, minus mottagen hyra",
    "net_cost": "nettokostnad", "private": "privat",
    "public_caption": "Staplar åt höger är pengar till centrum; åt vänster är hyran som lokalernas ägare får in. "
                      "Romben är varje betalares nettokostnad. Medel av {runs}.",
    "unrest_title": "Oroshändelser månad för månad", "events_per_month": "Oroshändelser per månad",
    "no_events": "Inga oroshändelser i de här körningarna.",
    "unrest_caption": "Varje stapel är en genomsnittlig månad av {runs}, uppdelad efter typ av händelse.",
    "unrest_caption_marks": "Streckade linjer visar vad scenariot gör, och när.",
    "plan_title": "Karta över centrum", "plan_legend": "Lokaler och händelser", "vacant_premises": "Tom lokal",
    "in_runs": "i {share} av {runs} körningar", "events_elsewhere": "{n} händelser per körning på annat håll i området",
    "plan_caption": "Varje block är en lokal, dess storlek lokalens yta. Färg: lokalens vanligaste läge i {runs}; "
                    "markeringarna räknar oroshändelser per körning som drabbade en verksamhet där den här månaden.",
    "plan_caption_seed": "Varje block är en lokal, dess storlek lokalens yta, färgad efter läget i körning {seed}; "
                         "markeringarna räknar oroshändelser som drabbade en verksamhet där den här månaden.",
    "compare_title": "Samma verksamheter, drivna av centrumföretaget eller av vinstdrivande hyresgäster",
    "compare_caption": "A = centrumföretaget, B = vinstdrivande hyresgäster, C = hyresgäster utan offentligt stöd. "
                       "Punkter: mitten av {runs}; streck: 90 % av dem. B − A och C − A är skillnaderna körning för "
                       "körning med samma slumptal, så det som skiljer är driftformen, inte slumpen.",
    "units_open_title": "Öppna verksamheter, månad för månad", "units_open": "Öppna verksamheter",
    "breakeven_title": "Vilken mix går runt",
    "ranking_title": "Mixarna i rangordning", "pareto_title": "Att gå runt mot socialt värde",
    "screened": "sållade (få körningar)", "refined": "kandidater (alla körningar)", "front": "Paretofront",
    "social_value": "Socialt värde (0–1)", "p_even": "Sannolikhet att gå runt (%)",
    "breakeven_caption": "Vänster: de mixar som troligast går runt. Höger: alla mixar; på den gröna linjen finns "
                         "ingen annan mix som både är troligare att gå runt och har högre socialt värde.",
    "prices_title": "Pris och bidrag till helheten", "price": "Pris", "fee": "Medlemsavgift", "best": "bästa pris",
    "prices_caption": "Bidraget till helheten (heldragen) och besöken (streckad) vid varje pris, mitten av "
                      "körningarna; ringen visar priset med störst bidrag.",
    "heatmap_title": "Medel av {outcome} över två parametrar", "points": "punkter",
    "heatmap_caption": "Varje ruta är medelutfallet för svepets punkter i rutan; en tom ruta hade ingen punkt.",
}

TEXTS: dict[str, dict[str, str]] = {"en": _EN | text_words.EN | report_words.EN | study_words.EN,
                                     "sv": _SV | text_words.SV | report_words.SV | study_words.SV}

NAMES: dict[str, dict[str, dict[str, str] | tuple[str, ...]]] = {
    "en": {
        "event": {"car_fire": "car fire", "graffiti": "graffiti", "stone_throwing": "stone throwing",
                  "vandalism": "vandalism", "threat": "threats"},
        "state": {"open": "open", "paused": "paused", "closed": "closed", "vacant": "vacant", "planned": "planned"},
        "operator": {"enterprise": "enterprise", "commercial": "commercial", "public": "public"},
        "group": {"enterprise": "The enterprise's units", "public": "Public activity houses",
                  "commercial": "Shops and other premises"},
        "daypart": {"day": "daytime", "evening": "evening"},
        "variant": {"enterprise": "A: the enterprise", "tenants": "B: tenants",
                    "tenants_without_support": "C: tenants, no support"},
        "payer": {"municipality": "Municipality", "housing_company": "Housing company", "police": "Police",
                  "employment_service": "Employment service", "study_associations": "Study associations",
                  "sponsors": "Sponsors"},
        "public_line": {"grants": "grants", "house_funding": "funding of the houses", "wage_subsidies": "wage subsidies",
                        "trainee_payments": "trainee places", "service_contracts": "service contracts",
                        "sponsorship": "sponsorship", "guards": "security guards", "est": "EST",
                        "crackdown": "police crackdown", "rent_discounts": "rent discounts",
                        "rent_lost_vacant": "rent lost to vacancy", "rent_income": "rent received"},
        "line": {"sales": "sales", "fees": "fees", "service_contracts": "service contracts", "grants": "grants",
                 "sponsorship": "sponsorship", "wage_subsidies": "wage subsidies", "trainee_payments": "trainee places",
                 "rent": "rent", "staff": "staff", "goods": "cost of goods", "upkeep": "upkeep", "other": "other",
                 "repairs": "repairs", "insurance": "insurance", "overhead": "overhead",
                 "environment": "common spaces", "interest": "interest"},
        "action": {"open_unit": "{unit} opens", "close_unit": "{unit} closes", "start_est": "EST starts",
                   "stop_est": "EST ends", "hire_guards": "guards ({value} FTE)", "set_lighting": "lighting {value}",
                   "improve_tram_crossing": "safer tram crossing", "set_accessibility": "accessibility {value}",
                   "set_rent_discount": "rent discount for {unit}", "set_grant": "new grant for {unit}",
                   "start_crackdown": "police crackdown", "set_area_income": "incomes change"},
        "series": {"cash_sek": "cash (SEK)", "result_sek": "result (SEK per month)", "safety_index": "safety index",
                   "vacancy_rate": "vacancy rate", "events": "unrest events", "unique_visitors": "unique visitors",
                   "open_units": "open units", "residents": "residents", "visitors_day": "visitors in the daytime",
                   "visitors_evening": "visitors in the evening", "fear": "fear"},
        "weekday": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
        "weekdays": ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"),
        "states": {"open": "open", "paused": "paused", "closed": "closed", "vacant": "vacant"},
        "month": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December"),
        "month_short": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    },
    "sv": {
        "event": {"car_fire": "bilbrand", "graffiti": "klotter", "stone_throwing": "stenkastning",
                  "vandalism": "skadegörelse", "threat": "hot"},
        "state": {"open": "öppen", "paused": "pausad", "closed": "stängd", "vacant": "tom", "planned": "planerad"},
        "operator": {"enterprise": "centrumföretaget", "commercial": "kommersiell", "public": "offentlig"},
        "group": {"enterprise": "Centrumföretagets verksamheter", "public": "Offentliga verksamhetshus",
                  "commercial": "Butiker och andra lokaler"},
        "daypart": {"day": "dagtid", "evening": "kvällstid"},
        "variant": {"enterprise": "A: centrumföretaget", "tenants": "B: hyresgäster",
                    "tenants_without_support": "C: hyresgäster utan stöd"},
        "payer": {"municipality": "Kommunen", "housing_company": "Bostadsbolaget", "police": "Polisen",
                  "employment_service": "Arbetsförmedlingen", "study_associations": "Studieförbund",
                  "sponsors": "Sponsorer"},
        "public_line": {"grants": "bidrag", "house_funding": "finansiering av husen", "wage_subsidies": "lönebidrag",
                        "trainee_payments": "arbetsträningsplatser", "service_contracts": "serviceavtal",
                        "sponsorship": "sponsring", "guards": "väktare", "est": "EST",
                        "crackdown": "polisinsats", "rent_discounts": "hyresrabatter",
                        "rent_lost_vacant": "hyra förlorad på tomma lokaler", "rent_income": "mottagen hyra"},
        "line": {"sales": "försäljning", "fees": "avgifter", "service_contracts": "serviceavtal", "grants": "bidrag",
                 "sponsorship": "sponsring", "wage_subsidies": "lönebidrag", "trainee_payments": "arbetsträningsplatser",
                 "rent": "hyra", "staff": "personalkostnader", "goods": "varukostnad", "upkeep": "underhåll",
                 "other": "övrigt", "repairs": "reparationer", "insurance": "försäkring", "overhead": "administration",
                 "environment": "gemensamma ytor", "interest": "ränta"},
        "action": {"open_unit": "{unit} öppnar", "close_unit": "{unit} stänger", "start_est": "EST startar",
                   "stop_est": "EST upphör", "hire_guards": "väktare ({value} årsarbeten)",
                   "set_lighting": "belysning {value}", "improve_tram_crossing": "tryggare passage över spårvägen",
                   "set_accessibility": "tillgänglighet {value}", "set_rent_discount": "hyresrabatt för {unit}",
                   "set_grant": "nytt bidrag till {unit}", "start_crackdown": "polisinsats",
                   "set_area_income": "inkomsterna ändras"},
        "series": {"cash_sek": "kassa (kr)", "result_sek": "resultat (kr per månad)", "safety_index": "trygghetsindex",
                   "vacancy_rate": "andel tomma lokaler", "events": "oroshändelser", "unique_visitors": "unika besökare",
                   "open_units": "öppna verksamheter", "residents": "boende", "visitors_day": "besökare dagtid",
                   "visitors_evening": "besökare kvällstid", "fear": "rädsla"},
        "weekday": ("mån", "tis", "ons", "tors", "fre", "lör", "sön"),
        "weekdays": ("måndagar", "tisdagar", "onsdagar", "torsdagar", "fredagar", "lördagar", "söndagar"),
        "states": {"open": "öppna", "paused": "pausade", "closed": "stängda", "vacant": "tomma"},
        "month": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
                  "oktober", "november", "december"),
        "month_short": ("jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec"),
    },
}
