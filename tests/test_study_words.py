"""What a workshop is shown says the same as the numbers drawn, in the reader's language: the
reading of who carries whom against its plot (KLOCKET: both units lose money over the years,
yet the café carries the studio in its good months), the plot of a year with nothing to carry,
and the printed tables of the study commands (patterns, validate, sensitivity, discover,
calibrate) under --lang sv, with English the default."""

from __future__ import annotations

import re

import numpy as np
import pytest

import centrumsim
from centrumsim.analysis.runner import cpu_count
from centrumsim.cli import main
from centrumsim.present.language import NBSP, money
from centrumsim.present.names import unit_labels
from centrumsim.present.money_plots import carrying, plot_who_carries_whom
from centrumsim.present.readings import carry_reading
from centrumsim.present.style import figure_png

from .conftest import ROOT, draw
from .sweep_fakes import OUTCOME, fake_store, sweep_spec, unit_cube

KLOCKET = ROOT / "scenarios" / "klocket_2017.toml"
DECLINE = (ROOT / "scenarios" / "decline_2013.toml").as_posix()
WORKERS = min(2, cpu_count())


@pytest.fixture(scope="module")
def klocket():
    return centrumsim.analysis.run_seeds(KLOCKET, seeds=2, workers=WORKERS)


def _flow_labels(fig) -> list[str]:
    """The amounts written on the arrows of who carries whom."""
    draw(fig)
    return [t.get_text() for t in fig.axes[1].texts if re.fullmatch(r"[\d\s\u00a0,.\u2212-]+", t.get_text())]


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_the_carry_reading_says_what_the_plot_draws(klocket, lang):
    c = carrying(klocket)
    labels = unit_labels(klocket)
    per_year = c.contribution.sum() / klocket.years  # the bars, a year on average over the horizon
    assert (per_year < 0).all() and not c.flows.empty  # KLOCKET: both lose money, yet the café carries in good months
    words = carry_reading(klocket, lang)
    # nobody is said to earn more than it costs: the bars say the opposite
    assert "No unit earn more than they cost and carry" not in words
    assert "tjänar mer än de kostar och bär de andra" not in words
    losers = " and ".join(labels[u] for u in per_year.index) if lang == "en" else \
        " och ".join(labels[u] for u in per_year.index)
    if lang == "en":
        assert "no unit earns more than it costs" in words.lower()
        assert "cost more than they bring in" in words
    else:
        assert "ingen verksamhet går med överskott" in words.lower() and "går med underskott" in words
    for u in per_year.index:  # each unit with its bar's average
        step = 1000 if abs(per_year[u]) >= 10_000 else 1  # thousands, whole kronor below 10 000
        assert f"{labels[u]} ({money(per_year[u], lang, unit=True, step=step)}" in words, (u, words)
    assert re.sub(r" \([^)]*\)", "", words).count(losers) >= 1, words
    # the flows as the arrows label them, said to happen month by month
    drawn = _flow_labels(plot_who_carries_whom(klocket, lang=lang))
    assert drawn and all(amount in words for amount in drawn[:4]), (drawn, words)
    assert ("In the months" if lang == "en" else "De månader") in words


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_a_year_with_nothing_to_carry_has_distinct_ticks_and_says_so(lang):
    idle = centrumsim.analysis.run_seeds(KLOCKET, seeds=2, years=1, workers=WORKERS)  # 2013: the enterprise has nothing open yet
    c = carrying(idle)
    assert not np.any(c.contribution.to_numpy()) and not np.any(c.central.to_numpy())
    fig = plot_who_carries_whom(idle, lang=lang)
    draw(fig)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels() if t.get_text()]
    assert ticks and len(ticks) == len(set(ticks)), ticks
    drawn = " ".join(t.get_text() for t in fig.axes[0].texts)
    assert ("Nothing to show" if lang == "en" else "Inget att visa") in drawn
    words = carry_reading(idle, lang)
    assert ("nothing to carry" if lang == "en" else "inget att bära") in words and "0" not in words


