"""Every word a reader sees is an English msgid with its translation in each catalogue: Babel
extracts the msgids from the code and the report's template (babel.cfg) and tools/catalogue.py
finds what is untranslated (in the code, missing, empty or fuzzy in a .po), stale (in a .po, gone
from the code), translated with other {fields}, or not compiled into the .mo; no Swedish is left
in Python; one place names the languages."""

from __future__ import annotations

import ast
import gettext
import importlib.util
import re
import shutil

import pytest

from centrumsim.present import language
from centrumsim.present.language import LANGS, _, check_lang, ngettext, pgettext

from .conftest import ROOT

PACKAGE = ROOT / "centrumsim"
SWEDISH = re.compile(r"[åäöÅÄÖ]")
KEYWORDS = {"_", "N_", "ngettext", "pgettext"}
ALLOWED_SWEDISH = {
    # scenario data, as a scenario file would write it: the enterprise's name when the file gives none
    ("scenario/operators.py", "Socialt centrumföretag"),
}
"""Swedish literals that are not words of the program (a name that comes from scenario data)."""


def _catalogue_tool():
    spec = importlib.util.spec_from_file_location("catalogue_tool", ROOT / "tools" / "catalogue.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tool():
    return _catalogue_tool()


@pytest.fixture(scope="module")
def extracted(tool):
    return tool.extract()


def test_every_word_is_translated_and_none_is_stale_and_the_mo_is_compiled(tool):
    assert tool.languages() == [lang for lang in LANGS if lang != "en"]
    for lang in tool.languages():
        assert tool.problems(lang) == [], "\n".join(tool.problems(lang))


def test_the_check_finds_an_untranslated_a_stale_and_an_uncompiled_word(tool, tmp_path, monkeypatch):
    shutil.copytree(tool.LOCALE, tmp_path / "locale")
    monkeypatch.setattr(tool, "LOCALE", tmp_path / "locale")
    catalog = tool.read("sv")
    catalog["Cash, month by month"].string = ""  # untranslated
    catalog.add("A word no longer in the code", "Ett ord som inte längre finns")  # stale
    catalog["Run id"].string = "Körnings-id {run}"  # a field the msgid does not have
    tool.write(catalog, "sv")
    found = "\n".join(tool.problems("sv"))
    assert "untranslated: 'Cash, month by month'" in found
    assert "stale (no longer in the code): 'A word no longer in the code'" in found
    assert "'Run id': the translation 'Körnings-id {run}' has other {fields}" in found
    assert "is out of date with its .po" in found  # the .mo was compiled from the .po before the edits
    tool.compile_mo("sv")
    assert "out of date" not in "\n".join(tool.problems("sv"))


def test_the_extraction_sees_the_code_the_tables_and_the_template(extracted):
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in extracted if m.id}
    assert "Cash, month by month" in ids  # _() in a plot
    assert "car fire" in ids  # N_() in a table of display names
    assert "the enterprise's yearly result" in ids  # N_() in the outcome registry
    assert "{n} seed" in ids  # ngettext()
    assert "Made by centrumsim {version} on {created}. This file holds everything it shows: nothing is fetched " \
           "when it is opened." in ids  # the report's template
    assert any(m.context == "number format" for m in extracted)  # pgettext()


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the string constants that document (a module's, class's or function's first
    statement, or a bare string after an assignment)."""
    out = set()
    for node in ast.walk(tree):
        for child in getattr(node, "body", []) if isinstance(getattr(node, "body", None), list) else []:
            if isinstance(child, ast.Expr) and isinstance(child.value, ast.Constant) \
                    and isinstance(child.value.value, str):
                out.add(id(child.value))
    return out


def test_no_swedish_is_left_in_python():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        docs = _docstrings(tree)
        rel = path.relative_to(PACKAGE).as_posix()
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                english = re.sub(r"\böre\b", "", node.value)  # the currency unit's name, in English text too
                if SWEDISH.search(english) and (rel, node.value) not in ALLOWED_SWEDISH:
                    found.append(f"{rel}:{node.lineno}: {node.value[:70]!r}")
    assert not found, "Swedish belongs in centrumsim/locale/sv/LC_MESSAGES/centrumsim.po:\n" + "\n".join(found)


def test_no_msgid_hides_in_an_f_string():
    """Babel cannot see a call inside an f-string on Python < 3.12: its word would never reach
    the catalogue (and stay English in every language)."""
    hidden = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.JoinedStr):
                for call in ast.walk(node):
                    if (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in KEYWORDS
                            and any(isinstance(a, ast.Constant) for a in call.args)):
                        hidden.append(f"{path.relative_to(ROOT)}:{call.lineno}: {ast.unparse(call)[:60]}")
    assert not hidden, "\n".join(hidden)


def test_one_place_names_the_languages(monkeypatch, tmp_path):
    assert LANGS == ("en", "sv") and check_lang("sv") == "sv"
    with pytest.raises(ValueError, match="lang must be one of en, sv"):
        check_lang("de")
    # a language is a catalogue folder
    for lang in ("sv", "de"):
        (tmp_path / lang / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(PACKAGE / "locale" / "sv" / "LC_MESSAGES" / "centrumsim.mo", tmp_path / "de" / "LC_MESSAGES")
    shutil.copy(PACKAGE / "locale" / "sv" / "LC_MESSAGES" / "centrumsim.mo", tmp_path / "sv" / "LC_MESSAGES")

    class Files:
        def __truediv__(self, name):
            return tmp_path

    monkeypatch.setattr(language.resources, "files", lambda package: Files())
    assert language.languages() == ("en", "de", "sv")
    # the command line and the page offer what language.LANGS holds (no list of their own)
    for rel in ("cli/__init__.py", "cli/calibration.py", "cli/report.py", "cli/studies.py", "cli/validation.py",
                "app/page.py"):
        text = (PACKAGE / rel).read_text("utf-8")
        assert '"sv"' not in text and "'sv'" not in text, rel


def test_words_plurals_and_contexts_in_swedish():
    assert _("Cash, month by month", "sv") == "Kassan månad för månad"
    assert _("Wrote {names} to {target}/", "sv", names="a", target="b") == "Skrev a till b/"
    assert ngettext("{n} seed", "{n} seeds", 1, "sv") == "1 körning"
    assert ngettext("{n} open", "{n} open", 1, "sv") == "1 öppen"
    assert ngettext("{n} open", "{n} open", 3, "sv") == "3 öppna"
    assert pgettext("units run by", "public", "sv") == "offentliga" and _("public", "sv") == "offentlig"
    assert _("a word the catalogue lacks", "sv") == "a word the catalogue lacks"  # English, never a key


class _Missed(gettext.NullTranslations):
    """A catalogue's fallback that notes each msgid the catalogue did not have."""

    def __init__(self) -> None:
        super().__init__()
        self.missed: set = set()

    def gettext(self, message):
        self.missed.add(message)
        return message

    def ngettext(self, singular, plural, n):
        self.missed.add(singular)
        return singular if n == 1 else plural

    def pgettext(self, context, message):
        self.missed.add((context, message))
        return message


