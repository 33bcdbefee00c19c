"""The commands on one scenario: ``run``, ``compare``, ``breakeven``, ``prices``, ``goalseek`` and ``validate``.

The plotting library is imported by the commands that draw, when they draw: a command that
draws nothing (``validate``, ``run --no-plots``, bad input) starts quickly and never meets it."""

from __future__ import annotations

import argparse
import math
import textwrap
from pathlib import Path
from typing import Any

from ..analysis.breakeven import Plan, check_candidates, closest_need, find_breakeven, mixes
from ..analysis.compare import compare_operators
from ..analysis.goalseek import goal_seek, lever, planned_seek_runs
from ..analysis.prices import parse_range, price_scan, priced_field
from ..analysis.uncertainty import planned_runs, run
from ..present.names import scenario_unit_labels
from ..present.save import write_run
from ..present.study_text import validated_line
from ..present.textreport import (
    format_breakeven,
    format_comparison,
    format_goalseek,
    format_prices,
    format_summary,
    wrote,
)
from ..present.verdict import breakeven_verdict, verdict
from ..results import identity, write_csv
from ..scenario import Scenario, ScenarioError, load_scenario
from ..scenario.reading import read_file
from .common import (
    checked_scenario,
    design_problems,
    done,
    output_folder,
    parse_overrides,
    progress_bar,
    say,
    workers_for,
)

BREAKEVEN_STAGES = {"screen": "breakeven (screen)", "full": "breakeven (contenders)", "need": "breakeven (need)"}
"""The breakeven command's progress bars: one per stage, as the contenders are known only after
screening."""


def cmd_validate(args: argparse.Namespace) -> int:
    """Check every file with the checker of the command that uses it (every problem at once): a
    scenario as ``run`` does, a sweep as ``sweep``, a history as ``patterns``, a calibration
    parameters file as ``calibrate`` — against the history files given in the same call."""
    overrides = parse_overrides(args.overrides)
    kinds = {f: _kind(f) for f in args.files}
    histories: dict[str, Any] = {}
    for f in (f for f, kind in kinds.items() if kind == "history"):
        try:
            histories[f] = _history(f, overrides)
        except ScenarioError:
            pass  # reported below, in the files' order
    errors: list[str] = []
    for f in args.files:
        try:
            say(args, validated_line(f, *_validated(f, kinds[f], overrides, histories), lang=args.lang))
        except ScenarioError as exc:
            errors += exc.lines
    if errors:
        raise ScenarioError(errors)
    return 0


def _kind(path: str) -> str:
    """What a file is, by its top-level keys: sweep, history, parameters or scenario."""
    try:
        keys = set(read_file(Path(path), path))
    except ScenarioError:
        keys = set()  # the scenario loader reports the file's problem
    if {"base", "design"} <= keys:
        return "sweep"
    if {"patterns", "scenarios"} <= keys:
        return "history"
    return "parameters" if "parameters" in keys else "scenario"


def _history(path: str, overrides: dict) -> Any:
    from ..validation import load_history

    return load_history(path).with_overrides(overrides)


def _validated(path: str, kind: str, overrides: dict, histories: dict[str, Any]) -> tuple[str, dict]:
    """Check a file of the ``kind`` :func:`_kind` said; what it is (a kind and its numbers, for
    :func:`.study_text.validated_line`). A parameters file is checked against every history in
    ``histories`` (as ``calibrate`` checks it); without one it cannot be, and says so."""
    if kind == "sweep":
        from ..sweeps.spec import load_sweep

        spec = load_sweep(path)
        return "sweep", {"method": spec.design.method, "runs": spec.runs, "base": spec.base.name}
    if kind == "history":
        history = histories[path] if path in histories else _history(path, overrides)
        return "history", {"patterns": len(history.patterns), "scenarios": len(history.scenarios)}
    if kind == "parameters":
        from ..validation.matching import check_parameters, load_parameters

        parsed = check_parameters(path)  # what needs no history, reported even without one
        if not histories:
            raise ScenarioError([f"{path}: a calibration parameters file is checked against the history it "
                                 f"calibrates; give that too: centrumsim validate HISTORY.toml {path}"])
        problems: list[str] = []
        for history in histories.values():
            try:
                load_parameters(path, history)
            except ScenarioError as exc:
                problems += [line for line in exc.lines if line not in problems]
        if problems:
            raise ScenarioError(problems)
        return "parameters", {"parameters": len(parsed.parameters), "points": parsed.waves.points,
                              "seeds": parsed.waves.seeds_per_point, "history": ", ".join(histories)}
    sc = load_scenario(path, overrides)
    return "scenario", {"name": sc.name, "units": len(sc.units), "years": sc.time.years}


