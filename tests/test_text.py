"""Words and numbers in English and Swedish: the one number formatter, plural forms, the printed
summary and tables under --lang, and the readings of the plots (that every word has its Swedish:
tests/test_catalogue.py)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import centrumsim
from centrumsim.analysis.breakeven import Plan
from centrumsim.present.language import NBSP, money, ngettext, number, percent
from centrumsim.present.readings import READINGS, plan_reading
from centrumsim.present.textreport import format_breakeven, format_comparison, format_prices, format_summary


@pytest.fixture(scope="module")
def results(one_year):
    return centrumsim.analysis.run_seeds(one_year, seeds=1, workers=1)


def test_one_number_formatter_for_both_languages():
    assert number(3.5, "sv") == "3,5" and number(3.5, "en") == "3.5"
    assert number(0.2, "sv") == "0,2" and number(1234.5, "sv", 1) == f"1{NBSP}234,5"
    assert money(1_250_000, "sv", unit=True) == f"1{NBSP}250{NBSP}000{NBSP}kr"
    assert money(1_250_000, "en", unit=True) == f"1,250,000{NBSP}SEK"
    assert money(-150_000, "sv") == f"\u2212150{NBSP}000" and money(-150_000, "en") == "-150,000"
    assert money(123_456, "sv", step=1000) == f"123{NBSP}000"
    assert number(-0.0004, "sv", 2) == "0,00"  # no minus on a number that rounds to zero
    assert percent(0.85, "sv") == f"85{NBSP}%" and percent(0.85, "en") == "85%"
    assert number(None) == number(float("nan")) == "—"
    assert number(41_999) == "41,999" and number(1.23e-5) == "1.23e-05"  # as discover prints box limits
    year = ("{n} year", "{n} years")
    assert ngettext(*year, 1, "en") == "1 year" and ngettext(*year, 2, "en") == "2 years"
    assert ngettext(*year, 1, "sv") == "1 år" and ngettext(*year, 2.5, "en") == "2.5 years"
    assert ngettext("{n} seed", "{n} seeds", 20, "sv") == "20 körningar"
    assert ngettext("{n} seed", "{n} seeds", 1, "sv") == "1 körning"
    assert ngettext("{n} seed", "{n} seeds", 1500, "sv") == f"1{NBSP}500 körningar"  # {n} through the formatter


def test_the_summary_is_printed_in_the_language(results):
    s = results.summary()
    en, sv = format_summary(s, "en"), format_summary(s, "sv")
    assert "probability of breaking even" in en and "1 seed × 1 year from" in en and "1 years" not in en
    assert "sannolikhet att gå runt" in sv and "1 körning × 1 år från" in sv and "probability" not in sv
    assert "Arbetsintegrerande fastighetsskötsel  " in sv  # the whole name, the column as wide as it
    body = "\n".join(sv.splitlines()[3:])  # after the file name, the version and the overrides
    assert not re.search(r"\d\.\d", body) and re.search(r"\d,\d", body)
    assert re.search(rf"\d{NBSP}\d{{3}}", body) and "kommersiell" in sv and "bilbrand" in sv


def test_the_tables_are_printed_in_the_language():
    table = pd.DataFrame([{"variant": v, "units": "cafe, gym", "share_of_unit_months_open": 0.75,
                           "months_until_first_gap": 7.0, "units_open_at_end": 2.0,
                           "operators_result_sek_per_year": -120_000.0, "units_public_support_sek_per_year": 1e6,
                           "centre_public_support_sek_per_year": 1.1e7, "public_cost_sek_per_year": 1.2e7,
                           "public_incremental_cost_sek_per_year": 4e6, "public_unrest_cost_sek_per_year": 5e4,
                           "vacancy_rate": 0.14, "visitors_per_day": 680.0, "unrest_events_per_year": 3.5,
                           "safety_index": 73.4} for v in ("enterprise", "tenants")])
    labels = {"cafe": "Kafé Klockrent", "gym": "Gym och friskvård"}
    sv = format_comparison(table, 2, 1, "sv", labels)
    assert "Samma verksamheter (Kafé Klockrent och Gym och friskvård), 2 körningar × 1 år" in sv
    assert "3,5" in sv and "73,4" in sv and "3.5" not in sv and "hyresgäster" in sv
    assert "The same units (Kafé Klockrent and Gym och friskvård), 2 seeds × 1 year" in format_comparison(
        table, 2, 1, "en", labels)
    mixes = pd.DataFrame([{"mix": "cafe + gym", "stage": "full", "pareto": True, "seeds": 2, "p_break_even": 0.5,
                           "p_solvent": 1.0, "result_sek_per_year": 12_345.0, "visitors_per_day": 600.0,
                           "activities_per_year": 2000.0, "safety_index": 73.4, "posts_work_integration": 3.0,
                           "social_value": 0.25, "futures": 0, "p_break_even_low": 0.1, "p_break_even_high": 0.9,
                           "p_break_even_chance_only": 0.5}])
    plan = Plan(seeds=2, screen_seeds=1, contenders=8, draws=None)
    sv = format_breakeven(mixes, plan, 3, lang="sv", labels=labels)
    assert "3 mixar sållade med 1 körning var" in sv and sv.rstrip().endswith("Kafé Klockrent + Gym och friskvård")
    assert "0,25" in sv and f"12{NBSP}345" in sv
    assert "3 mixes screened with 1 seed each" in format_breakeven(mixes, plan, 3)
    prices = pd.DataFrame([{"multiplier": m, "price_sek": 60 * m, "visits_per_day": 30.5, "sales_sek_per_year": 5e5,
                            "contribution_sek_per_year": 8e4, "p_break_even": 0.5,
                            "enterprise_result_sek_per_year": -1e5, "best": m == 1.0} for m in (0.5, 1.0)])
    sv = format_prices(prices, "cafe", "Kafé Klockrent", 1, 1, "sv")
    assert "pris per besök" in sv and "30,5" in sv and sv.count("*") >= 2


def test_every_plot_has_a_reading_in_both_languages(results):
    for lang in ("en", "sv"):
        for name, read in READINGS.items():
            words = read(results, lang)
            assert words and words.endswith("."), (name, lang)
            assert "fastighetsservice" not in words and "_" not in words, (name, words)
        assert plan_reading(results, 0, lang)
    assert "kassa" in READINGS["cash.png"](results, "sv") and "kr" in READINGS["cash.png"](results, "sv")
