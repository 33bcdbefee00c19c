"""Pattern-oriented validation, with the history figure: a thin front end to
``centrumsim patterns`` (the history file histories/klockaretorpet.toml holds the
scenarios, the patterns, their criteria and the seed blocks).

    python experiments/patterns.py [--seeds 50] [--first-seed 1000] [--workers 2] [--out runs/patterns] [-q]

Prints the table, writes it and a figure of the KLOCKET history to the output folder, and exits
with status 1 when a pattern fails. By default it reports the history file's held-out block.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from centrumsim.present.progress import ProgressBar, progress_enabled  # noqa: E402
from centrumsim.present.study_text import format_patterns  # noqa: E402
from centrumsim.validation import judge, load_history, run_history  # noqa: E402

HISTORY = ROOT / "histories" / "klockaretorpet.toml"


def figure(results, out: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(3, 1, figsize=(9, 9), sharex=True)
    res = results["klocket"]
    x = np.array([np.datetime64(m, "M") for m in res.runs[0].month_labels]).astype("datetime64[D]")
    for ax, key, label in zip(axes, ("events", "vacancy_rate", "safety_index"),
                              ("Unrest events per month", "Vacancy rate", "Safety index")):
        data = np.array([r.monthly[key] for r in res.runs])
        lo, med, hi = np.percentile(data, [5, 50, 95], axis=0)
        ax.fill_between(x, lo, hi, alpha=0.25)
        ax.plot(x, med, lw=2)
        ax.set_ylabel(label)
    for date, text in (("2014-09-01", "Idrottens Hus"), ("2017-01-01", "EST"), ("2019-09-19", "Kunskapens Hus")):
        for ax in axes:
            ax.axvline(np.datetime64(date), color="gray", ls=":", lw=1)
        axes[0].annotate(text, (np.datetime64(date), 0.97), xycoords=("data", "axes fraction"), fontsize=8,
                         rotation=90, va="top", ha="right")
    axes[0].set_title("KLOCKET 2013–2022: median and 5–95% band over seeds")
    fig.tight_layout()
    path = out / "klocket_history.png"
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--history", default=str(HISTORY))
    ap.add_argument("--seeds", type=int, default=None)
    ap.add_argument("--first-seed", type=int, default=None, help="default: the history file's held-out block")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", default=str(ROOT / "runs" / "patterns"))
    ap.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    args = ap.parse_args()
    history = load_history(args.history)
    block = history.seeds.block("held_out")
    first = block.start if args.first_seed is None else args.first_seed
    seeds = range(first, first + (args.seeds or len(block)))
    with ProgressBar(len(history.scenarios) * len(seeds), "patterns", enabled=progress_enabled(args.quiet)) as bar:
        results = run_history(history, seeds, args.workers, bar)
    rows = judge(history, results)
    text = format_patterns(history, rows, seeds)
    print(text)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "patterns.txt").write_text(text + "\n", encoding="utf-8")
    print(f"figure: {figure(results, out)}")
    return 0 if all(r.passed for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
