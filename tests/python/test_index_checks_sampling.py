"""Indices and coordinates read from data by the sampling and windowed ops: MaxUnpool indices,
Col2Im block_shape, RoiAlign batch indices (and NaN / far-out rois), GridSample and Resize with
NaN, infinite and far-out coordinates, STFT frame step and length, DFT run-time axis."""

from __future__ import annotations

import numpy as np
import pytest

import onnx_mlir
from index_check_helpers import HUGE, I64_MIN, good_then_bad, node_model, ort_run

F32, I64 = np.float32, np.int64


@pytest.mark.parametrize("index", [4, -1, HUGE, I64_MIN])
def test_max_unpool_index_out_of_range(index) -> None:
    m = node_model("MaxUnpool", [("x", F32, [1, 1, 2]), ("i", I64, [1, 1, 2])],
                   [("y", F32, None)], opset=11, kernel_shape=[2], strides=[2])
    x = np.array([[[1, 2]]], F32)
    good_then_bad(m, [{"x": x, "i": np.array([[[0, 3]]], I64)}],
                  [({"x": x, "i": np.array([[[0, index]]], I64)},
                    [f"index {index} is out of range [0, 4) of the output"])])


def test_col2im_run_time_block_shape() -> None:
    m = node_model("Col2Im", [("x", F32, [1, 4, 9]), ("s", I64, [2]), ("b", I64, [2])],
                   [("y", F32, [1, 1, 4, 4])], initializers={"s": np.array([4, 4], I64)})
    x = np.arange(36, dtype=F32).reshape(1, 4, 9)
    good_then_bad(m, [{"x": x, "b": np.array([2, 2], I64)}],
                  [({"x": x, "b": np.array([0, 4], I64)},  # a zero divisor would trap
                    ["block_shape (0, 4) does not split the 4 taps per channel"]),
                   ({"x": x, "b": np.array([1, 2], I64)}, ["block_shape (1, 2)"])],
                  ort_rejects_bad=False)


def _roi_align(xshape=(2, 1, 4, 4), **attrs):
    return node_model("RoiAlign", [("x", F32, list(xshape)), ("r", F32, ["r", 4]),
                                   ("b", I64, ["k"])], [("y", F32, None)], opset=16,
                      output_height=2, output_width=2, **attrs)


@pytest.mark.parametrize("ratio", [2, 0])
def test_roi_align_batch_indices(ratio) -> None:
    m = _roi_align(sampling_ratio=ratio)
    x = np.arange(32, dtype=F32).reshape(2, 1, 4, 4)
    rois = np.array([[0, 0, 2, 2], [1, 1, 3, 3]], F32)
    good_then_bad(m, [{"x": x, "r": rois, "b": np.array([1, 0], I64)}],
                  [({"x": x, "r": rois, "b": np.array([1, 2], I64)},
                    ["batch index 2 is out of range [0, 2)"]),
                   ({"x": x, "r": rois, "b": np.array([-1, 0], I64)}, ["batch index -1"]),
                   ({"x": x, "r": rois, "b": np.array([HUGE, 0], I64)}, [f"batch index {HUGE}"]),
                   ({"x": x, "r": rois, "b": np.array([0], I64)},
                    ["batch_indices has 1 entries, but there are 2 rois"])])


@pytest.mark.parametrize("ratio", [2, 0])
def test_roi_align_rois_must_be_finite(ratio) -> None:
    m = _roi_align(sampling_ratio=ratio)
    x = np.arange(32, dtype=F32).reshape(2, 1, 4, 4)
    rois = np.array([[0, 0, 2, 2], [1, 0, 2, 3]], F32)
    nan = rois.copy()
    nan[1, 3] = np.nan
    inf = rois.copy()
    inf[0, 0] = -np.inf
    good_then_bad(m, [{"x": x, "r": rois, "b": np.zeros(2, I64)}],
                  [({"x": x, "r": nan, "b": np.zeros(2, I64)}, ["rois holds 1 values that are not finite"]),
                   ({"x": x, "r": inf, "b": np.zeros(2, I64)}, ["not finite"])])


def test_roi_align_far_out_rois_stay_inside() -> None:
    """Samples of rois far outside the image read nothing (the ONNX reference is the oracle:
    onnxruntime converts such coordinates to integers with overflow)."""
    from onnx.reference import ReferenceEvaluator

    m = _roi_align(sampling_ratio=2)
    x = np.arange(32, dtype=F32).reshape(2, 1, 4, 4)
    rois = np.array([[0, 0, 2, 2], [-1e30, -1e30, 1e30, 1e30], [1e30, 1e30, 3e30, 3e30],
                     [-3e20, 1, 2e20, 3]], F32)
    feeds = {"x": x, "r": rois, "b": np.array([0, 1, 0, 1], I64)}
    (got,) = onnx_mlir.compile(m).run(None, feeds)
    np.testing.assert_allclose(got, ReferenceEvaluator(m).run(None, feeds)[0], rtol=1e-5)


