"""The plan of the centre: every premises a block sized by its floor area, grouped by who runs it
(the enterprise, the public houses, the shops), coloured by its state in a chosen month — open,
paused, closed (a unit closed there) or vacant — with the unrest events that hit a unit that
month marked on its block.

Blocks are laid out as a squarified treemap (Bruls, Huizing & van Wijk 2000), first the groups,
then the premises inside each, so a block's area is proportional to its m² within its group.
Over several seeds a block shows its most common state (and in how many runs, when they differ)
and the events per run; ``seed=`` shows one run as it happened.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from ..model import Status
from ..results import Results
from .language import _, ngettext, number
from .names import GROUPS as GROUP_NAMES
from .names import STATES, display, event_label, month_label, unit_labels
from .style import BLACK, STATUS_COLOURS, PlotFigure, new_figure, plotting, wrap

GROUPS = tuple(GROUP_NAMES)
MARKERS = ("^", "s", "o", "X", "D", "v", "P", "*")
"""A marker per event type, in the scenario's order of types."""
_OPEN, _PAUSED, _CLOSED = Status.OPEN.code, Status.PAUSED.code, Status.CLOSED.code


def month_index(results: Results, month: int | str) -> int:
    """A month of the runs, given as its index (0 = the first) or its label 'YYYY-MM'."""
    labels = list(results.runs[0].month_labels)
    if isinstance(month, str):
        if month not in labels:
            raise ValueError(f"month {month!r} is not in the runs ({labels[0]} … {labels[-1]})")
        return labels.index(month)
    if not -len(labels) <= int(month) < len(labels):
        raise ValueError(f"month must be 0 … {len(labels) - 1} or a label such as {labels[0]!r} (got {month!r})")
    return int(month) % len(labels)


def _state(codes: Sequence[int]) -> str:
    if _OPEN in codes:
        return "open"
    if _PAUSED in codes:
        return "paused"
    return "closed" if _CLOSED in codes else "vacant"


def premises_states(results: Results, month: int | str, seed: int | None = None) -> pd.DataFrame:
    """Each premises in ``month``: its floor area (m²), group, state ('open', 'paused',
    'closed', 'vacant' — the most common over the seeds, or ``seed``'s), ``share`` of the runs in
    that state, the ``unit`` there (its name; '' when vacant, the unit still to open when vacant
    with a unit planned there) and ``events`` {type: events per run that hit a unit there that
    month}."""
    m = month_index(results, month)
    runs = [r for r in results.runs if seed is None or r.seed == seed]
    if not runs:
        raise ValueError(f"no run with seed {seed} (the seeds are {results.seeds})")
    sc = results.scenario
    group = {u.premises: u.operator for u in sc.units.values()}
    states: dict[str, list[tuple[str, str]]] = {p: [] for p in sc.premises}
    events: dict[str, Counter] = {p: Counter() for p in sc.premises}
    for r in runs:
        here: dict[str, list[int]] = {}
        for j, u in enumerate(r.units):
            here.setdefault(u["premises"], []).append(j)
            group.setdefault(u["premises"], u["operator"])
        for p in states:
            cols = here.get(p, [])
            state = _state([int(r.status[m, j]) for j in cols])
            unit = next((r.units[j]["name"] for j in cols if _state([int(r.status[m, j])]) == state), "")
            states[p].append((state, unit))
        for e in r.events[_in_month(r, m) & (r.events["unit"] >= 0)]:
            events.setdefault(r.units[int(e["unit"])]["premises"], Counter())[r.event_types[int(e["type"])]] += 1
    rows = []
    for p, spec in sc.premises.items():
        (state, count), = Counter(s for s, _ in states[p]).most_common(1)
        unit = Counter(u for s, u in states[p] if s == state).most_common(1)[0][0]
        rows.append({"premises": p, "area_m2": spec.area_m2, "group": group.get(p, "commercial"), "state": state,
                     "share": count / len(runs), "unit": unit,
                     "events": {k: v / len(runs) for k, v in events.get(p, Counter()).items()}})
    return pd.DataFrame(rows)


