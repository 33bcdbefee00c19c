"""Marking English message ids where they are declared.

A word a reader sees is an English message id (msgid) that the translation catalogue
(``centrumsim/locale/<lang>/LC_MESSAGES/centrumsim.po``) translates. Where a msgid is looked up
at once, the code calls :func:`centrumsim.present.language._`; where it is *declared* now and
looked up later — in a table of display names, in the outcome registry — it is wrapped in
:func:`N_`, which returns it unchanged and marks it for extraction (``pybabel extract`` and the
catalogue test look for ``_``, ``N_``, ``ngettext``, ``pgettext`` and ``npgettext``).
"""

from __future__ import annotations

__all__ = ["N_"]


def N_(message: str) -> str:
    """``message`` unchanged: an English msgid marked for the catalogue, translated where it is
    shown (:func:`centrumsim.present.language._`)."""
    return message
