"""The import graph of the ``onnx_mlir`` package has no cycles (outside a shrinking allow-list).

The graph is built statically with ``ast`` from the package's sources (the packages listed in
pyproject.toml), so it needs no MLIR and covers every module at once.  An edge ``a -> b`` is an
``import`` of ``b`` in ``a``; ``from pkg import name`` is an edge to ``pkg.name`` when that is a
module, else to ``pkg``.  Imports under ``if TYPE_CHECKING:`` never run and are left out.

Two graphs are checked:

* *import time*: the statements that run when a module is imported (module level, inside
  ``if``/``try``/``with`` blocks and class bodies).  A cycle there makes the import order matter
  (a half-initialized module); none is allowed.
* *deferred too*: with the imports inside functions (the lazy imports that keep MLIR-heavy
  modules out of start-up).  A cycle there is two modules that need each other: layers that are
  not layers.  The ones that existed when this test was written are listed below.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]  # the repository root is the onnx_mlir package
PACKAGE = "onnx_mlir"

# Cycles through deferred imports that existed when this test was written.  Each entry is one
# strongly connected component of the graph (its module names, sorted).  Break a cycle, then
# delete its entry: the test fails on an entry that is no longer a cycle, so the list only shrinks.
ALLOWED_DEFERRED_CYCLES: list[tuple[str, ...]] = []


def package_dirs() -> dict[str, Path]:
    """``{package name: folder}`` of the packages pyproject.toml installs."""
    text = (ROOT / "pyproject.toml").read_text()
    block = re.search(r"^packages\s*=\s*\[(.*?)\]", text, re.S | re.M)
    assert block, "pyproject.toml has no [tool.setuptools] packages list"
    names = re.findall(r'"([\w.]+)"', block.group(1))
    assert PACKAGE in names
    return {name: ROOT.joinpath(*name.split(".")[1:]) for name in names}


def module_files() -> dict[str, Path]:
    """``{module name: source file}`` of every module of the package (``__init__`` as the package)."""
    out: dict[str, Path] = {}
    for pkg, folder in package_dirs().items():
        for path in sorted(folder.glob("*.py")):
            out[pkg if path.stem == "__init__" else f"{pkg}.{path.stem}"] = path
    return out


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _import_statements(body: list[ast.stmt], deferred: bool):
    """The import statements among ``body``: those that run when the module is imported, or with
    ``deferred`` also those inside functions (run when the function is called)."""
    for stmt in body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            yield stmt
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and not deferred:
            continue
        elif isinstance(stmt, ast.If) and _is_type_checking(stmt.test):
            yield from _import_statements(stmt.orelse, deferred)
        else:
            inner = [s for s in ast.iter_child_nodes(stmt) if isinstance(s, ast.stmt)]
            inner += [s for h in getattr(stmt, "handlers", []) for s in h.body]
            yield from _import_statements(inner, deferred)


def _base(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute name of ``from <level dots><module> import ...`` in ``module``."""
    if node.level == 0:
        return node.module or ""
    parts = module.split(".") if is_package else module.split(".")[:-1]
    parts = parts[:len(parts) - (node.level - 1)]
    return ".".join(parts + ([node.module] if node.module else []))


