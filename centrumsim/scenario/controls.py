"""Control characters: refused in what files give, escaped in what is shown.

A name or label with a control character in it (a newline, ``ESC ]0;…`` that sets a terminal's
title, a bidirectional override that reverses what follows) can forge an error line or take over
a terminal when it is printed. So every key and text value a TOML file gives (scenario, sweep,
history, parameters) and every override is checked (:func:`control_problems`), and every line
a command prints passes :func:`visible`, which writes such characters as escapes (``\\x1b``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .schema import Problem

CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
"""C0 and C1 controls, DEL, the bidirectional marks, embeddings, overrides and isolates, and
the Unicode line and paragraph separators."""

FREE_TEXT = frozenset({"description"})
"""Keys whose text may run over several lines (newlines and tabs allowed): shown only on the page."""
_LAYOUT = frozenset("\n\t")


def visible(text: str, keep_newlines: bool = False) -> str:
    """``text`` with every control character written as its escape (``\\x1b``, ``\\n``,
    ``\\u202e``); with ``keep_newlines``, newlines stay (text of several lines)."""
    def escape(m: re.Match[str]) -> str:
        c = m.group(0)
        if keep_newlines and c == "\n":
            return c
        return repr(c)[1:-1]

    return CONTROL.sub(escape, text)


def first_control(text: str, allowed: frozenset[str] = frozenset()) -> str | None:
    """The first control character in ``text`` that is not ``allowed``, or None."""
    return next((c for c in CONTROL.findall(text) if c not in allowed), None)


def control_problems(data: Any, path: str = "") -> list[Problem]:
    """A problem for every key and text value in ``data`` (tables and lists, as read from TOML;
    or overrides, dotted key → value) that holds a control character: one line each, the
    character and the text escaped."""
    out: list[Problem] = []
    stack: list[tuple[Any, str, str]] = [(data, path, "")]
    while stack:
        node, where, key = stack.pop()
        if isinstance(node, Mapping):
            for k, v in node.items():
                bad = first_control(str(k))
                if bad is not None:
                    out.append(Problem(where, f"the key {_shown(str(k))} holds a control character ({_shown(bad)}); "
                                              "a key is text of one line without them"))
                    continue
                stack.append((v, f"{where}.{k}" if where else str(k), str(k)))
        elif isinstance(node, (list, tuple)):
            stack.extend((v, f"{where}[{i}]", key) for i, v in enumerate(node))
        elif isinstance(node, str):
            bad = first_control(node, _LAYOUT if key.rpartition(".")[2] in FREE_TEXT else frozenset())
            if bad is not None:
                out.append(Problem(where, f"holds a control character ({_shown(bad)}) in {_shown(node)}; "
                                          "a name, a label or any other text is one line without them"))
    return sorted(out, key=lambda p: p.path)


def _shown(text: str, keep: int = 40) -> str:
    """``text`` quoted with its control characters escaped, shortened."""
    shown = repr(text if len(text) <= keep else text[:keep] + "…")
    return visible(shown)
