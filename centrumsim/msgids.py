"""Marking English message ids where they are declared.

A word a reader sees is an English message id (msgid) that the translation catalogue
(``centrumsim/locale/<lang>/LC_MESSAGES/centrumsim.po``) translates. Where a msgid is looked up
at once, the code calls :func:`centrumsim.present.language._`; where it is *declared* now and
looked up later — in a table of display names, in the outcome registry — it is wrapped in
:func:`N_`, which returns it unchanged and marks it for extraction (``pybabel extract`` and the
catalogue test look for ``_``, ``N_``, ``ngettext``, ``pgettext`` and ``npgettext``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

__all__ = ["N_", "extract_toml_labels"]


def N_(message: str) -> str:
    """``message`` unchanged: an English msgid marked for the catalogue, translated where it is
    shown (:func:`centrumsim.present.language._`)."""
    return message


def extract_toml_labels(fileobj: Any, keywords: Any, comment_tags: Any,
                        options: Any) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel extractor (``babel.cfg``): each ``label = "…"`` line of a TOML data file is a msgid
    (the labels of ``scenario/data/assumptions.toml``, shown to readers)."""
    for lineno, line in enumerate(fileobj.read().decode("utf-8").splitlines(), 1):
        match = _LABEL.match(line)
        if match:
            yield lineno, "N_", match.group(1), []


_LABEL = re.compile(r'^label\s*=\s*"([^"]+)"\s*$')
