"""The package version, part of every run's identity."""

__version__ = "0.2.0"
