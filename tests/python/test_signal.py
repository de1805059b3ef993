"""Numerics of DFT, STFT and MelWeightMatrix against onnxruntime (and the ONNX reference
evaluator for the one-sided inverse DFT, which onnxruntime does not implement)."""

from __future__ import annotations

import numpy as np
import pytest
from onnx import TensorProto, helper, numpy_helper
from onnx.reference import ReferenceEvaluator

from numerics import assert_matches_onnxruntime, run_onnx_mlir

F = TensorProto.FLOAT


def _model(node, inputs, outputs, initializers=(), opset=20):
    graph = helper.make_graph([node], "g", inputs, outputs, initializer=list(initializers))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 9
    return model


def dft_model(shape, elem=F, inverse=0, onesided=0, axis=1, dft_length=None, runtime_axis=False,
              opset=20):
    inputs = [helper.make_tensor_value_info("x", elem, shape)]
    inits = []
    names = ["x", "", ""]
    if dft_length is not None:
        inits.append(numpy_helper.from_array(np.array(dft_length, np.int64), "n"))
        names[1] = "n"
    attrs = {"inverse": inverse, "onesided": onesided}
    if opset < 20:
        attrs["axis"] = axis
    elif runtime_axis:
        inputs.append(helper.make_tensor_value_info("axis", TensorProto.INT64, []))
        names[2] = "axis"
    else:
        inits.append(numpy_helper.from_array(np.array(axis, np.int64), "axis"))
        names[2] = "axis"
    while names and names[-1] == "":
        names.pop()
    node = helper.make_node("DFT", names, ["y"], **attrs)
    return _model(node, inputs, [helper.make_tensor_value_info("y", elem, None)], inits, opset)


@pytest.mark.parametrize("shape,inverse,onesided,axis,n", [
    ([2, 8, 1], 0, 0, 1, None),     # real input, full spectrum
    ([2, 8, 2], 0, 0, 1, None),     # complex input
    ([3, 5, 4, 2], 0, 0, 2, None),  # inner axis, odd length
    ([2, 8, 2], 1, 0, 1, None),     # inverse
    ([2, 8, 1], 0, 1, 1, None),     # rfft
    ([2, 7, 1], 0, 1, 1, None),     # rfft, odd
    ([2, 8, 1], 0, 0, 1, 5),        # dft_length shorter: truncated
    ([2, 6, 2], 0, 0, 1, 9),        # dft_length longer: zero padded
    ([4, 3, 2], 0, 0, 0, None),     # the batch axis
])
def test_dft(shape, inverse, onesided, axis, n):
    model = dft_model(shape, inverse=inverse, onesided=onesided, axis=axis, dft_length=n)
    x = np.random.default_rng(0).uniform(-1, 1, shape).astype(np.float32)
    assert_matches_onnxruntime(model, {"x": x}, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("axis", [1, 2, -2])
def test_dft_runtime_axis(axis):
    """A run-time axis: both candidate axes are computed and one selected."""
    model = dft_model([1, 6, 6, 1], runtime_axis=True)
    x = np.random.default_rng(1).uniform(-1, 1, [1, 6, 6, 1]).astype(np.float32)
    got = assert_matches_onnxruntime(model, {"x": x, "axis": np.array(axis, np.int64)},
                                     rtol=1e-4, atol=1e-4)
    want = np.fft.fft(x[..., 0], axis=axis % 4)
    np.testing.assert_allclose(got[0][..., 0] + 1j * got[0][..., 1], want, atol=1e-4)


@pytest.mark.parametrize("elem,rtol", [(TensorProto.DOUBLE, 1e-9), (TensorProto.FLOAT16, 1e-2)])
def test_dft_dtypes(elem, rtol):
    model = dft_model([2, 8, 2], elem=elem, opset=17, axis=1)
    np_dtype = helper.tensor_dtype_to_np_dtype(elem)
    x = np.random.default_rng(2).uniform(-1, 1, [2, 8, 2]).astype(np_dtype)
    got = run_onnx_mlir(model, {"x": x})[0]
    xc = x[..., 0].astype(np.float64) + 1j * x[..., 1]
    want = np.fft.fft(xc, axis=1)
    assert got.dtype == np_dtype
    np.testing.assert_allclose(got[..., 0], want.real, rtol=rtol, atol=rtol)
    np.testing.assert_allclose(got[..., 1], want.imag, rtol=rtol, atol=rtol)


@pytest.mark.parametrize("length,n", [(5, None), (5, 8), (5, 9), (4, 5)])
def test_dft_irfft_vs_reference(length, n):
    """One-sided inverse (irfft): onnxruntime has no kernel; the ONNX reference is numpy's."""
    model = dft_model([2, length, 2], inverse=1, onesided=1, axis=1, dft_length=n)
    x = np.random.default_rng(3).uniform(-1, 1, [2, length, 2]).astype(np.float32)
    want = ReferenceEvaluator(model).run(None, {"x": x})[0]
    got = run_onnx_mlir(model, {"x": x})[0]
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5)


