"""The durable run store of a sweep: ``DIR/runs.sqlite`` (SQLite in WAL mode).

One row per (point, replicate), committed as each run finishes, with its identity (scenario
hash, overrides, seed, package version), status (``done`` / ``failed``), outcomes, the error
text of a failure and, when asked, its monthly series. A killed sweep loses at most the runs in
flight: every committed row survives, and the primary key makes a second record of a run
impossible. The ``meta`` table holds the sweep's identity and its design, so that a folder is
resumed only with the sweep that made it. Only the sweep's parent process writes; readers
(``export``, ``sensitivity``) may read while it runs.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path
from typing import Any, Iterator, Mapping

import numpy as np
import pandas as pd

try:  # POSIX: an advisory lock the kernel releases when the process dies
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

from ..results import OutputError

STORE = "runs.sqlite"
LOCK = ".sweep.lock"
SCHEMA_VERSION = 1

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS points (point INTEGER PRIMARY KEY, overrides TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    point INTEGER NOT NULL REFERENCES points(point),
    replicate INTEGER NOT NULL,
    seed INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('done', 'failed')),
    outcomes TEXT NOT NULL,
    error TEXT,
    scenario_sha256 TEXT NOT NULL,
    version TEXT NOT NULL,
    seconds REAL NOT NULL,
    finished_at TEXT NOT NULL,
    PRIMARY KEY (point, replicate)
);
CREATE TABLE IF NOT EXISTS series (
    point INTEGER NOT NULL,
    replicate INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (point, replicate)
);
"""


