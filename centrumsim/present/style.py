"""The one plot style: large labels, units on the axes, a colour-blind-safe palette (Okabe & Ito
2008), a caption in plain words under every figure, numbers and dates in the reader's language.

Figures are :class:`PlotFigure` — a :class:`matplotlib.figure.Figure` built with the object API,
never through pyplot — so plotting neither needs nor switches a backend, and a figure shows
itself in a notebook (IPython calls :meth:`PlotFigure._repr_png_`). :func:`figure_png` renders
any figure to PNG bytes with the run identity in its metadata.
"""

from __future__ import annotations

import functools
import io
import json
import textwrap
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import numpy as np
from cycler import cycler
from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .. import outcomes
from .language import _, check_lang, currency, number, percent
from .names import month_name

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

# Okabe & Ito's palette, safe for the common colour-vision deficiencies
BLACK, ORANGE, SKY, GREEN, YELLOW, BLUE, RED, PURPLE = (
    "#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
GREY = "#999999"
LIGHT = "#DDDDDD"
PALETTE: tuple[str, ...] = (BLUE, ORANGE, GREEN, RED, SKY, PURPLE, YELLOW, BLACK)
"""Colours in the order series take them."""
SURPLUS, DEFICIT = BLUE, RED
"""Money: above zero and below it."""
STATUS_COLOURS = {"open": GREEN, "paused": YELLOW, "closed": RED, "vacant": LIGHT}
"""The plan's premises: open, paused, closed (a unit closed there) and vacant."""
DPI = 110

STYLE: dict[RcKeyType, Any] = {
    "font.size": 12, "axes.titlesize": 14, "axes.titleweight": "bold", "axes.labelsize": 13,
    "xtick.labelsize": 11, "ytick.labelsize": 11, "legend.fontsize": 11, "legend.frameon": False,
    "figure.titlesize": 16, "figure.titleweight": "bold",
    "axes.spines.top": False, "axes.spines.right": False, "axes.grid": True, "grid.alpha": 0.3,
    "grid.linewidth": 0.6, "axes.axisbelow": True, "axes.prop_cycle": cycler(color=PALETTE),
    "lines.linewidth": 2.2, "patch.linewidth": 0.5,
    "text.parse_math": False,  # a "$" in a unit's name is a dollar sign, not mathematics
    "savefig.dpi": DPI, "figure.dpi": DPI,
}
"""matplotlib settings every plot is built and rendered with (never set process-wide)."""

CAPTION_SIZE = 11.0  # points
_CHAR_WIDTH_IN = 0.56 * CAPTION_SIZE / 72  # an average character's width, inches


class PlotFigure(Figure):
    """A matplotlib Figure that shows itself in a notebook: IPython calls :meth:`_repr_png_`
    (no pyplot, no backend: the user's backend and pyplot's figures are left alone)."""

    def _repr_png_(self) -> bytes:
        return figure_png(self)


P = ParamSpec("P")
R = TypeVar("R")


def plotting(fn: Callable[P, R]) -> Callable[P, R]:
    """Build a plot in the style: the language checked, :data:`STYLE` applied while it is built."""
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        check_lang(kwargs.get("lang", "en"))
        with rc_context(STYLE):
            return fn(*args, **kwargs)
    return wrapper


def new_figure(width: float, height: float, caption: str = "", **subplots: Any) -> tuple[PlotFigure, Any]:
    """A figure ``width`` × ``height`` inches with constrained layout, its axes (``subplots``
    are :meth:`Figure.subplots`'s arguments; none: one axes) and ``caption`` in plain words
    along the bottom."""
    fig = PlotFigure(figsize=(width, height))
    lines = _caption_lines(caption, width)
    bottom = (len(lines) * CAPTION_SIZE * 1.35 / 72 + 0.2) / height if lines else 0.0
    fig.set_layout_engine(ConstrainedLayoutEngine(rect=(0, bottom, 1, 1 - bottom), h_pad=0.06, w_pad=0.06))
    if lines:
        fig.text(0.012, bottom / 2, "\n".join(lines), ha="left", va="center", fontsize=CAPTION_SIZE,
                 color="#333333", gid="caption")
    axes = fig.subplots(**subplots) if subplots else fig.subplots()
    return fig, axes


def _caption_lines(caption: str, width: float) -> list[str]:
    if not caption:
        return []
    chars = max(20, int((width - 0.3) / _CHAR_WIDTH_IN))
    return textwrap.wrap(caption, chars)


def for_screen(fig: Figure, width_px: int, height_px: int, min_text_px: float = 16.0) -> str:
    """Make ``fig`` a figure for a screen seen from the back of a room, in place: ``width_px`` ×
    ``height_px`` pixels as :func:`figure_png` renders it (shown at that size, no text is smaller
    than ``min_text_px`` pixels), its caption taken off (returned, for the page to show as text
    that wraps to the window). The plot itself is kept: a denser one is better split first (the
    page shows the who-carries-whom chart's two panels one at a time)."""
    caption = take_caption(fig)
    fig.set_layout_engine(ConstrainedLayoutEngine(h_pad=0.06, w_pad=0.06))
    fig.set_size_inches(width_px / DPI, height_px / DPI)
    floor = min_text_px * 72 / DPI  # points
    for text in fig.findobj(Text):
        if text.get_text():
            text.set_fontsize(max(float(text.get_fontsize()), floor))
    return caption


def take_caption(fig: Figure) -> str:
    """Take the caption off ``fig`` (the figure then shows none) and return it."""
    caption = caption_of(fig)
    for text in [t for t in fig.texts if t.get_gid() == "caption"]:
        text.remove()
    return caption


def caption_of(fig: Figure) -> str:
    """The caption written under a figure ('' if none)."""
    return " ".join(t.get_text().replace("\n", " ") for t in fig.texts if t.get_gid() == "caption")


def figure_png(fig: Figure | Axes, metadata: dict | None = None) -> bytes:
    """A figure (or the figure of an axes) as PNG bytes, with ``metadata`` (the run identity)
    as JSON in the PNG's Description."""
    figure = fig if isinstance(fig, Figure) else fig.figure
    assert isinstance(figure, Figure), "an axes of a figure, not of a subfigure"
    with rc_context(STYLE):
        if figure.get_layout_engine() is None:
            figure.tight_layout()
        info = {"Description": json.dumps(metadata, ensure_ascii=False)} if metadata else None
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI, metadata=info)
    return buffer.getvalue()


