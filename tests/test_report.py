"""The HTML report (`centrumsim report`): one self-contained file (images as PNG data URIs, no
scripts, nothing to fetch) that names the run identity, holds the summary tables, every plot of
the set with its heading and reading and the plan in a few months, in Swedish or English; several
scenarios side by side; refused without --overwrite, exit 2 on bad input; a PDF where a converter
is found, and the HTML all the same where none is."""

from __future__ import annotations

import base64
import html
import io
import json
import re

import pytest
from PIL import Image

import centrumsim
from centrumsim.cli import main
from centrumsim.cli import report as report_cli
from centrumsim.present.language import _, money, number, percent
from centrumsim.present.plots import RUN_PLOTS
from centrumsim.present.readings import plan_reading, reading
from centrumsim.present.report import HEADINGS, IDENTITY_META, PNG_URI, build_report, figure_count, plan_months
from centrumsim.present.report_pdf import Converter, PdfError, find_converter, html_to_pdf

from .conftest import MAIN, ROOT

KLOCKET = ROOT / "scenarios" / "klocket_2017.toml"
ATTRIBUTE = re.compile(r"""\b(src|href|srcset|action|data|poster)\s*=\s*["']?([^"'\s>]*)""", re.I)


@pytest.fixture(scope="module")
def sv_report(tmp_path_factory):
    """Two scenarios, one seed × one year, in Swedish, through the command — over an earlier
    file, with --overwrite."""
    out = tmp_path_factory.mktemp("sv") / "report.html"
    out.write_text("an earlier report", encoding="utf-8")
    code = main(["report", "--fixed", str(MAIN), str(KLOCKET), "--seeds", "1", "--years", "1", "--lang", "sv",
                 "--workers", "1", "--out", str(out), "--overwrite", "-q"])
    assert code == 0
    return out.read_text("utf-8")


@pytest.fixture(scope="module")
def en_results():
    return centrumsim.analysis.run_seeds(MAIN, seeds=2, years=1, workers=1)


@pytest.fixture(scope="module")
def en_report(en_results):
    ticks = []
    page = build_report(en_results, "en", created="2025-03-01T10:00:00+01:00", progress=lambda: ticks.append(1))
    assert len(ticks) == figure_count(en_results)
    return page


def identity_of(page: str) -> dict:
    (content,) = re.findall(rf'<meta name="{IDENTITY_META}" content="([^"]*)">', page)
    return json.loads(html.unescape(content))


