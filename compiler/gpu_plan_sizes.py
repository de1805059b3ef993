"""Sizes of ``@main_graph``'s values as plan expressions (``runtime/size_expr.py``), for dynamic
shapes: the plan computes them per run from the tensors' shapes (reshape targets, kernels' size
arguments, grids and result shapes)."""

from __future__ import annotations

from typing import Callable

from mlir import ir

from ..errors import CompilationError
from ..lowering.gpu.codegen.sizes import apply_size
from ..runtime.size_expr import SizeExpr, substitute

_OPS = {"arith.addi": "add", "arith.subi": "sub", "arith.muli": "mul", "arith.divsi": "floordiv",
        "arith.floordivsi": "floordiv", "arith.ceildivsi": "ceildiv", "arith.remsi": "rem",
        "arith.maxsi": "max", "arith.minsi": "min", "arith.divui": "floordiv",
        "arith.ceildivui": "ceildiv", "arith.remui": "rem", "arith.maxui": "max", "arith.minui": "min"}
_CMP = ["eq", "ne", "lt", "le", "gt", "ge", "lt", "le", "gt", "ge"]  # arith.cmpi predicates


def _tree(op: str, a: SizeExpr, b: SizeExpr) -> SizeExpr:
    return (op, a, b)


class PlanSizes:
    """Size expressions over plan slots (``slot`` numbers a value of ``@main_graph``)."""

    def __init__(self, slot: Callable[[ir.Value], int]):
        self.slot = slot

    def dim(self, value: ir.Value, axis: int) -> SizeExpr:
        t = ir.ShapedType(value.type)
        if not t.is_dynamic_dim(axis):
            return int(t.get_dim_size(axis))
        return ("dim", self.slot(value), axis)

    def shape(self, value: ir.Value) -> tuple:
        return tuple(self.dim(value, a) for a in range(ir.ShapedType(value.type).rank))

    def scalar(self, v: ir.Value) -> SizeExpr:
        """An index value of ``@main_graph`` (constants, tensor.dim, index arithmetic)."""
        if isinstance(v, ir.OpResult):
            op = v.owner
            if op.name == "arith.constant":
                return int(str(op.attributes["value"]).split(":")[0])
            if op.name == "tensor.dim":
                axis = self.scalar(op.operands[1])
                if isinstance(axis, int):
                    return self.dim(op.operands[0], axis)
            if op.name in ("arith.index_cast", "arith.index_castui"):
                return self.scalar(op.operands[0])
            if op.name == "tensor.extract" and str(ir.ShapedType(op.operands[0].type).element_type).startswith(("i", "index")):
                # a size from data (a computed Reshape target): read back per run
                return ("elem", self.slot(op.operands[0])) + tuple(self.scalar(i) for i in op.operands[1:])
            if op.name in _OPS:
                return (_OPS[op.name], self.scalar(op.operands[0]), self.scalar(op.operands[1]))
            if op.name == "arith.cmpi":
                pred = _CMP[int(str(op.attributes["predicate"]).split(":")[0].strip())]
                return (pred, self.scalar(op.operands[0]), self.scalar(op.operands[1]))
            if op.name == "arith.select":
                return ("select",) + tuple(self.scalar(o) for o in op.operands)
            if op.name == "affine.apply":
                return apply_size(op, [self.scalar(o) for o in op.operands], _tree)
        raise CompilationError("a size computed from tensor data is not supported by the GPU plan")

    def reshape_target(self, op: ir.Operation) -> tuple | None:
        """The result shape of a reshape op as size expressions (None when it is static)."""
        result = ir.ShapedType(op.results[0].type)
        if result.has_static_shape:
            return None
        if op.name == "tensor.collapse_shape":
            out = []
            for group in ir.ArrayAttr(op.attributes["reassociation"]):
                size: SizeExpr = 1
                for axis in ir.ArrayAttr(group):
                    d = self.dim(op.operands[0], ir.IntegerAttr(axis).value)
                    size = size * d if isinstance(size, int) and isinstance(d, int) else ("mul", size, d)
                out.append(size)
            return tuple(out)
        if op.name == "tensor.expand_shape":
            dynamic = iter(list(op.operands)[1:])
            marker = ir.ShapedType.get_dynamic_size()
            return tuple(self.scalar(next(dynamic)) if s == marker else int(s)
                         for s in ir.DenseI64ArrayAttr(op.attributes["static_output_shape"]))
        if op.name == "tensor.reshape":
            shape = op.operands[1]
            if isinstance(shape, ir.OpResult) and shape.owner.name == "tensor.from_elements":
                return tuple(self.scalar(v) for v in shape.owner.operands)
        raise CompilationError(f"the dynamic result shape of '{op.name}' is not supported by the GPU plan")

    def kernel_sizes(self, kernel, ins: tuple[int, ...]) -> dict:
        """The launch fields of a kernel with size arguments: its trees over ("dim", argument,
        axis) become trees over the call's operand slots."""
        def dims(arg: int, axis: int) -> SizeExpr:
            return ("dim", ins[arg], axis)

        return {"size_args": tuple(dims(i, a) for i, a in kernel.size_args),
                "grid_exprs": tuple(substitute(g, dims) for g in kernel.grid),
                "output_shapes": tuple(tuple(substitute(d, dims) for d in shape) for shape in kernel.output_shapes)}
