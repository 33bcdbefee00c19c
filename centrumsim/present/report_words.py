"""The words of the HTML report (``centrumsim report``) in English and Swedish (../shared/GLOSSARY.md);
merged into :data:`.words.TEXTS`. The plot headings are ``h_<file stem>`` (``h_cash`` for cash.png)."""

from __future__ import annotations

EN = {
    # the page
    "r_title": "Report: {names}", "r_compared_with": "compared with",
    "r_subtitle": "{runs} × {years} per scenario · centrumsim {version} · {created}",
    "r_contents": "Contents", "r_identity": "What was run", "r_side_by_side": "The scenarios side by side",
    "r_key_outcomes": "Key outcomes (medians over the runs)",
    "r_summary": "Summary", "r_plots": "Plots",
    "r_intro": "Medians over the runs of each scenario; where a range is given, 90% of the runs lie within it "
               "(5–95%). Amounts are in SEK.",
    "r_crn": "Every scenario ran on the same seeds (common random numbers), so what differs between them is the "
             "scenario, not chance.",
    "r_footer": "Made by centrumsim {version} on {created}. This file holds everything it shows: nothing is fetched "
                "when it is opened.",
    # the identity
    "r_scenario": "Scenario", "r_file": "File", "r_sha": "Scenario hash (SHA-256)", "r_overrides": "Overrides",
    "r_seeds": "Seeds", "r_period": "Period", "r_run_id": "Run id", "r_version": "centrumsim version",
    "r_created": "Created", "r_report_id": "Report id", "r_none": "none", "r_report": "The report",
    # the tables
    "r_measure": "Measure", "r_median": "Median", "r_value": "Value", "r_unit": "Unit", "r_operator": "Run by",
    "r_contribution": "Contribution to the whole, SEK/year (median)", "r_months_open": "Months open",
    "r_visits_day": "Visits per day (median)", "r_cross_title": "Cross-subsidy, SEK/year (median)",
    "r_units_title": "Units: contribution to the whole, months open and visits", "r_group": "Group",
    "r_events_title": "Unrest events per year by type", "r_event_type": "Type of event", "r_per_year": "Per year (median)", "r_share_of_runs": "Share of the runs",
    "r_who_title": "Who visits, against their share of the residents",
    "r_no_enterprise_plot": "This scenario has no social centre enterprise, so there is no such plot.",
    # the plan
    "r_plans_intro": "The plan of the centre in a few months: the first, the middle, the last and the month with "
                     "the most unrest events.",
    "r_first": "the first month", "r_middle": "the middle of the period", "r_last": "the last month",
    "r_worst": "the most unrest events",
    # the plot headings (one per file of the plot set)
    "h_cash": "Cash and yearly result", "h_who_carries_whom": "Swings and roundabouts: who carries whom",
    "h_footfall_heatmap": "When and where people come", "h_unrest_timeline": "Unrest events month by month",
    "h_safety_vacancy": "Safety and vacant premises", "h_public_cost": "What the centre costs the public purse",
    "h_visitors": "Visitors to the centre", "h_who_comes": "Who comes to the centre",
    # the command
    "r_no_pdf": "No PDF: neither chromium nor libreoffice was found; the HTML report is written.",
    "r_pdf_failed": "No PDF: {converter} failed ({reason}); the HTML report is written.",
}

SV = {
    "r_title": "Rapport: {names}", "r_compared_with": "jämfört med",
    "r_subtitle": "{runs} × {years} per scenario · centrumsim {version} · {created}",
    "r_contents": "Innehåll", "r_identity": "Vad som kördes", "r_side_by_side": "Scenarierna sida vid sida",
    "r_key_outcomes": "Viktiga utfall (medianer över körningarna)",
    "r_summary": "Sammanfattning", "r_plots": "Diagram",
    "r_intro": "Medianer över körningarna av varje scenario; där ett intervall anges ligger 90\u00a0% av "
               "körningarna inom det (5–95\u00a0%). Belopp i kronor.",
    "r_crn": "Alla scenarier kördes med samma slumptal, så det som skiljer dem åt är scenariot och inte slumpen.",
    "r_footer": "Gjord med centrumsim {version} den {created}. Filen innehåller allt den visar: inget hämtas när "
                "den öppnas.",
    "r_scenario": "Scenario", "r_file": "Fil", "r_sha": "Scenariots kontrollsumma (SHA-256)",
    "r_overrides": "Ändrade värden", "r_seeds": "Körningar (slumpfrön)", "r_period": "Period",
    "r_run_id": "Körnings-id", "r_version": "centrumsim-version", "r_created": "Skapad", "r_report_id": "Rapport-id", "r_report": "Rapporten",
    "r_none": "inga",
    "r_measure": "Mått", "r_median": "Median", "r_value": "Värde", "r_unit": "Verksamhet", "r_operator": "Drivs av",
    "r_contribution": "Bidrag till helheten, kr/år (median)", "r_months_open": "Andel månader öppen",
    "r_visits_day": "Besök per dag (median)", "r_cross_title": "Korssubventionering, kr/år (median)",
    "r_units_title": "Verksamheter: bidrag till helheten, öppethållande och besök", "r_group": "Grupp",
    "r_events_title": "Oroshändelser per år efter typ", "r_event_type": "Typ av händelse",
    "r_per_year": "Per år (median)", "r_share_of_runs": "Andel av körningarna",
    "r_who_title": "Vilka som kommer, jämfört med deras andel av de boende",
    "r_no_enterprise_plot": "Det här scenariot har inget socialt centrumföretag, så det diagrammet finns inte.",
    "r_plans_intro": "Kartan över centrum några månader: den första, den i mitten, den sista och månaden med flest "
                     "oroshändelser.",
    "r_first": "första månaden", "r_middle": "mitt i perioden", "r_last": "sista månaden",
    "r_worst": "flest oroshändelser",
    "h_cash": "Kassa och årsresultat", "h_who_carries_whom": "Gungor och karuseller: vem bär vem",
    "h_footfall_heatmap": "När och var människor kommer", "h_unrest_timeline": "Oroshändelser månad för månad",
    "h_safety_vacancy": "Trygghet och tomma lokaler", "h_public_cost": "Vad centrum kostar det offentliga",
    "h_visitors": "Besökare i centrum", "h_who_comes": "Vilka som kommer till centrum",
    "r_no_pdf": "Ingen PDF: varken chromium eller libreoffice finns; HTML-rapporten är skriven.",
    "r_pdf_failed": "Ingen PDF: {converter} misslyckades ({reason}); HTML-rapporten är skriven.",
}
