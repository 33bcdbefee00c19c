"""Print pip constraints that pin every dependency of an extra to the lowest version pyproject.toml
allows, for the lower-bounds check in .ci/run:

    python3 .ci/lower_bounds.py test > lower.txt && pip install -c lower.txt -e ".[test]"

Every requirement of the project and of the extra (following ``centrumsim[...]`` into the other
extras) must name a lower bound (``>=`` or ``==``); one without fails here, so that a bound is
never left unstated. The bare names are pinned (constraints take no extras).
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?\s*(.*)$")


def requirements(project: dict, extra: str, seen: set[str] | None = None) -> list[str]:
    """The project's dependencies and those of ``extra``, self-references followed."""
    seen = set() if seen is None else seen
    out = [] if seen else list(project.get("dependencies", []))
    seen.add(extra)
    name = project["name"].lower()
    for req in project.get("optional-dependencies", {}).get(extra, []):
        m = REQUIREMENT.match(req)
        if m and m.group(1).lower() == name:
            for inner in (m.group(2) or "").split(","):
                if inner.strip() and inner.strip() not in seen:
                    out += requirements(project, inner.strip(), seen)
        else:
            out.append(req)
    return out


def lowest(req: str) -> tuple[str, str]:
    """(name, lowest allowed version) of one requirement, e.g. ``mesa[viz]>=3.3,<4`` → ("mesa", "3.3")."""
    m = REQUIREMENT.match(req.split(";")[0])
    if not m:
        raise SystemExit(f"pyproject.toml: cannot read the requirement {req!r}")
    for spec in m.group(3).split(","):
        bound = re.fullmatch(r"\s*(?:>=|==|~=)\s*([0-9][0-9A-Za-z.]*)\s*", spec)
        if bound:
            return m.group(1).lower(), bound.group(1)
    raise SystemExit(f"pyproject.toml: {req!r} states no lower bound (>= or ==)")


def main(argv: list[str]) -> int:
    extra = argv[1] if len(argv) > 1 else "test"
    project = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text("utf-8"))["project"]
    pins: dict[str, str] = {}
    for req in requirements(project, extra):
        name, version = lowest(req)
        pins[name] = max(pins.get(name, version), version, key=lambda v: tuple(int(p) for p in re.findall(r"\d+", v)))
    print("\n".join(f"{n}=={v}" for n, v in sorted(pins.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
