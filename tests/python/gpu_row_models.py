"""ONNX models of row reductions for the GPU path: (Log)Softmax, LayerNormalization and a small
attention-like block (MatMul + Add + Softmax + MatMul).  Shared by test_gpu_grouping.py and the
interpreter cases (gpu_interpreter_cases.py)."""

from __future__ import annotations

import numpy as np
import onnx
from onnx import helper, numpy_helper

from numerics import single_node_model


def softmax(shape, axis=-1, dtype=np.float32, op="Softmax") -> onnx.ModelProto:
    return single_node_model(op, [("x", dtype, list(shape))], [("y", dtype, None)], axis=axis)


def layer_norm(shape, axis=-1, dtype=np.float32, bias=True, stats=False, seed=0) -> onnx.ModelProto:
    """LayerNormalization with constant scale (and bias); ``stats`` adds the Mean/InvStdDev outputs."""
    rng = np.random.default_rng(seed)
    norm = list(shape)[axis:]
    inits = {"s": rng.uniform(0.5, 1.5, norm).astype(dtype)}
    inputs = [("x", dtype, list(shape)), ("s", dtype, norm)]
    if bias:
        inits["b"] = rng.uniform(-0.5, 0.5, norm).astype(dtype)
        inputs.append(("b", dtype, norm))
    outputs = [("y", dtype, None)]
    if stats:
        outputs += [("mean", np.float32, None), ("inv_std", np.float32, None)]
    return single_node_model("LayerNormalization", inputs, outputs, initializers=inits, axis=axis)


def attention_block(seq=16, dim=32, dtype=np.float32, seed=0) -> onnx.ModelProto:
    """softmax(x @ Wq @ (x @ Wk)^T * scale + mask) @ (x @ Wv): three matmuls, Add, Softmax, MatMul."""
    rng = np.random.default_rng(seed)
    et = helper.np_dtype_to_tensor_dtype(np.dtype(dtype))
    w = {n: rng.uniform(-0.3, 0.3, (dim, dim)).astype(dtype) for n in ("wq", "wk", "wv")}
    mask = np.triu(np.full((seq, seq), -1e4, np.float32), 1).astype(dtype)
    scale = np.array(1.0 / np.sqrt(dim), dtype)
    nodes = [
        helper.make_node("MatMul", ["x", "wq"], ["q"]),
        helper.make_node("MatMul", ["x", "wk"], ["k"]),
        helper.make_node("MatMul", ["x", "wv"], ["v"]),
        helper.make_node("Transpose", ["k"], ["kt"], perm=[0, 2, 1]),
        helper.make_node("MatMul", ["q", "kt"], ["s"]),
        helper.make_node("Mul", ["s", "scale"], ["ss"]),
        helper.make_node("Add", ["ss", "mask"], ["sm"]),
        helper.make_node("Softmax", ["sm"], ["p"], axis=-1),
        helper.make_node("MatMul", ["p", "v"], ["y"]),
    ]
    inits = [numpy_helper.from_array(v, n) for n, v in w.items()]
    inits += [numpy_helper.from_array(mask, "mask"), numpy_helper.from_array(scale, "scale")]
    graph = helper.make_graph(nodes, "attention", [helper.make_tensor_value_info("x", et, [2, seq, dim])],
                              [helper.make_tensor_value_info("y", et, None)], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    return onnx.shape_inference.infer_shapes(model, strict_mode=True)