def squarify(sizes: Sequence[float], x: float, y: float, w: float, h: float) -> list[tuple[float, float, float, float]]:
    """Rectangles (x, y, width, height) tiling the rectangle given, one per size (largest first
    gives the squarest blocks), each with an area proportional to its size."""
    total = float(sum(sizes))
    items = [s * w * h / total for s in sizes] if total > 0 else [w * h / max(len(sizes), 1)] * len(sizes)
    out: list[tuple[float, float, float, float]] = []

    def worst(row: list[float], side: float) -> float:
        s = sum(row)
        return max(max(side * side * a / (s * s), s * s / (side * side * a)) for a in row)

    while items:
        side = min(w, h)
        row = [items[0]]
        while len(row) < len(items) and worst([*row, items[len(row)]], side) <= worst(row, side):
            row.append(items[len(row)])
        s = sum(row)
        if w >= h:  # a column along the left
            cw = s / h
            yy = y
            for a in row:
                out.append((x, yy, cw, a / cw))
                yy += a / cw
            x, w = x + cw, w - cw
        else:  # a row along the bottom
            rh = s / w
            xx = x
            for a in row:
                out.append((xx, y, a / rh, rh))
                xx += a / rh
            y, h = y + rh, h - rh
        items = items[len(row):]
    return out


def plan_layout(states: pd.DataFrame, width: float = 16.0, height: float = 9.0) -> pd.DataFrame:
    """``states`` with a block (x, y, w, h) for each premises: the groups squarified over the
    plan, the premises inside their group's block (a strip left for the group's heading)."""
    groups = [g for g in GROUPS if (states["group"] == g).any()]
    groups += sorted(set(states["group"]) - set(groups))
    areas = [states.loc[states["group"] == g, "area_m2"].sum() for g in groups]
    boxes = squarify(areas, 0, 0, width, height)
    out = []
    for g, (gx, gy, gw, gh) in zip(groups, boxes):
        part = states[states["group"] == g].sort_values("area_m2", ascending=False)
        head = min(0.75, 0.25 * gh)  # two lines of heading
        cells = squarify(list(part["area_m2"]), gx + 0.08, gy + 0.08, gw - 0.16, gh - 0.16 - head)
        for (_index, row), (x, y, w, h) in zip(part.iterrows(), cells):
            out.append({**row.to_dict(), "x": x, "y": y, "w": w, "h": h, "group_box": (gx, gy, gw, gh)})
    return pd.DataFrame(out)


