"""Numerics of the onnx-level passes (onnx-simplify: fold, decompose, shape inference,
canonicalize) against onnxruntime.

The simplified onnx-dialect function is exported back to ONNX (``onnx_bridge.export_function``)
and run by onnxruntime next to the original model, so decompositions are checked whether or not
their basic ops have a lowering yet; models whose ops all lower are also compiled and run.
"""

from __future__ import annotations

import numpy as np
import onnx
import pytest
from mlir import ir
from onnx import TensorProto, helper, numpy_helper

import onnx_mlir
from onnx_mlir.errors import CompilationError
from onnx_mlir.compiler import lower_onnx_module
from onnx_mlir.passes.onnx_bridge import export_function
from onnx_mlir.passes.rewrite import onnx_ops

from numerics import assert_matches_onnxruntime, random_feeds, run_onnxruntime, single_node_model


def simplified(model: onnx.ModelProto) -> tuple[ir.Module, onnx.ModelProto]:
    module = onnx_mlir.import_model(model)
    lower_onnx_module(module, upto="onnx")
    with module.context:
        exported = export_function(module.body.operations[0])
    return module, exported


def op_names(module: ir.Module) -> set[str]:
    return {op.operation.name for op in onnx_ops(module)}


def assert_same_outputs(model, exported, feeds, rtol=1e-4, atol=1e-5):
    want = run_onnxruntime(model, feeds)
    got = run_onnxruntime(exported, feeds)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert g.shape == w.shape and g.dtype == w.dtype
        np.testing.assert_allclose(g, w, rtol=rtol, atol=atol)


F32 = np.float32

DECOMPOSED = [
    # (op, inputs, attributes, opset, ops that must be gone)
    ("LayerNormalization", [("x", F32, [2, 3, 8]), ("s", F32, [8]), ("b", F32, [8])],
     {"axis": -1, "epsilon": 1e-5}, 17),
    ("LayerNormalization", [("x", F32, [4, 6]), ("s", F32, [6])], {"axis": 1}, 18),
    ("Gelu", [("x", F32, [3, 5])], {}, 20),
    ("Gelu", [("x", F32, [3, 5])], {"approximate": "tanh"}, 20),
    ("Celu", [("x", F32, [2, 7])], {"alpha": 0.7}, 17),
    ("HardSwish", [("x", F32, [10])], {}, 17),
    ("Mish", [("x", F32, [4, 4])], {}, 18),
    ("MeanVarianceNormalization", [("x", F32, [2, 3, 4, 5])], {"axes": [0, 2, 3]}, 18),
    ("Softplus", [("x", F32, [9])], {}, 17),
    ("ThresholdedRelu", [("x", F32, [9])], {"alpha": 0.5}, 17),
    ("Shrink", [("x", F32, [9])], {"lambd": 0.6, "bias": 0.1}, 17),
    ("Selu", [("x", F32, [9])], {}, 17),
    ("LeakyRelu", [("x", F32, [9])], {"alpha": 0.2}, 17),
    ("PRelu", [("x", F32, [2, 5]), ("slope", F32, [5])], {}, 17),
    ("Softmax", [("x", F32, [2, 3, 4])], {"axis": 1}, 17),
    ("LogSoftmax", [("x", F32, [2, 6])], {}, 17),
]


@pytest.mark.parametrize("op_type,inputs,attrs,opset", DECOMPOSED,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(DECOMPOSED)])
def test_decomposition_matches_onnxruntime(op_type, inputs, attrs, opset):
    model = single_node_model(op_type, inputs, [("y", F32, None)], opset=opset, **attrs)
    module, exported = simplified(model)
    names = op_names(module)
    from onnx_mlir.passes.lowering_patterns import lowering_for
    from onnx_mlir.importer import op_class_for

    own = op_class_for(op_type).OPERATION_NAME
    if lowering_for(own) is None:
        assert own not in names, f"{op_type} was not decomposed: {sorted(names)}"
    for op in onnx_ops(module):
        for result in op.operation.results:
            assert ir.RankedTensorType(result.type).has_static_shape, f"{op} is not static"
    assert_same_outputs(model, exported, random_feeds(model))


def test_attention_decomposes_to_static_basic_ops():
    q = ("Q", F32, [2, 3, 4, 8])
    model = single_node_model("Attention", [q, ("K", F32, [2, 3, 6, 8]), ("V", F32, [2, 3, 6, 8])],
                              [("Y", F32, None)], opset=23, is_causal=1)
    module, exported = simplified(model)
    assert "onnx.attention" not in op_names(module)
    assert {"onnx.mat_mul", "onnx.where"} <= op_names(module)
    assert_same_outputs(model, exported, random_feeds(model))