def test_every_word_looked_up_in_swedish_is_in_the_catalogue(one_year, monkeypatch):
    """What the extraction cannot see (a msgid passed through a helper of one's own) shows here:
    the printed summary, the report (tables, plots, readings, plans), compare's text and plot and
    the page's words, made in Swedish, look up no msgid the catalogue lacks."""
    import pandas as pd

    import centrumsim
    from centrumsim.analysis.compare import compare_operators
    from centrumsim.app import inputs
    from centrumsim.app.levers import Levers
    from centrumsim.app.page import summary_lines
    from centrumsim.present.report import build_report
    from centrumsim.present.study_plots import plot_compare, plot_prices
    from centrumsim.present.textreport import format_comparison, format_prices, format_summary

    missed = _Missed()
    monkeypatch.setattr(language.translation("sv"), "_fallback", missed)
    res = centrumsim.analysis.run_seeds(one_year, seeds=1, workers=1)
    format_summary(res.summary(), "sv")
    build_report(res, "sv")
    summary_lines(res, "sv")
    base = one_year
    inputs.unit_inputs(base, Levers.of(base), "sv")
    inputs.lever_inputs(base, Levers.of(base), "sv")
    inputs.changes(base, Levers.of(base).but(est_active=False, rent_percent=50, units_off=["cafe"]), "sv")
    table, variants = compare_operators(one_year, seeds=1)
    format_comparison(table, 1, 1, "sv")
    plot_compare(variants, lang="sv")
    prices = pd.DataFrame([{"multiplier": 1.0, "price_sek": 60.0, "visits_per_day": 30.5, "sales_sek_per_year": 5e5,
                            "contribution_sek_per_year": 8e4, "p_break_even": 0.5,
                            "enterprise_result_sek_per_year": -1e5, "best": True}])
    format_prices(prices, "cafe", "Kafé", 1, 1, "sv")
    plot_prices(prices, lang="sv")
    assert not missed.missed, sorted(map(str, missed.missed))


def test_no_string_subscript_inside_a_lookup():
    """``_(d["label"], lang)``: Babel 2.12 (the lowest version allowed) extracts "label" as a msgid
    when the first argument is a name subscripted by a string;
    the newest does not, so only this scan catches it before the lowest-dependency CI does."""
    lookup = re.compile(r"""(?<![\w.])(_|N_|ngettext|pgettext)\(\s*[A-Za-z_][\w.]*\[["']""")
    found = [f"{path.relative_to(ROOT)}:{i}" for path in sorted((ROOT / "centrumsim").rglob("*.py"))
             for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if lookup.search(line)]
    assert not found, found
