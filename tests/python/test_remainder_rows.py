"""The remainder rows of matmuls tiled along a dynamic M run one row at a time
(lowering/cpu/remainder_rows.py): one compiled model per case, run at sizes below, at and above
the register tile (8 rows with AVX-512, 6 with AVX2), against numpy in float64; with a dynamic N
as well (the row tiles then masked along N) and batched (attention-like, dynamic batch and
sequence)."""

from __future__ import annotations

import numpy as np
import onnx_mlir
import pytest
from onnx import TensorProto as TP
from onnx import helper

CPUS = [None, "avx2"]


def _model(a_shape, b_shape):
    graph = helper.make_graph([helper.make_node("MatMul", ["a", "b"], ["c"])], "mm",
                              [helper.make_tensor_value_info("a", TP.FLOAT, a_shape),
                               helper.make_tensor_value_info("b", TP.FLOAT, b_shape)],
                              [helper.make_tensor_value_info("c", TP.FLOAT, None)])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


def _check(compiled, a, b):
    (got,) = compiled.run(None, {"a": a, "b": b})
    want = np.matmul(a.astype(np.float64), b.astype(np.float64))
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-4)


@pytest.mark.parametrize("cpu", CPUS)
def test_dynamic_rows_and_columns(cpu) -> None:
    compiled = onnx_mlir.compile(_model(["m", 40], [40, "n"]), cpu=cpu)
    rng = np.random.default_rng(1)
    for m, n in [(1, 1), (3, 7), (7, 33), (8, 32), (13, 70), (70, 13)]:
        _check(compiled, rng.standard_normal((m, 40)).astype(np.float32),
               rng.standard_normal((40, n)).astype(np.float32))


@pytest.mark.parametrize("cpu", CPUS)
def test_batched_dynamic_batch_and_sequence(cpu) -> None:
    """Q @ K^T of attention: [b, h, s, 32] @ [b, h, 32, s], b and s dynamic."""
    compiled = onnx_mlir.compile(_model(["b", 4, "s", 32], ["b", 4, 32, "s"]), cpu=cpu)
    rng = np.random.default_rng(2)
    for batch, seq in [(1, 16), (2, 5), (3, 9), (1, 1), (2, 23)]:
        _check(compiled, rng.standard_normal((batch, 4, seq, 32)).astype(np.float32),
               rng.standard_normal((batch, 4, 32, seq)).astype(np.float32))
