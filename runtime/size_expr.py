"""Sizes the GPU plan computes at run time (dynamic shapes): plain-data expression trees.

A size is an ``int`` or a tuple: ``("dim", slot, axis)`` (a dim of the tensor in a plan slot),
``("elem", slot, i0, i1, ...)`` (an element of an integer tensor: a size that depends on data, read
back from the device) or
``(op, a, b)`` / ``("select", cond, a, b)`` with ``op`` one of :data:`OPS` over sizes (comparisons
give 0 or 1; ``select`` is ``a if cond else b``: ONNX's clamping of slice bounds).  The compiler writes them into the
plan (grids, buffer shapes, kernels' size arguments, reshapes); :func:`evaluate` computes them
from the tensors of a run.  Nothing here imports MLIR, torch or Triton; trees are JSON-able
(a tuple may come back as a list).
"""

from __future__ import annotations

from typing import Any, Sequence, Union

SizeExpr = Union[int, tuple]

OPS = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "floordiv": lambda a, b: a // b,
    "ceildiv": lambda a, b: -(-a // b),
    "rem": lambda a, b: a % b,
    "max": max,
    "min": min,
    "lt": lambda a, b: int(a < b),
    "le": lambda a, b: int(a <= b),
    "gt": lambda a, b: int(a > b),
    "ge": lambda a, b: int(a >= b),
    "eq": lambda a, b: int(a == b),
    "ne": lambda a, b: int(a != b),
    "select": lambda c, a, b: a if c else b,
}


def evaluate(expr: SizeExpr, env: Sequence[Any]) -> int:
    """The value of ``expr`` given ``env`` (slot -> tensor; only ``.shape`` is read)."""
    if isinstance(expr, int):
        return expr
    head = expr[0]
    if head == "dim":
        return int(env[expr[1]].shape[expr[2]])
    if head == "elem":
        return int(env[expr[1]][tuple(evaluate(i, env) for i in expr[2:])])
    if head in OPS:
        return int(OPS[head](*(evaluate(e, env) for e in expr[1:])))
    raise ValueError(f"unknown size expression {expr!r}")


def substitute(expr: SizeExpr, dims: Any) -> SizeExpr:
    """``expr`` with each ``("dim", i, axis)`` leaf replaced by ``dims(i, axis)``."""
    if isinstance(expr, int):
        return expr
    if expr[0] == "dim":
        return dims(expr[1], expr[2])
    if expr[0] == "elem":
        raise ValueError("a kernel's sizes never read tensor elements")
    return (expr[0],) + tuple(substitute(e, dims) for e in expr[1:])
