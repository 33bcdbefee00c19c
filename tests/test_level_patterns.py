"""The level kinds of history pattern (``level``, ``trading``) and the ``diagnostic = false`` mark
(validation/kinds.py): hand-checkable numbers on made-up runs. The shipped patterns on the CI
block are in tests/test_patterns.py."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from centrumsim.model import Status
from centrumsim.present.study_text import format_patterns
from centrumsim.validation import load_history
from centrumsim.validation.check import PatternResult
from centrumsim.validation.kinds import Level, Trading

from .conftest import ROOT

HISTORY = ROOT / "histories" / "klockaretorpet.toml"
OPEN, CLOSED = Status.OPEN.code, Status.CLOSED.code


def _run(vacancy: list[float], events: list[float], status: list[list[int]] | None = None,
         kinds: tuple[str, ...] = ("grocery", "hairdresser")) -> SimpleNamespace:
    """Two years (2021, 2022) of made-up monthly series and unit statuses."""
    labels = tuple(f"{y}-{m:02d}" for y in (2021, 2022) for m in range(1, 13))
    status = status if status is not None else [[OPEN] * len(kinds)] * 24
    return SimpleNamespace(month_labels=labels, monthly={"vacancy_rate": np.array(vacancy, float),
                                                         "events": np.array(events, float)},
                           status=np.array(status, np.int8),
                           units=[{"name": f"u{i}", "kind": k, "operator": "commercial"} for i, k in enumerate(kinds)])


def _runs(*runs) -> dict:
    return {"klocket": SimpleNamespace(runs=list(runs))}


def test_a_level_is_the_mean_over_the_span_within_the_range_inclusive():
    p = Level(name="vacancy", need=0.8, scenario="klocket", series="vacancy_rate", from_year=2021, to_year=2022,
              low=0.05, high=0.30)
    # means 0.30 (12 months of 0.2, 12 of 0.4: on the upper end), 0.5 (too high), 0.05 (on the lower end)
    runs = _runs(_run([0.2] * 12 + [0.4] * 12, [0] * 24), _run([0.5] * 24, [0] * 24), _run([0.05] * 24, [0] * 24))
    assert p.values(runs).tolist() == pytest.approx([0.30, 0.5, 0.05])
    assert p.check(runs).tolist() == [True, False, True]
    # the opposite answer: the same runs against a range of high vacancy
    high = Level(name="v", need=0.8, scenario="klocket", series="vacancy_rate", from_year=2021, to_year=2022,
                 low=0.4, high=0.6)
    assert high.check(runs).tolist() == [False, True, False]


def test_events_per_year_is_twelve_times_the_monthly_mean_of_the_year():
    p = Level(name="e", need=0.8, scenario="klocket", series="events_per_year", from_year=2022, to_year=2022,
              low=4, high=25)
    # 2022: 1 event a month = 12 a year (2021's 10 a month is outside the span); 3 in all in 2022 = 3
    runs = _runs(_run([0] * 24, [10] * 12 + [1] * 12), _run([0] * 24, [10] * 12 + [3] + [0] * 11))
    assert p.values(runs).tolist() == pytest.approx([12.0, 3.0])
    assert p.check(runs).tolist() == [True, False]


def test_trading_needs_each_kind_open_in_enough_months():
    p = Trading(name="t", need=0.5, scenario="klocket", kinds=("grocery", "hairdresser"), from_year=2021,
                to_year=2022, min_open_share=0.5)
    both = _run([0] * 24, [0] * 24)
    # the hairdresser closes after 11 of the 24 months (11/24 < 0.5), then after 12 (12/24 = 0.5)
    short = _run([0] * 24, [0] * 24, [[OPEN, OPEN]] * 11 + [[OPEN, CLOSED]] * 13)
    enough = _run([0] * 24, [0] * 24, [[OPEN, OPEN]] * 12 + [[OPEN, CLOSED]] * 12)
    # an entrant grocery (another unit of the kind) counts as the kind trading
    entrant = _run([0] * 24, [0] * 24, [[CLOSED, OPEN, OPEN]] * 24, kinds=("grocery", "hairdresser", "grocery"))
    none = _run([0] * 24, [0] * 24, kinds=("pizzeria", "hairdresser"))
    assert p.check(_runs(both, short, enough, entrant, none)).tolist() == [True, False, True, True, False]


def test_the_shipped_history_marks_the_patterns_that_hold_by_construction():
    h = load_history(HISTORY)
    assert [pid for pid, p in h.patterns.items() if not p.diagnostic] == ["9", "11", "12"]
    assert all(p.diagnostic_reason for p in h.patterns.values() if not p.diagnostic)
    assert {type(h.patterns[p]).__name__ for p in ("13", "14", "15", "16")} == {"Level", "Trading"}
    assert h.seeds.held_out_first == 3100  # a fresh block (issue 20)


def test_the_table_marks_a_pattern_that_is_not_diagnostic():
    h = load_history(HISTORY)
    rows = [PatternResult("9", "up", "c", 16, 16, 0.8, 13, "share", False, "an input"),
            PatternResult("13", "level", "c", 0, 16, 0.8, 13, "share")]
    text = format_patterns(h, rows, range(3100, 3116))
    assert "not diagnostic (holds by construction): an input" in text
    assert "Not diagnostic, passing or not: 9 (marked above); of the 1 diagnostic patterns 0 pass." in text


def test_a_pattern_marked_not_diagnostic_must_say_why(tmp_path):
    from centrumsim.scenario import ScenarioError
    decline = (ROOT / "scenarios" / "decline_2013.toml").as_posix()
    path = tmp_path / "h.toml"
    path.write_text(f'name = "x"\n[scenarios.decline]\nfile = "{decline}"\n'
                    '[patterns.1]\nname = "b"\nkind = "burstiness"\nscenario = "decline"\nmin_fano = 1.5\nneed = 0.5\n'
                    'diagnostic = false\n', encoding="utf-8")
    with pytest.raises(ScenarioError, match="diagnostic_reason: say why"):
        load_history(path)
