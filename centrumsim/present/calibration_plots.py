"""The pairs plot of a history-matching wave: every pair of parameters, the points kept (not
implausible) and those ruled out, and the scenario defaults."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from matplotlib.figure import Figure

from .language import _, capital, check_lang
from .parameters import parameter_label

if TYPE_CHECKING:  # pragma: no cover
    from ..scenario import Scenario


def plot_pairs(table, names: Sequence[str], defaults: Mapping[str, float], lang: str = "en",
               scenario: Scenario | None = None) -> Figure:
    """A grid of scatter plots, one per pair of parameters (a histogram on the diagonal), of
    one wave's points: kept in blue, ruled out in grey; the defaults as a red cross; words in
    ``lang`` (parameters by their labels, :func:`.parameters.parameter_label`; the units' display
    names from ``scenario`` when given)."""
    check_lang(lang)
    label = {name: capital(parameter_label(name, scenario, lang)) for name in names}
    k = len(names)
    fig = Figure(figsize=(2.6 * max(k, 2), 2.6 * max(k, 2)))
    kept = table[table["kept"]]
    out = table[~table["kept"]]
    for i, yi in enumerate(names):
        for j, xj in enumerate(names):
            ax = fig.add_subplot(k, k, i * k + j + 1)
            if i == j:
                ax.hist([kept[xj], out[xj]], bins=8, stacked=True, color=["tab:blue", "0.75"])
                ax.axvline(defaults.get(xj, float("nan")), color="tab:red", lw=1.5)
            else:
                ax.scatter(out[xj], out[yi], s=14, color="0.75", label=_("ruled out (I > cut-off)", lang))
                ax.scatter(kept[xj], kept[yi], s=18, color="tab:blue", label=_("kept (not implausible)", lang))
                ax.plot([defaults.get(xj, float("nan"))], [defaults.get(yi, float("nan"))], "x", color="tab:red",
                        ms=9, mew=2, label=_("default", lang))
            if i == k - 1:
                ax.set_xlabel(label[xj], fontsize=8)
            if j == 0:
                ax.set_ylabel(label[yi], fontsize=8)
            ax.tick_params(labelsize=7)
    handles, labels = fig.axes[1].get_legend_handles_labels() if k > 1 else ([], [])
    if handles:
        fig.legend(handles, labels, loc="upper center", ncol=3, fontsize=9, bbox_to_anchor=(0.5, 0.975))
    wave = int(table["wave"].iloc[0]) if "wave" in table and len(table) else 0
    fig.suptitle(_("History matching, wave {wave}: {kept} of {points} points not implausible", lang, wave=wave,
                   kept=len(kept), points=len(table)), y=0.998)
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    return fig
