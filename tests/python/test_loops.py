"""Numerics of Loop (scf.for / scf.while) and Scan (scf.for) against onnxruntime."""

from __future__ import annotations

import numpy as np
import pytest
from onnx import TensorProto, helper, numpy_helper

from numerics import assert_matches_onnxruntime

F = TensorProto.FLOAT


def _model(nodes, inputs, outputs, initializers=(), opset=17):
    graph = helper.make_graph(nodes, "g", inputs, outputs, initializer=list(initializers))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 8
    return model


def _vi(name, elem, shape):
    return helper.make_tensor_value_info(name, elem, shape)


def loop_for_model(dtype=F, with_cond=True):
    """y_{i+1} = y_i * 0.5 + x[i] (x a graph value used in the body), scan out = y_{i+1} + i."""
    body = helper.make_graph(
        [helper.make_node("Gather", ["x", "i"], ["xi"], axis=0),
         helper.make_node("Mul", ["y_in", "half"], ["yh"]),
         helper.make_node("Add", ["yh", "xi"], ["y_out"]),
         helper.make_node("Cast", ["i"], ["i_f"], to=dtype),
         helper.make_node("Add", ["y_out", "i_f"], ["s_out"]),
         helper.make_node("Identity", ["c_in"], ["c_out"])],
        "body",
        [_vi("i", TensorProto.INT64, []), _vi("c_in", TensorProto.BOOL, []),
         _vi("y_in", dtype, [3])],
        [_vi("c_out", TensorProto.BOOL, []), _vi("y_out", dtype, [3]), _vi("s_out", dtype, [3])])
    np_dtype = helper.tensor_dtype_to_np_dtype(dtype)
    inits = [numpy_helper.from_array(np.array(0.5, np_dtype), "half")]
    if not with_cond:
        inits.append(numpy_helper.from_array(np.array(4, np.int64), "m"))
    node = helper.make_node("Loop", ["m", "c" if with_cond else "", "y0"], ["y", "scan"],
                            body=body)
    inputs = [_vi("x", dtype, [4, 3]), _vi("y0", dtype, [3])]
    if with_cond:
        inputs = [_vi("m", TensorProto.INT64, []), _vi("c", TensorProto.BOOL, [])] + inputs
    return _model([node], inputs, [_vi("y", dtype, [3]), _vi("scan", dtype, None)], inits)


@pytest.mark.parametrize("trip,cond", [(4, True), (2, True), (0, True), (3, False)])
def test_loop_for(trip, cond):
    rng = np.random.default_rng(0)
    feeds = {"m": np.array(trip, np.int64), "c": np.array(cond),
             "x": rng.uniform(-2, 2, [4, 3]).astype(np.float32),
             "y0": rng.uniform(-2, 2, [3]).astype(np.float32)}
    out = assert_matches_onnxruntime(loop_for_model(), feeds)
    assert out[1].shape == ((trip if cond else 0), 3)


@pytest.mark.parametrize("dtype", [TensorProto.FLOAT, TensorProto.DOUBLE, TensorProto.FLOAT16])
def test_loop_constant_trip_count_dtypes(dtype):
    """No cond operand, M an initializer: a static trip count and static scan output."""
    rng = np.random.default_rng(1)
    np_dtype = helper.tensor_dtype_to_np_dtype(dtype)
    feeds = {"x": rng.integers(-5, 5, [4, 3]).astype(np_dtype),
             "y0": rng.integers(-5, 5, [3]).astype(np_dtype)}
    out = assert_matches_onnxruntime(loop_for_model(dtype, with_cond=False), feeds, rtol=1e-3)
    assert out[1].shape == (4, 3)


