"""The one rewrite driver (passes/rewrite.py) that conversion, canonicalization, decomposition
and constant folding share."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from mlir import ir

from onnx_mlir.dialects import make_context
from onnx_mlir.passes.rewrite import (PatternSet, apply_greedily, apply_once, collect_ops,
                                      onnx_ops, replace_op, to_fixpoint)

ROOT = Path(__file__).resolve().parents[2]

CHAIN = """
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "onnx.identity"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "onnx.identity"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "unloaded.op"(%1) : (tensor<4xf32>) -> tensor<4xf32>
  %3 = scf.execute_region -> tensor<4xf32> {
    %4 = "onnx.relu"(%2) : (tensor<4xf32>) -> tensor<4xf32>
    scf.yield %4 : tensor<4xf32>
  }
  return %3 : tensor<4xf32>
}"""


@pytest.fixture
def module():
    with make_context() as ctx:
        ctx.allow_unregistered_dialects = True
        yield ir.Module.parse(CHAIN)


def _names(ops):
    return [op.operation.name for op in ops]


def test_collect_ops_in_program_order_any_dialect(module):
    assert _names(onnx_ops(module)) == ["onnx.identity", "onnx.identity", "onnx.relu"]
    assert _names(collect_ops(module, dialects=("unloaded",))) == ["unloaded.op"]
    assert _names(collect_ops(module, lambda op: op.name.startswith("scf."), nested=False)) == \
        ["scf.execute_region"]


def test_apply_once_first_applying_rewrite_wins(module):
    seen = []
    patterns = PatternSet()
    patterns.add("onnx.identity", lambda op: seen.append("declines") or None)
    patterns.add("onnx.identity", lambda op: [op.operation.operands[0]])
    patterns.add("unloaded.op", lambda op: [op.operation.operands[0]])
    assert apply_once(module, patterns) == 3
    assert seen == ["declines", "declines"]
    assert _names(collect_ops(module, dialects=("onnx", "unloaded"))) == ["onnx.relu"]


def test_apply_greedily_reaches_a_fixpoint_and_stops(module):
    patterns = PatternSet()
    patterns.add("onnx.identity", lambda op: [op.operation.operands[0]])
    assert apply_greedily(module, patterns, max_iterations=5) == 2  # then a sweep finds none
    assert _names(onnx_ops(module)) == ["onnx.relu"]
    counts = iter([3, 1, 0, 7])
    assert to_fixpoint(lambda: next(counts), max_iterations=10) == 4
    assert to_fixpoint(lambda: 1, max_iterations=3) == 3


def test_replace_op_checks_the_replacements(module):
    op = onnx_ops(module)[0]
    with pytest.raises(AssertionError, match="returned 2 values for 1 results"):
        replace_op(op, [None, None])
    with pytest.raises(AssertionError, match="used result has no replacement"):
        replace_op(op, [None])


def _defined_functions(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    return {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}


def test_one_walker_and_one_replace_op():
    """Walking ops and replacing them is the driver's: no other module defines its own."""
    own = {"replace_op", "onnx_ops", "_walk_onnx_ops", "collect_ops"}
    found = {}
    for folder in ("passes", "lowering", "dialects", "compiler"):
        for path in (ROOT / folder).rglob("*.py"):
            if path != ROOT / "passes" / "rewrite.py":
                clash = own & _defined_functions(path)
                if clash:
                    found[str(path.relative_to(ROOT))] = sorted(clash)
    assert not found, f"modules with their own op walker / replace_op: {found}"


def test_canonicalize_rules_are_keyed_by_op_name():
    """Rules use the key every pattern uses: the op name (``onnx.identity``)."""
    from onnx_mlir.passes.canonicalize import RULES

    with make_context() as ctx:
        names = RULES.op_names()
        assert "onnx.identity" in names
        unknown = [n for n in names if not ctx.is_registered_operation(n)]
    assert not unknown, f"canonicalize rules for ops that do not exist: {unknown}"
