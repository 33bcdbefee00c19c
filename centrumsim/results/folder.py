"""An output folder that loses nothing: locked, written beside its target, moved into place whole.

An :class:`OutputFolder` is prepared before any simulation. It takes a lock file beside the
target (another command writing there is refused), then checks the target: it must be a folder
or not exist yet, empty unless ``overwrite`` is given — and then an earlier centrumsim result
(a complete manifest, and no file the manifest does not list). Files are written into a hidden
temporary folder beside the target; :meth:`OutputFolder.commit` writes ``manifest.json`` last
(every file with its size and sha256, and the run identity), checks that the target has not
changed meanwhile and moves the folder into place, with Ctrl-C and SIGTERM held back during the
swap. A command killed at any moment therefore leaves either no result folder or one whose
manifest says it is complete; a failed write (a full disk, say) removes the temporary folder
and raises :class:`OutputError`. A later command into the same place restores an earlier result
that a killed command had moved aside, and removes what killed commands left.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import stat
from pathlib import Path
from typing import Any, Callable, Iterator

from .manifest import MANIFEST, manifest_record, read_manifest, size_and_hash
from .results import jsonable

try:  # POSIX: an advisory lock the kernel releases when the process dies
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

PARTIAL, REPLACED, LOCK = ".partial-", ".replaced-", ".lock"
_LEFTOVER = re.compile(r"^\.(?P<name>.+)\.(?P<kind>partial|replaced)-(?P<pid>\d+)-[0-9a-f]+$")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class OutputError(Exception):
    """An output folder that cannot be used or written. ``lines`` as in ScenarioError."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


class FolderTaken(OutputError):
    """The folder holds files, or another command is writing to it (a fresh name would do)."""


def _stem(name: str) -> str:
    """The part of a folder's name its hidden companions carry (shortened for long names)."""
    return name if len(name) <= 100 else f"{name[:80]}~{hashlib.sha256(name.encode()).hexdigest()[:8]}"


