"""Compare our outputs with onnxruntime's, leaving out what ONNX does not define."""

from __future__ import annotations

import numpy as np
import onnx

# Casts whose result is undefined for out-of-range inputs (float -> int: LLVM poison, CPU-specific).
_CASTS = frozenset({"Cast", "CastLike"})
_INT_TYPES = frozenset({onnx.TensorProto.INT8, onnx.TensorProto.INT16, onnx.TensorProto.INT32,
                        onnx.TensorProto.INT64, onnx.TensorProto.UINT8, onnx.TensorProto.UINT16,
                        onnx.TensorProto.UINT32, onnx.TensorProto.UINT64, onnx.TensorProto.BOOL})


def _nodes(graph: onnx.GraphProto):
    for node in graph.node:
        yield node
        for attr in node.attribute:
            if attr.type == onnx.AttributeProto.GRAPH:
                yield from _nodes(attr.g)


def has_undefined_behaviour(model: onnx.ModelProto) -> bool:
    """Whether the model casts to an integer type (CastLike: whatever the target): out-of-range
    float -> int casts are undefined."""
    for node in _nodes(model.graph):
        if node.op_type not in _CASTS:
            continue
        if node.op_type == "CastLike":
            return True
        to = next((a.i for a in node.attribute if a.name == "to"), None)
        if to is None or to in _INT_TYPES:
            return True
    return False


def _tolerance(dtype: np.dtype) -> float:
    name = dtype.name
    if name == "float64":
        return 1e-9
    if name == "float32":
        return 1e-4
    return 2e-2  # float16, bfloat16, float8


# The signature of a wrong output shape that is the shape the compiled model declares: a static
# dim the model claims, that its inputs contradict at run time, and that nothing checked.
UNCHECKED_STATIC_SHAPE = "output shape: a declared static shape, not checked at run time"


def _as_declared(ours: tuple, theirs: tuple, declared) -> bool:
    """Whether our shape is the declared one and theirs differs in a dim declared static."""
    declared = tuple(declared)
    if not (len(declared) == len(ours) == len(theirs)):
        return False
    static = [k for k, d in enumerate(declared) if isinstance(d, int)]
    return all(ours[k] == declared[k] for k in static) and \
        any(theirs[k] != declared[k] for k in static)


def compare_outputs(ours: list, expected: list, declared: list | None = None) -> str:
    """"" when the outputs agree, else what differs (the text before ':' is the signature).
    NaN and infinities are not compared (NaN propagation and overflow of undefined cases differ
    between implementations). ``declared`` holds the compiled model's output shapes."""
    if len(ours) != len(expected):
        return f"output count: {len(ours)} outputs, onnxruntime {len(expected)}"
    for k, (a, b) in enumerate(zip(ours, expected)):
        a, b = np.asarray(a), np.asarray(b)
        if a.shape != b.shape:
            if declared is not None and k < len(declared) and _as_declared(a.shape, b.shape,
                                                                           declared[k]):
                return (f"{UNCHECKED_STATIC_SHAPE}: output {k} is {a.shape} as declared, "
                        f"onnxruntime computes {b.shape}")
            return f"output shape: output {k} is {a.shape}, onnxruntime {b.shape}"
        if a.dtype != b.dtype:
            return f"output dtype: output {k} is {a.dtype}, onnxruntime {b.dtype}"
        if a.dtype.kind in "iub":
            if not np.array_equal(a, b):
                return f"output values: output {k} differs in {int(np.sum(a != b))} elements"
            continue
        a64, b64 = a.astype(np.float64), b.astype(np.float64)
        finite = np.isfinite(a64) & np.isfinite(b64)
        scale = max(1.0, float(np.max(np.abs(b64[finite]), initial=0.0)))
        tol = _tolerance(a.dtype)
        bad = finite & (np.abs(a64 - b64) > tol * scale + tol * np.abs(b64))
        if np.any(bad):
            worst = float(np.max(np.abs(a64 - b64)[bad]))
            return f"output values: output {k} differs in {int(np.sum(bad))} elements (max {worst:.3g})"
    return ""
