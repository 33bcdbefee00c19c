"""``python -m centrumsim`` — the same as the ``centrumsim`` command."""

import sys

from .entry import main

sys.exit(main())