class RunStore:
    """A sweep's run store. ``RunStore.create`` for a new sweep, ``RunStore.open`` to resume or
    read one. Use as a context manager (the write lock is released on exit)."""

    def __init__(self, folder: Path, conn: sqlite3.Connection, lock_fd: int | None):
        self.folder = folder
        self.conn = conn
        self._lock_fd = lock_fd

    # ------------------------------------------------------------------ opening
    @classmethod
    def create(cls, folder: str | Path, meta: Mapping[str, Any], points: np.ndarray,
               overrides: list[dict[str, Any]]) -> "RunStore":
        """A new store in ``folder`` (created; it must not hold a store already)."""
        folder = Path(folder)
        if folder.exists() and not folder.is_dir():
            raise OutputError([f"--out: '{folder}' is a file, not a folder"])
        if (folder / STORE).exists():
            raise OutputError([f"--out: '{folder}' holds a sweep already; add --resume to continue it, "
                               "or choose another folder"])
        try:
            folder.mkdir(parents=True, exist_ok=True)
            lock = _lock(folder)
        except OSError as exc:
            raise OutputError([f"--out: cannot write '{folder}' ({exc.strerror or exc})"]) from None
        conn = _connect(folder / STORE)
        with conn:
            conn.executescript(_TABLES)
            conn.executemany("INSERT INTO meta VALUES (?, ?)",
                             [(k, json.dumps(v, sort_keys=True)) for k, v in
                              {**meta, "schema_version": SCHEMA_VERSION, "points": len(overrides)}.items()])
            conn.executemany("INSERT INTO points VALUES (?, ?)",
                             [(i, json.dumps(o, sort_keys=True)) for i, o in enumerate(overrides)])
        return cls(folder, conn, lock)

    @classmethod
    def open(cls, folder: str | Path, write: bool = False) -> "RunStore":
        """An existing store; ``write`` takes the lock (one writer at a time)."""
        folder = Path(folder)
        path = folder / STORE
        if not path.is_file():
            raise OutputError([f"{folder}: no sweep here (no {STORE}); run `centrumsim sweep` first"])
        lock = _lock(folder) if write else None
        try:
            conn = _connect(path, read_only=not write)
            version = json.loads(conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0])
        except (sqlite3.DatabaseError, TypeError) as exc:
            _unlock(lock)
            raise OutputError([f"{path}: not a centrumsim run store ({exc})"]) from None
        if version != SCHEMA_VERSION:
            _unlock(lock)
            raise OutputError([f"{path}: written by another version of the store (schema {version})"])
        return cls(folder, conn, lock)

    def close(self) -> None:
        self.conn.close()
        _unlock(self._lock_fd)
        self._lock_fd = None

    def __enter__(self) -> "RunStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # ------------------------------------------------------------------ contents
    def meta(self) -> dict[str, Any]:
        """The sweep's identity and design, as stored."""
        return {k: json.loads(v) for k, v in self.conn.execute("SELECT key, value FROM meta")}

    def point_overrides(self) -> dict[int, dict[str, Any]]:
        return {p: json.loads(o) for p, o in self.conn.execute("SELECT point, overrides FROM points")}

    def recorded(self) -> set[tuple[int, int]]:
        """The (point, replicate) pairs that have a row (done or failed)."""
        return set(self.conn.execute("SELECT point, replicate FROM runs"))

    def counts(self) -> dict[str, int]:
        return dict(self.conn.execute("SELECT status, COUNT(*) FROM runs GROUP BY status"))

    def record(self, row: Mapping[str, Any], seed: int, version: str) -> None:
        """Commit one finished run (and its series) in one transaction."""
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        with self.conn:
            self.conn.execute(
                "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (row["point"], row["replicate"], seed, row["status"], json.dumps(row["outcomes"]), row["error"],
                 row["scenario_sha256"], version, float(row["seconds"]), now))
            if row.get("series"):
                self.conn.execute("INSERT INTO series VALUES (?, ?, ?)",
                                  (row["point"], row["replicate"], json.dumps(row["series"])))

    def frame(self) -> pd.DataFrame:
        """One row per recorded run: point, replicate, seed, status, one column per parameter
        (its dotted key) and per outcome (its summary path), error, the run's identity."""
        meta = self.meta()
        names, keep = meta["parameters"], meta["outcomes"]
        overrides = self.point_overrides()
        rows = []
        for point, rep, seed, status, outcomes, error, sha, version, seconds in self.conn.execute(
                "SELECT point, replicate, seed, status, outcomes, error, scenario_sha256, version, seconds "
                "FROM runs ORDER BY point, replicate"):
            values = json.loads(outcomes)
            rows.append({"point": point, "replicate": rep, "seed": seed, "status": status,
                         **{n: overrides[point].get(n) for n in names},
                         **{k: _number(values.get(k)) for k in keep},
                         "error": error, "scenario_sha256": sha, "version": version, "seconds": seconds})
        columns = ["point", "replicate", "seed", "status", *names, *keep, "error", "scenario_sha256", "version",
                   "seconds"]
        frame = pd.DataFrame(rows, columns=columns)
        for col in ("point", "replicate", "seed"):
            frame[col] = frame[col].astype("int64")
        for col in keep:
            frame[col] = frame[col].astype("float64")
        return frame

    def series_frame(self) -> pd.DataFrame:
        """The kept monthly series: one row per run and month."""
        parts = []
        for point, rep, data in self.conn.execute("SELECT point, replicate, data FROM series ORDER BY point, replicate"):
            values = json.loads(data)
            part = pd.DataFrame(values)
            part.insert(0, "replicate", rep)
            part.insert(0, "point", point)
            parts.append(part)
        if not parts:
            return pd.DataFrame(columns=["point", "replicate", "month"])
        return pd.concat(parts, ignore_index=True)

    def iter_done(self, outcome: str) -> Iterator[tuple[int, int, float]]:
        """(point, replicate, value) of ``outcome`` over the runs that are done."""
        for point, rep, outcomes in self.conn.execute(
                "SELECT point, replicate, outcomes FROM runs WHERE status='done' ORDER BY point, replicate"):
            yield point, rep, _number(json.loads(outcomes).get(outcome))


def _number(value: Any) -> float:
    return float("nan") if value is None else float(value)


def _connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    if read_only:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    else:
        conn = sqlite3.connect(path, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # in WAL mode: durable at each checkpoint, never corrupt
    return conn


def _lock(folder: Path) -> int | None:
    """One writer per sweep folder: an advisory lock the kernel drops when the process dies."""
    if fcntl is None:  # pragma: no cover
        return None
    try:
        fd = os.open(folder / LOCK, os.O_CREAT | os.O_RDWR, 0o644)
    except OSError as exc:
        raise OutputError([f"--out: cannot write '{folder}' ({exc.strerror or exc})"]) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise OutputError([f"--out: another centrumsim sweep is writing to '{folder}'; wait for it to finish"]) from None
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode())
    return fd


def _unlock(fd: int | None) -> None:
    if fd is not None:
        os.close(fd)