def visible(page: str) -> str:
    """The page's text as a reader sees it (tags dropped, entities resolved)."""
    body = re.sub(r"<(style|head)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


@pytest.mark.parametrize("which", ["sv_report", "en_report"])
def test_the_report_is_self_contained(which, request):
    page = request.getfixturevalue(which)
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.lower() and "<link" not in page.lower() and "@import" not in page
    assert "url(" not in page and "@font-face" not in page
    images = 0
    for attribute, value in ATTRIBUTE.findall(page):
        assert not value.lower().startswith(("http:", "https:", "//", "file:")), (attribute, value[:80])
        if attribute.lower() == "src":
            assert value.startswith(PNG_URI), value[:80]
            png = base64.b64decode(value[len(PNG_URI):], validate=True)
            image = Image.open(io.BytesIO(png))
            assert image.format == "PNG" and image.size[0] > 400
            image.verify()
            images += 1
        else:
            assert attribute.lower() == "href" and value.startswith("#"), (attribute, value)
    assert images >= len(RUN_PLOTS) + 3  # the plot set and at least three plans
    assert not re.search(r"https?://", visible(page))


def test_it_names_the_run_identity(sv_report):
    ident = identity_of(sv_report)
    words = visible(sv_report)
    assert ident["command"] == "report" and ident["lang"] == "sv" and ident["version"] == centrumsim.__version__
    assert [s["scenario"] for s in ident["scenarios"]] == [centrumsim.load_scenario(p).name for p in (MAIN, KLOCKET)]
    for s in ident["scenarios"]:
        assert s["seeds"] == [0] and s["overrides"] == {"time.years": 1}
        for value in (s["scenario"], s["scenario_file"], s["scenario_sha256"], s["run_id"]):
            assert value in words, value
    assert "time.years=1" in words and "0 (1 körning)" in words and ident["run_id"] in words
    assert centrumsim.__version__ in words and ident["created"][:10] in words
    # each image carries its scenario's identity, as the plots of `run` do
    first = re.search(rf'src="{re.escape(PNG_URI)}([^"]+)"', sv_report).group(1)
    meta = Image.open(io.BytesIO(base64.b64decode(first))).text["Description"]
    assert json.loads(meta)["run_id"] == ident["scenarios"][0]["run_id"]


def test_it_holds_every_plot_with_its_heading_and_reading(en_report, en_results):
    for name in RUN_PLOTS:
        heading = _(HEADINGS[name], "en")
        assert f"<h3>{html.escape(heading)}</h3>" in en_report, name
        assert reading(en_results, name, "en") in visible(en_report), name  # under its figure, escaped as HTML does
    months = [m for m, _ in plan_months(en_results)]
    assert {0, 6, 11} <= set(months) and months == sorted(set(months))  # the first, the middle, the last
    for month in months:
        assert plan_reading(en_results, month, "en") in visible(en_report)


def test_the_tables_hold_the_numbers_of_the_printed_summary(en_report, en_results):
    s = en_results.summary()
    e, c = s["enterprise"], s["centre"]
    for cell in (money(e["result_sek_per_year"]["median"], "en"), percent(e["p_solvent"], "en"),
                 money(s["public"]["cost_sek_per_year"]["median"], "en"),
                 number(c["evenness"]["median"], "en", decimals=2), percent(c["vacancy_rate"]["median"], "en")):
        assert f'<td class="num">{html.escape(cell)}</td>' in en_report, cell
    for u in s["units"]:
        assert f'<th scope="row">{html.escape(u["label"])}</th>' in en_report


def test_swedish_labels_under_sv_and_english_under_en(sv_report, en_report):
    assert '<html lang="sv">' in sv_report and '<html lang="en">' in en_report
    for heading in ("Sammanfattning", "Diagram", "Karta över centrum", "Vad som kördes", "Gungor och karuseller",
                    "Sannolikhet att gå runt", "Årsresultat (kr)", "Trygghetsindex"):
        assert heading in sv_report, heading
    cells = re.findall(r'<td class="num">([^<]*)</td>', sv_report)
    assert any(re.fullmatch(r"−?\d+,\d+", c) for c in cells)  # decimal commas
    assert any(re.fullmatch(r"−?\d{1,3}(\u00a0\d{3})+", c) for c in cells)  # a no-break space between thousands
    assert not [c for c in cells if re.search(r"\d\.\d", c)]
    for english in ("Summary", "Plots", "Probability of breaking even", "Yearly result"):
        assert english not in sv_report, english
    for heading in ("Summary", "Plots", "Plan of the centre", "What was run", "Swings and roundabouts",
                    "Probability of breaking even", "Yearly result (SEK)"):
        assert heading in en_report, heading
    assert "Sammanfattning" not in en_report and " kr" not in visible(en_report)


def test_two_scenarios_stand_side_by_side(sv_report):
    (table,) = re.findall(r'<section id="side-by-side">.*?</section>', sv_report, flags=re.S)
    names = [centrumsim.load_scenario(p).name for p in (MAIN, KLOCKET)]
    head = re.search(r"<thead>.*?</thead>", table, flags=re.S).group(0)
    assert all(html.escape(n) in head for n in names)
    assert "Sannolikhet att gå runt" in table and "Besökare per dag" in table
    plots = re.search(r'<section id="plots">.*?<section id="plan"', sv_report, flags=re.S).group(0)
    assert plots.count(f"<h4>{html.escape(names[0])}</h4>") == plots.count(f"<h4>{html.escape(names[1])}</h4>") >= 6


def test_an_existing_file_is_kept_without_overwrite(tmp_path, capsys):
    out = tmp_path / "report.html"
    out.write_text("keep me", encoding="utf-8")
    assert main(["report", "--fixed", str(MAIN), "--seeds", "1", "--years", "1", "--out", str(out)]) == 2
    assert capsys.readouterr().err.strip() == f"{out}: exists already; add --overwrite to replace it, or give another --out"
    assert out.read_text("utf-8") == "keep me"
    assert main(["report", "--fixed", str(MAIN), "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == f"{tmp_path}: is a folder; give a file name, e.g. {tmp_path / 'report.html'}"


def test_bad_input_is_exit_2_one_line_per_problem(tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["report", "--fixed", str(MAIN), str(KLOCKET), "--seeds", "1", "--out", str(out),
                 "--set", "units.cafe.price_sek=-5"]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        f"{path}: --set units.cafe.price_sek: must be >= 0 (got -5)" for path in (MAIN, KLOCKET)]
    missing = tmp_path / "nowhere.toml"
    assert main(["report", "--fixed", str(MAIN), str(missing), "--seeds", "0", "--out", str(out), "--set", "oops"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["--seeds: must be in 1..1000000 (got 0)", "--set: expected dotted.key=value (got 'oops')"]
    assert main(["report", "--fixed", str(MAIN), str(missing), "--out", str(out)]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"{missing}: ")
    assert not out.exists()


def _tiny_report(monkeypatch):
    """The command with a tiny page for a report (to test what it does with the PDF quickly)."""
    monkeypatch.setattr(report_cli, "build_report", lambda results, lang, progress=None: "<!DOCTYPE html><p>x</p>")
    monkeypatch.setattr(report_cli, "figure_count", lambda results: 0)


def test_without_a_converter_the_html_is_written_and_that_said_in_one_line(tmp_path, capsys, monkeypatch):
    _tiny_report(monkeypatch)
    monkeypatch.setattr(report_cli, "find_converter", lambda: None)
    out = tmp_path / "r.html"
    assert main(["report", "--fixed", str(MAIN), "--seeds", "1", "--years", "1", "--out", str(out), "--pdf", "--lang", "sv"]) == 0
    captured = capsys.readouterr()
    no_pdf = _("No PDF: neither chromium nor libreoffice was found; the HTML report is written.", "sv")
    assert captured.err.strip() == no_pdf == "Ingen PDF: varken chromium eller libreoffice finns; HTML-rapporten är skriven."
    assert out.exists() and not out.with_suffix(".pdf").exists()
    assert captured.out.strip() == f"Skrev r.html till {tmp_path}/"

    def fails(page, converter):
        raise PdfError("exit status 1")
    monkeypatch.setattr(report_cli, "find_converter", lambda: Converter("chromium", "/nowhere/chromium"))
    monkeypatch.setattr(report_cli, "html_to_pdf", fails)
    assert main(["report", "--fixed", str(MAIN), "--seeds", "1", "--years", "1", "--out", str(out), "--pdf", "--overwrite"]) == 0
    assert capsys.readouterr().err.strip() == "No PDF: chromium failed (exit status 1); the HTML report is written."
    assert out.exists() and not out.with_suffix(".pdf").exists()


CONVERTER = find_converter()


@pytest.mark.slow  # the browser (or LibreOffice), twice
@pytest.mark.skipif(CONVERTER is None, reason="no PDF converter (chromium or libreoffice) on this machine")
def test_the_pdf_where_a_converter_is_found(en_report, tmp_path, capsys, monkeypatch):
    pdf = html_to_pdf(en_report, CONVERTER)
    assert pdf.startswith(b"%PDF") and len(pdf) > 100_000  # the images are in it
    # the command writes it beside the HTML, and refuses to replace an earlier one unasked
    _tiny_report(monkeypatch)
    out = tmp_path / "report.html"
    assert main(["report", "--fixed", str(MAIN), "--seeds", "1", "--years", "1", "--out", str(out), "--pdf", "-q"]) == 0
    assert out.exists() and (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    out.unlink()
    assert main(["report", "--fixed", str(MAIN), "--seeds", "1", "--years", "1", "--out", str(out), "--pdf", "-q"]) == 2
    assert capsys.readouterr().err.strip() == (f"{tmp_path / 'report.pdf'}: exists already; add --overwrite to replace "
                                               "it, or give another --out")
    assert not out.exists()
