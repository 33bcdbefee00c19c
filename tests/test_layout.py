"""The package's shape: layers import downwards only, no import circles (imports for type checking
counted), small modules, a model that only constructs and steps and that no mechanism imports,
mechanisms that keep to each other's public side, and nothing heavy where it does not belong."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "centrumsim"

# scenario → model → results → analysis → sweeps → present → cli; exact, version, accessors and
# msgids at the bottom, the outcome registry (outcomes) just above them, the package's own
# __init__ (the public API) and __main__ at the top
LAYERS = {
    "centrumsim.exact": 0, "centrumsim.version": 0, "centrumsim.accessors": 0, "centrumsim.msgids": 0,
    "centrumsim.outcomes": 0.5,
    "centrumsim.scenario": 1, "centrumsim.model": 2, "centrumsim.results": 3, "centrumsim.analysis": 4,
    "centrumsim.sweeps": 4.5, "centrumsim.validation": 4.7, "centrumsim.present": 5, "centrumsim.app": 5.5, "centrumsim.cli": 6, "centrumsim.entry": 7,
    "centrumsim.__main__": 8, "centrumsim": 8,
}
MAX_LINES = 400
MAX_MODEL_LINES = 250


def modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def layer(module: str) -> int:
    best = max((k for k in LAYERS if module == k or module.startswith(k + ".")), key=len)
    return LAYERS[best]


def imports(module: str, path: Path, known: set[str]) -> set[str]:
    """The centrumsim modules ``module`` imports anywhere in its code: in functions, and under
    ``if TYPE_CHECKING:`` too — an import only for type hints still ties the two modules
    together (a change to one is a change to the other's types), so it counts like any other."""
    tree = ast.parse(path.read_text("utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            # `from x import y` imports x.y when y is a module, else x
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        out |= {n for n in names if n == "centrumsim" or n.startswith("centrumsim.")}
    out.discard(module)
    return out


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    mods = modules()
    return {m: imports(m, p, set(mods)) for m, p in mods.items()}


def test_layers_import_downwards_only(graph):
    upward = [f"{m} (layer {layer(m)}) imports {d} (layer {layer(d)})"
              for m, deps in sorted(graph.items()) for d in sorted(deps) if layer(d) > layer(m)]
    assert not upward, "\n".join(upward)


def test_no_import_circles(graph):
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for d in sorted(graph.get(m, ())):
            if state.get(d) == 1:
                cycles.append(stack[stack.index(d):] + [d])
            elif d not in state:
                visit(d)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
    assert not cycles, "\n".join(" → ".join(c) for c in cycles)


def test_the_graph_sees_relative_and_function_level_imports(graph):
    # a check of the checker: these edges exist in the code
    assert "centrumsim.model.attraction" in graph["centrumsim.model.units"]
    assert "centrumsim.scenario" in graph["centrumsim.model.market"]
    assert "centrumsim.results.results" in graph["centrumsim.results.writing"]


def test_the_graph_counts_imports_for_type_checking(tmp_path):
    source = tmp_path / "mechanism.py"
    source.write_text("from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from .model import CentreModel\n",
                      "utf-8")
    found = imports("centrumsim.model.mechanism", source, {"centrumsim.model.model"})
    assert found == {"centrumsim.model.model"}


def test_no_mechanism_imports_the_model(graph):
    """The model wires the mechanisms; none of them knows it (each gets the values or the narrow
    view it uses). Only the subpackage's ``__init__`` names it, as the package's API."""
    knowing = sorted(m for m, deps in graph.items()
                     if m.startswith("centrumsim.model.") and "centrumsim.model.model" in deps)
    assert not knowing, knowing


def _foreign_private_attributes(path: Path) -> list[str]:
    """Uses of another object's private attributes (``x._name`` with ``x`` not ``self``, ``cls``
    or ``super()``) in a file, as ``line: expression``."""
    def own(value: ast.expr) -> bool:
        return (isinstance(value, ast.Name) and value.id in ("self", "cls")) or (
            isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "super")

    return [f"{node.lineno}: {ast.unparse(node)}" for node in ast.walk(ast.parse(path.read_text("utf-8")))
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
            and not own(node.value)]


def test_mechanisms_use_each_others_public_side_only():
    found = {str(p.relative_to(ROOT)): hits for p in sorted((PACKAGE / "model").glob("*.py"))
             if (hits := _foreign_private_attributes(p))}
    assert not found, found


def test_the_private_attribute_check_sees_them(tmp_path):
    source = tmp_path / "prospect.py"
    source.write_text("def f(fv, self):\n    return fv._idx, self._own, super()._lines, fv.group\n", "utf-8")
    assert _foreign_private_attributes(source) == ["2: fv._idx"]


def test_modules_are_small():
    long = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES}
    assert not long, long


def test_the_model_class_stays_small():
    tree = ast.parse((PACKAGE / "model" / "model.py").read_text("utf-8"))
    (cls,) = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "CentreModel"]
    assert cls.end_lineno - cls.lineno + 1 <= MAX_MODEL_LINES


def _imports_of(path: Path) -> list[tuple[str, bool]]:
    """(top-level package, inside a function) for every absolute import in a file."""
    tree = ast.parse(path.read_text("utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}

    def in_function(node: ast.AST) -> bool:
        while node in parents:
            node = parents[node]
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                return True
        return False

    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name.split(".")[0], in_function(node)) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            out.append((node.module.split(".")[0], in_function(node)))
    return out


# optional or heavy libraries: imported only inside the functions that need them (so that
# `import centrumsim` and the commands that do not use them stay quick, and a missing extra is a
# clear message when used), and only in these modules
LAZY = {
    "SALib": {"sweeps/design.py", "sweeps/sensitivity.py"},
    "pyarrow": {"results/writing.py"},
    "dask": {"sweeps/cluster.py"},
    "distributed": {"sweeps/cluster.py"},
    "ema_workbench": {"sweeps/discovery.py", "sweeps/ema.py"},
    "solara": {"app/page.py", "app/live.py"},  # and mesa.visualization, which imports it: tests/test_app.py
}


def test_heavy_or_optional_libraries_stay_where_they_belong():
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).as_posix()
        for name, in_function in _imports_of(path):
            if name == "matplotlib" and not rel.startswith("present/"):
                wrong.append(f"{rel}: imports matplotlib outside present/")
            if name in LAZY and rel not in LAZY[name]:
                wrong.append(f"{rel}: imports {name} (only {', '.join(sorted(LAZY[name])) or 'no module'} may)")
            elif name in LAZY and not in_function:
                wrong.append(f"{rel}: imports {name} at module level (import it inside the function that needs it)")
    assert not wrong, "\n".join(wrong)


def test_the_import_check_sees_function_level_imports():
    found = dict(_imports_of(PACKAGE / "sweeps" / "design.py"))
    assert found.get("SALib") is True and found.get("numpy") is False


def test_arrays_are_raised_to_powers_with_the_operator():
    """numpy 2.0–2.2's ``np.power`` computes x**0.5, x**1 and x**-1 through pow() and differs in
    the last bit from numpy ≥ 2.3 (sqrt, copy, reciprocal), which moves öre in the books; the
    ``**`` operator takes the exact path in every numpy ≥ 2.0. So the package uses ``**``."""
    calls = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("power", "float_power") \
                    and isinstance(node.value, ast.Name) and node.value.id in ("np", "numpy"):
                calls.append(f"{name}:{node.lineno}")
    assert not calls, f"np.power in {calls}: use ** (see the test's docstring)"
