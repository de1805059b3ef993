"""``example.fused_gelu`` -> one elementwise ``linalg.generic``: 0.5 * x * (1 + erf(x / sqrt(2))).

Built with the project's helper layer (``lowering/onnx_to_linalg/lib``) like any onnx op pattern;
``convert-onnx-to-linalg`` calls it for every ``example.fused_gelu`` op (registered in
``__init__.py``).
"""

from __future__ import annotations

import math as pymath
from typing import Sequence

from mlir import ir
from mlir.dialects import arith, math

from onnx_mlir.lowering.onnx_to_linalg.lib.scalar import (common_element_type, elementwise, fconst,
                                                          require_float, via_f32)
from onnx_mlir.lowering.onnx_to_linalg.pattern import OnnxLoweringPattern


def _gelu(x: ir.Value) -> ir.Value:
    erf = math.erf(arith.mulf(x, fconst(x, 1.0 / pymath.sqrt(2.0))))
    half_x = arith.mulf(x, fconst(x, 0.5))
    return arith.mulf(half_x, arith.addf(erf, fconst(x, 1.0)))


class FusedGeluLowering(OnnxLoweringPattern):
    op_names = ("example.fused_gelu",)

    def rewrite(self, op: ir.OpView) -> Sequence[ir.Value]:
        (x,) = op.operation.operands
        elem = common_element_type(op, [x])
        require_float(elem, op.operation.name)
        return [elementwise(op, [x], elem, via_f32(_gelu))]