def loop_while_model(with_trip):
    """While the running sum is below a limit (and i < M): s += x, k += 1; scan out = s."""
    body = helper.make_graph(
        [helper.make_node("Add", ["s_in", "x"], ["s_out"]),
         helper.make_node("Add", ["k_in", "one"], ["k_out"]),
         helper.make_node("ReduceSum", ["s_out"], ["total"], keepdims=0),
         helper.make_node("Less", ["total", "limit"], ["c_out"])],
        "body",
        [_vi("i", TensorProto.INT64, []), _vi("c_in", TensorProto.BOOL, []),
         _vi("s_in", F, [2]), _vi("k_in", TensorProto.INT32, [])],
        [_vi("c_out", TensorProto.BOOL, []), _vi("s_out", F, [2]),
         _vi("k_out", TensorProto.INT32, []), _vi("s_scan", F, [2])])
    body.output[3].name = "s_out"
    inits = [numpy_helper.from_array(np.array(1, np.int32), "one"),
             numpy_helper.from_array(np.array(True), "c"),
             numpy_helper.from_array(np.zeros(2, np.float32), "s0"),
             numpy_helper.from_array(np.array(0, np.int32), "k0")]
    if with_trip:
        inits.append(numpy_helper.from_array(np.array(5, np.int64), "m"))
    node = helper.make_node("Loop", ["m" if with_trip else "", "c", "s0", "k0"],
                            ["s", "k", "scan"], body=body)
    return _model([node], [_vi("x", F, [2]), _vi("limit", F, [])],
                  [_vi("s", F, [2]), _vi("k", TensorProto.INT32, []), _vi("scan", F, None)],
                  inits)


@pytest.mark.parametrize("with_trip", [True, False])
@pytest.mark.parametrize("limit", [0.5, 3.0, 100.0])
def test_loop_while(with_trip, limit):
    if limit == 100.0 and not with_trip:
        limit = 9.0
    feeds = {"x": np.array([0.5, 0.25], np.float32), "limit": np.array(limit, np.float32)}
    out = assert_matches_onnxruntime(loop_while_model(with_trip), feeds)
    assert out[2].shape[0] == int(out[1])


def scan_model(in_dirs, out_dirs, in_axes, out_axes):
    """Two states (sum, product-ish) and two scan inputs; outputs the states per step."""
    body = helper.make_graph(
        [helper.make_node("Add", ["a_in", "u"], ["a_out"]),
         helper.make_node("Mul", ["b_in", "v"], ["bv"]),
         helper.make_node("Sub", ["bv", "u"], ["b_out"]),
         helper.make_node("Identity", ["a_out"], ["o1"]),
         helper.make_node("Add", ["b_out", "a_out"], ["o2"])],
        "body",
        [_vi("a_in", F, [3]), _vi("b_in", F, [3]), _vi("u", F, [3]), _vi("v", F, [3])],
        [_vi("a_out", F, [3]), _vi("b_out", F, [3]), _vi("o1", F, [3]), _vi("o2", F, [3])])
    u_shape = [4, 3] if in_axes[0] == 0 else [3, 4]
    v_shape = [4, 3] if in_axes[1] == 0 else [3, 4]
    node = helper.make_node("Scan", ["a0", "b0", "us", "vs"], ["a", "b", "s1", "s2"], body=body,
                            num_scan_inputs=2, scan_input_directions=in_dirs,
                            scan_output_directions=out_dirs, scan_input_axes=in_axes,
                            scan_output_axes=out_axes)
    return _model([node], [_vi("a0", F, [3]), _vi("b0", F, [3]), _vi("us", F, u_shape),
                           _vi("vs", F, v_shape)],
                  [_vi("a", F, [3]), _vi("b", F, [3]), _vi("s1", F, None), _vi("s2", F, None)])


