"""``python -m centrumsim`` — the same as the ``centrumsim`` command."""

import sys

from .cli import main

sys.exit(main())
