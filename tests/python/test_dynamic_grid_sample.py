"""GridSample with dynamic input spatial dims (read at run time in the coordinate maths and the
tap clamps): one compile, two input sizes, each matching onnxruntime."""

from __future__ import annotations

import numpy as np
import pytest
from onnx import helper as h

import onnx_mlir
from shape_check_helpers import model, ort_run, vi

F32 = np.float32


@pytest.mark.parametrize("mode", ["linear", "nearest", "cubic"])
@pytest.mark.parametrize("padding_mode", ["zeros", "border", "reflection"])
@pytest.mark.parametrize("align_corners", [0, 1])
def test_grid_sample_dynamic_input(mode, padding_mode, align_corners):
    node = h.make_node("GridSample", ["x", "grid"], ["y"], name="gs", mode=mode,
                       padding_mode=padding_mode, align_corners=align_corners)
    m = model([node], [vi("x", ["n", 2, "h", "w"]), vi("grid", ["n", 5, 6, 2])],
              [vi("y", None)], opset=20)
    compiled = onnx_mlir.compile(m)
    rng = np.random.default_rng(0)
    for n, hh, ww in ((1, 7, 9), (2, 4, 13)):
        feeds = {"x": rng.standard_normal((n, 2, hh, ww)).astype(F32),
                 "grid": rng.uniform(-1.3, 1.3, (n, 5, 6, 2)).astype(F32)}
        ours, ref = compiled.run(None, feeds)[0], ort_run(m, feeds)[0]
        np.testing.assert_allclose(ours, ref, rtol=1e-4, atol=1e-4)


def test_grid_sample_fully_dynamic_grid():
    """Every grid dim dynamic (its last, the coordinate count, too): cast to the rank with a
    run-time check; a grid of the wrong coordinate count is an ExecutionError."""
    node = h.make_node("GridSample", ["x", "grid"], ["y"], name="gs", mode="linear")
    m = model([node], [vi("x", ["n", "c", "h", "w"]), vi("grid", ["a", "b", "d", "k"])],
              [vi("y", None)], opset=20)
    compiled = onnx_mlir.compile(m)
    rng = np.random.default_rng(1)
    for n, c, hh, ww, gh, gw in ((1, 3, 5, 6, 4, 2), (2, 1, 8, 3, 3, 7)):
        feeds = {"x": rng.standard_normal((n, c, hh, ww)).astype(F32),
                 "grid": rng.uniform(-1.1, 1.1, (n, gh, gw, 2)).astype(F32)}
        np.testing.assert_allclose(compiled.run(None, feeds)[0], ort_run(m, feeds)[0],
                                   rtol=1e-4, atol=1e-4)
    bad = {"x": np.zeros((1, 1, 4, 4), F32), "grid": np.zeros((1, 2, 2, 3), F32)}
    with pytest.raises(onnx_mlir.ExecutionError):
        compiled.run(None, bad)
