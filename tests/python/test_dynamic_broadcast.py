"""Numpy broadcasting where a dynamic dim is 1 at run time (lib/broadcasting.py): one
compiled model, run with each operand broadcast in turn, matches onnxruntime; incompatible
run-time sizes are an ExecutionError."""

from __future__ import annotations

import numpy as np
import pytest

import onnx_mlir
from numerics import run_onnxruntime, single_node_model

F32 = np.float32
rng = np.random.default_rng(0)


def run_both(model, feeds):
    compiled = onnx_mlir.compile(model)
    for f in feeds:
        got = compiled.run(None, f)
        want = run_onnxruntime(model, f)
        for g, w in zip(got, want):
            assert g.shape == w.shape
            np.testing.assert_allclose(g, w, rtol=1e-6, atol=1e-6)
    return compiled


@pytest.mark.parametrize("op", ["Add", "Mul", "Sub"])
def test_binary_dynamic_dims_broadcast_at_run_time(op) -> None:
    m = single_node_model(op, [("a", F32, ["n", "k"]), ("b", F32, ["m", "k2"])],
                          [("y", F32, None)], opset=18)
    shapes = [((4, 3), (1, 3)), ((1, 3), (4, 3)), ((4, 1), (1, 5)), ((4, 3), (4, 3)), ((1, 1), (2, 2))]
    compiled = run_both(m, [{"a": rng.standard_normal(sa).astype(F32),
                             "b": rng.standard_normal(sb).astype(F32)} for sa, sb in shapes])
    with pytest.raises(onnx_mlir.ExecutionError, match="not broadcast-compatible"):
        compiled.run(None, {"a": np.ones((2, 3), F32), "b": np.ones((4, 3), F32)})


def test_dynamic_dim_against_static() -> None:
    """A dynamic dim against a static 5: it may be 5 or a broadcast 1."""
    m = single_node_model("Add", [("a", F32, ["n", 5]), ("b", F32, [3, 5])], [("y", F32, None)],
                          opset=18)
    run_both(m, [{"a": rng.standard_normal(s).astype(F32), "b": rng.standard_normal((3, 5)).astype(F32)}
                 for s in [(3, 5), (1, 5)]])


def test_gemm_bias_broadcast_at_run_time() -> None:
    m = single_node_model("Gemm", [("a", F32, ["m", "k"]), ("b", F32, ["k", "n"]), ("c", F32, ["p", "q"])],
                          [("y", F32, None)], opset=13)
    feeds = []
    for c in [(1, 4), (3, 1), (3, 4), (1, 1)]:
        feeds.append({"a": rng.standard_normal((3, 2)).astype(F32),
                      "b": rng.standard_normal((2, 4)).astype(F32),
                      "c": rng.standard_normal(c).astype(F32)})
    run_both(m, feeds)
