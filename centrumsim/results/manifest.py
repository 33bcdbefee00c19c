"""The manifest of a result folder: ``manifest.json``, written last, lists every file with its
size and sha256 beside the run identity; a folder is complete and intact when it agrees."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from .results import jsonable

MANIFEST = "manifest.json"


def size_and_hash(path: Path) -> tuple[int, str]:
    h, size = hashlib.sha256(), 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
            size += len(block)
    return size, h.hexdigest()


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """A centrumsim manifest (complete, with a run id and a list of files), or None."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    ok = (isinstance(manifest, dict) and manifest.get("complete") is True and isinstance(manifest.get("run_id"), str)
          and isinstance(manifest.get("files"), list)
          and all(isinstance(f, dict) and isinstance(f.get("name"), str) for f in manifest["files"]))
    return manifest if ok else None


def manifest_record(identity: dict[str, Any], command: str, files: list[dict[str, Any]]) -> dict[str, Any]:
    """The contents of ``manifest.json``: complete, the command, when, the identity (with its
    ``run_id``) and every file as ``{name, bytes, sha256}``."""
    return {"complete": True, "command": command,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            **jsonable(identity), "files": files}


def file_record(name: str, data: bytes) -> dict[str, Any]:
    """A manifest's entry for a file of contents ``data``."""
    return {"name": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def changed_files(folder: Path, manifest: dict[str, Any]) -> list[tuple[str, str]]:
    """The files ``manifest`` lists that are no longer as it says: (name, "missing" or
    "differs"), in the manifest's order."""
    out = []
    for f in manifest["files"]:
        path = folder / f["name"]
        if not path.is_file():
            out.append((f["name"], "missing"))
        elif size_and_hash(path) != (f.get("bytes"), f.get("sha256")):
            out.append((f["name"], "differs"))
    return out


def check_manifest(folder: str | Path) -> list[str]:
    """Problems with a result folder against its manifest (empty: complete and intact)."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    if manifest is None:
        return [f"{folder}: no complete centrumsim {MANIFEST}"]
    problems = [f"{folder}: {name} is missing" if why == "missing" else f"{folder}: {name} differs from the manifest"
                for name, why in changed_files(folder, manifest)]
    listed = {f["name"] for f in manifest["files"]}
    extra = sorted(p.name for p in folder.iterdir() if p.name not in listed | {MANIFEST})
    return problems + [f"{folder}: {name} is not in the manifest" for name in extra]


def changed_line(folder: Path, name: str, why: str) -> str:
    """Why a result whose file ``name`` is ``why`` ("missing", "differs") is not replaced."""
    what = (f"holds no {name} any more ({MANIFEST} lists it)" if why == "missing"
            else f"holds {name}, changed since it was written (it differs from {MANIFEST})")
    return f"'{folder}' {what}; refusing to replace it"
