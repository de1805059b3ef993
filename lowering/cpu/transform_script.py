"""Running a transform-dialect script (the schedules' text) on a module with the interpreter."""

from __future__ import annotations

from mlir import ir
from mlir.dialects.transform import interpreter


def wrap(body: str) -> str:
    """``body`` as the ``@__transform_main`` named sequence of a transform module (``%root``: the
    payload module)."""
    return ("module attributes {transform.with_named_sequence} {\n"
            "  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {\n"
            f"{body}\n    transform.yield\n  }}\n}}\n")


def apply(module: ir.Module, script: str) -> None:
    """Run the transform module ``script`` (from :func:`wrap`) on ``module``."""
    with module.context, ir.Location.unknown():
        lib = ir.Module.parse(script)
        entry = next(op for op in lib.body.operations
                     if ir.StringAttr(op.attributes["sym_name"]).value == "__transform_main")
        interpreter.apply_named_sequence(module.operation, entry, lib)