def cmd_run(args: argparse.Namespace) -> int:
    scenario = checked_scenario(args, design_problems(args))
    workers = workers_for(args)
    total = planned_runs(scenario, args.seeds, args.draws, args.replicates, args.fixed)
    with output_folder(args, "run") as folder:
        with progress_bar(args, total, "run") as bar:
            results = run(scenario, seeds=args.seeds, workers=workers, progress=bar, fixed=args.fixed,
                          draws=args.draws, replicates=args.replicates)
        names = write_run(folder, results, lang=args.lang, fmt=args.format, plots=not args.no_plots)
        target = done(args, folder.commit(results.identity(), "run"))
    say(args, format_summary(results.summary(), args.lang))
    say(args, "\n" + wrote([*names, "manifest.json"], target, args.lang, count=True))
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    scenario = checked_scenario(args)
    if not scenario.enterprise_units:
        raise ScenarioError([f"{args.scenario}: units: no unit has operator = 'enterprise'; nothing to compare"])
    workers = workers_for(args)
    with output_folder(args, "compare") as folder:
        with progress_bar(args, 3 * args.seeds, "compare") as bar:
            table, results = compare_operators(scenario, args.seeds, workers=workers, progress=bar)
        ident = identity(scenario, results["enterprise"].seeds, command="compare",
                         variants={name: res.identity()["run_id"] for name, res in results.items()})
        write_csv(folder, "compare.csv", table, ident["run_id"], lang=args.lang)
        from ..present.plots import figure_png, plot_compare

        folder.write_bytes("compare.png", figure_png(
            plot_compare(results, lang=args.lang, units=list(scenario.enterprise_units)), ident))
        target = done(args, folder.commit(ident, "compare"))
    say(args, "\n".join(textwrap.wrap(verdict(results["enterprise"].summary(), args.lang), 100)) + "\n")
    say(args, format_comparison(table, args.seeds, scenario.time.years, args.lang, scenario_unit_labels(scenario)))
    say(args, "\n" + wrote(["compare.csv", "compare.png", "manifest.json"], target, args.lang))
    return 0


def cmd_breakeven(args: argparse.Namespace) -> int:
    candidates = [c.strip() for c in args.candidates.split(",") if c.strip()]
    extra = []
    if args.screen_seeds < 1:
        extra.append(f"--screen-seeds: must be >= 1 (got {args.screen_seeds})")
    if args.contenders < 1:
        extra.append(f"--contenders: must be >= 1 (got {args.contenders})")
    if not 0 <= args.need <= 1:
        extra.append(f"--need: a probability from 0 to 1 (got {args.need:g})")
    scenario = checked_scenario(args, extra + design_problems(args))
    problems = check_candidates(scenario, candidates)
    if problems:
        raise ScenarioError(problems)
    plan = Plan(seeds=args.seeds, screen_seeds=min(args.screen_seeds, args.seeds), contenders=args.contenders,
                draws=None if args.fixed else args.draws, replicates=args.replicates)
    workers = workers_for(args)
    with output_folder(args, "breakeven") as folder:
        with progress_bar(args, 0, "breakeven") as bar:
            def stage(name: str, runs: int) -> None:
                bar.stage(BREAKEVEN_STAGES[name], runs)

            table = find_breakeven(scenario, candidates, plan, workers=workers, progress=bar, on_stage=stage)
            need = (closest_need(scenario, candidates, table, plan, args.need, workers, bar, on_stage=stage)
                    if args.need > 0 else None)
        ident = identity(scenario, list(range(plan.seeds)), command="breakeven", candidates=candidates,
                         screen_seeds=plan.screen_seeds, contenders=plan.contenders, draws=plan.draws,
                         replicates=plan.replicates, need=args.need)
        write_csv(folder, "breakeven.csv", table, ident["run_id"], lang=args.lang)
        if need is not None:
            folder.write_json("need.json", need.as_dict() | {"mix": table.iloc[0]["mix"], "run_id": ident["run_id"]})
        labels = scenario_unit_labels(scenario)
        from ..present.plots import figure_png, plot_breakeven

        folder.write_bytes("breakeven.png", figure_png(plot_breakeven(table, lang=args.lang, labels=labels), ident))
        target = done(args, folder.commit(ident, "breakeven"))
    words = breakeven_verdict(table, need, scenario.time.years, args.lang, labels, target=args.need or 0.8)
    say(args, "\n".join(textwrap.wrap(words, 100)))
    say(args, "\n" + format_breakeven(table, plan, len(mixes(candidates)), lang=args.lang, labels=labels))
    files = ["breakeven.csv", "breakeven.png", *(["need.json"] if need is not None else []), "manifest.json"]
    say(args, "\n" + wrote(files, target, args.lang))
    return 0


