"""lowering/cpu/tile_forwarding.py: a whole-tensor read takes the vector of the whole-tensor write
behind unit-dim slices, and nothing else."""

from __future__ import annotations

from mlir import ir

from onnx_mlir.dialects import make_context
from onnx_mlir.lowering.cpu.tile_forwarding import forward_tile_vectors

_TEMPLATE = """
func.func @f(%v: vector<8x32xf32>) -> vector<{read}xf32> {{
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %pad = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x1x8x32xf32>
  %w = vector.transfer_write %v, %e[%c0, %c0, %c0, %c0] {{in_bounds = [true, true]}} : vector<8x32xf32>, tensor<1x1x8x32xf32>
  %s = tensor.extract_slice %w[0, 0, 0, 0] [1, 1, 8, 32] [1, 1, 1, 1] : tensor<1x1x8x32xf32> to tensor<1x8x32xf32>
  %r = vector.transfer_read %s[%c0, {row}, %c0], %pad {{in_bounds = [true, true]}} : tensor<1x8x32xf32>, vector<{read}xf32>
  return %r : vector<{read}xf32>
}}
"""


def _forwarded(read: str, row: str = "%c0") -> int:
    with make_context():
        module = ir.Module.parse(_TEMPLATE.format(read=read, row=row))
        return forward_tile_vectors(module)


def test_whole_read_of_whole_write_is_forwarded() -> None:
    assert _forwarded("8x32") == 1


def test_partial_read_is_not_forwarded() -> None:
    assert _forwarded("4x32") == 0  # a part of the tensor: a different vector
    assert _forwarded("8x32", row="%c1") == 0  # not at index 0
