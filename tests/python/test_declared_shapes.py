"""Declared output / value_info shapes that disagree with what the operators compute: the computed
shape wins with a ShapeWarning naming the value (onnxruntime warns and runs); an element type
that disagrees is an import error naming the node (onnxruntime rejects it)."""

from __future__ import annotations

import warnings

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

import onnx_mlir
from onnx_mlir.errors import OnnxImportError, ShapeWarning

from numerics import assert_matches_onnxruntime, run_onnxruntime

F = TensorProto.FLOAT


def _model(nodes, inputs, outputs, value_info=(), initializers=()) -> onnx.ModelProto:
    graph = helper.make_graph(nodes, "g", inputs, outputs, list(initializers),
                              value_info=list(value_info))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    return model


def _expand(declared, value_info=()) -> onnx.ModelProto:
    shape = numpy_helper.from_array(np.array([2, 3, 7], np.int64), "shape")
    return _model([helper.make_node("Expand", ["x", "shape"], ["h"], name="expand"),
                   helper.make_node("Identity", ["h"], ["y"], name="identity")],
                  [helper.make_tensor_value_info("x", F, [3, 1])],
                  [helper.make_tensor_value_info("y", F, declared)], value_info, [shape])


def test_expand_declared_smaller_gives_the_computed_shape():
    model = _expand([2, 3, 5])
    with pytest.warns(ShapeWarning, match=r"graph output 'y' of node 'identity' \(Identity\): "
                                          r"declared shape \[2, 3, 5\] disagrees with the computed "
                                          r"shape \[2, 3, 7\]"):
        compiled = onnx_mlir.compile(model)
    assert compiled.get_outputs()[0].shape == (2, 3, 7)
    x = np.arange(3, dtype=np.float32).reshape(3, 1)
    (y,) = compiled.run(None, {"x": x})
    (want,) = run_onnxruntime(model, {"x": x})
    assert y.shape == want.shape == (2, 3, 7)
    np.testing.assert_array_equal(y, want)


def test_value_info_conflict_is_not_trusted():
    model = _expand(None, [helper.make_tensor_value_info("h", F, [2, 3, 5])])
    with pytest.warns(ShapeWarning, match=r"value 'h' of node 'expand' \(Expand\)"):
        assert_matches_onnxruntime(model)


def test_declared_output_of_the_wrong_rank():
    """A real model declares [1, seqlen] for a [20, 1, 8210] output: onnxruntime warns and runs;
    the computed type wins and the runtime signature says so."""
    model = _model([helper.make_node("LogSoftmax", ["x"], ["y"], name="log_softmax", axis=-1)],
                   [helper.make_tensor_value_info("x", F, [20, 1, 8210])],
                   [helper.make_tensor_value_info("y", F, [1, "seqlen"])])
    with pytest.warns(ShapeWarning, match=r"graph output 'y' .* declared shape \[1, seqlen\] "
                                          r"disagrees with the computed shape \[20, 1, 8210\]"):
        compiled = onnx_mlir.compile(model)
    assert compiled.get_outputs()[0].shape == (20, 1, 8210)
    x = np.random.default_rng(0).standard_normal((20, 1, 8210)).astype(np.float32)
    (y,) = compiled.run(None, {"x": x})
    np.testing.assert_allclose(y, run_onnxruntime(model, {"x": x})[0], rtol=1e-5, atol=1e-5)


def test_static_declaration_of_a_dynamic_dim_is_recorded_and_computed():
    """The Expand shape is a run-time input and the output is declared [2, 3, 5]: the declared
    size is kept (no warning: nothing contradicts it at compile time) but recorded on the op, and
    the lowering computes those dims from the shape operand, refining to the declared type with a
    tensor.cast (checked at run time by the lowering driver's refining-cast checks)."""
    model = _model([helper.make_node("Expand", ["x", "s"], ["y"], name="expand")],
                   [helper.make_tensor_value_info("x", F, [3, 1]),
                    helper.make_tensor_value_info("s", TensorProto.INT64, [3])],
                   [helper.make_tensor_value_info("y", F, [2, 3, 5])])
    with warnings.catch_warnings():
        warnings.simplefilter("error", ShapeWarning)
        module = onnx_mlir.import_model(model)
    assert ('"onnx.expand"(%arg0, %arg1) {onnx_mlir.declared_dims = [array<i64: 0, 2>]} : '
            "(tensor<3x1xf32>, tensor<3xi64>) -> tensor<2x3x5xf32>") in str(module)
    # (the lowering's IR is checked by tests/lit/onnx-to-linalg/declared-dims.mlir)
    compiled = onnx_mlir.compile(model)
    feeds = {"x": np.arange(3, dtype=np.float32).reshape(3, 1), "s": np.array([2, 3, 5], np.int64)}
    (y,) = compiled.run(None, feeds)
    np.testing.assert_array_equal(y, run_onnxruntime(model, feeds)[0])


def test_compress_declared_output_counts_at_run_time():
    """A run-time condition with a declared [2, 3] output: the rows are counted at run time and
    the declared size is recorded, not used to size the gather (which read past the input when
    fewer rows were true)."""
    model = _model([helper.make_node("Compress", ["x", "c"], ["y"], name="compress", axis=0)],
                   [helper.make_tensor_value_info("x", F, [4, 3]),
                    helper.make_tensor_value_info("c", TensorProto.BOOL, [4])],
                   [helper.make_tensor_value_info("y", F, [2, 3])])
    assert "onnx_mlir.declared_dims = [array<i64: 0>]" in str(onnx_mlir.import_model(model))
    feeds = {"x": np.arange(12, dtype=np.float32).reshape(4, 3),
             "c": np.array([True, False, False, True])}
    (y,) = onnx_mlir.compile(model).run(None, feeds)
    np.testing.assert_array_equal(y, run_onnxruntime(model, feeds)[0])


def test_agreeing_declarations_stay_silent_and_keep_their_names():
    model = _model([helper.make_node("Relu", ["x"], ["y"], name="relu")],
                   [helper.make_tensor_value_info("x", F, ["N", 4])],
                   [helper.make_tensor_value_info("y", F, ["batch", 4])])
    with warnings.catch_warnings():
        warnings.simplefilter("error", ShapeWarning)
        compiled = onnx_mlir.compile(model)
    assert compiled.get_outputs()[0].shape == ("batch", 4)


def test_declared_element_type_conflict_names_the_node():
    model = _model([helper.make_node("Shape", ["x"], ["y"], name="shape_of_x")],
                   [helper.make_tensor_value_info("x", F, [2, 3])],
                   [helper.make_tensor_value_info("y", F, [2])])
    with pytest.raises(OnnxImportError, match=r"node 'shape_of_x' \(ai.onnx::Shape.*declared "
                                              r"FLOAT but computed as INT64"):
        onnx_mlir.import_model(model)
