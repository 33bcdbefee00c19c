"""Single files that lose nothing: the report and its PDF, an export and its series, the files
of a calibration — locked and checked before any run, written beside their targets, moved into
place whole, and only where nothing changed meanwhile.

:class:`OutputFiles` is the single-file sibling of :class:`.folder.OutputFolder` and shares its
place (:mod:`.places`): for each target it makes the missing parent folders, takes the lock
beside it (another command writing to the same path, a folder or a file, is refused), clears
what killed commands left there and notes what the target is — nothing, or (with
``overwrite``) a regular file, by its inode, size and modification time. :meth:`commit` writes
each file into a temporary beside its target, then checks every target again and moves the
files into place with Ctrl-C and SIGTERM held back: a new file is linked into place (so one
that appeared meanwhile is never replaced), an earlier one replaced only if it is still the
file first seen. Anything that fails removes the temporaries, the lock files and the folders it
made, and raises :class:`OutputError` (one line, ``label: …``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from .places import (
    OutputError,
    TargetLock,
    clean_leftovers,
    file_in_the_way,
    fsync_dir,
    make_parents,
    partial_name,
    remove_parents,
    resolved,
    signals_held,
)

Fill = Callable[[IO[bytes]], Any]
"""Writes a file's content into the binary file it is given."""

_State = tuple[int, int, int] | None


class OutputFiles:
    """Files a command writes (see the module's docstring). ``targets``: every path the command
    may write or remove; ``label`` names them in messages (``--out``, ``--to``)."""

    def __init__(self, targets: Iterable[str | Path], overwrite: bool = False, label: str = "--out"):
        given = list(targets)
        self.label = label
        self.overwrite = overwrite
        self.targets = list(dict.fromkeys(resolved(t) for t in given))
        self._given = {resolved(t): Path(t) for t in given}
        self._locks: list[TargetLock] = []
        self._made: list[Path] = []
        self._temps: list[Path] = []
        self._states: dict[Path, _State] = {}
        target = self.targets[0] if self.targets else Path()
        try:
            problems = self._problems()
            if problems:
                raise OutputError(problems)
            for target in self.targets:
                self._made += make_parents(target)
                lock = TargetLock(target)
                if not lock.take():
                    raise OutputError([f"{label}: another centrumsim command is writing to '{self._shown(target)}'; "
                                       "wait for it to finish or give another name"])
                self._locks.append(lock)
                clean_leftovers(target)
            problems = self._problems()  # again, now that nobody else may change them
            if problems:
                raise OutputError(problems)
            self._states = {t: _state(t) for t in self.targets}
        except OSError as exc:
            self.abort()
            raise OutputError([f"{label}: cannot write '{self._shown(target)}' ({exc.strerror or exc})"]) from None
        except BaseException:
            self.abort()
            raise

    @classmethod
    def precheck(cls, targets: Sequence[str | Path], overwrite: bool = False, label: str = "--out") -> list[str]:
        """The problems :class:`OutputFiles` would refuse ``targets`` for, found without making
        or locking anything (so that they can be reported with the other input's)."""
        probe = cls.__new__(cls)
        probe.label, probe.overwrite = label, overwrite
        probe.targets = list(dict.fromkeys(resolved(t) for t in targets))
        probe._given = {resolved(t): Path(t) for t in targets}
        return probe._problems()

    def _shown(self, target: Path) -> Path:
        return self._given.get(target, target)

    def _problems(self) -> list[str]:
        out = []
        for target in self.targets:
            shown = self._shown(target)
            blocker = file_in_the_way(target)
            if blocker is not None:
                out.append(f"{self.label}: '{blocker}' is a file, not a folder")
            elif os.path.lexists(shown) and (Path(shown).is_symlink() or not target.is_file()):
                kind = "a folder" if target.is_dir() and not Path(shown).is_symlink() else \
                    "not a regular file (a link, a device?)"
                out.append(f"{self.label}: '{shown}' exists and is {kind}; give the name of a new file")
            elif target.exists() and not self.overwrite:
                out.append(f"{self.label}: '{shown}' exists already; add --overwrite to replace it, "
                           "or give another name")
        return out

    # ------------------------------------------------------------------ the end
    def commit(self, contents: Mapping[Path, Fill | bytes] | Mapping[str, Fill | bytes],
               remove: Sequence[str | Path] = ()) -> list[Path]:
        """Write ``contents`` (target → its bytes, or a function that writes them), then remove
        the files in ``remove`` and move the new ones into place in the order given (a manifest
        removed first and written last is never beside files it does not describe). Every one
        must be a target. Returns the paths written."""
        files = {resolved(t): fill for t, fill in contents.items()}
        gone = [resolved(t) for t in remove]
        unknown = [t for t in [*files, *gone] if t not in self._states]
        if unknown:
            raise ValueError(f"not a target of this writer: {unknown[0]}")
        current = next(iter(files), None)
        try:
            placed: list[tuple[Path, Path]] = []
            for target, fill in files.items():
                current = target
                temp = target.parent / partial_name(target)
                fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)  # the umask applies
                self._temps.append(temp)
                with os.fdopen(fd, "wb") as fh:
                    if isinstance(fill, bytes):
                        fh.write(fill)
                    else:
                        fill(fh)
                    fh.flush()
                    os.fsync(fh.fileno())
                placed.append((temp, target))
            for target in dict.fromkeys([*files, *gone]):
                current = target
                if _state(target) != self._states[target]:
                    raise self._changed(target)
            with signals_held():
                for target in gone:  # first: a manifest, say, that the new files would contradict
                    current = target
                    target.unlink(missing_ok=True)
                for temp, target in placed:
                    current = target
                    if not _place(temp, target, self._states[target] is None):
                        raise self._changed(target)
            for parent in {t.parent for _, t in placed}:
                fsync_dir(parent)
        except OSError as exc:
            self.abort()
            raise OutputError([f"{self.label}: cannot write '{self._shown(current) if current else ''}' "
                               f"({exc.strerror or exc})"]) from None
        except BaseException:
            self.abort()
            raise
        self._made = []  # they hold the result now
        self.abort()
        return [t for _, t in placed]

    def _changed(self, target: Path) -> OutputError:
        how = "appeared" if self._states[target] is None else "changed"
        return OutputError([f"{self.label}: '{self._shown(target)}' {how} while this command was writing; "
                            "it was not replaced"])

    def abort(self) -> None:
        """Remove the temporaries (and the parent folders made, while empty); release the locks."""
        for temp in self._temps:
            temp.unlink(missing_ok=True)
        self._temps = []
        for lock in self._locks:
            lock.release()
        self._locks = []
        remove_parents(self._made)
        self._made = []

    def __enter__(self) -> OutputFiles:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.abort()


def _state(path: Path) -> _State:
    """What a target is now: None (nothing), or a regular file's (inode, size, mtime in ns)."""
    try:
        st = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _place(temp: Path, target: Path, new: bool) -> bool:
    """Move ``temp`` to ``target``; a new target by a hard link, which fails rather than replace
    a file that appeared meanwhile (where links are not supported, by a rename). False when
    something is at a new target already."""
    if not new:
        os.replace(temp, target)
        return True
    try:
        os.link(temp, target)
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links
        if os.path.lexists(target):
            return False
        os.replace(temp, target)
        return True
    temp.unlink()
    return True
