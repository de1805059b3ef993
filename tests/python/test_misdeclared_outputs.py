"""A graph output declared with a rank (or static dims) other than what the nodes compute: the
computed type wins with a ShapeWarning naming the output, as in onnxruntime, never a verifier
error. Where whole-model ONNX inference gives nothing and the importer has to take the
declaration, ``onnx-shape-inference`` corrects it once it can compute the op alone."""

from __future__ import annotations

import numpy as np
import pytest
from mlir import ir
from onnx import helper as h

import onnx_mlir
from onnx_mlir.dialects import make_context
from onnx_mlir.errors import ShapeWarning
from shape_check_helpers import model, ort_run, vi

F32 = np.float32


def test_declared_rank_differs_from_the_computed_one():
    m = model([h.make_node("Softmax", ["x"], ["probs"], name="softmax", axis=-1)],
              [vi("x", [20, 1, "classes"])], [vi("probs", [1, "seqlen"])])
    with pytest.warns(ShapeWarning, match="graph output 'probs'.*declared shape \\[1, seqlen\\]"):
        compiled = onnx_mlir.compile(m)
    feeds = {"x": np.random.default_rng(0).standard_normal((20, 1, 11)).astype(F32)}
    ours = compiled.run(None, feeds)[0]
    assert ours.shape == (20, 1, 11)
    np.testing.assert_allclose(ours, ort_run(m, feeds)[0], rtol=1e-5, atol=1e-6)


def test_a_declared_result_type_of_another_rank_is_corrected_in_the_passes():
    text = """
    func.func @main_graph(%x: tensor<20x1x?xf32> {onnx.name = "x"})
        -> (tensor<1x?xf32> {onnx.name = "probs"}) {
      %0 = "onnx.sigmoid"(%x) : (tensor<20x1x?xf32>) -> tensor<1x?xf32>
      return %0 : tensor<1x?xf32>
    }"""
    module = ir.Module.parse(text, make_context())
    with pytest.warns(ShapeWarning, match="graph output 'probs'.*computed as tensor<20x1x\\?xf32>"):
        compiled = onnx_mlir.compile(module)
    x = np.random.default_rng(0).standard_normal((20, 1, 7)).astype(F32)
    ours = compiled.run(None, {"x": x})[0]
    np.testing.assert_allclose(ours, 1 / (1 + np.exp(-x)), rtol=1e-5, atol=1e-6)


def test_dims_declared_minus_one_are_dynamic_as_in_onnxruntime():
    # Paddle2ONNX writes [-1, 3, -1, -1] for unknown dims; onnxruntime runs such models.
    m = model([h.make_node("Relu", ["x"], ["y"], name="relu")], [vi("x", [-1, 3])], [vi("y", [-1, 3])])
    with pytest.warns(ShapeWarning, match="'x', 'y' declare dim -1, read as a dynamic dim"):
        compiled = onnx_mlir.compile(m, cache=False)
    assert m.graph.input[0].type.tensor_type.shape.dim[0].dim_value == -1  # the caller's proto is kept
    for batch in (1, 4):
        feeds = {"x": np.random.default_rng(batch).standard_normal((batch, 3)).astype(F32)}
        np.testing.assert_array_equal(compiled.run(None, feeds)[0], ort_run(m, feeds)[0])


def test_other_negative_dims_stay_import_errors():
    m = model([h.make_node("Relu", ["x"], ["y"], name="relu")], [vi("x", [-2, 3])], [vi("y", [-2, 3])])
    with pytest.raises(onnx_mlir.OnnxImportError, match="graph input 'x' has a negative dim"):
        onnx_mlir.compile(m, cache=False)


def test_dims_named_question_mark_are_unknown_not_one_symbol():
    # PaddleOCR's classifier declares [-1, 3, '?', '?'] and is run on images that are not square.
    m = model([h.make_node("Relu", ["x"], ["y"], name="relu")], [vi("x", [1, "?", "?"])], [vi("y", [1, "?", "?"])])
    compiled = onnx_mlir.compile(m, cache=False)
    feeds = {"x": np.random.default_rng(0).standard_normal((1, 2, 5)).astype(F32)}
    np.testing.assert_array_equal(compiled.run(None, feeds)[0], ort_run(m, feeds)[0])
