"""Sizes in generated kernels: static ints, or :class:`Sym` expressions of dynamic dims.

A dynamic dim of a kernel argument is a size parameter of the kernel (``s<arg>_<axis>``, an
integer after the pointers); every other dynamic size (results, intermediates, loop extents) is
an expression of those, found through the ops that define it (``Emitter.dim``).  A :class:`Sym`
renders as Triton source and is also plain data (``tree``, see ``runtime/size_expr.py``: leaves
``("dim", arg, axis)``), from which the plan computes grids and buffer shapes per run.  Tile sizes
are chosen for a representative value of each dynamic dim (:data:`DYNAMIC_HINT`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from mlir import ir

from ....runtime.size_expr import OPS
from ..pysource import Identifier

# The value assumed for a dynamic dim when choosing tiles (block sizes are compile-time).
DYNAMIC_HINT = 32

_RENDER = {"add": "({a} + {b})", "sub": "({a} - {b})", "mul": "({a} * {b})", "floordiv": "({a} // {b})",
           "ceildiv": "(({a} + {b} - 1) // {b})", "rem": "({a} % {b})", "max": "tl.maximum({a}, {b})",
           "min": "tl.minimum({a}, {b})", "lt": "({a} < {b})", "le": "({a} <= {b})", "gt": "({a} > {b})",
           "ge": "({a} >= {b})", "eq": "({a} == {b})", "ne": "({a} != {b})", "select": "tl.where({a}, {b}, {c})"}


def size_param(arg: int, axis: int) -> Identifier:
    return Identifier.internal(f"s{arg}_{axis}")


@dataclass(frozen=True)
class Sym:
    """A dynamic size: ``tree`` over the kernel's size parameters, ``hint`` a representative value."""

    tree: tuple
    hint: int

    @classmethod
    def dim(cls, arg: int, axis: int) -> "Sym":
        return cls(("dim", arg, axis), DYNAMIC_HINT)

    def __str__(self) -> str:
        return render(self.tree)

    def __mul__(self, other):
        return combine("mul", self, other)

    def __rmul__(self, other):
        return combine("mul", other, self)

    def __add__(self, other):
        return combine("add", self, other)

    def __radd__(self, other):
        return combine("add", other, self)


Size = "int | Sym"


def tree(size) -> int | tuple:
    return size.tree if isinstance(size, Sym) else int(size)


def hint(size) -> int:
    return size.hint if isinstance(size, Sym) else int(size)


def combine(op: str, *args):
    """``op(*args)`` on sizes, folded when all are static (and for the neutral operands)."""
    if not any(isinstance(x, Sym) for x in args):
        return int(OPS[op](*(int(x) for x in args)))
    if op == "select" and not isinstance(args[0], Sym):
        return args[1] if args[0] else args[2]
    if len(args) == 2:
        a, b = args
        if op == "mul" and (a == 1 or b == 1):
            return b if a == 1 else a
        if op in ("add", "sub") and b == 0:
            return a
        if op == "add" and a == 0:
            return b
        if op in ("floordiv", "ceildiv") and b == 1:
            return a
    hints = [hint(x) for x in args]
    if op in ("floordiv", "ceildiv", "rem"):
        hints[1] = max(1, hints[1])
    return Sym((op,) + tuple(tree(x) for x in args), max(1, int(OPS[op](*hints))))


def prod(sizes) -> object:
    """The product of ``sizes`` (at least 1 when static, as an empty or zero-size space)."""
    out = math.prod(sizes) if sizes else 1
    return out if isinstance(out, Sym) else max(1, out)


def cdiv(a, b):
    return combine("ceildiv", a, b)


def render(t) -> str:
    if isinstance(t, int):
        return str(int(t))
    if t[0] == "dim":
        return size_param(t[1], t[2])
    return _RENDER[t[0]].format(**dict(zip("abc", (render(x) for x in t[1:]))))


def same_shape(a: list, b: list) -> bool:
    """Do two shapes agree, dynamic dims assumed equal (the GPU path runs without run-time checks:
    sizes the IR says are equal, e.g. the operands of one linalg.generic, are)?"""
    return len(a) == len(b) and all(
        isinstance(x, Sym) and isinstance(y, Sym) or x == y for x, y in zip(a, b))


def apply_size(op: ir.Operation, operands: list, combine_fn=None):
    """The result of an ``affine.apply`` (operands: dims then symbols) on sizes; ``combine_fn``
    builds the result (default :func:`combine`; the plan builds its own trees)."""
    comb = combine_fn or combine
    amap = ir.AffineMapAttr(op.attributes["map"]).value
    ops = ((ir.AffineAddExpr, "add"), (ir.AffineMulExpr, "mul"), (ir.AffineModExpr, "rem"),
           (ir.AffineFloorDivExpr, "floordiv"), (ir.AffineCeilDivExpr, "ceildiv"))

    def value(expr):
        if isinstance(expr, ir.AffineConstantExpr):
            return int(ir.AffineConstantExpr(expr).value)
        if isinstance(expr, ir.AffineDimExpr):
            return operands[ir.AffineDimExpr(expr).position]
        if isinstance(expr, ir.AffineSymbolExpr):
            return operands[amap.n_dims + ir.AffineSymbolExpr(expr).position]
        for cls, name in ops:
            if isinstance(expr, cls):
                e = cls(expr)
                return comb(name, value(e.lhs), value(e.rhs))
        raise ValueError(f"affine expression {expr}")

    return value(amap.results[0])
