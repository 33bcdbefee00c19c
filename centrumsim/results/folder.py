"""An output folder that loses nothing: locked, written beside its target, moved into place whole.

An :class:`OutputFolder` is prepared before any simulation. It takes a lock file beside the
target (another command writing there is refused), then checks the target: it must be a folder
or not exist yet, empty unless ``overwrite`` is given — and then an earlier centrumsim result
(a complete manifest, no file the manifest does not list, and every file it lists as it says:
a result edited by hand is not replaced). Files are written into a hidden
temporary folder beside the target; :meth:`OutputFolder.commit` writes ``manifest.json`` last
(every file with its size and sha256, and the run identity), checks that the target has not
changed meanwhile and moves the folder into place, with Ctrl-C and SIGTERM held back during the
swap. A command killed at any moment therefore leaves either no result folder or one whose
manifest says it is complete; a failed write (a full disk, say) removes the temporary folder
and raises :class:`OutputError`. A later command into the same place restores an earlier result
that a killed command had moved aside, and removes what killed commands left.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .manifest import MANIFEST, changed_files, changed_line, manifest_record, read_manifest, size_and_hash
from .places import (
    PARTIAL,
    REPLACED,
    FolderTaken,
    OutputError,
    TargetLock,
    clean_leftovers,
    file_in_the_way,
    fsync_dir,
    make_parents,
    new_folder,
    remove_parents,
    resolved,
    signals_held,
    stem,
)
from .results import jsonable

__all__ = ["FolderTaken", "OutputError", "OutputFolder"]


class OutputFolder:
    """The folder a command writes to, written atomically (see the module's docstring).
    ``label`` names the folder in messages (``--out`` for the command line)."""

    def __init__(self, target: str | Path, overwrite: bool = False, label: str = "--out"):
        self.label = label
        self.overwrite = overwrite
        self.target = resolved(target)
        self.files: list[dict[str, Any]] = []
        self._stem = stem(self.target.name)
        self._lock = TargetLock(self.target)
        self._made_parents: list[Path] = []
        self.partial: Path | None = None
        try:
            self._refuse_cwd()
            self._make_parents()
            if not self._lock.take():
                raise self._error(f"another centrumsim command is writing to '{self.target}'; wait for it "
                                  "to finish or choose another folder", kind=FolderTaken)
            clean_leftovers(self.target)
            self._state = self._check_target()
            self.partial = new_folder(self.target.parent, f".{self._stem}{PARTIAL}")
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
        probe.target = resolved(target)
        try:
            probe._refuse_cwd()
            blocker = file_in_the_way(probe.target)
            if blocker is not None:
                raise probe._error(f"'{blocker}' is a file, not a folder")
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
        blocker = file_in_the_way(self.target)
        if blocker is not None:
            raise self._error(f"'{blocker}' is a file, not a folder")
        self._made_parents = make_parents(self.target)

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
        changed = changed_files(t, manifest)
        if changed:  # edited by hand since: not the result the manifest describes any more
            raise self._error(changed_line(t, *changed[0]) + ", even with --overwrite")
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
        partial = self.partial
        if partial is None:
            raise ValueError(f"the output folder '{self.target}' was already committed or aborted")
        manifest = manifest_record(identity, command, self.files)
        try:
            with open(partial / MANIFEST, "wb") as fh:
                fh.write((json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
                fh.flush()
                os.fsync(fh.fileno())
            fsync_dir(partial)
            try:
                now = self._check_target()
            except OutputError:
                now = ("changed",)
            if now != self._state:
                raise self._error(f"'{self.target}' changed while this command was writing; its result was "
                                  "not moved there")
            mode = stat.S_IMODE(self.target.stat().st_mode) if self.target.exists() else None
            with signals_held():
                self._swap(partial)
            if mode is not None:
                os.chmod(self.target, mode)
            fsync_dir(self.target.parent)
        except OSError as exc:
            self.abort()
            raise self._error(f"cannot finish the folder '{self.target}'", exc) from None
        except BaseException:
            self.abort()
            raise
        self.partial = None
        self._lock.release()
        return self.target

    def _swap(self, partial: Path) -> None:
        if not self.target.exists():
            os.replace(partial, self.target)
            return
        aside = new_folder(self.target.parent, f".{self._stem}{REPLACED}")
        os.replace(self.target, aside / "old")
        try:
            os.replace(partial, self.target)
        except OSError:
            os.replace(aside / "old", self.target)
            raise
        shutil.rmtree(aside, ignore_errors=True)

    def abort(self) -> None:
        """Remove what this command wrote (and the parent folders it made); release the lock."""
        if self.partial is not None and self.partial.exists():
            shutil.rmtree(self.partial, ignore_errors=True)
        self.partial = None
        self._lock.release()
        remove_parents(self._made_parents)
        self._made_parents = []

    def __enter__(self) -> OutputFolder:
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._lock.held:  # not committed: whatever happened, leave nothing behind
            self.abort()
