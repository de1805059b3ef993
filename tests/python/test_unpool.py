"""Numerics of the Col2Im and MaxUnpool lowerings against onnxruntime."""

from __future__ import annotations

import numpy as np
import pytest
from onnx import helper

from numerics import assert_matches_onnxruntime, random_feeds, single_node_model

F32 = np.float32

COL2IM_CASES = {
    # name: (input shape, image, block, attributes)
    "basic": ([1, 4, 9], [4, 4], [2, 2], {}),
    "channels_strides": ([2, 18, 4], [5, 5], [3, 3], dict(strides=[2, 2])),
    "pads_dilations": ([1, 4, 25], [5, 6], [2, 2], dict(pads=[1, 0, 1, 1], dilations=[1, 2])),
    "rect_block": ([1, 6, 12], [4, 5], [3, 2], dict(strides=[1, 2], pads=[1, 1, 0, 1])),
    "3d": ([1, 16, 12], [3, 4, 5], [2, 2, 2], dict(strides=[1, 2, 2])),
}


def _col2im_blocks(image, block, attrs):
    rank = len(image)
    s = attrs.get("strides", [1] * rank)
    d = attrs.get("dilations", [1] * rank)
    p = attrs.get("pads", [0] * (2 * rank))
    return int(np.prod([(image[i] + p[i] + p[rank + i] - d[i] * (block[i] - 1) - 1) // s[i] + 1
                        for i in range(rank)]))


@pytest.mark.parametrize("constant_shapes", [True, False], ids=["constant", "runtime"])
@pytest.mark.parametrize("name", list(COL2IM_CASES))
def test_col2im(name: str, constant_shapes: bool) -> None:
    shape, image, block, attrs = COL2IM_CASES[name]
    shape = [shape[0], shape[1], _col2im_blocks(image, block, attrs)]
    out = [shape[0], shape[1] // int(np.prod(block)), *image]
    image, block = np.array(image, np.int64), np.array(block, np.int64)
    inits = {"image_shape": image, "block_shape": block} if constant_shapes else {}
    elem = helper.np_dtype_to_tensor_dtype(np.dtype(F32))
    node = helper.make_node("Col2Im", ["x", "image_shape", "block_shape"], ["y"], **attrs)
    inputs = [helper.make_tensor_value_info("x", elem, shape)]
    if not constant_shapes:
        inputs += [helper.make_tensor_value_info("image_shape", 7, [len(image)]),
                   helper.make_tensor_value_info("block_shape", 7, [len(block)])]
    graph = helper.make_graph([node], "g", inputs, [helper.make_tensor_value_info("y", elem, out)],
                              [helper.make_tensor(k, 7, [len(v)], v) for k, v in inits.items()])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)])
    model.ir_version = 8
    feeds = random_feeds(model)
    if not constant_shapes:
        feeds.update(image_shape=image, block_shape=block)
    assert_matches_onnxruntime(model, feeds)


def max_pool_then_unpool(x_shape, out_shape=None, **attrs):
    """MaxPool (values + Indices) feeding MaxUnpool, as in real models."""
    elem = helper.np_dtype_to_tensor_dtype(np.dtype(F32))
    inputs = ["v", "i"] + (["shape"] if out_shape is not None else [])
    nodes = [helper.make_node("MaxPool", ["x"], ["v", "i"], **attrs),
             helper.make_node("MaxUnpool", inputs, ["y"], **attrs)]
    inits = [] if out_shape is None else [helper.make_tensor("shape", 7, [len(out_shape)], out_shape)]
    graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", elem, x_shape)],
                              [helper.make_tensor_value_info("y", elem, out_shape)], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)])
    model.ir_version = 8
    return model


@pytest.mark.parametrize("x_shape,out_shape,attrs", [
    ([2, 3, 6, 6], None, dict(kernel_shape=[2, 2], strides=[2, 2])),
    ([1, 2, 7, 5], None, dict(kernel_shape=[3, 2], strides=[2, 2], pads=[1, 0, 1, 1])),
    ([1, 2, 8], None, dict(kernel_shape=[2], strides=[2])),
], ids=["2x2", "padded", "1d"])
def test_max_unpool(x_shape, out_shape, attrs) -> None:
    model = max_pool_then_unpool(x_shape, out_shape, **attrs)
    if out_shape is None:
        import onnx
        model = onnx.shape_inference.infer_shapes(model)
    assert_matches_onnxruntime(model)


def test_max_unpool_output_shape_keeps_positions() -> None:
    """With a larger output_shape the Indices still address the default (MaxPool input) shape
    and positions are kept, as in the ONNX node test and reference; onnxruntime instead
    scatters the flat index into the larger shape."""
    from onnx.reference import ReferenceEvaluator

    model = max_pool_then_unpool([1, 2, 6, 6], [1, 2, 7, 8], kernel_shape=[2, 2], strides=[2, 2])
    feeds = random_feeds(model)
    want = ReferenceEvaluator(model).run(None, feeds)[0]
    from numerics import run_onnx_mlir
    got = run_onnx_mlir(model, feeds)[0]
    np.testing.assert_array_equal(got, want)
    assert not got[..., 6:, :].any() and not got[..., 6:].any()