# ---------------------------------------------------------------------------- axes
def number_axis(ax: Axes, axis: str, lang: str, kind: str = "number", decimals: int | None = None) -> None:
    """Tick labels in the language: ``kind`` 'money' (whole kronor, grouped), 'percent' (a
    share 0–1 as %), 'number' (grouped, decimal comma in Swedish)."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(MaxNLocator(nbins=6 if axis == "y" else 5, steps=[1, 2, 2.5, 5, 10]))
    if kind == "money":
        fmt = lambda v, _pos: _money_tick(v, lang, target)  # noqa: E731
    elif kind == "percent":
        fmt = lambda v, _pos: percent(v, lang, decimals=decimals or 0)  # noqa: E731
    else:
        fmt = lambda v, _pos: _tick(v, lang, target, decimals)  # noqa: E731
    target.set_major_formatter(FuncFormatter(fmt))


def axis_kind(fmt: str) -> str:
    """How an axis of an outcome's numbers is written (:func:`number_axis`), from its number
    format in the registry (:data:`centrumsim.outcomes.FORMATS`): money, percent or number."""
    return {outcomes.MONEY: "money", outcomes.SHARE: "percent"}.get(fmt, "number")


def _money_tick(value: float, lang: str, axis: Any) -> str:
    """Whole kronor; in millions ('1,5 milj.' / '1.5M') once the axis reaches a million, and on
    a horizontal axis in thousands ('600 tkr' / '600k') from a hundred thousand (wide labels
    would run into each other); ticks less than a krona apart with the decimals that tell them
    apart (never '0', '0', '0')."""
    top = max(abs(v) for v in axis.get_view_interval())
    scale = 1e6 if top >= 1e6 else 1e3 if top >= 1e5 and axis.axis_name == "x" else 1
    if value == 0:
        return number(value, lang, decimals=0)
    if scale == 1:
        ticks = [t for t in axis.get_majorticklocs() if np.isfinite(t)]
        step = min((abs(b - a) for a, b in pairwise(ticks) if b != a), default=1.0)
        return number(value, lang, decimals=0) if step >= 1 else _tick(value, lang, axis, None)
    ticks = axis.get_majorticklocs()
    digits = 0 if all(abs(t) % scale < 1 for t in ticks) else 1
    scaled = number(value / scale, lang, decimals=digits)
    # TRANSLATORS: kronor in millions and in thousands on an axis (Swedish: "1,5 milj.", "600 tkr")
    return _("{value}M", lang, value=scaled) if scale == 1e6 else _("{value}k", lang, value=scaled)


def _tick(value: float, lang: str, axis: Any, decimals: int | None) -> str:
    if decimals is None:
        ticks = [t for t in axis.get_majorticklocs() if np.isfinite(t)]
        step = min((abs(b - a) for a, b in pairwise(ticks) if b != a), default=1.0)
        decimals = next((d for d in range(7) if abs(round(step, d) - step) <= 1e-9 * step), 6) if step > 0 else 0
    return number(value, lang, decimals=decimals)


def money_label(what: str, lang: str, per: str = "") -> str:
    """An axis label with its unit: 'Cash (SEK)', 'Bidrag (kr per år)'."""
    unit = currency(lang) + (f" {per}" if per else "")
    return _("{label} ({unit})", lang, label=what, unit=unit)


def date_axis(ax: Axes, lang: str) -> None:
    """Dates on the x axis as the language writes them: a year at January, a short month name
    otherwise (no locale needed)."""
    from matplotlib.dates import AutoDateLocator, num2date

    locator = AutoDateLocator(minticks=3, maxticks=9)
    ax.xaxis.set_major_locator(locator)

    def fmt(value: float, _pos: Any) -> str:
        d = num2date(value)
        return str(d.year) if d.month == 1 else month_name(d.month, lang)
    ax.xaxis.set_major_formatter(FuncFormatter(fmt))


def month_dates(labels: Sequence[str]) -> np.ndarray:
    """Month labels 'YYYY-MM' as the first day of each month (datetime64[D]) for an x axis."""
    return np.array([np.datetime64(m, "M") for m in labels]).astype("datetime64[D]")


def band(ax: Axes, x: Any, values: np.ndarray, colour: str, label: str, band_label: str,
         axis: int = 1) -> np.ndarray:
    """The median line and the 5–95 % band of ``values`` over seeds (``axis``); returns the
    median."""
    lo, med, hi = np.percentile(np.asarray(values, dtype=float), [5, 50, 95], axis=axis)
    ax.fill_between(x, lo, hi, color=colour, alpha=0.22, lw=0, label=band_label)
    ax.plot(x, med, color=colour, label=label)
    return med


def note(ax: Axes, words: str, where: str = "upper left") -> None:
    """A short note inside an axes (e.g. what was left out)."""
    x, ha = (0.01, "left") if "left" in where else (0.99, "right")
    y, va = (0.98, "top") if "upper" in where else (0.02, "bottom")
    ax.text(x, y, words, transform=ax.transAxes, ha=ha, va=va, fontsize=10, color="#444444")


def wrap(label: str, width: int = 22) -> str:
    """A long label on several lines (tick labels that would run into each other)."""
    return "\n".join(textwrap.wrap(label, width, break_long_words=False, break_on_hyphens=False)) or label
