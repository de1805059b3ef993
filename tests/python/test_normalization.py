"""Numerics of the normalization lowerings against onnxruntime."""

from __future__ import annotations

import numpy as np
import pytest

from numerics import assert_matches_onnxruntime, random_feeds, single_node_model

F16, F32, F64 = np.float16, np.float32, np.float64
DTYPES = pytest.mark.parametrize("dtype", [F32, F64, F16], ids=lambda d: np.dtype(d).name)


def tolerance(dtype):
    return dict(rtol=2e-2, atol=2e-2) if dtype == F16 else dict(rtol=1e-4, atol=1e-5)


def positive_var(feeds: dict, name: str) -> dict:
    feeds[name] = np.abs(feeds[name]) + 0.1
    return feeds


@DTYPES
@pytest.mark.parametrize("epsilon", [1e-5, 1e-2])
def test_batchnorm_inference(epsilon: float, dtype) -> None:
    c = 3
    model = single_node_model(
        "BatchNormalization",
        [("x", dtype, [2, c, 4, 5]), ("s", dtype, [c]), ("b", dtype, [c]), ("m", dtype, [c]),
         ("v", dtype, [c])], [("y", dtype, None)], opset=15, epsilon=epsilon)
    assert_matches_onnxruntime(model, positive_var(random_feeds(model), "v"), **tolerance(dtype))


def test_batchnorm_rank2() -> None:
    model = single_node_model(
        "BatchNormalization",
        [("x", F32, [4, 3]), ("s", F32, [3]), ("b", F32, [3]), ("m", F32, [3]), ("v", F32, [3])],
        [("y", F32, None)], opset=15)
    assert_matches_onnxruntime(model, positive_var(random_feeds(model), "v"))


@pytest.mark.parametrize("dtype", [F32, F16], ids=lambda d: np.dtype(d).name)  # no f64 in ORT
def test_instancenorm(dtype) -> None:
    model = single_node_model(
        "InstanceNormalization", [("x", dtype, [2, 3, 4, 5]), ("s", dtype, [3]), ("b", dtype, [3])],
        [("y", dtype, None)], opset=22, epsilon=1e-3)
    assert_matches_onnxruntime(model, **tolerance(dtype))


@DTYPES
@pytest.mark.parametrize("axis,with_bias", [(-1, True), (1, True), (0, False), (2, True)])
def test_layernorm(axis: int, with_bias: bool, dtype) -> None:
    shape = [2, 3, 4]
    norm_shape = shape[axis:]
    inputs = [("x", dtype, shape), ("s", dtype, norm_shape)]
    if with_bias:
        inputs.append(("b", dtype, norm_shape))
    model = single_node_model("LayerNormalization", inputs, [("y", dtype, None)], opset=17,
                              axis=axis)
    assert_matches_onnxruntime(model, **tolerance(dtype))


def test_layernorm_mean_invstddev_outputs() -> None:
    model = single_node_model("LayerNormalization",
                              [("x", F32, [2, 3, 4]), ("s", F32, [4]), ("b", F32, [4])],
                              [("y", F32, None), ("mean", F32, None), ("inv", F32, None)],
                              opset=17, axis=-1, epsilon=1e-3)
    outs = assert_matches_onnxruntime(model)
    assert outs[1].shape == (2, 3, 1)


@DTYPES
@pytest.mark.parametrize("groups", [1, 2, 4])
def test_groupnorm(groups: int, dtype) -> None:
    model = single_node_model("GroupNormalization",
                              [("x", dtype, [2, 4, 3, 2]), ("s", dtype, [4]), ("b", dtype, [4])],
                              [("y", dtype, [2, 4, 3, 2])], opset=21, num_groups=groups)
    assert_matches_onnxruntime(model, **tolerance(dtype))


@DTYPES
@pytest.mark.parametrize("axis", [-1, 1, 0])
def test_rmsnorm(axis: int, dtype) -> None:
    shape = [2, 3, 4]
    model = single_node_model("RMSNormalization",
                              [("x", dtype, shape), ("s", dtype, shape[axis:])],
                              [("y", dtype, None)], opset=23, axis=axis)
    assert_matches_onnxruntime(model, **tolerance(dtype))


@pytest.mark.parametrize("dtype", [F32, F64], ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("p", [1, 2])
@pytest.mark.parametrize("axis", [0, -1])
def test_lpnorm(axis: int, p: int, dtype) -> None:
    model = single_node_model("LpNormalization", [("x", dtype, [3, 4])], [("y", dtype, None)],
                              opset=22, axis=axis, p=p)
    assert_matches_onnxruntime(model)


@pytest.mark.parametrize("axes", [[0, 2, 3], [0, 1, 2, 3], [2, 3]])
def test_mvn(axes) -> None:
    model = single_node_model("MeanVarianceNormalization", [("x", F32, [2, 3, 4, 5])],
                              [("y", F32, [2, 3, 4, 5])], opset=13, axes=axes)
    assert_matches_onnxruntime(model, rtol=1e-4, atol=1e-4)


# onnxruntime implements LRN for float32 and odd sizes only.
@pytest.mark.parametrize("size,attrs", [(3, {}), (5, dict(alpha=2e-4, beta=0.5, bias=2.0)),
                                        (1, {}), (7, {})])
def test_lrn(size: int, attrs: dict) -> None:
    model = single_node_model("LRN", [("x", F32, [2, 5, 3, 3])], [("y", F32, None)],
                              opset=13, size=size, **attrs)
    assert_matches_onnxruntime(model)
