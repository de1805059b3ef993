"""Numerics of SoftmaxCrossEntropyLoss and NegativeLogLikelihoodLoss against onnxruntime."""

from __future__ import annotations

import numpy as np
import pytest

from numerics import assert_matches_onnxruntime, single_node_model

F32, F64, I32, I64 = np.float32, np.float64, np.int32, np.int64


def loss_model(op: str, shape, weights: bool, reduction: str, ignore_index, dtype=F32,
               target_dtype=I64, log_prob: bool = False):
    n, c, *rest = shape
    first = "scores" if op == "SoftmaxCrossEntropyLoss" else "input"
    inputs = [(first, dtype, shape), ("target", target_dtype, [n, *rest])]
    if weights:
        inputs.append(("weight", dtype, [c]))
    outputs = [("loss", dtype, None)] + ([("log_prob", dtype, None)] if log_prob else [])
    attrs = dict(reduction=reduction)
    if ignore_index is not None:
        attrs["ignore_index"] = ignore_index
    return single_node_model(op, inputs, outputs, opset=13, **attrs)


def feeds_for(model, shape, ignore_index, dtype=F32, target_dtype=I64, seed=0):
    rng = np.random.default_rng(seed)
    n, c, *rest = shape
    feeds = {model.graph.input[0].name: rng.uniform(-2, 2, size=shape).astype(dtype)}
    target = rng.integers(0, c, size=[n, *rest]).astype(target_dtype)
    if ignore_index is not None:
        target.flat[::3] = ignore_index  # some ignored samples
    feeds["target"] = target
    if len(model.graph.input) > 2:
        feeds["weight"] = rng.uniform(0.1, 1.0, size=[c]).astype(dtype)
    return feeds


CASES = {
    "NC": [3, 5],
    "NCd1": [3, 5, 2],
    "NCd1d2": [2, 4, 3, 2],
}


@pytest.mark.parametrize("ignore_index", [None, 1, -1])
@pytest.mark.parametrize("weights", [False, True])
@pytest.mark.parametrize("reduction", ["none", "sum", "mean"])
@pytest.mark.parametrize("shape", list(CASES))
@pytest.mark.parametrize("op", ["SoftmaxCrossEntropyLoss", "NegativeLogLikelihoodLoss"])
def test_loss(op: str, shape: str, reduction: str, weights: bool, ignore_index) -> None:
    dims = CASES[shape]
    model = loss_model(op, dims, weights, reduction, ignore_index)
    assert_matches_onnxruntime(model, feeds_for(model, dims, ignore_index))


@pytest.mark.parametrize("reduction", ["none", "mean"])
def test_sce_log_prob_output(reduction: str) -> None:
    dims = [3, 5, 2]
    model = loss_model("SoftmaxCrossEntropyLoss", dims, True, reduction, 2, log_prob=True)
    outs = assert_matches_onnxruntime(model, feeds_for(model, dims, 2))
    assert outs[1].shape == tuple(dims)


@pytest.mark.parametrize("op", ["SoftmaxCrossEntropyLoss", "NegativeLogLikelihoodLoss"])
def test_loss_f64_int32_target(op: str) -> None:
    dims = [4, 3]
    model = loss_model(op, dims, False, "mean", None, dtype=F64, target_dtype=I32)
    assert_matches_onnxruntime(model, feeds_for(model, dims, None, dtype=F64, target_dtype=I32))
