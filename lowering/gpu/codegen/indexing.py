"""Index arithmetic of generated kernels: shapes and strides, affine maps as Triton expressions,
flat indices decomposed into coordinates."""

from __future__ import annotations

from mlir import ir

from ..linalg_query import static_loop_sizes
from ..pysource import literal
from .kernel_source import CodegenError


def shape_of(v: ir.Value) -> list[int]:
    return [int(d) for d in ir.ShapedType(v.type).shape]


def strides_of(shape: list[int]) -> list[int]:
    out, acc = [], 1
    for s in reversed(shape):
        out.append(acc)
        acc *= s
    return out[::-1]


def affine_to_expr(e: ir.AffineExpr, dims: list[str]) -> str:
    if isinstance(e, ir.AffineDimExpr):
        return dims[ir.AffineDimExpr(e).position]
    if isinstance(e, ir.AffineConstantExpr):
        return literal(int(ir.AffineConstantExpr(e).value))
    if isinstance(e, ir.AffineAddExpr):
        a, b = affine_to_expr(e.lhs, dims), affine_to_expr(e.rhs, dims)
        return a if b == "0" else b if a == "0" else f"({a} + {b})"
    if isinstance(e, ir.AffineMulExpr):
        a, b = affine_to_expr(e.lhs, dims), affine_to_expr(e.rhs, dims)
        if "0" in (a, b):
            return "0"
        return a if b == "1" else b if a == "1" else f"({a} * {b})"
    if isinstance(e, ir.AffineFloorDivExpr):
        return f"({affine_to_expr(e.lhs, dims)} // {affine_to_expr(e.rhs, dims)})"
    if isinstance(e, ir.AffineModExpr):
        return f"({affine_to_expr(e.lhs, dims)} % {affine_to_expr(e.rhs, dims)})"
    raise CodegenError(f"affine expression '{e}' is not supported by the Triton backend")


def apply_map(m: ir.AffineMap, dims: list[str]) -> tuple[str, ...]:
    return tuple(affine_to_expr(r, dims) for r in m.results)


def loop_ranges(op: ir.Operation) -> list[int]:
    """Static size of each loop of a linalg.generic; a loop without one cannot be generated."""
    sizes = static_loop_sizes(op)
    if sizes is None:
        raise CodegenError("a loop of a linalg.generic has no operand dimension giving its size")
    return sizes


def decompose(flat: str, shape: list[int], prefix: str) -> list[tuple[str, str]]:
    """(name, expression) of each coordinate of a row-major flat index over ``shape``."""
    out = []
    strides = strides_of(shape)
    for k, (size, stride) in enumerate(zip(shape, strides)):
        if size == 1:
            out.append((f"{prefix}{k}", "0"))
            continue
        expr = flat if stride == 1 else f"({flat} // {stride})"
        if k > 0:
            expr = f"({expr} % {size})"
        out.append((f"{prefix}{k}", expr))
    return out