def import_graph(deferred: bool = False) -> dict[str, set[str]]:
    """``{module: modules it imports}`` (at import time, or with ``deferred`` at any time)."""
    files = module_files()
    graph: dict[str, set[str]] = {m: set() for m in files}
    for module, path in files.items():
        tree = ast.parse(path.read_text(), str(path))
        is_package = path.stem == "__init__"
        for node in _import_statements(tree.body, deferred):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = _base(module, is_package, node)
                targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in files else base
                           for alias in node.names]
            graph[module].update(t for t in targets if t in files and t != module)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[tuple[str, ...]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[tuple[str, ...]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(tuple(sorted(component)))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(out)


def test_graph_sees_the_package():
    """The walk finds the package's modules and the edges of a known import."""
    graph = import_graph()
    assert len(graph) > 50
    assert "onnx_mlir.lowering.gpu.pipeline" in graph
    assert "onnx_mlir.passes.pass_base" in graph["onnx_mlir.lowering.cpu.passes"]
    # lower_to_llvm's `from . import target` (a submodule), inside the function
    deferred = import_graph(deferred=True)["onnx_mlir.lowering.cpu.pipeline"]
    assert "onnx_mlir.lowering.cpu.target" in deferred
    assert "onnx_mlir.lowering.cpu.target" not in graph["onnx_mlir.lowering.cpu.pipeline"]


def test_cycle_finder_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [("a", "b", "c")]
    assert cycles({"a": {"b"}, "b": set()}) == []


@pytest.mark.parametrize("source, expected", [
    ("import x.y\n", ["x.y"]),
    ("def f():\n    import x\n", []),
    ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import x\n", ["typing"]),
    ("try:\n    import x\nexcept ImportError:\n    import y\n", ["x", "y"]),
    ("class C:\n    import x\n    def m(self):\n        import y\n", ["x"]),
])
def test_import_time_statements(source, expected):
    nodes = _import_statements(ast.parse(source).body, deferred=False)
    assert [a.name if isinstance(n, ast.Import) else n.module
            for n in nodes for a in n.names] == expected


def _check(found: list[tuple[str, ...]], allowed: list[tuple[str, ...]]) -> None:
    new = [c for c in found if c not in set(allowed)]
    assert not new, "import cycles (break them: a module imports only lower layers):\n" + \
        "\n".join("  " + " <-> ".join(c) for c in new)
    gone = [c for c in allowed if c not in set(found)]
    assert not gone, "no longer cycles: delete these entries from ALLOWED_DEFERRED_CYCLES:\n" + \
        "\n".join("  " + ", ".join(c) for c in gone)


def test_no_import_time_cycles():
    _check(cycles(import_graph()), [])


def test_no_new_deferred_cycles():
    _check(cycles(import_graph(deferred=True)), ALLOWED_DEFERRED_CYCLES)


def test_kernel_kind_generators_import_only_the_shared_layer():
    """lowering/gpu/codegen: each kernel kind's generator builds on the shared emitter layer and
    never on another kind (a kind can then be read, changed or added on its own)."""
    graph = import_graph(deferred=True)
    codegen = "onnx_mlir.lowering.gpu.codegen"
    kinds = {f"{codegen}.{k}" for k in ("pointwise", "reduction", "matmul", "conv")}
    assert kinds <= set(graph)
    for kind in sorted(kinds):
        inside = {m for m in graph[kind] if m.startswith(codegen)}
        assert not inside & kinds, f"{kind} imports another kernel kind: {sorted(inside & kinds)}"
        assert codegen not in inside, f"{kind} imports the package that dispatches to it"


LINALG = "onnx_mlir.lowering.onnx_to_linalg"
# The lowering's modules that are not op-family patterns: the driver package, its run-time guards
# and the pattern base class. Helpers shared between op families live in the `lib` layer.
LINALG_INFRASTRUCTURE = {LINALG, f"{LINALG}.guards", f"{LINALG}.pattern"}


def _linalg_pattern_modules(graph: dict[str, set[str]]) -> set[str]:
    return {m for m in graph if m.startswith(LINALG + ".") and not m.startswith(f"{LINALG}.lib")
            and m not in LINALG_INFRASTRUCTURE}


def test_linalg_patterns_import_only_the_helper_layer():
    """lowering/onnx_to_linalg: a pattern module imports helpers from lib/ (and the pattern base),
    never from another op family's module, so each family can be read and changed on its own."""
    graph = import_graph(deferred=True)
    patterns = _linalg_pattern_modules(graph)
    assert {f"{LINALG}.conv", f"{LINALG}.reduction", f"{LINALG}.movement"} <= patterns
    assert f"{LINALG}.lib.builders" in graph
    crossing = {m: sorted(graph[m] & patterns) for m in sorted(patterns) if graph[m] & patterns}
    assert not crossing, f"pattern modules importing other pattern modules: {crossing}"


def test_linalg_helper_layer_imports_no_pattern():
    """lib/ sits under the patterns: none of its modules imports an op family's module."""
    graph = import_graph(deferred=True)
    patterns = _linalg_pattern_modules(graph)
    upward = {m: sorted(graph[m] & patterns) for m in sorted(graph)
              if m.startswith(f"{LINALG}.lib") and graph[m] & patterns}
    assert not upward, f"lib modules importing pattern modules: {upward}"


STAGES = ("onnx_mlir.lowering", "onnx_mlir.compiler", "onnx_mlir.runtime")


def test_pass_registry_is_a_leaf():
    """The registry (and the pass base class) import nothing from the stages: the stages' passes
    are listed in it as data, so any stage may import the registry without a cycle."""
    graph = import_graph(deferred=True)
    for leaf in ("onnx_mlir.passes.registry", "onnx_mlir.passes.pass_base", "onnx_mlir.passes.catalog"):
        reached, todo = set(), [leaf]
        while todo:
            for m in graph[todo.pop()] - reached:
                reached.add(m)
                todo.append(m)
        assert not {m for m in reached if m.startswith(STAGES)}, \
            f"{leaf} reaches the stages: {sorted(m for m in reached if m.startswith(STAGES))}"
