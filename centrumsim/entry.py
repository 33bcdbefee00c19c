"""The ``centrumsim`` command's entry point: the command line, imported only once Ctrl-C can be
answered (the imports of the numeric and plotting libraries take a second)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Import the command line and run it; Ctrl-C during the imports exits 130 quietly."""
    try:
        from .cli import main as cli_main
    except KeyboardInterrupt:
        print("interrupted (nothing was written)", file=sys.stderr, flush=True)
        # exit at once: a library interrupted half-way through its import may not shut down
        # cleanly (the interpreter then reports death by SIGINT instead of our status)
        os._exit(130)
    return cli_main(argv)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