def test_shape_subgraph_folds_and_compiles():
    """Shape -> Gather -> Mul -> Concat -> Reshape, then MatMul: folds to a constant shape and
    runs through the whole CPU pipeline."""
    w = np.random.default_rng(0).standard_normal((12, 5)).astype(F32)
    nodes = [
        helper.make_node("Shape", ["x"], ["s"]),
        helper.make_node("Constant", [], ["i0"], value=numpy_helper.from_array(np.array([0]))),
        helper.make_node("Constant", [], ["i1"], value=numpy_helper.from_array(np.array([-1]))),
        helper.make_node("Gather", ["s", "i0"], ["n"], axis=0),
        helper.make_node("Concat", ["n", "i1"], ["shape"], axis=0),
        helper.make_node("Reshape", ["x", "shape"], ["flat"]),
        helper.make_node("Identity", ["flat"], ["flat2"]),
        helper.make_node("MatMul", ["flat2", "w"], ["y"]),
    ]
    graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT,
                                                                         [2, 3, 4])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 5])],
                              [numpy_helper.from_array(w, "w")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    module, _ = simplified(model)
    assert op_names(module) == {"onnx.constant", "onnx.reshape", "onnx.mat_mul"}
    assert_matches_onnxruntime(model)


def test_folded_weight_compiles():
    """A Transpose of a dense_resource weight folds (side table) and the result runs."""
    w = np.random.default_rng(1).standard_normal((40, 30)).astype(F32)
    model = helper.make_model(helper.make_graph(
        [helper.make_node("Transpose", ["w"], ["wt"], perm=[1, 0]),
         helper.make_node("MatMul", ["x", "wt"], ["y"])], "g",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [3, 30])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [3, 40])],
        [numpy_helper.from_array(w, "w")]), opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    module, _ = simplified(model)
    assert "onnx.transpose" not in op_names(module)
    assert_matches_onnxruntime(model)


@pytest.mark.parametrize("op_type,inputs,attrs,opset", DECOMPOSED[:4],
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(DECOMPOSED[:4])])
def test_decomposition_compiles(op_type, inputs, attrs, opset):
    """End to end once the basic ops of the body have lowerings."""
    model = single_node_model(op_type, inputs, [("y", F32, None)], opset=opset, **attrs)
    try:
        onnx_mlir.compile(model)
    except CompilationError as error:
        if "failed to legalize" in str(error):
            pytest.skip(f"a basic op of the {op_type} body has no lowering yet: "
                        f"{str(error).splitlines()[-1]}")
        raise
    assert_matches_onnxruntime(model, rtol=1e-4, atol=1e-5)


def _mask_model(nodes, shape: list[int]) -> onnx.ModelProto:
    """``nodes`` compute a bool mask ``m`` of ``shape``; the model returns Where(m, x, y)."""
    nodes = nodes + [helper.make_node("Where", ["m", "x", "y"], ["out"])]
    graph = helper.make_graph(
        nodes, "mask", [helper.make_tensor_value_info(n, TensorProto.FLOAT, shape) for n in "xy"],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, shape)])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    return model


@pytest.mark.parametrize("fill", [True, False])
@pytest.mark.parametrize("size", [9, 16, 1000])
def test_bool_splat_constant_folds_exactly(fill, size):
    """An all-true/all-false bool constant folded through Flatten (a splat `i1` attribute: the
    bindings' buffer read gave garbage from the 9th element on)."""
    mask = numpy_helper.from_array(np.full((1, size), fill), "c")
    model = _mask_model([helper.make_node("Constant", [], ["c"], value=mask),
                         helper.make_node("Flatten", ["c"], ["m"], axis=2)], [size, 1])
    module, _ = simplified(model)
    assert "onnx.flatten" not in op_names(module)
    assert_matches_onnxruntime(model)


def test_range_mask_folds_exactly():
    """GreaterOrEqual(Range, 0) then Cast to bool, as exported attention masks are built: folds to
    an all-true splat that must read back as all true."""
    def const(name, value):
        return helper.make_node("Constant", [], [name],
                                value=numpy_helper.from_array(np.array(value, np.int64), name))

    model = _mask_model([const("start", 0), const("limit", 16), const("delta", 1), const("zero", 0),
                         helper.make_node("Range", ["start", "limit", "delta"], ["r"]),
                         helper.make_node("GreaterOrEqual", ["r", "zero"], ["ge"]),
                         helper.make_node("Cast", ["ge"], ["m"], to=TensorProto.BOOL)], [16])
    module, _ = simplified(model)
    assert op_names(module) == {"onnx.constant", "onnx.where"}
    assert_matches_onnxruntime(model)
