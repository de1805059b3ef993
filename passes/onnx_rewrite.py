"""Small IR helpers shared by the onnx-level passes: function signatures after a rewrite, node
names from locations. (Walking and replacing ops: the rewrite driver, ``rewrite.py``.)"""

from __future__ import annotations

from mlir import ir
from mlir.dialects import func


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
