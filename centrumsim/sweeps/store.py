"""The durable run store of a sweep: ``DIR/runs.sqlite`` (SQLite: in WAL mode while a sweep
writes, one file in rollback-journal mode when it is done, so that readers never write beside it
and a store in a folder nobody may write can still be read).

One row per (point, replicate), committed as each run finishes, with its identity (scenario
hash, overrides, seed, package version), status (``done`` / ``failed``), outcomes, the error
text of a failure and, when asked, its monthly series. A killed sweep loses at most the runs in
flight: every committed row survives, and the primary key makes a second record of a run
impossible. The ``meta`` table holds the sweep's identity and its design, so that a folder is
resumed only with the sweep that made it. Only the sweep's parent process writes; readers
(``export``, ``sensitivity``) may read while it runs.

A store is made whole or not at all: it is built beside its place (``.runs.sqlite.partial-…``)
and renamed into it, so a command killed while making it leaves no store, and the next one
clears what it left. A store that a killed command of an earlier version left half-made (no
schema version, not every point, no run) is recognised and made anew. One folder, one store:
a store is made only in a new or empty folder (the lock file and a killed command's leftovers
aside) and :meth:`RunStore.prepare` is the one way in for a writer.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..results import OutputError
from ..results.places import TargetLock, clean_leftovers, fsync_dir, make_parents, partial_name, remove_parents

STORE = "runs.sqlite"
LEGACY_LOCK = ".sweep.lock"  # the lock file of stores made before the shared lock (results.places); ignored
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
    """A sweep's run store. :meth:`prepare` (or ``create``) for a sweep that writes, ``open`` to
    read one. Use as a context manager (the write lock is released on exit)."""

    def __init__(self, folder: Path, conn: sqlite3.Connection, lock: TargetLock | None):
        self.folder = folder
        self.conn = conn
        self._lock = lock
        self.created = False  # made by this command (see prepare)

    # ------------------------------------------------------------------ opening
    @classmethod
    def create(cls, folder: str | Path, meta: Mapping[str, Any], points: np.ndarray,
               overrides: list[dict[str, Any]]) -> RunStore:
        """A new store in ``folder`` (made when missing; new or empty, see :meth:`prepare`)."""
        return cls.prepare(folder, lambda: (meta, overrides), resume=False)

    @classmethod
    def prepare(cls, folder: str | Path, design: Callable[[], tuple[Mapping[str, Any], list[dict[str, Any]]]],
                resume: bool, option: str = "--out") -> RunStore:
        """The store in ``folder``, for writing, its lock taken first: a new one when the folder
        is new or empty (or holds a half-made store), from ``design()`` → (meta, the points'
        overrides); with ``resume`` the one there. Refused (:class:`OutputError`, one line): a
        file, a folder that holds other files, a store without ``resume``, another writer.
        ``created`` on the result says which."""
        folder = Path(folder)
        path = folder / STORE
        if folder.exists() and not folder.is_dir():
            raise OutputError([f"{option}: '{folder}' is a file, not a folder"])
        made: list[Path] = []
        lock: TargetLock | None = None
        try:
            made = make_parents(path)
            lock = _lock(folder, option)
            clean_leftovers(path)
            if path.exists() and half_made(path):
                for name in (STORE, f"{STORE}-wal", f"{STORE}-shm"):
                    (folder / name).unlink(missing_ok=True)
            if path.exists():
                if not resume:
                    raise OutputError([f"{option}: '{folder}' holds a sweep already; add --resume to continue it, "
                                       "or choose another folder"])
                store = cls.open(folder, write=True, lock=lock)
            else:
                others = sorted(p.name for p in folder.iterdir() if p.name not in (lock.path.name, LEGACY_LOCK))
                if others:
                    shown = ", ".join(others[:3]) + (", …" if len(others) > 3 else "")
                    raise OutputError([f"{option}: '{folder}' holds other files ({shown}) and no sweep; choose an "
                                       "empty or new folder" + (" (--resume continues a sweep in its own folder)"
                                                                if resume else "")])
                meta, overrides = design()
                _build(path, meta, overrides)
                store = cls(folder, _connect(path), lock)
                store.created = True
            lock = None  # the store holds it now
            return store
        except OSError as exc:
            raise OutputError([f"{option}: cannot write '{folder}' ({exc.strerror or exc})"]) from None
        finally:
            if lock is not None:  # refused or failed: nothing of ours is left
                lock.release()
                remove_parents(made)

    @classmethod
    def open(cls, folder: str | Path, write: bool = False, lock: TargetLock | None = None) -> RunStore:
        """An existing store; ``write`` takes the lock (one writer at a time) unless the caller
        holds it already (``lock``)."""
        folder = Path(folder)
        path = folder / STORE
        if not path.is_file():
            raise OutputError([f"{folder}: no sweep here (no {STORE}); run `centrumsim sweep` first"])
        if write and lock is None:
            lock = _lock(folder)
        try:
            conn = _connect(path, read_only=not write)
            version = json.loads(conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0])
        except (sqlite3.DatabaseError, TypeError) as exc:
            _release(lock)
            raise OutputError([f"{path}: not a centrumsim run store ({exc})"]) from None
        if version != SCHEMA_VERSION:
            _release(lock)
            raise OutputError([f"{path}: written by another version of the store (schema {version})"])
        return cls(folder, conn, lock)

    def close(self) -> None:
        """Close the store; a writer leaves it as one file (WAL checkpointed, rollback-journal
        mode), so that it can be read where nothing can be written beside it."""
        if self._lock is not None:
            try:
                self.conn.execute("PRAGMA busy_timeout=0")  # a reader still reading: it stays in WAL mode
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self.conn.execute("PRAGMA journal_mode=DELETE")
            except sqlite3.Error:
                pass
        self.conn.close()
        _release(self._lock)
        self._lock = None

    def __enter__(self) -> RunStore:
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
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
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
        rows = self.conn.execute("SELECT point, replicate, data FROM series ORDER BY point, replicate")
        for point, rep, data in rows:
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


def _build(path: Path, meta: Mapping[str, Any], overrides: list[dict[str, Any]]) -> None:
    """Make the store at ``path`` whole: built beside it without a journal (a half-built one
    is thrown away, never used), made durable, then renamed into place."""
    temp = path.parent / partial_name(path)
    try:
        conn = sqlite3.connect(temp)
        try:
            conn.execute("PRAGMA journal_mode=OFF")
            with conn:
                conn.executescript(_TABLES)
                conn.executemany("INSERT INTO meta VALUES (?, ?)",
                                 [(k, json.dumps(v, sort_keys=True)) for k, v in
                                  {**meta, "schema_version": SCHEMA_VERSION, "points": len(overrides)}.items()])
                conn.executemany("INSERT INTO points VALUES (?, ?)",
                                 ((i, json.dumps(o, sort_keys=True)) for i, o in enumerate(overrides)))
        finally:
            conn.close()
        fd = os.open(temp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
        fsync_dir(path.parent)
    finally:
        temp.unlink(missing_ok=True)


def half_made(path: Path) -> bool:
    """Whether ``path`` is a run store that a killed command left half-made (by a version that
    did not make stores whole): our tables, but no schema version or not every point, and no
    run recorded. Anything else (not a store, a store with runs) is not touched."""
    try:
        conn = sqlite3.connect(_uri(path, _read_mode(path)), uri=True, timeout=5)
    except sqlite3.Error:
        return False
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"meta", "points", "runs"} <= tables or conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0]:
            return False
        meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('schema_version', 'points')"))
        stored = conn.execute("SELECT COUNT(*) FROM points").fetchone()[0]
        return "schema_version" not in meta or json.loads(meta.get("points", "null")) != stored
    except (sqlite3.Error, ValueError):
        return False
    finally:
        conn.close()


def _number(value: Any) -> float:
    return float("nan") if value is None else float(value)


def _connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    """A connection to the store at ``path``: a writer's in WAL mode; a reader's read-only,
    writing nothing beside the store (see :func:`_read_mode`)."""
    if read_only:
        conn = sqlite3.connect(_uri(path, _read_mode(path)), uri=True, timeout=30)
    else:
        conn = sqlite3.connect(path, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # in WAL mode: durable at each checkpoint, never corrupt
    return conn


def _uri(path: Path, mode: str) -> str:
    """SQLite's URI of the file ``path`` with ``mode`` (its name percent-encoded: a folder
    named with '?' or '#' is a folder like any other)."""
    return f"file:{urllib.parse.quote(str(path.resolve()))}?{mode}"


def _read_mode(path: Path) -> str:
    """How a reader opens the store: ``mode=ro`` — which writes nothing beside a store in
    rollback-journal mode, as a writer leaves it (:meth:`RunStore.close`), nor beside one in WAL
    mode whose sweep is running (its -wal and -shm are there) —, or ``immutable=1`` for a store
    left in WAL mode with no -wal beside it (closed cleanly by an earlier version): read-only,
    SQLite would make -wal and -shm files there, and cannot where the folder is not writable."""
    try:
        with open(path, "rb") as fh:
            header = fh.read(20)
    except OSError:
        return "mode=ro"
    wal = len(header) == 20 and header[18] == 2  # the file format's read version: 2 is WAL
    return "immutable=1" if wal and not path.with_name(path.name + "-wal").exists() else "mode=ro"


def _lock(folder: Path, option: str = "--out") -> TargetLock:
    """One writer per sweep folder: the lock beside its store (:class:`TargetLock`, the lock
    every writer takes), which the kernel drops when the process dies."""
    lock = TargetLock(folder / STORE)
    try:
        taken = lock.take()
    except OSError as exc:
        raise OutputError([f"{option}: cannot write '{folder}' ({exc.strerror or exc})"]) from None
    if not taken:
        raise OutputError([f"{option}: another centrumsim sweep is writing to '{folder}'; wait for it to finish"])
    return lock


def _release(lock: TargetLock | None) -> None:
    if lock is not None:
        lock.release()
