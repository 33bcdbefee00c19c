"""Results plot inline in a notebook (``res.plot.cash()``) without pyplot: no figure left open,
the user's backend unchanged, and IPython shows the figure as a PNG."""

from __future__ import annotations

import subprocess
import sys

from .conftest import MAIN

NOTEBOOK = """
import sys
import matplotlib
import matplotlib.pyplot as plt
backend = matplotlib.get_backend()
import centrumsim
from matplotlib.figure import Figure
res = centrumsim.run(centrumsim.load_scenario(sys.argv[1]), seeds=1, years=1, fixed=True)
figures = [res.plot.cash(), res.plot("sv").plan("2022-06"), res.plot.series("safety_index"), *res.plot.all().values()]
assert all(isinstance(f, Figure) for f in figures)
assert all(f._repr_png_().startswith(b"\\x89PNG") for f in figures[:3])
assert plt.get_fignums() == [], plt.get_fignums()
assert matplotlib.get_backend() == backend, (backend, matplotlib.get_backend())
try:
    from IPython.core.formatters import DisplayFormatter
except ImportError:
    print("shown")
else:
    data, _ = DisplayFormatter().format(figures[0])
    print("shown" if "image/png" in data else sorted(data))
"""


def test_results_plot_inline_without_touching_the_backend():
    proc = subprocess.run([sys.executable, "-c", NOTEBOOK, str(MAIN)], capture_output=True, text=True,
                          env={"PATH": "", "MPLBACKEND": "svg"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "shown"
