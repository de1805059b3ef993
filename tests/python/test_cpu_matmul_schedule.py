"""Numerics of the CPU matmul schedule (lowering/cpu/matmul_schedules.py) on shapes that do not
divide its tiles: partial (peeled, masked) register tiles, M = 1 (GEMV), small N, dynamic dims,
batch_matmul, f32 and f64, for the host's ISA and for AVX2 register tiles. Compared with numpy
(float64 accumulation) and onnxruntime."""

from __future__ import annotations

import numpy as np
import onnx_mlir
import pytest
from onnx import TensorProto as TP
from onnx import helper

from numerics import assert_matches_onnxruntime, random_feeds, single_node_model

CPUS = [None, "avx2"]  # None: the host's ISA (AVX-512 register tiles on an AVX-512 host)


def _matmul_model(a_shape, b_shape, dtype):
    elem = helper.np_dtype_to_tensor_dtype(np.dtype(dtype))
    graph = helper.make_graph([helper.make_node("MatMul", ["a", "b"], ["c"])], "mm",
                              [helper.make_tensor_value_info("a", elem, a_shape),
                               helper.make_tensor_value_info("b", elem, b_shape)],
                              [helper.make_tensor_value_info("c", elem, None)])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


def _check(model, feeds, cpu, dtype):
    (got,) = onnx_mlir.compile(model, cpu=cpu).run(None, feeds)
    want = np.matmul(feeds["a"].astype(np.float64), feeds["b"].astype(np.float64))
    tol = 1e-5 if dtype == np.float32 else 1e-12
    assert got.dtype == dtype and got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=tol, atol=tol * np.sqrt(feeds["a"].shape[-1]))


@pytest.mark.parametrize("cpu", CPUS)
@pytest.mark.parametrize("m,k,n", [(1, 784, 512), (1, 256, 10), (3, 5, 9), (17, 33, 100),
                                   (33, 17, 3), (100, 129, 1000), (16, 128, 1000), (64, 64, 64)])
def test_matmul_any_shape_f32(m, k, n, cpu) -> None:
    rng = np.random.default_rng(m * 1000 + n)
    feeds = {"a": rng.standard_normal((m, k)).astype(np.float32),
             "b": rng.standard_normal((k, n)).astype(np.float32)}
    _check(_matmul_model([m, k], [k, n], np.float32), feeds, cpu, np.float32)


@pytest.mark.parametrize("cpu", CPUS)
@pytest.mark.parametrize("m,k,n", [(1, 100, 33), (17, 33, 9), (20, 7, 40)])
def test_matmul_any_shape_f64(m, k, n, cpu) -> None:
    rng = np.random.default_rng(n)
    feeds = {"a": rng.standard_normal((m, k)), "b": rng.standard_normal((k, n))}
    _check(_matmul_model([m, k], [k, n], np.float64), feeds, cpu, np.float64)


@pytest.mark.parametrize("cpu", CPUS)
@pytest.mark.parametrize("batch,m,k,n", [(4, 16, 32, 16), (3, 17, 5, 9), (2, 1, 33, 100)])
def test_batch_matmul_any_shape(batch, m, k, n, cpu) -> None:
    rng = np.random.default_rng(batch * m)
    feeds = {"a": rng.standard_normal((batch, m, k)).astype(np.float32),
             "b": rng.standard_normal((batch, k, n)).astype(np.float32)}
    _check(_matmul_model([batch, m, k], [batch, k, n], np.float32), feeds, cpu, np.float32)


@pytest.mark.parametrize("cpu", CPUS)
def test_matmul_dynamic_rows(cpu) -> None:
    """A dynamic M (batch): one compiled model, run at sizes below, at and above the tiles."""
    model = _matmul_model(["m", 48], [48, 40], np.float32)
    compiled = onnx_mlir.compile(model, cpu=cpu)
    rng = np.random.default_rng(0)
    b = rng.standard_normal((48, 40)).astype(np.float32)
    for m in (1, 5, 8, 9, 64, 67):
        a = rng.standard_normal((m, 48)).astype(np.float32)
        (got,) = compiled.run(None, {"a": a, "b": b})
        np.testing.assert_allclose(got, a.astype(np.float64) @ b, rtol=1e-5, atol=1e-4)


@pytest.mark.parametrize("trans_b", [0, 1])
def test_gemm_odd_shape_with_bias(trans_b) -> None:
    """Gemm (M=3, K=17, N=33) with transB and a bias against onnxruntime."""
    b_shape = [33, 17] if trans_b else [17, 33]
    model = single_node_model("Gemm", [("a", np.float32, [3, 17]), ("b", np.float32, b_shape),
                                       ("c", np.float32, [33])],
                              [("y", np.float32, None)], transB=trans_b)
    assert_matches_onnxruntime(model, random_feeds(model))
