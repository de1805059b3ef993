"""``example-fuse-gelu``: the Erf-based GELU subgraph of exported models -> ``example.fused_gelu``.

Matches, with the operands of Add and Mul in either order::

    d = Div(x, sqrt(2))  or  Mul(x, 1/sqrt(2))
    e = Erf(d);  a = Add(e, 1)
    y = Mul(Mul(x, a), 0.5)  or  Mul(Mul(x, 0.5), a)

where the intermediate values have no other use and y has x's type. The matched ops are erased.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from mlir import ir

from onnx_mlir.passes.onnx_bridge import constant_value
from onnx_mlir.passes.registry import ModulePass

FUSED = "example.fused_gelu"


def _op(value: ir.Value, name: str) -> ir.Operation | None:
    owner = value.owner
    if isinstance(owner, ir.Block):
        return None
    owner = getattr(owner, "operation", owner)
    return owner if owner.name == name else None


def _is_scalar(value: ir.Value, expected: float) -> bool:
    array = constant_value(value, max_elements=1)
    return array is not None and array.size == 1 and bool(
        np.isclose(float(array.reshape(-1)[0]), expected, rtol=1e-4))


def _only_user(value: ir.Value) -> ir.Operation | None:
    uses = list(value.uses)
    return uses[0].owner if len(uses) == 1 else None


def _other(op: ir.Operation, value: ir.Value) -> ir.Value | None:
    """The other operand of a binary ``op`` one of whose operands is ``value``."""
    a, b = op.operands
    return b if a == value else a if b == value else None


def _scaled_input(erf_input: ir.Value) -> ir.Value | None:
    """x of x / sqrt(2) or x * (1/sqrt(2))."""
    div = _op(erf_input, "onnx.div")
    if div is not None and _is_scalar(div.operands[1], math.sqrt(2.0)):
        return div.operands[0]
    mul = _op(erf_input, "onnx.mul")
    if mul is not None:
        for x, c in ((mul.operands[0], mul.operands[1]), (mul.operands[1], mul.operands[0])):
            if _is_scalar(c, 1.0 / math.sqrt(2.0)):
                return x
    return None


def match_gelu(erf: ir.Operation) -> tuple[ir.Value, ir.Operation, list[ir.Operation]] | None:
    """(x, the op computing GELU(x), the matched ops) for the subgraph around ``erf``."""
    x = _scaled_input(erf.operands[0])
    add = _only_user(erf.results[0])
    if x is None or add is None or add.name != "onnx.add":
        return None
    one = _other(add, erf.results[0])
    mul = _only_user(add.results[0])
    if one is None or not _is_scalar(one, 1.0) or mul is None or mul.name != "onnx.mul":
        return None
    scale_input = erf.operands[0].owner
    other = _other(mul, add.results[0])
    if other == x:  # Mul(Mul(x, a), 0.5)
        final = _only_user(mul.results[0])
        if final is None or final.name != "onnx.mul":
            return None
        half = _other(final, mul.results[0])
        if half is None or not _is_scalar(half, 0.5):
            return None
        matched = [final, mul]
    else:  # Mul(Mul(x, 0.5), a)
        half_x = _op(other, "onnx.mul") if other is not None else None
        if half_x is None or _other(half_x, x) is None or not _is_scalar(_other(half_x, x), 0.5) \
                or _only_user(half_x.results[0]) is None:
            return None
        final, matched = mul, [mul, half_x]
    if final.results[0].type != x.type:
        return None
    return x, final, matched + [add, erf, getattr(scale_input, "operation", scale_input)]


@dataclass
class FuseGeluPass(ModulePass):
    """Replace each Erf-based GELU subgraph by one ``example.fused_gelu`` op."""

    name: ClassVar[str] = "example-fuse-gelu"
    summary: ClassVar[str] = "Fuse x*0.5*(1+erf(x/sqrt(2))) onnx subgraphs into example.fused_gelu"

    def run(self, module: ir.Module) -> None:
        erfs: list[ir.Operation] = []

        def visit(op: ir.Operation) -> ir.WalkResult:
            if op.name == "onnx.erf":
                erfs.append(op)
            return ir.WalkResult.ADVANCE

        module.operation.walk(visit)
        for erf in erfs:
            found = match_gelu(erf)
            if found is None:
                continue
            x, final, matched = found
            with ir.InsertionPoint(final), final.location:
                fused = ir.Operation.create(FUSED, results=[x.type], operands=[x])
            final.results[0].replace_all_uses_with(fused.results[0])
            for op in matched:  # users first, so that each is dead when erased
                if not any(list(r.uses) for r in op.results):
                    op.erase()
