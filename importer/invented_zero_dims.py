"""Size-0 dims that ONNX shape inference invents from unknown ones.

Some of ONNX's inference functions read ``dim_value()`` of a dim that has none, which is 0:
Attention with a dynamic value head size infers its output as ``[b, s, 0]``, with a dynamic
key length its ``qk_matmul_output`` as ``[b, h, s, 0]`` (onnx 1.23). A static 0 in a result type
is then a wrong size the compiled code trusts (a Reshape to 0 elements, a size check that fails
on correct data).

The rule: a node with an input dim that is unknown and no input dim that is 0 cannot know that
an output dim is 0 except from its attributes or its input values, so such an inferred 0 is
dropped (the dim becomes unknown, computed at run time). That is always safe: an unknown dim is
never a wrong one. The nodes whose output length is the input's rank or an attribute range
(Shape, with ``start``/``end``) keep theirs. Nodes are visited in graph order with the corrected
types, so a 0 that flowed on from a dropped one is dropped too.
"""

from __future__ import annotations

import onnx

# Results whose dims come from input ranks and attributes, not from input sizes.
_RANK_DERIVED = frozenset({"Shape", "Size"})


def _dims(type_proto: onnx.TypeProto | None):
    if type_proto is None or type_proto.WhichOneof("value") != "tensor_type":
        return None
    if not type_proto.tensor_type.HasField("shape"):
        return None
    return type_proto.tensor_type.shape.dim


def _unknown_without_zero(types: list[onnx.TypeProto | None]) -> bool:
    """Whether some input tensor has an unknown dim (or no shape) and none has a 0 dim."""
    unknown = False
    for t in types:
        if t is None or t.WhichOneof("value") != "tensor_type":
            continue
        dims = _dims(t)
        if dims is None:
            unknown = True
            continue
        for d in dims:
            if not d.HasField("dim_value"):
                unknown = True
            elif d.dim_value == 0:
                return False
    return unknown


def drop_invented_zero_dims(graph: onnx.GraphProto,
                            outer: dict[str, onnx.TypeProto] | None = None) -> int:
    """Clear, in place, the 0 dims of ``graph``'s value_info and output types that a node
    inferred from unknown input dims (subgraphs included); the number of dims cleared."""
    types: dict[str, onnx.TypeProto] = dict(outer or {})
    for vi in graph.input:
        types[vi.name] = vi.type
    for t in graph.initializer:
        types[t.name] = onnx.helper.make_tensor_type_proto(t.data_type, list(t.dims))
    declared = {vi.name: vi.type for vi in list(graph.value_info) + list(graph.output)}
    cleared = 0
    for node in graph.node:
        for attr in node.attribute:
            subgraphs = [attr.g] if attr.type == onnx.AttributeProto.GRAPH else list(attr.graphs)
            for sub in subgraphs:
                cleared += drop_invented_zero_dims(sub, types)
        inputs = [types.get(name) for name in node.input if name]
        if node.op_type not in _RANK_DERIVED and _unknown_without_zero(inputs):
            for name in node.output:
                for d in _dims(declared.get(name)) or ():
                    if d.HasField("dim_value") and d.dim_value == 0:
                        d.Clear()
                        cleared += 1
        for name in node.output:
            if name in declared:
                types[name] = declared[name]
    return cleared