def test_money_ticks_on_a_tiny_range_are_distinct():
    from centrumsim.present.style import PlotFigure, number_axis

    ax = PlotFigure().subplots()
    ax.plot([0, 1], [0.1, 0.4])
    number_axis(ax, "y", "sv", "money")
    figure_png(ax.figure)
    ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert len(ticks) == len(set(ticks)) > 1, ticks


# ---------------------------------------------------------------------------- the study commands
def _two_patterns(tmp_path):
    path = tmp_path / "h.toml"
    path.write_text(
        f'name = "two patterns"\n[scenarios.decline]\nfile = "{DECLINE}"\n'
        '[patterns.bursts]\nname = "bursts"\nkind = "burstiness"\nscenario = "decline"\nmin_fano = 1.5\nneed = 0.5\n'
        '[patterns.never]\nname = "impossible"\nkind = "burstiness"\nscenario = "decline"\nmin_fano = 1e6\nneed = 0.5\n',
        encoding="utf-8")
    return path


def test_patterns_prints_its_table_in_swedish(tmp_path, capsys):
    path = _two_patterns(tmp_path)
    args = ["patterns", str(path), "--seeds", "2", "--first-seed", "7000", "--set", "time.years=2"]
    assert main([*args, "--lang", "sv"]) == 1
    out = capsys.readouterr().out
    assert "körningarna 7000–7001, utanför kalibreringen (parametrarna valdes på körningarna 0–49)" in out
    assert "regel: ett mönster godkänns när andelen körningar som visar det är minst kravet" in out
    assert "UNDERKÄNT  impossible" in out and "godkänt" in out and "1 av 2 mönster godkänns." in out
    assert f"50{NBSP}%" in out and "kriterium:" in out  # the criterion itself stays as the history writes it
    for english in ("pass", "FAIL", "patterns pass", "seeds showing it", "criterion:", "rule:", "held out"):
        assert english not in out.replace("impossible", ""), english
    assert main([*args, "--rule", "binomial", "--lang", "sv"]) == 0  # 0 of 2 is not significantly below a half
    assert f"med 95{NBSP}% säkerhet (binomialt)" in capsys.readouterr().out
    assert main([*args, "--knockouts", "--lang", "sv"]) == 1  # this history names no knock-outs
    out = capsys.readouterr().out
    assert "utslagningar" in out and "ingen utslagning angiven för mönster bursts, never" in out


