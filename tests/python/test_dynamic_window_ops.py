"""Conv, ConvTranspose and the pools with dynamic batch and spatial dims: one compile, run at
two different input sizes, each matching onnxruntime; an input smaller than the window is an
``ExecutionError`` naming the node, and the model can be run again."""

from __future__ import annotations

import numpy as np
import pytest
from onnx import numpy_helper
from onnx import helper as h

import onnx_mlir
from shape_check_helpers import check_good_then_bad, model, ort_run, vi

F32 = np.float32
SIZES = [(1, 3, 8, 9), (2, 3, 13, 6)]


def _compile_and_compare(m, shapes=SIZES, rtol=1e-4, atol=1e-5):
    compiled = onnx_mlir.compile(m)
    rng = np.random.default_rng(0)
    seen = set()
    for shape in shapes:
        feeds = {"x": rng.standard_normal(shape).astype(F32)}
        ours = compiled.run(None, feeds)
        ref = ort_run(m, feeds)
        for o, r in zip(ours, ref):
            assert o.shape == r.shape
            np.testing.assert_allclose(o, r, rtol=rtol, atol=atol)
        seen.add(tuple(ours[0].shape))
    assert len(seen) == len(shapes)  # the run-time sizes really differ


def _node_model(op_type, initializers=(), x_shape=("n", 3, "h", "w"), **attrs):
    inputs = ["x", *[t.name for t in initializers]]
    node = h.make_node(op_type, inputs, ["y"], name="node", **attrs)
    return model([node], [vi("x", list(x_shape))], [vi("y", None)], initializers)


def _weights(shape, name, seed=1):
    return numpy_helper.from_array(
        np.random.default_rng(seed).uniform(-1, 1, size=shape).astype(F32), name)


@pytest.mark.parametrize("attrs", [
    {"pads": [1, 1, 1, 1]},
    {"strides": [2, 2], "auto_pad": "SAME_UPPER"},
    {"strides": [2, 1], "auto_pad": "SAME_LOWER"},
    {"strides": [2, 1], "dilations": [1, 2]},
    {"strides": [2, 2], "pads": [0, 1, 2, 0]},
])
def test_conv_dynamic_spatial(attrs):
    m = _node_model("Conv", [_weights([4, 3, 3, 3], "w"), _weights([4], "b", 2)], **attrs)
    _compile_and_compare(m)


def test_grouped_and_depthwise_conv_dynamic_spatial():
    x_shape = ("n", 6, "h", "w")
    sizes = [(1, 6, 8, 9), (2, 6, 5, 11)]
    _compile_and_compare(_node_model("Conv", [_weights([6, 1, 3, 3], "w")], x_shape,
                                     group=6, pads=[1, 1, 1, 1]), sizes)
    _compile_and_compare(_node_model("Conv", [_weights([4, 3, 3, 3], "w")], x_shape,
                                     group=2, strides=[2, 2]), sizes)


def test_conv_dynamic_channel_is_checked():
    m = _node_model("Conv", [_weights([4, 3, 3, 3], "w")], x_shape=(1, "c", "h", "w"))
    rng = np.random.default_rng(0)
    check_good_then_bad(m, {"x": rng.standard_normal((1, 3, 7, 7)).astype(F32)},
                        {"x": rng.standard_normal((1, 5, 7, 7)).astype(F32)}, "node", "5", "3",
                        rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("attrs", [
    {"strides": [2, 2]},
    {"strides": [2, 2], "pads": [1, 0, 1, 2], "output_padding": [1, 1]},
    {"strides": [2, 2], "auto_pad": "SAME_UPPER"},
    {"pads": [2, 2, 2, 2]},
])
def test_conv_transpose_dynamic_spatial(attrs):
    _compile_and_compare(_node_model("ConvTranspose", [_weights([3, 2, 3, 3], "w")], **attrs))


@pytest.mark.parametrize("op_type,attrs", [
    ("MaxPool", {"kernel_shape": [3, 3], "pads": [1, 1, 1, 1], "strides": [2, 2]}),
    ("MaxPool", {"kernel_shape": [3, 3], "strides": [2, 2], "ceil_mode": 1}),
    ("MaxPool", {"kernel_shape": [2, 2], "auto_pad": "SAME_UPPER", "strides": [2, 2]}),
    ("AveragePool", {"kernel_shape": [3, 3], "pads": [1, 1, 1, 1], "strides": [2, 2]}),
    ("AveragePool", {"kernel_shape": [3, 3], "pads": [1, 1, 1, 1], "count_include_pad": 1}),
    ("AveragePool", {"kernel_shape": [2, 2], "strides": [2, 2], "ceil_mode": 1}),
    ("AveragePool", {"kernel_shape": [3, 2]}),
    ("LpPool", {"kernel_shape": [2, 2], "p": 2}),
    ("GlobalAveragePool", {}),
    ("GlobalMaxPool", {}),
])
def test_pools_dynamic_spatial(op_type, attrs):
    _compile_and_compare(_node_model(op_type, x_shape=("n", "c", "h", "w"), **attrs))


def test_max_pool_indices_dynamic_spatial():
    node = h.make_node("MaxPool", ["x"], ["y", "i"], name="node", kernel_shape=[3, 3],
                       pads=[1, 1, 1, 1], strides=[2, 2])
    m = model([node], [vi("x", ["n", 3, "h", "w"])],
              [vi("y", None), h.make_tensor_value_info("i", 7, None)])
    _compile_and_compare(m)


def test_input_smaller_than_the_window_is_an_execution_error():
    m = _node_model("Conv", [_weights([4, 3, 5, 5], "w")], x_shape=(1, 3, "h", "w"))
    rng = np.random.default_rng(0)
    check_good_then_bad(m, {"x": rng.standard_normal((1, 3, 6, 7)).astype(F32)},
                        {"x": rng.standard_normal((1, 3, 4, 7)).astype(F32)}, "node",
                        "window of extent 5", "(4)", rtol=1e-4, atol=1e-5)