def stft_model(signal_shape, window=None, frame_length=None, onesided=1):
    inputs = [helper.make_tensor_value_info("signal", F, signal_shape),
              helper.make_tensor_value_info("step", TensorProto.INT64, [])]
    names = ["signal", "step", "", ""]
    if window is not None:
        inputs.append(helper.make_tensor_value_info("window", F, [window]))
        names[2] = "window"
    if frame_length is not None:
        inputs.append(helper.make_tensor_value_info("frame_length", TensorProto.INT64, []))
        names[3] = "frame_length"
    while names[-1] == "":
        names.pop()
    node = helper.make_node("STFT", names, ["y"], onesided=onesided)
    return _model(node, inputs, [helper.make_tensor_value_info("y", F, None)], opset=17)


def _stft_feeds(model, step, window=None, frame_length=None, seed=4):
    rng = np.random.default_rng(seed)
    shape = [d.dim_value for d in model.graph.input[0].type.tensor_type.shape.dim]
    feeds = {"signal": rng.uniform(-1, 1, shape).astype(np.float32),
             "step": np.array(step, np.int64)}
    if window is not None:
        feeds["window"] = np.hanning(window).astype(np.float32)
    if frame_length is not None:
        feeds["frame_length"] = np.array(frame_length, np.int64)
    return feeds


def _with_output_shape(model, shape):
    """STFT's shape inference cannot see run-time step/length: give the result type."""
    model.graph.output[0].CopyFrom(helper.make_tensor_value_info("y", F, shape))
    return model


@pytest.mark.parametrize("window,frame_length,step,onesided", [
    (16, None, 8, 1), (None, 16, 4, 1), (10, 10, 3, 0)])
def test_stft(window, frame_length, step, onesided):
    length = 64
    fl = window or frame_length
    frames = 1 + (length - fl) // step
    bins = fl // 2 + 1 if onesided else fl
    model = _with_output_shape(stft_model([2, length, 1], window, frame_length, onesided),
                               [2, frames, bins, 2])
    assert_matches_onnxruntime(model, _stft_feeds(model, step, window, frame_length),
                               rtol=1e-4, atol=1e-4)


def test_stft_complex_signal_vs_reference():
    model = _with_output_shape(stft_model([1, 32, 2], window=8, onesided=0), [1, 7, 8, 2])
    feeds = _stft_feeds(model, 4, window=8)
    want = ReferenceEvaluator(model).run(None, feeds)[0]
    got = run_onnx_mlir(model, feeds)[0]
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("mels,n_fft,rate,lo,hi", [(8, 16, 8192, 0.0, 4096.0),
                                                   (10, 64, 16000, 100.0, 7000.0)])
def test_mel_weight_matrix(mels, n_fft, rate, lo, hi):
    inits = [numpy_helper.from_array(np.array(v, np.int32), name)
             for v, name in [(mels, "m"), (n_fft, "n"), (rate, "r")]]
    node = helper.make_node("MelWeightMatrix", ["m", "n", "r", "lo", "hi"], ["y"])
    model = _model(node, [helper.make_tensor_value_info("lo", F, []),
                          helper.make_tensor_value_info("hi", F, [])],
                   [helper.make_tensor_value_info("y", F, [n_fft // 2 + 1, mels])], inits,
                   opset=17)
    assert_matches_onnxruntime(model, {"lo": np.array(lo, np.float32),
                                       "hi": np.array(hi, np.float32)})
