"""Infrastructure of `convert-onnx-to-linalg`: one lowering pattern class per ONNX op (family).

The MLIR 22 bindings have no dialect-conversion API, so the pass walks each function in program
order and, for every `onnx.*` op, asks the pattern registered for its name to build the
replacement at the op's position (with the op's location, so later errors still point at the
ONNX node). Legality is checked by construction: an op without a pattern, or one whose pattern
declines it, makes the pass fail with "failed to legalize" at the op's location.
"""

from __future__ import annotations

from typing import ClassVar, Sequence

from mlir import ir

from ...dialects.onnx import OnnxOp


class LoweringError(Exception):
    """A pattern cannot lower this particular op (unsupported attribute, dtype, dynamic shape)."""


class OnnxLoweringPattern:
    """Lower one kind of `onnx` op to linalg/tensor/arith/math on tensors.

    Subclasses set ``op_names`` (e.g. ``("onnx.add", "onnx.sub")``) and implement ``rewrite``,
    which runs with the insertion point before the op and its location as the default location,
    and returns the replacement values of the op's results (``None`` for an absent optional
    result that has no uses).
    """

    op_names: ClassVar[tuple[str, ...]] = ()

    def rewrite(self, op: OnnxOp) -> Sequence[ir.Value | None]:
        raise NotImplementedError


_PATTERNS: dict[str, OnnxLoweringPattern] = {}


def register_pattern(cls: type[OnnxLoweringPattern]) -> type[OnnxLoweringPattern]:
    """Class decorator: make ``cls`` the lowering of each op in ``cls.op_names``."""
    instance = cls()
    for name in cls.op_names:
        _PATTERNS[name] = instance
    return cls


def pattern_for(op_name: str) -> OnnxLoweringPattern | None:
    """The pattern of ``op_name``: the project's, else one a plugin registered (imported now)."""
    pattern = _PATTERNS.get(op_name)
    if pattern is None and is_plugin_op(op_name):
        from ...plugins.registry import lowering_class

        pattern = _PATTERNS[op_name] = lowering_class(op_name)()
    return pattern


def is_plugin_op(op_name: str) -> bool:
    """Whether a plugin registered a lowering for ``op_name`` (its own dialect's op)."""
    from ...plugins.registry import has_lowering

    return has_lowering(op_name)


def has_pattern(op_name: str) -> bool:
    """Whether ``op_name`` has a lowering: registered with ``register_pattern`` (any dialect's
    op) or by a plugin."""
    return op_name in _PATTERNS or is_plugin_op(op_name)


def registered_op_names() -> list[str]:
    return sorted(_PATTERNS)
