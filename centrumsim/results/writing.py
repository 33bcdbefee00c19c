"""Writing a command's files so that nothing is lost: one place for every file a command writes.

An :class:`OutputFolder` is prepared before any simulation: the target must be a folder (or not
exist yet), empty unless ``overwrite`` is given (and then an earlier centrumsim result, with a
manifest), and no other run may be writing to it (a lock file beside it). Files are written into
a hidden temporary folder beside the target; :meth:`OutputFolder.commit` writes
``manifest.json`` last (every file with its size and sha256, and the run identity) and then
moves the folder into place. A run killed at any moment therefore leaves either no result
folder or one whose manifest says it is complete; a failed write (a full disk, say) removes the
temporary folder and raises :class:`OutputError`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import secrets
import shutil
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from .results import Results, jsonable

try:  # POSIX: an advisory lock the kernel releases when the process dies
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

MANIFEST = "manifest.json"
PARTIAL, REPLACED, LOCK = ".partial-", ".replaced-", ".lock"


class OutputError(Exception):
    """An output folder that cannot be used or written. ``lines`` as in ScenarioError."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


class OutputFolder:
    """The folder a command writes to, written atomically (see the module's docstring)."""

    def __init__(self, target: str | Path, overwrite: bool = False):
        self.target = Path(os.path.abspath(Path(target).expanduser()))
        self.overwrite = overwrite
        self.files: list[dict[str, Any]] = []
        self._lock_fd: int | None = None
        self._lock_path = self.target.parent / f".{self.target.name}{LOCK}"
        self._made_parents: list[Path] = []
        self._check_target()
        self._make_parents()
        try:
            self._lock()
            self._clean_leftovers()
            self.partial = _new_folder(self.target.parent, f".{self.target.name}{PARTIAL}")
        except OSError as exc:
            self.abort()
            raise self._error(f"cannot create a folder in '{self.target.parent}'", exc) from None
        except OutputError:
            self.abort()
            raise

    # ------------------------------------------------------------------ before the run
    def _check_target(self) -> None:
        t = self.target
        if t.exists() and not t.is_dir():
            raise OutputError([f"--out: '{t}' is a file, not a folder"])
        if t.is_dir() and any(t.iterdir()):
            if not self.overwrite:
                raise OutputError([f"--out: '{t}' already holds files (an earlier run?); add --overwrite "
                                   "to replace them, or choose another folder"])
            if not (t / MANIFEST).is_file():
                raise OutputError([f"--out: '{t}' holds files that are not a centrumsim result (no {MANIFEST}); "
                                   "refusing to replace them, even with --overwrite"])
        for parent in t.parents:
            if parent.exists() and not parent.is_dir():
                raise OutputError([f"--out: '{parent}' is a file, not a folder"])

    def _make_parents(self) -> None:
        missing = [p for p in reversed(self.target.parents) if not p.exists()]
        for p in missing:
            try:
                p.mkdir()
            except FileExistsError:
                continue
            except OSError as exc:
                self.abort()
                raise self._error(f"cannot create the folder '{p}'", exc) from None
            self._made_parents.append(p)

    def _lock(self) -> None:
        """Take the lock file beside the target; refuse when another run holds it."""
        while True:
            fd = os.open(self._lock_path, os.O_CREAT | os.O_RDWR, 0o644)
            if fcntl is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    os.close(fd)
                    raise OutputError([f"--out: another centrumsim run is writing to '{self.target}'; "
                                       "wait for it to finish or choose another folder"]) from None
            try:  # the file may have been removed (and made anew) by the run that held it
                same = os.fstat(fd).st_ino == os.stat(self._lock_path).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._lock_fd = fd

    def _clean_leftovers(self) -> None:
        """Temporary folders of earlier runs into this target that were killed (we hold the
        lock, so none of them is still being written)."""
        prefixes = (f".{self.target.name}{PARTIAL}", f".{self.target.name}{REPLACED}")
        for p in self.target.parent.iterdir():
            if p.name.startswith(prefixes) and p.is_dir():
                shutil.rmtree(p, ignore_errors=True)

    # ------------------------------------------------------------------ writing
    def _error(self, what: str, exc: OSError) -> OutputError:
        return OutputError([f"--out: {what} ({exc.strerror or exc})"])

    def write_bytes(self, name: str, data: bytes) -> Path:
        """Write one file (``name`` inside the folder) from bytes."""
        return self._write(name, lambda fh: fh.write(data))

    def write_text(self, name: str, text: str) -> Path:
        return self.write_bytes(name, text.encode("utf-8"))

    def write_json(self, name: str, data: Any) -> Path:
        return self.write_text(name, json.dumps(jsonable(data), indent=2, ensure_ascii=False) + "\n")

    def write_csv(self, name: str, frame: pd.DataFrame, run_id: str | None = None) -> Path:
        """A frame as CSV, with the run's id as its first column when given."""
        if run_id is not None:
            frame = frame.copy()
            frame.insert(0, "run_id", run_id)

        def write(fh: io.BufferedWriter) -> None:
            text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
            frame.to_csv(text, index=False)
            text.flush()
            text.detach()

        return self._write(name, write)

    def _write(self, name: str, fill) -> Path:
        if "/" in name or "\\" in name or name in ("", ".", "..", MANIFEST):
            raise ValueError(f"not a file name for the output folder: {name!r}")
        path = self.partial / name
        try:
            with open(path, "wb") as fh:
                fill(fh)
                fh.flush()
                os.fsync(fh.fileno())
            size, digest = _size_and_hash(path)
        except OSError as exc:
            self.abort()
            raise self._error(f"cannot write {name} in '{self.target}'", exc) from None
        self.files = [f for f in self.files if f["name"] != name]
        self.files.append({"name": name, "bytes": size, "sha256": digest})
        return self.target / name

    # ------------------------------------------------------------------ the end
    def commit(self, identity: dict[str, Any], command: str) -> Path:
        """Write the manifest last, then move the folder into place. Returns the target."""
        manifest = {"complete": True, "command": command,
                    "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                    **jsonable(identity), "files": self.files}
        try:
            path = self.partial / MANIFEST
            with open(path, "wb") as fh:
                fh.write((json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
                fh.flush()
                os.fsync(fh.fileno())
            _fsync_dir(self.partial)
            if self.target.exists():
                aside = _new_folder(self.target.parent, f".{self.target.name}{REPLACED}")
                os.replace(self.target, aside / "old")
                os.replace(self.partial, self.target)
                shutil.rmtree(aside, ignore_errors=True)
            else:
                os.replace(self.partial, self.target)
            _fsync_dir(self.target.parent)
        except OSError as exc:
            self.abort()
            raise self._error(f"cannot finish the folder '{self.target}'", exc) from None
        self._unlock()
        return self.target

    def abort(self) -> None:
        """Remove what this run wrote (and the parent folders it made) and release the lock."""
        partial = getattr(self, "partial", None)
        if partial is not None and partial.exists():
            shutil.rmtree(partial, ignore_errors=True)
        self._unlock()
        for p in reversed(self._made_parents):
            try:
                p.rmdir()
            except OSError:
                break
        self._made_parents = []

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            try:
                os.unlink(self._lock_path)
            except OSError:
                pass
            os.close(self._lock_fd)
            self._lock_fd = None

    def __enter__(self) -> "OutputFolder":
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._lock_fd is not None:  # not committed: whatever happened, leave nothing behind
            self.abort()


def _new_folder(parent: Path, prefix: str) -> Path:
    """A new folder ``prefix<pid>-<random>`` in ``parent``, with the usual permissions."""
    while True:
        path = parent / f"{prefix}{os.getpid()}-{secrets.token_hex(4)}"
        try:
            path.mkdir()
            return path
        except FileExistsError:  # pragma: no cover - a clash of random names
            continue


def _size_and_hash(path: Path) -> tuple[int, str]:
    h, size = hashlib.sha256(), 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
            size += len(block)
    return size, h.hexdigest()


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory handles
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def check_manifest(folder: str | Path) -> list[str]:
    """Problems with a result folder against its manifest (empty: complete and intact)."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        return [f"{folder}: no readable {MANIFEST} ({exc})"]
    problems = [] if manifest.get("complete") is True else [f"{folder}: the manifest does not say complete"]
    listed = {f["name"] for f in manifest.get("files", [])}
    for f in manifest.get("files", []):
        path = folder / f["name"]
        if not path.is_file():
            problems.append(f"{folder}: {f['name']} is missing")
            continue
        size, digest = _size_and_hash(path)
        if (size, digest) != (f["bytes"], f["sha256"]):
            problems.append(f"{folder}: {f['name']} differs from the manifest")
    extra = sorted(p.name for p in folder.iterdir() if p.name not in listed | {MANIFEST})
    problems += [f"{folder}: {name} is not in the manifest" for name in extra]
    return problems


RESULT_FILES = ("summary.json", "timeseries_monthly.csv", "timeseries_daily.csv", "books_monthly.csv", "units.csv",
                "cross_subsidy_monthly.csv", "police_list.csv", "events.csv")


def write_results(folder: OutputFolder, results: Results) -> list[str]:
    """Write a run's data files (the summary and the tidy frames); returns their names."""
    run_id = results.identity()["run_id"]
    folder.write_json("summary.json", results.summary())
    frames: Iterable[tuple[str, pd.DataFrame]] = (
        ("timeseries_monthly.csv", results.timeseries),
        ("timeseries_daily.csv", results.daily),
        ("books_monthly.csv", results.books),
        ("units.csv", results.unit_table()),
        ("cross_subsidy_monthly.csv", results.cross_subsidy),
        ("police_list.csv", results.police_list),
        ("events.csv", results.events),
    )
    for name, frame in frames:
        folder.write_csv(name, frame, run_id)
    return list(RESULT_FILES)
