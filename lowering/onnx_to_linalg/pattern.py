"""Lowering patterns of `convert-onnx-to-linalg`: one pattern class per op (family).

The MLIR 22 bindings have no dialect-conversion API, so the pass (``__init__.py``) walks the
module in program order with the project's rewrite driver (``passes/rewrite.py``) and, for every
op that has a pattern or is not legal after the conversion (an ``onnx.*`` op, a plugin dialect's
op), asks the pattern registered for its name (``passes/lowering_patterns.py``) to build the
replacement at the op's position, with the op's location, so later errors still point at the
ONNX node. An illegal op without a pattern, or one whose pattern declines it, makes the pass
fail with "failed to legalize" at the op's location.
"""

from __future__ import annotations

from typing import ClassVar, Sequence

from mlir import ir

from ...dialects.onnx import OnnxOp
from ...passes.lowering_patterns import lowered_op_names, lowering_for, register_lowering


class LoweringError(Exception):
    """A pattern cannot lower this particular op (unsupported attribute, dtype, dynamic shape)."""


class OnnxLoweringPattern:
    """Lower one kind of op to linalg/tensor/arith/math on tensors.

    Subclasses set ``op_names`` (e.g. ``("onnx.add", "onnx.sub")``, or a plugin dialect's
    ``("toy.scale",)``) and implement ``rewrite``, which runs with the insertion point before
    the op and its location as the default location, and returns the replacement values of the
    op's results (``None`` for an absent optional result that has no uses).
    """

    op_names: ClassVar[tuple[str, ...]] = ()

    def rewrite(self, op: OnnxOp) -> Sequence[ir.Value | None]:
        raise NotImplementedError


def register_pattern(cls: type[OnnxLoweringPattern]) -> type[OnnxLoweringPattern]:
    """Class decorator: make ``cls`` the lowering of each op in ``cls.op_names``."""
    instance = cls()
    for name in cls.op_names:
        register_lowering(name, instance)
    return cls


def pattern_for(op_name: str) -> OnnxLoweringPattern | None:
    return lowering_for(op_name)


def registered_op_names() -> list[str]:
    return lowered_op_names()