class OutputFolder:
    """The folder a command writes to, written atomically (see the module's docstring).
    ``label`` names the folder in messages (``--out`` for the command line)."""

    def __init__(self, target: str | Path, overwrite: bool = False, label: str = "--out"):
        self.label = label
        self.overwrite = overwrite
        self.target = Path(os.path.realpath(Path(target).expanduser()))  # a symlinked folder: where it points
        self.files: list[dict[str, Any]] = []
        self._lock_fd: int | None = None
        self._stem = _stem(self.target.name)
        self._lock_path = self.target.parent / f".{self._stem}{LOCK}"
        self._made_parents: list[Path] = []
        self.partial: Path | None = None
        try:
            self._refuse_cwd()
            self._make_parents()
            self._lock()
            _clean_leftovers(self.target, self._stem)
            self._state = self._check_target()
            self.partial = _new_folder(self.target.parent, f".{self._stem}{PARTIAL}")
        except OSError as exc:
            self.abort()
            raise self._error(f"cannot use '{self.target}'", exc) from None
        except BaseException:
            self.abort()
            raise

    def _error(self, what: str, exc: OSError | None = None, kind: type[OutputError] = OutputError) -> OutputError:
        reason = f" ({exc.strerror or exc})" if exc is not None else ""
        return kind([f"{self.label}: {what}{reason}"])

    @classmethod
    def precheck(cls, target: str | Path, overwrite: bool = False, label: str = "--out") -> list[str]:
        """The problems :class:`OutputFolder` would refuse ``target`` for, found without
        creating or locking anything (so that they can be reported with the other input's)."""
        probe = cls.__new__(cls)
        probe.label, probe.overwrite = label, overwrite
        probe.target = Path(os.path.realpath(Path(target).expanduser()))
        try:
            probe._refuse_cwd()
            for p in probe.target.parents:
                if p.exists() and not p.is_dir():
                    raise probe._error(f"'{p}' is a file, not a folder")
            probe._check_target()
        except OutputError as exc:
            return exc.lines
        except OSError as exc:
            return probe._error(f"cannot use '{probe.target}'", exc).lines
        return []

    # ------------------------------------------------------------------ before the run
    def _refuse_cwd(self) -> None:
        try:
            cwd = Path(os.getcwd()).resolve()
        except OSError:  # the current folder is gone: nothing to protect
            return
        if cwd == self.target or self.target in cwd.parents:
            raise self._error(f"'{self.target}' is the current folder or holds it; choose a folder inside it")
    def _make_parents(self) -> None:
        for p in reversed(self.target.parents):
            if p.exists() and not p.is_dir():
                raise self._error(f"'{p}' is a file, not a folder")
            if not p.exists():
                try:
                    p.mkdir()
                except FileExistsError:
                    continue
                self._made_parents.append(p)

    def _lock(self) -> None:
        """Take the lock file beside the target; refuse when another command holds it."""
        while True:
            fd = os.open(self._lock_path, os.O_CREAT | os.O_RDWR | _NOFOLLOW, 0o644)
            if not _try_lock(fd):
                os.close(fd)
                raise self._error(f"another centrumsim command is writing to '{self.target}'; wait for it "
                                  "to finish or choose another folder", kind=FolderTaken)
            try:  # the file may have been removed (and made anew) by the command that held it
                same = os.fstat(fd).st_ino == os.stat(self._lock_path, follow_symlinks=False).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        self._lock_fd = fd  # held from here on: abort() removes it, whatever fails next
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())

    def _check_target(self) -> tuple | None:
        """What the target holds now: None (nothing), or the earlier result's manifest; refuses
        anything else."""
        t = self.target
        if not t.exists():
            return None
        if not t.is_dir():
            raise self._error(f"'{t}' is a file, not a folder")
        names = sorted(p.name for p in t.iterdir())
        if not names:
            return None
        if not self.overwrite:
            raise self._error(f"'{t}' already holds files (an earlier run?); add --overwrite to replace "
                              "them, or choose another folder", kind=FolderTaken)
        manifest = read_manifest(t)
        if manifest is None:
            raise self._error(f"'{t}' holds files that are not a centrumsim result (no complete {MANIFEST}); "
                              "refusing to replace them, even with --overwrite")
        unlisted = [n for n in names if n not in {f["name"] for f in manifest["files"]} | {MANIFEST}]
        if unlisted:
            shown = ", ".join(unlisted[:3]) + (f" and {len(unlisted) - 3} more" if len(unlisted) > 3 else "")
            raise self._error(f"'{t}' holds files that are not part of the earlier result ({shown}); "
                              "refusing to replace them, even with --overwrite")
        return (manifest.get("run_id"), manifest.get("created"), tuple(names))

    # ------------------------------------------------------------------ writing
    def write_bytes(self, name: str, data: bytes) -> Path:
        """Write one file (``name`` inside the folder) from bytes."""
        return self.write(name, lambda fh: fh.write(data))

    def write_text(self, name: str, text: str) -> Path:
        return self.write_bytes(name, text.encode("utf-8"))

    def write_json(self, name: str, data: Any) -> Path:
        return self.write_text(name, json.dumps(jsonable(data), indent=2, ensure_ascii=False) + "\n")

    def write(self, name: str, fill: Callable[[Any], Any]) -> Path:
        """Write one file: ``fill(binary file)`` writes its content."""
        if "/" in name or "\\" in name or name in ("", ".", "..", MANIFEST) or self.partial is None:
            raise ValueError(f"not a file name for the output folder: {name!r}")
        path = self.partial / name
        try:
            with open(path, "wb") as fh:
                fill(fh)
                fh.flush()
                os.fsync(fh.fileno())
            size, digest = size_and_hash(path)
        except OSError as exc:
            self.abort()
            raise self._error(f"cannot write {name} in '{self.target}'", exc) from None
        self.files = [f for f in self.files if f["name"] != name]
        self.files.append({"name": name, "bytes": size, "sha256": digest})
        return self.target / name

    # ------------------------------------------------------------------ the end
    def commit(self, identity: dict[str, Any], command: str) -> Path:
        """Write the manifest last, then move the folder into place. Returns the target."""
        manifest = manifest_record(identity, command, self.files)
        try:
            with open(self.partial / MANIFEST, "wb") as fh:
                fh.write((json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
                fh.flush()
                os.fsync(fh.fileno())
            _fsync_dir(self.partial)
            try:
                now = self._check_target()
            except OutputError:
                now = ("changed",)
            if now != self._state:
                raise self._error(f"'{self.target}' changed while this command was writing; its result was "
                                  "not moved there")
            mode = stat.S_IMODE(self.target.stat().st_mode) if self.target.exists() else None
            with _signals_held():
                self._swap()
            if mode is not None:
                os.chmod(self.target, mode)
            _fsync_dir(self.target.parent)
        except OSError as exc:
            self.abort()
            raise self._error(f"cannot finish the folder '{self.target}'", exc) from None
        except BaseException:
            self.abort()
            raise
        self.partial = None
        self._unlock()
        return self.target

    def _swap(self) -> None:
        if not self.target.exists():
            os.replace(self.partial, self.target)
            return
        aside = _new_folder(self.target.parent, f".{self._stem}{REPLACED}")
        os.replace(self.target, aside / "old")
        try:
            os.replace(self.partial, self.target)
        except OSError:
            os.replace(aside / "old", self.target)
            raise
        shutil.rmtree(aside, ignore_errors=True)

    def abort(self) -> None:
        """Remove what this command wrote (and the parent folders it made); release the lock."""
        if self.partial is not None and self.partial.exists():
            shutil.rmtree(self.partial, ignore_errors=True)
        self.partial = None
        self._unlock()
        for p in reversed(self._made_parents):
            try:
                p.rmdir()
            except OSError:
                break
        self._made_parents = []

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._lock_path)
            os.close(self._lock_fd)
            self._lock_fd = None

    def __enter__(self) -> "OutputFolder":
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._lock_fd is not None:  # not committed: whatever happened, leave nothing behind
            self.abort()


# ---------------------------------------------------------------------- helpers
def _try_lock(fd: int) -> bool:
    if fcntl is None:  # pragma: no cover - Windows: the lock file's existence is not enough; no lock
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _clean_leftovers(target: Path, name: str) -> None:
    """What killed commands left in ``parent``: for ``name`` (the stem of the folder whose lock
    we hold) all of it; for other folders only what belonged to a process that no longer runs.
    An earlier result that a killed command had moved aside is put back when its place is empty
    (for a shortened stem the place is unknown, and the folder is left)."""
    if os.name != "posix":  # pragma: no cover - os.kill(pid, 0) is no probe elsewhere
        return
    for entry in target.parent.iterdir():
        m = _LEFTOVER.match(entry.name)
        if not m or not entry.is_dir() or entry.is_symlink():
            continue
        mine = m["name"] == name
        if not mine and _alive(int(m["pid"])):
            continue
        place = target if mine else target.parent / m["name"]
        old = entry / "old"
        if m["kind"] == "replaced" and old.is_dir():
            if not mine and "~" in m["name"]:
                continue
            if not place.exists():
                os.replace(old, place)
        shutil.rmtree(entry, ignore_errors=True)


def _new_folder(parent: Path, prefix: str) -> Path:
    """A new folder ``prefix<pid>-<random>`` in ``parent``, with the usual permissions."""
    while True:
        path = parent / f"{prefix}{os.getpid()}-{secrets.token_hex(4)}"
        try:
            path.mkdir()
            return path
        except FileExistsError:  # pragma: no cover - a clash of random names
            continue


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold back Ctrl-C and SIGTERM for a moment (POSIX; elsewhere nothing)."""
    held = {signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM)}
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


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