@plotting
def plot_plan(results: Results, month: int | str = -1, lang: str = "en", seed: int | None = None) -> PlotFigure:
    """The plan of the centre in ``month`` (an index, -1 = the last, or 'YYYY-MM'): premises as
    blocks sized by m², coloured open / paused / closed / vacant, events marked on the unit they
    hit (see :func:`premises_states`)."""
    m = month_index(results, month)
    states = premises_states(results, m, seed)
    width, height = 16.0, 9.0
    blocks = plan_layout(states, width, height)
    runs = 1 if seed is not None else len(results.runs)
    if seed is None:
        caption = _("Each block is a premises, its size its floor area. Colour: its most common state in {runs}; the "
                    "markers count the unrest events per run that hit a unit there this month.", lang,
                    runs=ngettext("{n} run", "{n} runs", runs, lang))
    else:
        caption = _("Each block is a premises, its size its floor area, coloured by its state in run {seed}; the "
                    "markers count the unrest events that hit a unit there this month.", lang, seed=seed)
    fig, ax = new_figure(15, 7.4, caption)
    labels = unit_labels(results)
    types = list(results.runs[0].event_types)
    inch = 11.0 / width  # inches per unit of the plan (the axes are about 11 in wide)
    for g, box in dict(zip(blocks["group"], blocks["group_box"])).items():
        gx, gy, gw, gh = box
        ax.add_patch(Rectangle((gx, gy), gw, gh, fill=False, lw=2.5, ec=BLACK, gid=f"group:{g}"))
        ax.text(gx + 0.1, gy + gh - 0.06, wrap(display(GROUP_NAMES, g, lang), _chars(gw - 0.2, inch, 11)), ha="left",
                va="top", fontsize=11, fontweight="bold", linespacing=1.0)
    for b in blocks.itertuples():
        ax.add_patch(Rectangle((b.x, b.y), b.w, b.h, fc=STATUS_COLOURS[b.state], ec="white", lw=2,
                               gid=f"premises:{b.premises}"))
        size = float(np.clip(min(b.w, b.h) * inch * 9, 7.5, 12))
        lines = [labels.get(b.unit, b.unit) if b.unit else _("Vacant premises", lang), f"{number(b.area_m2, lang)} m²"]
        # a vacant premises with a unit is one where the unit is still to open (or to enter)
        state = display(STATES, "planned" if b.state == "vacant" and b.unit else b.state, lang)
        if b.share < 1:
            share = number(round(b.share * runs), lang)
            state += " " + ngettext("in {share} of {n} run", "in {share} of {n} runs", runs, lang, share=share)
        if b.state != "vacant" or b.unit or b.share < 1:
            lines.append(state)
        chars = _chars(b.w - 0.5, inch, size)
        ax.text(b.x + 0.08, b.y + b.h - 0.08, "\n".join(wrap(line, chars) for line in lines), ha="left", va="top",
                fontsize=size, clip_on=True, linespacing=1.1)
        for k, (kind, count) in enumerate(sorted(b.events.items(), key=lambda kv: types.index(kv[0]))):
            px, py = b.x + b.w - 0.22, b.y + 0.22 + 0.32 * k
            ax.plot([px], [py], marker=MARKERS[types.index(kind) % len(MARKERS)], color=BLACK, ms=9,
                    gid=f"event:{b.premises}:{kind}")
            ax.text(px - 0.14, py, number(count, lang, decimals=0 if count == int(count) else 1), ha="right",
                    va="center", fontsize=9)
    ax.set_xlim(-0.05, width + 0.05)
    ax.set_ylim(-0.05, height + 0.05)
    ax.set_aspect("equal")
    ax.axis("off")
    handles: list[Artist] = [Patch(fc=STATUS_COLOURS[s], ec="white", label=display(STATES, s, lang))
                             for s in STATUS_COLOURS]
    handles += [Line2D([], [], ls="", marker=MARKERS[i % len(MARKERS)], color=BLACK, label=event_label(t, lang))
                for i, t in enumerate(types)]
    elsewhere = _events_elsewhere(results, m, seed)
    if elsewhere:
        words = ngettext("{n} event per run elsewhere in the area", "{n} events per run elsewhere in the area",
                         elsewhere, lang, n=number(elsewhere, lang, decimals=0 if elsewhere == int(elsewhere) else 1))
        handles.append(Line2D([], [], ls="", label=wrap(words, 26)))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), title=_("Premises and events", lang))
    ax.set_title(_("Plan of the centre", lang) + f" — {month_label(results.runs[0].month_labels[m], lang)}")
    return fig


def _chars(width: float, inch: float, size: float) -> int:
    """How many characters of a ``size``-point font fit across ``width`` units of the plan."""
    return max(6, int(width * inch * 72 / (0.6 * size)))


def _events_elsewhere(results: Results, m: int, seed: int | None) -> float:
    """Events per run in month ``m`` that hit no unit (a car fire in the car park, say)."""
    runs = [r for r in results.runs if seed is None or r.seed == seed]
    return sum(int((_in_month(r, m) & (r.events["unit"] < 0)).sum()) for r in runs) / len(runs)


def _in_month(r, m: int) -> np.ndarray:
    """Which of a run's events happened in its month ``m`` (displaced ones, outside the area, not)."""
    day0 = np.datetime64(r.start_date, "D")
    month = (day0 + r.events["day"].astype("timedelta64[D]")).astype("datetime64[M]").astype(str)
    return (month == r.month_labels[m]) & ~r.events["displaced"]