def cmd_prices(args: argparse.Namespace) -> int:
    extra = []
    try:
        multipliers = parse_range(args.range)
    except ValueError as exc:
        extra.append(f"--range: {exc}")
    scenario = checked_scenario(args, extra)
    field = priced_field(scenario, args.unit, args.fee)
    workers = workers_for(args)
    with output_folder(args, "prices") as folder:
        with progress_bar(args, len(multipliers) * args.seeds, "prices") as bar:
            table, _results = price_scan(scenario, args.unit, multipliers, args.seeds, workers, fee=args.fee,
                                         progress=bar)
        ident = identity(scenario, list(range(args.seeds)), command="prices", unit=args.unit, field=field,
                         multipliers=multipliers)
        label = scenario.units[args.unit].label or args.unit
        write_csv(folder, "prices.csv", table, ident["run_id"], lang=args.lang)
        from ..present.plots import figure_png, plot_prices

        folder.write_bytes("prices.png", figure_png(plot_prices(table, lang=args.lang, label=label), ident))
        target = done(args, folder.commit(ident, "prices"))
    say(args, format_prices(table, args.unit, label, args.seeds, scenario.time.years, args.lang))
    say(args, "\n" + wrote(["prices.csv", "prices.png", "manifest.json"], target, args.lang))
    return 0


def parse_span(text: str | None) -> tuple[float, float] | None:
    """``LOW:HIGH`` → (low, high); None for None. Raises ValueError with the reason."""
    if text is None:
        return None
    parts = text.split(":")
    if len(parts) != 2:
        raise ValueError(f"give LOW:HIGH (got {text!r})")
    try:
        low, high = float(parts[0]), float(parts[1])
    except ValueError:
        raise ValueError(f"give two numbers LOW:HIGH (got {text!r})") from None
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError(f"give finite numbers (got {text!r})")
    return low, high


def cmd_goalseek(args: argparse.Namespace) -> int:
    extra = design_problems(args)
    span = None
    try:
        span = parse_span(args.range)
    except ValueError as exc:
        extra.append(f"--range: {exc}")
    if not 0 < args.target <= 1:
        extra.append(f"--target: a probability above 0 and at most 1 (got {args.target:g})")
    def lever_problems(scenario: Scenario) -> list[str]:  # the key and its range, before any run
        try:
            lever(scenario, args.lever, span)
        except ScenarioError as exc:
            return list(exc.lines)
        return []

    scenario = checked_scenario(args, extra, lever_problems)
    workers = workers_for(args)
    seeds = list(range(args.seeds))
    draws = None if args.fixed else args.draws
    with output_folder(args, "goalseek") as folder:
        with progress_bar(args, planned_seek_runs(args.seeds, draws, args.replicates), "goalseek") as bar:
            gs = goal_seek(scenario, args.lever, args.target, seeds, span, workers=workers, progress=bar,
                           draws=draws, replicates=args.replicates)
        ident = identity(scenario, list(gs.seeds), command="goalseek", lever=args.lever, target=args.target,
                         low=gs.lever.low, high=gs.lever.high, design=gs.draws)
        folder.write_json("goalseek.json", gs.as_dict() | {"run_id": ident["run_id"]})
        target = done(args, folder.commit(ident, "goalseek"))
    say(args, format_goalseek(gs, scenario.time.years, args.lang))
    say(args, "\n" + wrote(["goalseek.json", "manifest.json"], target, args.lang))
    return 0 if gs.value is not None else 1
