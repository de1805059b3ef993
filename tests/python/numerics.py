"""Shared helpers for numerical tests: build one-node ONNX models and compare onnx-mlir-py with
onnxruntime on the same inputs.

Usage::

    from numerics import single_node_model, assert_matches_onnxruntime, random_feeds

    model = single_node_model("Add", [("a", np.float32, [2, 3]), ("b", np.float32, [3])],
                              [("c", np.float32, None)])
    assert_matches_onnxruntime(model, random_feeds(model))
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import onnx
from onnx import helper, numpy_helper

Shape = Sequence[int | str] | None


def _elem_type(dtype) -> int:
    return helper.np_dtype_to_tensor_dtype(np.dtype(dtype))


def single_node_model(op_type: str,
                      inputs: list[tuple[str, Any, Shape]],
                      outputs: list[tuple[str, Any, Shape]],
                      initializers: dict[str, np.ndarray] | None = None,
                      opset: int = 17,
                      **attrs: Any) -> onnx.ModelProto:
    """A checked model with one ``op_type`` node.

    ``inputs``/``outputs``: ``(name, numpy dtype, shape)``; a shape of ``None`` leaves it unknown
    (shape inference fills it in), a string dim is symbolic. An input name that is also a key of
    ``initializers`` becomes a graph initializer (not a graph input); ``""`` as an input name
    means an omitted optional input. ``attrs`` become node attributes. Shapes are inferred.
    """
    initializers = dict(initializers or {})
    node = helper.make_node(op_type, [name for name, _, _ in inputs],
                            [name for name, _, _ in outputs], name=f"{op_type.lower()}_node",
                            **attrs)
    graph_inputs = [helper.make_tensor_value_info(name, _elem_type(dt), shape)
                    for name, dt, shape in inputs if name and name not in initializers]
    graph_outputs = [helper.make_tensor_value_info(name, _elem_type(dt), shape)
                     for name, dt, shape in outputs]
    inits = [numpy_helper.from_array(np.asarray(value), name) for name, value in initializers.items()]
    graph = helper.make_graph([node], f"{op_type.lower()}_graph", graph_inputs, graph_outputs, inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)],
                              producer_name="onnx-mlir-py-tests")
    model.ir_version = min(model.ir_version, 8)  # accepted by the pinned onnxruntime
    model = onnx.shape_inference.infer_shapes(model, strict_mode=True)
    onnx.checker.check_model(model)
    return model


def random_feeds(model: onnx.ModelProto, seed: int = 0,
                 dims: dict[str, int] | None = None) -> dict[str, np.ndarray]:
    """Random inputs for every graph input (symbolic dims taken from ``dims``, default 3).

    Floats are in [-2, 2); integers in [-10, 10) ([0, 10) for unsigned) with zeros replaced by 1
    so that they can be divisors; bools are random.
    """
    rng = np.random.default_rng(seed)
    feeds: dict[str, np.ndarray] = {}
    init_names = {init.name for init in model.graph.initializer}
    for value in model.graph.input:
        if value.name in init_names:
            continue
        ttype = value.type.tensor_type
        dtype = helper.tensor_dtype_to_np_dtype(ttype.elem_type)
        shape = [d.dim_value if d.HasField("dim_value") else (dims or {}).get(d.dim_param, 3)
                 for d in ttype.shape.dim]
        if dtype == np.bool_:
            array = rng.integers(0, 2, size=shape).astype(np.bool_)
        elif np.issubdtype(dtype, np.floating):
            array = rng.uniform(-2.0, 2.0, size=shape).astype(dtype)
        else:
            low = 0 if np.issubdtype(dtype, np.unsignedinteger) else -10
            array = rng.integers(low, 10, size=shape).astype(dtype)
            array[array == 0] = 1
        feeds[value.name] = np.asarray(array)
    return feeds


def run_onnxruntime(model: onnx.ModelProto, feeds: dict[str, np.ndarray]) -> list[np.ndarray]:
    import onnxruntime as ort

    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    return session.run(None, feeds)


def run_onnx_mlir(model: onnx.ModelProto, feeds: dict[str, np.ndarray]) -> list[np.ndarray]:
    import onnx_mlir

    compiled = onnx_mlir.compile(model)
    return list(compiled.run(None, feeds))


def assert_matches_onnxruntime(model: onnx.ModelProto, feeds: dict[str, np.ndarray] | None = None,
                               rtol: float = 1e-4, atol: float = 1e-5) -> list[np.ndarray]:
    """Compile ``model`` with onnx-mlir-py, run it on ``feeds`` (random when None) and assert
    every output equals onnxruntime's: same shape, same dtype, values within ``rtol``/``atol``
    (exact for integer and bool outputs). Returns onnx-mlir-py's outputs."""
    if feeds is None:
        feeds = random_feeds(model)
    expected = run_onnxruntime(model, feeds)
    actual = run_onnx_mlir(model, feeds)
    names = [o.name for o in model.graph.output]
    assert len(actual) == len(expected), f"{len(actual)} outputs, onnxruntime gives {len(expected)}"
    for name, got, want in zip(names, actual, expected):
        got = np.asarray(got)
        assert got.shape == want.shape, f"output {name!r}: shape {got.shape}, expected {want.shape}"
        assert got.dtype == want.dtype, f"output {name!r}: dtype {got.dtype}, expected {want.dtype}"
        if np.issubdtype(want.dtype, np.floating):
            np.testing.assert_allclose(got, want, rtol=rtol, atol=atol, err_msg=f"output {name!r}")
        else:
            np.testing.assert_array_equal(got, want, err_msg=f"output {name!r}")
    return actual


def conversion_error(text: str) -> str:
    """Run convert-onnx-to-linalg on the onnx-dialect IR ``text``, which must fail, and return
    the error messages it emits."""
    import pytest
    from mlir import ir

    from onnx_mlir.dialects import make_context
    from onnx_mlir.lowering.onnx_to_linalg import ConvertOnnxToLinalgPass
    from onnx_mlir.passes import PassFailure

    messages: list[str] = []
    with make_context() as ctx, ir.Location.unknown():
        ctx.attach_diagnostic_handler(lambda d: messages.append(str(d.message)) or True)
        module = ir.Module.parse(text)
        with pytest.raises(PassFailure):
            ConvertOnnxToLinalgPass().run(module)
    return "\n".join(messages)