@pytest.mark.parametrize("in_dirs,out_dirs,in_axes,out_axes", [
    ([0, 0], [0, 0], [0, 0], [0, 0]),
    ([1, 0], [0, 1], [0, 0], [0, 0]),
    ([0, 1], [1, 0], [1, 0], [1, -1]),
])
def test_scan(in_dirs, out_dirs, in_axes, out_axes):
    model = scan_model(in_dirs, out_dirs, in_axes, out_axes)
    rng = np.random.default_rng(2)
    feeds = {i.name: rng.uniform(-1, 1, [d.dim_value for d in i.type.tensor_type.shape.dim])
             .astype(np.float32) for i in model.graph.input}
    assert_matches_onnxruntime(model, feeds)


def untyped_state_model(grow: bool):
    """A Loop whose body declares its state input without a shape (as function bodies such as
    Range's do): ONNX shape inference leaves the state rank-unknown, the importer's fixed point
    (importer/loop_types.py) types it. ``grow``: the state gains a row per iteration, so its
    first dim must become dynamic."""
    nodes = ([helper.make_node("Concat", ["s_in", "row"], ["s_out"], axis=0)] if grow else
             [helper.make_node("Add", ["s_in", "row"], ["s_out"])])
    nodes.append(helper.make_node("Identity", ["c_in"], ["c_out"]))
    body = helper.make_graph(
        nodes, "body",
        [_vi("i", TensorProto.INT64, []), _vi("c_in", TensorProto.BOOL, []),
         helper.make_tensor_value_info("s_in", F, None)],
        [_vi("c_out", TensorProto.BOOL, []), helper.make_tensor_value_info("s_out", F, None)])
    node = helper.make_node("Loop", ["m", "", "s0"], ["s"], body=body)
    return _model([node], [_vi("m", TensorProto.INT64, []), _vi("s0", F, [1, 2]),
                           _vi("row", F, [1, 2])], [helper.make_tensor_value_info("s", F, None)])


@pytest.mark.parametrize("grow", [False, True])
def test_loop_untyped_state(grow):
    import onnx_mlir

    model = untyped_state_model(grow)
    text = str(onnx_mlir.import_model(model))
    assert ("-> tensor<?x2xf32>" if grow else "-> tensor<1x2xf32>") in text.split("onnx.loop")[1]
    feeds = {"m": np.array(3, np.int64), "s0": np.array([[1, 2]], np.float32),
             "row": np.array([[0.5, -1]], np.float32)}
    out = assert_matches_onnxruntime(model, feeds)
    assert out[0].shape == ((4, 2) if grow else (1, 2))


def test_scan_body_reads_outer_constant_axes():
    """The body's Unsqueeze takes its axes from an outer Constant node: ONNX shape inference of
    the body cannot see the value, so the importer copies the constant into the body first
    (importer/loop_types.py, with_local_constants); without it the body stays rank-unknown."""
    import onnx_mlir

    axes = helper.make_node("Constant", [], ["axes"],
                            value=numpy_helper.from_array(np.array([0], np.int64)))
    body = helper.make_graph(
        [helper.make_node("Unsqueeze", ["x_t", "axes"], ["row"]),
         helper.make_node("Add", ["s_in", "row"], ["s_out"]),
         helper.make_node("ReduceSum", ["s_out"], ["o"], keepdims=0)],
        "body", [_vi("s_in", F, [1, 3]), _vi("x_t", F, [3])],
        [helper.make_tensor_value_info("s_out", F, None), helper.make_tensor_value_info("o", F, None)])
    node = helper.make_node("Scan", ["s0", "xs"], ["s", "os"], body=body, num_scan_inputs=1)
    model = _model([axes, node], [_vi("s0", F, [1, 3]), _vi("xs", F, [5, 3])],
                   [_vi("s", F, [1, 3]), helper.make_tensor_value_info("os", F, None)])
    assert "tensor<5xf32>" in str(onnx_mlir.import_model(model)).split("onnx.scan")[1]
    rng = np.random.default_rng(5)
    assert_matches_onnxruntime(model, {"s0": rng.uniform(-1, 1, [1, 3]).astype(np.float32),
                                       "xs": rng.uniform(-1, 1, [5, 3]).astype(np.float32)})