def test_validate_says_ok_in_swedish(capsys):
    files = [KLOCKET, ROOT / "sweeps" / "small.toml", ROOT / "histories" / "klockaretorpet.toml",
             ROOT / "calibration" / "klockaretorpet_small.toml"]
    assert main(["validate", *map(str, files), "--lang", "sv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{KLOCKET}: ok (") and re.search(r"\d+ verksamheter, 10 år\)$", out[0])
    assert re.search(r": ok \(en svepning: sobol, 96 körningar av .+\)$", out[1])
    assert out[2].endswith(": ok (en historia: 16 mönster i 6 scenarier)")
    assert "ok (kalibreringsparametrar: 2 parametrar, 6 punkter × 2 körningar per våg" in out[3]
    assert main(["validate", str(KLOCKET)]) == 0
    assert re.search(r": ok \(.+; \d+ units, 10 years\)$", capsys.readouterr().out.strip())


def test_sensitivity_and_discover_print_their_tables_in_swedish(tmp_path, capsys):
    spec = sweep_spec(tmp_path, "sobol", 16)
    fake_store(tmp_path / "sobol", spec, lambda x: 3 * unit_cube(spec, x)[:, 0] + unit_cube(spec, x)[:, 1])
    assert main(["sensitivity", str(tmp_path / "sobol"), "--outcome", OUTCOME, "--lang", "sv"]) == 0
    out = capsys.readouterr().out
    shown = "centrumföretagets årsresultat (kr per år)"  # the outcome by its label, never its dotted key
    assert f"Sobolindex för {shown} (N = 16; ± 95{NBSP}%-intervall)" in out and "parameter" in out
    assert re.search(r"\d,\d{3} ± \d,\d{3}", out) and not re.search(r"\d\.\d", out.replace(OUTCOME, ""))
    assert "Skrev " in out and "Wrote" not in out
    spec = sweep_spec(tmp_path, "morris", 4)
    fake_store(tmp_path / "morris", spec, lambda x: 5 * unit_cube(spec, x)[:, 0])
    assert main(["sensitivity", str(tmp_path / "morris"), "--outcome", OUTCOME, "--lang", "sv"]) == 0
    out = capsys.readouterr().out
    assert f"Morrisscreening av {shown} (4 banor; ± 95{NBSP}%-intervall; kr per år över varje parameters intervall)" in out
    spec = sweep_spec(tmp_path, "lhs", 200)
    fake_store(tmp_path / "lhs", spec, lambda x: np.where(unit_cube(spec, x)[:, 0] > 0.5, 1.0, -1.0) * 100_000)
    assert main(["discover", str(tmp_path / "lhs"), "--outcome", OUTCOME, "--threshold", "0", "--lang", "sv"]) == 0
    out = capsys.readouterr().out
    assert f"Punkter där medelvärdet av {shown} ligger över 0:" in out and " av 200" in out
    assert "på skalningsbanan: täckning " in out and "täthet " in out and "punkter inne i boxen" in out
    assert re.search(r"täckning \d,\d\d", out) and "från" in out and "svepets intervall" in out
    assert "coverage" not in out and "Skrev " in out


def test_calibrate_prints_its_summary_in_swedish(tmp_path, capsys):
    history = tmp_path / "history.toml"
    history.write_text(
        f'name = "tiny"\n[seeds]\ncalibration_first = 0\ncalibration_count = 10\nheld_out_first = 100\n'
        f'[scenarios.decline]\nfile = "{DECLINE}"\n[scenarios.decline.set]\n"time.years" = 1\n'
        '[patterns.bursts]\nname = "unrest in bursts"\nkind = "burstiness"\nscenario = "decline"\nmin_fano = 1.5\n'
        'need = 0.8\n', encoding="utf-8")
    params = tmp_path / "params.toml"
    params.write_text('[parameters."unrest.legitimacy"]\nmin = 0.70\nmax = 1.0\n'
                      '[waves]\npoints = 2\nseeds_per_point = 1\nseed = 5\n', encoding="utf-8")
    args = ["calibrate", str(history), "--parameters", str(params), "--waves", "1", "--held-out-sets", "1",
            "--held-out-seeds", "1", "--workers", str(WORKERS)]
    assert main([*args, "--out", str(tmp_path / "sv"), "--lang", "sv"]) == 0
    out = capsys.readouterr().out
    assert "Historiematchning: tiny, 1 våg med 2 punkter × 1 kalibreringskörning" in out
    assert "modellavvikelse 0,05 (andel av körningarna)" in out and "våg 1: 2 av 2 punkter inte osannolika" in out
    assert "0,7 – 1" in out and re.search(r"0,78 \((inom|UTANFÖR)\)", out)
    assert "standardvärdena själva som en punkt: största osannolikhet 0,00" in out
    assert "körningarna 100–100 utanför kalibreringen" in out and "1 av 1" in out and f"100{NBSP}%" in out
    assert "Skrev " in out and "wave " not in out and "parameter sets" not in out
    assert (tmp_path / "sv" / "calibration.txt").read_text("utf-8").startswith("Historiematchning")
    assert main([*args, "--out", str(tmp_path / "en")]) == 0
    out = capsys.readouterr().out
    assert "History matching: tiny, 1 wave of 2 points × 1 calibration seed" in out and "wave 1: 2 of 2" in out