def test_roi_align_far_out_roi_with_adaptive_grid_is_refused() -> None:
    m = _roi_align(sampling_ratio=0)
    feeds = {"x": np.ones((2, 1, 4, 4), F32), "r": np.array([[0, 0, 1e30, 1e30]], F32),
             "b": np.zeros(1, I64)}
    with pytest.raises(onnx_mlir.ExecutionError, match="sampling grid is too large"):
        onnx_mlir.compile(m).run(None, feeds)


@pytest.mark.parametrize("mode", ["nearest", "linear", "cubic"])
@pytest.mark.parametrize("padding", ["zeros", "border", "reflection"])
def test_grid_sample_far_out_coordinates(mode, padding) -> None:
    """Against the ONNX reference: onnxruntime itself returns garbage for coordinates like 1e30
    (its float-to-int conversion overflows); it agrees on the moderate ones."""
    from onnx.reference import ReferenceEvaluator

    m = node_model("GridSample", [("x", F32, [1, 1, 3, 4]), ("g", F32, [1, "h", "w", 2])],
                   [("y", F32, None)], opset=20, mode=mode, padding_mode=padding)
    x = np.arange(12, dtype=F32).reshape(1, 1, 3, 4)
    compiled = onnx_mlir.compile(m)
    far = np.array([[[[1e30, 0.5], [-1e30, -0.2], [0.3, 3e20], [0.1, -0.7]]]], F32)
    moderate = np.array([[[[1e6, 0.2], [-2e5, 0.3], [0.1, -0.7]]]], F32)
    (got,) = compiled.run(None, {"x": x, "g": far})
    (want,) = ReferenceEvaluator(m).run(None, {"x": x, "g": far})
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)
    (got,) = compiled.run(None, {"x": x, "g": moderate})
    np.testing.assert_allclose(got, ort_run(m, {"x": x, "g": moderate})[0], rtol=1e-5, atol=1e-5)
    odd = np.array([[[[np.nan, 0.5], [np.inf, -np.inf], [0.3, -0.2]]]], F32)
    (got,) = compiled.run(None, {"x": x, "g": odd})  # NaN / inf: any value, no crash
    np.testing.assert_allclose(got[..., 2], ort_run(m, {"x": x, "g": odd})[0][..., 2], rtol=1e-5)


@pytest.mark.parametrize("mode", ["nearest", "linear", "cubic"])
def test_resize_run_time_scales_any_value(mode) -> None:
    m = node_model("Resize", [("x", F32, [1, 1, 2, 3]), ("roi", F32, [0]), ("s", F32, [4])],
                   [("y", F32, [1, 1, 4, 6])], opset=13, mode=mode,
                   initializers={"roi": np.zeros(0, F32)})
    x = np.arange(6, dtype=F32).reshape(1, 1, 2, 3)
    compiled = onnx_mlir.compile(m)
    feeds = {"x": x, "s": np.array([1, 1, 2, 2], F32)}
    np.testing.assert_allclose(compiled.run(None, feeds)[0], ort_run(m, feeds)[0], rtol=1e-5)
    for bad in ([1, 1, 0, 2], [1, 1, np.nan, 2], [1, 1, np.inf, -np.inf], [1, 1, 1e-30, 1e30]):
        (y,) = compiled.run(None, {"x": x, "s": np.array(bad, F32)})  # no crash
        assert y.shape == (1, 1, 4, 6)


def _stft(**inputs):
    return node_model("STFT", [("x", F32, [1, 8, 1]), ("s", I64, []), ("", F32, None),
                               ("l", I64, [])], [("y", F32, [1, 3, 3, 2])], opset=17,
                      initializers=inputs)


def test_stft_run_time_step_and_length() -> None:
    m = _stft()
    x = np.arange(8, dtype=F32).reshape(1, 8, 1)
    good_then_bad(m, [{"x": x, "s": np.array(2, I64), "l": np.array(4, I64)}],
                  [({"x": x, "s": np.array(0, I64), "l": np.array(4, I64)},
                    ["frame_step 0 is not positive"]),
                   ({"x": x, "s": np.array(2, I64), "l": np.array(0, I64)},  # would trap
                    ["frame_length 0 is not positive"]),
                   ({"x": x, "s": np.array(2, I64), "l": np.array(HUGE, I64)},
                    [f"frame length {HUGE} is out of range [1, 8]"]),
                   ({"x": x, "s": np.array(3, I64), "l": np.array(4, I64)},
                    ["the signal gives 2 frames, but the result type says 3"])],
                  ort_rejects_bad=False, atol=1e-4)  # (onnxruntime computes in f32)


def test_dft_run_time_axis() -> None:
    m = node_model("DFT", [("x", F32, [3, 3, 1]), ("", I64, None), ("a", I64, [])],
                   [("y", F32, [3, 3, 2])], opset=20)
    x = np.arange(9, dtype=F32).reshape(3, 3, 1)
    good_then_bad(m, [{"x": x, "a": np.array(a, I64)} for a in (0, 1, -2, -3)],
                  [({"x": x, "a": np.array(a, I64)}, [f"axis {a + 3 if -3 <= a < 0 else a} do not match"])
                   for a in (2, -1, 5, HUGE)], atol=1e-4)
