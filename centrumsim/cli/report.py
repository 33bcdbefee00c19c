"""``centrumsim report SCENARIO... --out report.html [--lang sv|en] [--seeds N] [--years Y]
[--set key=value ...] [--workers W] [--overwrite] [-q] [--pdf]``: one self-contained HTML report
of one or more scenarios, run on the same seeds (common random numbers) and shown side by side.

Everything is checked before anything runs — the options, every scenario with the overrides, the
file to write (an existing one is replaced only with ``--overwrite``) — and every problem is one
line, exit 2. The files to write are then locked (a second command writing there is refused)
and proved writable, still before any run; the HTML (and with ``--pdf``, the PDF beside it,
where a converter is found) is written beside its target and moved into place, unless the
target changed meanwhile (:class:`~centrumsim.results.files.OutputFiles`). A PDF that cannot be
made is said in one line; the HTML is written all the same.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path

from ..analysis.uncertainty import DRAWS, planned_runs, run
from ..present.language import LANGS, _
from ..present.report_pdf import PdfError, find_converter, html_to_pdf
from ..present.textreport import wrote
from ..results import Results
from ..results.files import OutputFiles
from ..scenario import Scenario, ScenarioError
from .common import add_workers, checked_scenario, design_problems, done, drawn, progress_bar, say, workers_for


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """The options of ``report``."""
    rp = sub.add_parser("report", help="one self-contained HTML report of one or more scenarios, side by side")
    rp.add_argument("scenarios", nargs="+", metavar="SCENARIO", help="scenario TOML files (several: side by side)")
    rp.add_argument("--out", required=True, metavar="FILE.html", help="the report to write, e.g. report.html")
    rp.add_argument("--lang", choices=LANGS, default="en", help="language of the report (default en)")
    rp.add_argument("--seeds", type=int, default=20, help="number of seeds, the same for every scenario (default 20)")
    rp.add_argument("--years", type=int, default=None, help="horizon in years (default: each scenario's)")
    rp.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                    help="override a value of every scenario by its dotted key (repeatable)")
    add_workers(rp)
    rp.add_argument("--overwrite", action="store_true", help="replace the report (and its PDF) if it exists")
    drawn(rp, DRAWS, "run the --seeds at the assumed values only (chance alone), not drawn over the assumptions")
    rp.add_argument("--pdf", action="store_true",
                    help="also write the report as PDF beside it (report.pdf), with chromium or libreoffice")
    rp.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="print nothing but errors")


def build_report(results: list[Results], lang: str, progress: Callable[[], None] | None = None) -> str:
    """The report's page (:func:`centrumsim.present.report.build_report`, imported only when a
    report is made: it draws, and a command with bad input should not wait for the plotting
    library)."""
    from ..present.report import build_report as build

    return build(results, lang, progress=progress)


def figure_count(results: list[Results]) -> int:
    """The figures the report will draw (:func:`centrumsim.present.report.figure_count`)."""
    from ..present.report import figure_count as count

    return count(results)


def pdf_path(out: str | Path) -> Path:
    """Where the PDF of the report ``out`` goes: report.html → report.pdf."""
    return Path(out).with_suffix(".pdf")


def target_problems(out: str, overwrite: bool, pdf: bool) -> list[str]:
    """Why the report (and, with ``pdf``, its PDF) cannot be written to ``out``: one line each."""
    if not out.strip():
        return ["--out: give a file name, e.g. report.html"]
    path = Path(out)
    if path.suffix.lower() == ".pdf":
        return [f"{path}: the report is HTML; give a name ending in .html (--pdf writes the PDF beside it)"]
    for parent in path.parents:
        if parent.exists() and not parent.is_dir():
            return [f"{parent}: is a file, not a folder"]
    if path.is_dir():
        return [f"{path}: is a folder; give a file name, e.g. {path / 'report.html'}"]
    return [p for p in [_free(path, overwrite), _free(pdf_path(path), overwrite) if pdf else None] if p]


def _free(path: Path, overwrite: bool) -> str | None:
    if not os.path.lexists(path):
        return None
    if path.is_symlink() or not path.is_file():
        return f"{path}: exists and is not a regular file (a link, a device?); give the name of a new file"
    if not overwrite:
        return f"{path}: exists already; add --overwrite to replace it, or give another --out"
    return None


def checked_scenarios(args: argparse.Namespace) -> list[Scenario]:
    """Every scenario with the overrides, the options and the target checked; raises
    ScenarioError with every problem (each once)."""
    problems = target_problems(args.out, args.overwrite, args.pdf) + design_problems(args)
    scenarios = []
    for path in args.scenarios:
        try:
            scenarios.append(checked_scenario(argparse.Namespace(**{**vars(args), "scenario": path, "out": None}),
                                              problems))
        except ScenarioError as exc:
            problems = exc.lines
    if len(scenarios) < len(args.scenarios) or problems:
        raise ScenarioError(list(dict.fromkeys(problems)))
    return scenarios


def cmd_report(args: argparse.Namespace) -> int:
    scenarios = checked_scenarios(args)
    workers = workers_for(args)
    out = Path(args.out)
    with OutputFiles([out, *([pdf_path(out)] if args.pdf else [])], args.overwrite, label="--out") as targets:
        total = sum(planned_runs(sc, args.seeds, args.draws, args.replicates, args.fixed) for sc in scenarios)
        with progress_bar(args, total, "report (runs)") as bar:
            # each scenario over the same futures and seeds: common random numbers
            results = [run(sc, args.seeds, workers=workers, progress=bar, fixed=args.fixed, draws=args.draws,
                           replicates=args.replicates) for sc in scenarios]
            bar.stage("report (figures)", figure_count(results))
            page = build_report(results, args.lang, progress=bar)
        files: dict[Path, bytes] = {out: page.encode("utf-8")}
        if args.pdf:
            converter = find_converter()
            if converter is None:
                say(args, _("No PDF: neither chromium nor libreoffice was found; the HTML report is written.",
                            args.lang), err=True)
            else:
                try:
                    files[pdf_path(out)] = html_to_pdf(page, converter)
                except (PdfError, OSError) as exc:  # never the HTML's failure
                    say(args, _("No PDF: {converter} failed ({reason}); the HTML report is written.", args.lang,
                                converter=converter.name, reason=exc), err=True)
        targets.commit(files)
    done(args, out)
    say(args, wrote([p.name for p in files], out.parent, args.lang))
    return 0


COMMANDS = {"report": cmd_report}

__all__ = ["COMMANDS", "add_parsers", "checked_scenarios", "cmd_report", "pdf_path", "target_problems"]
