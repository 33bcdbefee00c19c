"""The commands that read a sweep's run store: ``export``, ``sensitivity`` and ``discover``."""

from __future__ import annotations

import argparse


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """The options of ``export``, ``sensitivity`` and ``discover``."""


COMMANDS: dict = {}
