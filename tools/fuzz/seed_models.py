"""The seed corpus of the model fuzzer: small valid models built with ``onnx.helper``.

The examples' builders (MLP, LeNet-5, a residual block, shrunk) and single-op models of the ops
whose shape handling is easiest to get wrong (Gather, Reshape, Concat, MatMul, Conv, Expand, ...)
with static and dynamic dims, and bool / integer element types. ``dim_values`` gives the value
fed for each symbolic dim (unnamed dynamic dims get :data:`DEFAULT_DYNAMIC_DIM`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import onnx
from onnx import TensorProto as T
from onnx import helper as h
from onnx import numpy_helper

OPSET = 17
DEFAULT_DYNAMIC_DIM = 2


@dataclass(frozen=True)
class Seed:
    name: str
    model: onnx.ModelProto
    dim_values: dict[str, int] = field(default_factory=dict)


def _vi(name: str, elem: int, shape) -> onnx.ValueInfoProto:
    return h.make_tensor_value_info(name, elem, shape)


def _const(name: str, array) -> onnx.TensorProto:
    return numpy_helper.from_array(np.asarray(array), name)


def _model(name: str, nodes, inputs, outputs, initializers=()) -> onnx.ModelProto:
    graph = h.make_graph(nodes, name, inputs, outputs, list(initializers))
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", OPSET)],
                         producer_name="onnx-mlir-py fuzz")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def _single(op: str, inputs, outputs, initializers=(), name=None, **attrs) -> onnx.ModelProto:
    graph_inputs = [vi for vi in inputs]
    node = h.make_node(op, [vi.name for vi in graph_inputs] + [t.name for t in initializers],
                       [vi.name for vi in outputs], name=f"{op.lower()}_node", **attrs)
    return _model(name or op.lower(), [node], graph_inputs, outputs, initializers)


def _example_seeds() -> list[Seed]:
    from onnx_mlir.examples import models

    return [Seed("mlp", models.mlp(sizes=(8, 16, 8, 4))),
            Seed("mlp_dynamic_batch", models.mlp(batch="N", sizes=(8, 16, 8, 4)), {"N": 3}),
            Seed("lenet5", models.lenet5()),
            Seed("residual_block", models.residual_block(channels=4, size=8))]


def _indexing_seeds() -> list[Seed]:
    return [
        Seed("gather_static", _single("Gather", [_vi("data", T.FLOAT, [4, 3])],
                                      [_vi("out", T.FLOAT, [2, 3])],
                                      [_const("indices", np.array([0, 3], np.int64))], axis=0)),
        Seed("gather_dynamic", _model("gather_dynamic", [
            h.make_node("Gather", ["data", "indices"], ["out"], name="gather", axis=1)],
            [_vi("data", T.FLOAT, ["N", 5]), _vi("indices", T.INT64, ["K"])],
            [_vi("out", T.FLOAT, ["N", "K"])]), {"N": 3, "K": 2}),
        Seed("slice", _single("Slice", [_vi("x", T.FLOAT, [6, 4])], [_vi("y", T.FLOAT, [2, 4])],
                              [_const("starts", np.array([1], np.int64)),
                               _const("ends", np.array([5], np.int64)),
                               _const("axes", np.array([0], np.int64)),
                               _const("steps", np.array([2], np.int64))])),
        Seed("where_bool", _single("Where", [_vi("c", T.BOOL, [2, 3]), _vi("a", T.FLOAT, [2, 3]),
                                             _vi("b", T.FLOAT, [1, 3])],
                                   [_vi("out", T.FLOAT, [2, 3])])),
    ]


def _shape_seeds() -> list[Seed]:
    return [
        Seed("reshape_static", _single("Reshape", [_vi("x", T.FLOAT, [2, 3, 4])],
                                       [_vi("y", T.FLOAT, [6, 4])],
                                       [_const("shape", np.array([-1, 4], np.int64))])),
        Seed("reshape_dynamic", _single("Reshape", [_vi("x", T.FLOAT, ["N", 3, 4])],
                                        [_vi("y", T.FLOAT, ["N", 12])],
                                        [_const("shape", np.array([0, -1], np.int64))]), {"N": 2}),
        Seed("concat_static", _single("Concat", [_vi("a", T.FLOAT, [2, 3]), _vi("b", T.FLOAT, [4, 3])],
                                      [_vi("c", T.FLOAT, [6, 3])], axis=0)),
        Seed("concat_dynamic_int", _single("Concat", [_vi("a", T.INT64, ["N", 2]),
                                                      _vi("b", T.INT64, ["N", 3])],
                                           [_vi("c", T.INT64, ["N", 5])], axis=1), {"N": 3}),
        Seed("expand_static", _single("Expand", [_vi("x", T.FLOAT, [3, 1])], [_vi("y", T.FLOAT, [2, 3, 4])],
                                      [_const("shape", np.array([2, 3, 4], np.int64))])),
        Seed("expand_dynamic", _single("Expand", [_vi("x", T.FLOAT, ["N", 1])], [_vi("y", T.FLOAT, ["N", 4])],
                                       [_const("shape", np.array([1, 4], np.int64))]), {"N": 3}),
        Seed("transpose", _single("Transpose", [_vi("x", T.FLOAT, [2, 3, 4])],
                                  [_vi("y", T.FLOAT, [4, 2, 3])], perm=[2, 0, 1])),
        Seed("constant_of_shape", _single("ConstantOfShape", [], [_vi("y", T.FLOAT, [2, 3])],
                                          [_const("shape", np.array([2, 3], np.int64))],
                                          value=_const("v", np.array([1.5], np.float32)))),
        Seed("split", _model("split", [h.make_node("Split", ["x", "sizes"], ["a", "b"], name="split",
                                                   axis=1)],
                             [_vi("x", T.FLOAT, [2, 5])],
                             [_vi("a", T.FLOAT, [2, 2]), _vi("b", T.FLOAT, [2, 3])],
                             [_const("sizes", np.array([2, 3], np.int64))])),
        Seed("pad", _single("Pad", [_vi("x", T.FLOAT, [2, 3])], [_vi("y", T.FLOAT, [4, 4])],
                            [_const("pads", np.array([1, 0, 1, 1], np.int64))])),
    ]


def _compute_seeds() -> list[Seed]:
    return [
        Seed("matmul_static", _single("MatMul", [_vi("a", T.FLOAT, [2, 3]), _vi("b", T.FLOAT, [3, 4])],
                                      [_vi("c", T.FLOAT, [2, 4])])),
        Seed("matmul_dynamic", _single("MatMul", [_vi("a", T.FLOAT, ["M", "K"]),
                                                  _vi("b", T.FLOAT, ["K", "N"])],
                                       [_vi("c", T.FLOAT, ["M", "N"])]), {"M": 2, "K": 3, "N": 4}),
        Seed("matmul_f16_weight", _single("MatMul", [_vi("a", T.FLOAT16, [2, 64])],
                                          [_vi("c", T.FLOAT16, [2, 32])],
                                          [_const("w", (np.arange(2048) % 7 / 8).astype(np.float16)
                                                  .reshape(64, 32))])),
        Seed("conv", _single("Conv", [_vi("x", T.FLOAT, [1, 2, 5, 5])], [_vi("y", T.FLOAT, [1, 3, 5, 5])],
                             [_const("w", np.linspace(-1, 1, 54, dtype=np.float32).reshape(3, 2, 3, 3))],
                             pads=[1, 1, 1, 1])),
        Seed("conv_dynamic_batch", _single("Conv", [_vi("x", T.FLOAT, ["N", 1, 4, 4])],
                                           [_vi("y", T.FLOAT, ["N", 2, 2, 2])],
                                           [_const("w", np.ones((2, 1, 2, 2), np.float32))],
                                           strides=[2, 2]), {"N": 2}),
        Seed("add_int32", _single("Add", [_vi("a", T.INT32, [2, 3]), _vi("b", T.INT32, [3])],
                                  [_vi("c", T.INT32, [2, 3])])),
        Seed("and_bool", _single("And", [_vi("a", T.BOOL, [4]), _vi("b", T.BOOL, [4])],
                                 [_vi("c", T.BOOL, [4])])),
        Seed("less_to_bool", _model("less", [h.make_node("Less", ["a", "b"], ["m"], name="less"),
                                             h.make_node("Not", ["m"], ["n"], name="not")],
                                    [_vi("a", T.INT64, [3]), _vi("b", T.INT64, [3])],
                                    [_vi("n", T.BOOL, [3])])),
        Seed("cast_int_to_float", _single("Cast", [_vi("x", T.INT32, [2, 2])],
                                          [_vi("y", T.FLOAT, [2, 2])], to=T.FLOAT)),
        Seed("cast_float_to_int", _single("Cast", [_vi("x", T.FLOAT, [2, 3])],
                                          [_vi("y", T.INT32, [2, 3])], to=T.INT32)),
        Seed("softmax", _single("Softmax", [_vi("x", T.FLOAT, [2, 5])], [_vi("y", T.FLOAT, [2, 5])],
                                axis=-1)),
        Seed("reduce_sum", _single("ReduceSum", [_vi("x", T.FLOAT, [3, 4])], [_vi("y", T.FLOAT, [3, 1])],
                                   [_const("axes", np.array([1], np.int64))], keepdims=1)),
        Seed("chain", _model("chain", [
            h.make_node("Mul", ["x", "scale"], ["m"], name="mul"),
            h.make_node("Relu", ["m"], ["r"], name="relu"),
            h.make_node("Add", ["r", "x"], ["y"], name="add")],
            [_vi("x", T.FLOAT, [2, 4])], [_vi("y", T.FLOAT, [2, 4])],
            [_const("scale", np.array([0.5, -1.0, 2.0, 1.0], np.float32))])),
    ]


def _control_flow_seeds() -> list[Seed]:
    one = _const("one", np.array([1.0], np.float32))
    then_graph = h.make_graph([h.make_node("Add", ["x", "one"], ["t"], name="then_add")], "then",
                              [], [_vi("t", T.FLOAT, [2])], [one])
    else_graph = h.make_graph([h.make_node("Neg", ["x"], ["e"], name="else_neg")], "else",
                              [], [_vi("e", T.FLOAT, [2])])
    body = h.make_graph([h.make_node("Identity", ["cond_in"], ["cond_out"], name="keep_going"),
                         h.make_node("Add", ["v_in", "step"], ["v_out"], name="accumulate")],
                        "body", [_vi("i", T.INT64, []), _vi("cond_in", T.BOOL, []),
                                 _vi("v_in", T.FLOAT, [2])],
                        [_vi("cond_out", T.BOOL, []), _vi("v_out", T.FLOAT, [2])],
                        [_const("step", np.array([0.5, 1.0], np.float32))])
    return [
        Seed("if", _model("if", [h.make_node("If", ["c"], ["y"], name="branch",
                                             then_branch=then_graph, else_branch=else_graph)],
                          [_vi("c", T.BOOL, []), _vi("x", T.FLOAT, [2])], [_vi("y", T.FLOAT, [2])])),
        Seed("loop", _model("loop", [h.make_node("Loop", ["trips", "go", "v"], ["v_final"],
                                                 name="repeat", body=body)],
                            [_vi("v", T.FLOAT, [2])], [_vi("v_final", T.FLOAT, [2])],
                            [_const("trips", np.array(3, np.int64)), _const("go", np.array(True))])),
    ]


def seed_corpus() -> list[Seed]:
    """Every seed model, in a fixed order (case generation indexes into it)."""
    return (_example_seeds() + _indexing_seeds() + _shape_seeds() + _compute_seeds()
            + _control_flow_seeds())
