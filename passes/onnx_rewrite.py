"""Small IR helpers shared by the onnx-level passes (walking, replacing, signatures)."""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import func


def onnx_ops(module: ir.Module, *, nested: bool = True) -> list[ir.OpView]:
    """Every `onnx.*` op in program order (outer ops before the ops of their regions).

    With ``nested=False`` the ops inside subgraph regions (If/Loop/Scan bodies) are left out.
    """
    found: list[ir.OpView] = []

    def visit(op: ir.Operation) -> ir.WalkResult:
        if op.name.startswith("onnx."):
            found.append(op.opview)
            if not nested and len(op.regions):
                return ir.WalkResult.SKIP
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit, ir.WalkOrder.PRE_ORDER)
    return found


def has_uses(value: ir.Value) -> bool:
    return next(iter(value.uses), None) is not None


def replace_op(op: ir.OpView, values: Sequence[ir.Value | None]) -> None:
    """Replace the results of ``op`` by ``values`` (None for a result without uses), erase it."""
    results = op.operation.results
    assert len(values) == len(results), (op.operation.name, len(values), len(results))
    for result, new in zip(results, values):
        if new is not None:
            result.replace_all_uses_with(new)
        else:
            assert not has_uses(result), f"{op.operation.name}: a used result has no replacement"
    op.operation.erase()


def update_function_types(module: ir.Module) -> int:
    """Make each `func.func`'s result types those its `func.return` returns (after passes refined
    or replaced returned values). Returns the number of functions changed."""
    changed = 0
    for op in module.body.operations:
        if op.operation.name != "func.func" or not len(op.operation.regions[0].blocks):
            continue
        function = func.FuncOp(op.operation) if not isinstance(op, func.FuncOp) else op
        block = function.regions[0].blocks[0]
        terminator = block.operations[len(block.operations) - 1]
        if terminator.operation.name != "func.return":
            continue
        function_type = ir.FunctionType(ir.TypeAttr(function.attributes["function_type"]).value)
        results = [v.type for v in terminator.operation.operands]
        if list(function_type.results) != results:
            new_type = ir.FunctionType.get(list(function_type.inputs), results)
            function.attributes["function_type"] = ir.TypeAttr.get(new_type)
            changed += 1
    return changed


def location_name(loc: ir.Location) -> str:
    """The ONNX node name in an importer location ``loc("name"("OpType"))`` ("" if none)."""
    try:
        if loc.is_a_name():
            return loc.name_str
        if loc.is_a_fused():
            for inner in loc.locations:
                name = location_name(inner)
                if name:
                    return name
    except (AttributeError, ValueError):
        pass
    return ""
