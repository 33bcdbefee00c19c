"""What a room reads (issue 23, item 3): units told apart, levers in words, every year of the
police list, no probability read past its runs, no "from 43 % to 43 %"."""

from __future__ import annotations

import pytest

from centrumsim.analysis.runner import run
from centrumsim.present.names import distinct, lever_value, lighting_word
from centrumsim.present.readings import safety_reading
from centrumsim.present.report_tables import summary_tables
from centrumsim.present.verdict import FEW_RUNS, few_runs, verdict


def test_units_that_share_a_name_are_told_apart_by_their_premises_then_a_number():
    labels = {"a": "Butik", "b": "Butik", "c": "Kafé", "d": "Frisör", "e": "Frisör"}
    premises = {"a": "butik_1", "b": "butik_2", "c": None, "d": "hornet", "e": "hornet"}
    assert distinct(labels, premises) == {"a": "Butik (butik 1)", "b": "Butik (butik 2)", "c": "Kafé",
                                          "d": "Frisör (hornet)", "e": "Frisör (hornet) 2"}
    assert distinct({"a": "Butik"}, {"a": "butik_1"}) == {"a": "Butik"}  # alone: the kind is enough


@pytest.mark.parametrize("quality, en, sv", [(0.0, "poor", "dålig"), (0.25, "dim", "svag"), (0.5, "fair", "godtagbar"),
                                             (0.7, "good", "bra"), (0.95, "very good", "mycket bra"),
                                             (1.0, "very good", "mycket bra")])
def test_lighting_in_words(quality, en, sv):
    assert lighting_word(quality, "en") == en and lighting_word(quality, "sv") == sv
    assert lever_value("set_lighting", quality, "sv") == sv


def test_other_values_stay_numbers():
    assert lever_value("hire_guards", 2, "en") == "2" and lever_value("start_est", None, "en") == ""


def test_few_runs_are_said_with_the_size_of_a_step():
    assert few_runs(FEW_RUNS, "en") == [] and few_runs(100, "sv") == []
    assert few_runs(4, "en") == ["With only 4 runs a probability moves in steps of 25%: take it as a rough guide, "
                                 "and run more seeds before deciding."]
    assert "steg om 25\u00a0%" in few_runs(4, "sv")[0]


@pytest.fixture(scope="module")
def four(main_scenario):
    return run(main_scenario.with_years(2), seeds=4, workers=1)


def test_a_verdict_on_four_runs_warns_and_one_on_twenty_would_not(four):
    s = four.summary()
    assert "With only 4 runs a probability moves in steps of 25%" in verdict(s, "en")
    assert "Med bara 4 körningar" in verdict(s, "sv")
    many = s | {"seeds": list(range(FEW_RUNS))}
    assert "With only" not in verdict(many, "en")


def test_the_police_list_table_shows_every_year_also_at_zero(four):
    s = four.summary()
    years = s["centre"]["years_on_police_list"]
    police = summary_tables(s, "en")[-1]
    assert [row[0] for row in police.rows] == [str(y) for y in years] and len(police.rows) == 2
    assert all(row[1].endswith("%") for row in police.rows)


def test_the_safety_reading_never_says_from_a_value_to_the_same(four):
    for lang in ("en", "sv"):
        text = safety_reading(four, lang)
        for a, b in ((" from ", " to "), (" från ", " till ")):
            if a in text:
                start, end = text.split(a, 1)[1].split(b, 1)[0], text.split(b, 1)[1].split(";")[0].split(".")[0]
                assert start != end, text


def test_intervention_labels_take_the_first_row_where_the_one_before_has_ended():
    import datetime as dt

    from centrumsim.present.unrest_plots import CHARS_ACROSS, label_rows

    first, last = dt.date(2013, 1, 1), dt.date(2023, 1, 1)  # 3 652 days: a character is ~30 days wide
    assert CHARS_ACROSS == 120
    marks = [(dt.date(2014, 1, 1), "x" * 10), (dt.date(2014, 6, 1), "y" * 10), (dt.date(2016, 1, 1), "z" * 10),
             (dt.date(2014, 9, 1), "w")]
    # 12 characters ≈ 365 days: the second starts before the first ends, the third after both
    assert label_rows(sorted(marks), first, last) == [0, 1, 2, 0]
    assert label_rows([], first, last) == []


def test_scenarios_side_by_side_share_each_panels_y_scale():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    from centrumsim.present.report import share_y

    a, b = Figure(), Figure()
    for fig, top in ((a, 4), (b, 50)):
        ax = fig.subplots()
        ax.bar([0, 1], [1, top])
        ax.set_ylabel("events")
    share_y([a, b])
    assert a.axes[0].get_ylim() == b.axes[0].get_ylim() and a.axes[0].get_ylim()[1] >= 50
    c = Figure()
    ax = c.subplots()
    ax.bar([0], [3])
    ax.set_ylabel("something else")  # another quantity: not forced onto the others' scale
    share_y([a, c])
    assert c.axes[0].get_ylim()[1] < 10
