"""The dynamic conformance mode: a node case with every graph input dim made symbolic.

:func:`with_symbolic_dims` rewrites a case's model so that the compiler sees no static size at its
boundary: each dim of each graph input (initializers excepted) becomes its own ``dim_param``, the
graph outputs' dims become symbolic too, and the main graph's ``value_info`` is dropped (it
would carry the static sizes back in). Ranks and element types stay, and so does the length of a
1-D int64 input: that is the type of ONNX's shape-like operands (Reshape's shape, the axes,
starts, pads, repeats, sizes, ...), whose length is a rank or an axis count, not a size; a
symbolic one would make the model's ranks unknown rather than its sizes dynamic. The compiled model must then
take the case's data as run-time sizes and give the same results: a case that passes static but
not dynamic shows a lowering (or a shape computation) that still needs a static size.
"""

from __future__ import annotations

from typing import Any


def _symbolic(value_info: Any, prefix: str) -> None:
    import onnx

    t = value_info.type
    if not t.HasField("tensor_type") or not t.tensor_type.HasField("shape"):
        return  # sequences, optionals, unranked tensors: left as declared
    if t.tensor_type.elem_type == onnx.TensorProto.INT64 and len(t.tensor_type.shape.dim) == 1:
        return  # a shape-like operand: its length is a rank, kept
    for k, dim in enumerate(t.tensor_type.shape.dim):
        dim.Clear()
        dim.dim_param = f"{prefix}_{k}"


def with_symbolic_dims(model: Any) -> Any:
    """A copy of ``model`` whose graph inputs and outputs have only symbolic dims."""
    import onnx

    out = onnx.ModelProto()
    out.CopyFrom(model)
    graph = out.graph
    initializers = {t.name for t in graph.initializer} | {t.name for t in graph.sparse_initializer}
    for i, vi in enumerate(graph.input):
        if vi.name not in initializers:
            _symbolic(vi, f"in{i}")
    for i, vi in enumerate(graph.output):
        _symbolic(vi, f"out{i}")
    del graph.value_info[:]
    return out
