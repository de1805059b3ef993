"""Numerics of Einsum and Det against onnxruntime."""

from __future__ import annotations

import numpy as np
import pytest

from numerics import assert_matches_onnxruntime, run_onnx_mlir, single_node_model

F16, F32, F64, I32, I64 = np.float16, np.float32, np.float64, np.int32, np.int64

# (equation, input shapes)
CASES = [
    ("ij->ji", [[3, 4]]),
    ("ij->i", [[3, 4]]),
    ("ij->", [[3, 4]]),
    ("ii->i", [[4, 4]]),
    ("ii", [[4, 4]]),
    ("...ii->...i", [[2, 3, 3]]),
    ("bij->bji", [[2, 3, 4]]),
    ("i,i", [[5], [5]]),
    ("i,j->ij", [[3], [3]]),
    ("ij,jk->ik", [[3, 3], [3, 3]]),
    ("ij,ij->ij", [[2, 3], [2, 3]]),
    ("ij,kj", [[2, 3], [2, 3]]),
    ("...j,...j->...", [[2, 3, 4], [2, 3, 4]]),
    ("ab,bc,cd->ad", [[3, 3], [3, 3], [3, 3]]),
    ("ij,jk->ik", [[2, 3], [3, 4]]),
    ("i,j->ij", [[2], [5]]),
    ("...j,j->...", [[2, 3, 4], [4]]),
    ("ab,bc,cd->ad", [[2, 3], [3, 4], [4, 5]]),
]


@pytest.mark.parametrize("equation,shapes", CASES,
                         ids=[f"{e}:{'x'.join(map(str, s[0]))}" for e, s in CASES])
def test_einsum_f32(equation: str, shapes: list) -> None:
    inputs = [(f"x{i}", F32, s) for i, s in enumerate(shapes)]
    model = single_node_model("Einsum", inputs, [("y", F32, None)], opset=12, equation=equation)
    assert_matches_onnxruntime(model)


@pytest.mark.parametrize("dtype", [F64, I32, I64], ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("equation", ["ij,jk->ik", "ij->i", "ii->i"])
def test_einsum_dtypes(equation: str, dtype) -> None:
    shapes = [[3, 3]] * (equation.count(",") + 1)
    inputs = [(f"x{i}", dtype, s) for i, s in enumerate(shapes)]
    model = single_node_model("Einsum", inputs, [("y", dtype, None)], opset=12, equation=equation)
    assert_matches_onnxruntime(model)


def test_einsum_f16_against_numpy() -> None:
    """onnxruntime's f16 Einsum is limited; compare with numpy in f32."""
    model = single_node_model("Einsum", [("x", F16, [3, 4])], [("y", F16, None)], opset=12,
                              equation="ij->i")
    x = np.random.default_rng(0).uniform(-2, 2, size=[3, 4]).astype(F16)
    (out,) = run_onnx_mlir(model, {"x": x})
    np.testing.assert_allclose(out, x.astype(F32).sum(1), rtol=1e-2, atol=1e-2)


def test_einsum_batch_matmul_different_shapes() -> None:
    model = single_node_model("Einsum", [("a", F32, [5, 2, 3]), ("b", F32, [5, 3, 4])],
                              [("y", F32, None)], opset=12, equation="bij, bjk -> bik")
    assert_matches_onnxruntime(model)


@pytest.mark.parametrize("shape", [[2, 2], [3, 3], [4, 4], [2, 3, 3], [2, 1, 4, 4], [1, 1]])
def test_det(shape: list) -> None:
    model = single_node_model("Det", [("x", F32, shape)], [("y", F32, None)], opset=11)
    assert_matches_onnxruntime(model, rtol=1e-4, atol=1e-4)
