"""What every writer shares about the place it writes to: the lock file beside the target, the
parent folders it made, the leftovers of killed commands, and Ctrl-C held back while a result
is moved into place.

A target — a folder (:class:`.folder.OutputFolder`) or a file (:class:`.files.OutputFiles`) —
``parent/name`` has its companions beside it, named after it: the lock ``.name.lock`` and the
temporary ``.name.partial-<pid>-<random>`` (a folder or a file) that becomes the result. Any
two commands writing to one path, whichever kind of target each writes, meet at its lock.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

try:  # POSIX: an advisory lock the kernel releases when the process dies
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]  # the module's name stands for "no POSIX locks" here

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


def stem(name: str) -> str:
    """The part of a target's name its hidden companions carry (shortened for long names)."""
    return name if len(name) <= 100 else f"{name[:80]}~{hashlib.sha256(name.encode()).hexdigest()[:8]}"


def resolved(target: str | Path) -> Path:
    """A target as an absolute path (``~`` expanded; a symlinked folder: where it points)."""
    return Path(os.path.realpath(Path(target).expanduser()))


def file_in_the_way(target: Path) -> Path | None:
    """A parent of ``target`` that exists and is not a folder, if any."""
    return next((p for p in target.parents if p.exists() and not p.is_dir()), None)


def make_parents(target: Path) -> list[Path]:
    """Make the missing parent folders of ``target``; returns those made, outermost first."""
    made = []
    for p in reversed(target.parents):
        if not p.exists():
            try:
                p.mkdir()
            except FileExistsError:
                continue
            made.append(p)
    return made


def remove_parents(made: list[Path]) -> None:
    """Remove the folders :func:`make_parents` made, innermost first, while they are empty."""
    for p in reversed(made):
        try:
            p.rmdir()
        except OSError:
            break


class TargetLock:
    """The lock file beside a target, held from :meth:`take` until :meth:`release` (or until
    the process dies: the kernel drops it)."""

    def __init__(self, target: Path):
        self.target = target
        self.path = target.parent / f".{stem(target.name)}{LOCK}"
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def take(self) -> bool:
        """Take the lock; False when another process holds it. OSError when the lock file cannot
        be made (an unwritable place)."""
        while True:
            fd = os.open(self.path, os.O_CREAT | os.O_RDWR | _NOFOLLOW, 0o644)
            if not _try_lock(fd):
                os.close(fd)
                return False
            try:  # the file may have been removed (and made anew) by the command that held it
                same = os.fstat(fd).st_ino == os.stat(self.path, follow_symlinks=False).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        self._fd = fd
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        return True

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.path)
            os.close(self._fd)
            self._fd = None


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


def clean_leftovers(target: Path) -> None:
    """What killed commands left beside ``target`` (whose lock the caller holds): for ``target``
    all of it; for other targets only what belonged to a process that no longer runs. An earlier
    result that a killed command had moved aside is put back when its place is empty (for a
    shortened stem the place is unknown, and the folder is left)."""
    if os.name != "posix":  # pragma: no cover - os.kill(pid, 0) is no probe elsewhere
        return
    name = stem(target.name)
    for entry in target.parent.iterdir():
        m = _LEFTOVER.match(entry.name)
        if not m or entry.is_symlink() or not (entry.is_dir() or (entry.is_file() and m["kind"] == "partial")):
            continue
        mine = m["name"] == name
        if not mine and _alive(int(m["pid"])):
            continue
        if entry.is_file():  # a single file's temporary
            entry.unlink(missing_ok=True)
            continue
        place = target if mine else target.parent / m["name"]
        old = entry / "old"
        if m["kind"] == "replaced" and old.is_dir():
            if not mine and "~" in m["name"]:
                continue
            if not place.exists():
                os.replace(old, place)
        shutil.rmtree(entry, ignore_errors=True)


def partial_name(target: Path) -> str:
    """A fresh name for the temporary beside ``target`` (``.name.partial-<pid>-<random>``)."""
    return f".{stem(target.name)}{PARTIAL}{os.getpid()}-{secrets.token_hex(4)}"


def new_folder(parent: Path, prefix: str) -> Path:
    """A new folder ``prefix<pid>-<random>`` in ``parent``, with the usual permissions."""
    while True:
        path = parent / f"{prefix}{os.getpid()}-{secrets.token_hex(4)}"
        try:
            path.mkdir()
            return path
        except FileExistsError:  # pragma: no cover - a clash of random names
            continue


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
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


def fsync_dir(path: Path) -> None:
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
