"""Shapes for Loop-carried values, which ONNX shape inference leaves rank-unknown, and outer
constants copied into subgraphs (:func:`with_local_constants`) so that inference sees them.

ONNX's Loop inference drops the shape of each loop-carried value (it may change from one
iteration to the next), so the body's state inputs, everything computed from them and the Loop's
final-state outputs come back without a rank, and the importer cannot type them. Most loops keep
the shape of their state (the Range function body carries a scalar), so this module finds the
loop-invariant type by a small fixed point on the ModelProto:

1. seed each untyped state input of a Loop body with the type of its initial value;
2. re-run shape inference, then compare each body state output with its input: dims that differ
   become unknown (``dim_param``-less), and a rank change drops the shape again;
3. repeat until nothing changes; then give each final-state output of the Loop the body input's
   (now iteration-invariant) type as a value_info.
"""

from __future__ import annotations

from typing import Callable

import onnx

_MAX_ROUNDS = 6


def _graphs_of(node: onnx.NodeProto) -> list[onnx.GraphProto]:
    return [a.g for a in node.attribute if a.type == onnx.AttributeProto.GRAPH]


def _known_types(graph: onnx.GraphProto, outer: dict[str, onnx.TypeProto]) -> dict:
    types = dict(outer)
    for init in graph.initializer:
        types[init.name] = onnx.helper.make_tensor_type_proto(init.data_type, list(init.dims))
    for info in list(graph.input) + list(graph.output) + list(graph.value_info):
        types[info.name] = info.type
    return types


def _is_tensor(t: onnx.TypeProto) -> bool:
    return t.WhichOneof("value") == "tensor_type"


def _has_shape(t: onnx.TypeProto) -> bool:
    return _is_tensor(t) and t.tensor_type.HasField("shape")


def _dims(t: onnx.TypeProto) -> list:
    return [d.dim_value if d.HasField("dim_value") else None for d in t.tensor_type.shape.dim]


def _loops(graph: onnx.GraphProto, outer: dict):
    """(Loop node, its graph, the types visible there) for every Loop, outermost first."""
    types = _known_types(graph, outer)
    for node in graph.node:
        if node.op_type == "Loop" and node.domain in ("", "ai.onnx") and _has_body(node):
            yield node, graph, types
        for sub in _graphs_of(node):
            yield from _loops(sub, types)


def _has_body(node: onnx.NodeProto) -> bool:
    """A Loop without a body graph is left to the importer, which names what is missing."""
    return any(a.name == "body" and a.type == onnx.AttributeProto.GRAPH for a in node.attribute)


def _body(node: onnx.NodeProto) -> onnx.GraphProto:
    return next(a.g for a in node.attribute if a.name == "body")


def _relax(model: onnx.ModelProto, dropped: set) -> bool:
    """Make body state input dims that the body changes unknown; True if any changed."""
    changed = False
    for node, _, _ in _loops(model.graph, {}):
        body = _body(node)
        for k in range(len(node.input) - 2):
            if 2 + k >= len(body.input) or 1 + k >= len(body.output):
                break
            arg, out = body.input[2 + k], body.output[1 + k]
            if not _has_shape(arg.type):
                continue
            out_type = _known_types(body, {}).get(out.name, out.type)
            if not _has_shape(out_type):
                continue
            a, o = _dims(arg.type), _dims(out_type)
            relaxed = False
            if len(a) != len(o):
                arg.type.tensor_type.ClearField("shape")
                dropped.add((node.name, tuple(node.output), k))
                relaxed = True
            else:
                for d, (x, y) in zip(arg.type.tensor_type.shape.dim, zip(a, o)):
                    if x is not None and x != y:
                        d.Clear()
                        relaxed = True
            if relaxed:
                _forget_inferred(body)
                changed = True
    return changed


def _forget_inferred(body: onnx.GraphProto) -> None:
    """Drop what inference derived from the old state types, so that it is derived again
    (inference keeps an existing static shape rather than a new less static one)."""
    del body.value_info[:]
    for out in body.output:
        if _is_tensor(out.type):
            out.type.tensor_type.ClearField("shape")


def localize_outer_constants(graph: onnx.GraphProto, outer: dict | None = None) -> bool:
    """Copy each outer-scope `Constant` node that a subgraph reads into that subgraph (under a
    new local name): ONNX shape inference of a subgraph does not see outer constant *values*, so
    an Unsqueeze/Reshape whose axes or shape come from outside stays rank-unknown. True if any
    subgraph changed."""
    constants = dict(outer or {})
    for node in graph.node:
        if node.op_type == "Constant" and node.domain in ("", "ai.onnx") and len(node.output) == 1:
            constants[node.output[0]] = node
    changed = False
    for node in graph.node:
        for sub in _graphs_of(node):
            changed |= _localize_into(sub, constants)
            changed |= localize_outer_constants(sub, constants)
    return changed


def _localize_into(sub: onnx.GraphProto, constants: dict) -> bool:
    defined = {i.name for i in sub.input} | {t.name for t in sub.initializer}
    for node in sub.node:
        defined.update(node.output)
    used = {name for node in sub.node for name in node.input}
    wanted = sorted(n for n in used if n and n not in defined and n in constants)
    if not wanted:
        return False
    rename = {n: f"{n}__local_{sub.name}" for n in wanted}
    copies = []
    for n in wanted:
        copy = onnx.NodeProto()
        copy.CopyFrom(constants[n])
        copy.name = rename[n]
        del copy.output[:]
        copy.output.append(rename[n])
        copies.append(copy)
    for node in sub.node:
        for k, name in enumerate(node.input):
            if name in rename:
                node.input[k] = rename[name]
    nodes = copies + list(sub.node)
    del sub.node[:]
    sub.node.extend(nodes)
    return True


def with_local_constants(model: onnx.ModelProto) -> onnx.ModelProto:
    """``model``, or a copy with outer constants copied into the subgraphs that read them."""
    if not any(a.type == onnx.AttributeProto.GRAPH for n in model.graph.node for a in n.attribute):
        return model
    copy = onnx.ModelProto()
    copy.CopyFrom(model)
    return copy if localize_outer_constants(copy.graph) else model


def refine_loop_carried_types(model: onnx.ModelProto,
                              infer: Callable[[onnx.ModelProto], onnx.ModelProto]
                              ) -> onnx.ModelProto:
    """The model with Loop state inputs and final-state outputs typed where they are invariant
    (see module docstring); ``infer`` is the shape inference to re-run."""
    if not any(True for _ in _loops(model.graph, {})):
        return model
    dropped: set = set()
    for _ in range(_MAX_ROUNDS):
        seeded = False
        for node, _, types in _loops(model.graph, {}):
            key_base = (node.name, tuple(node.output))
            body = _body(node)
            for k, name in enumerate(node.input[2:]):
                if 2 + k >= len(body.input) or (key_base + (k,)) in dropped:
                    continue
                arg, init = body.input[2 + k], types.get(name)
                if init is None or not _has_shape(init) or _has_shape(arg.type):
                    continue
                arg.type.CopyFrom(init)
                seeded = True
        if seeded:
            model = infer(model)
        if not _relax(model, dropped):
            break
        model = infer(model)
    _type_final_states(model.graph)
    return model


def _type_final_states(graph: onnx.GraphProto) -> None:
    types = _known_types(graph, {})
    for node in graph.node:
        for sub in _graphs_of(node):
            _type_final_states(sub)
        if node.op_type != "Loop" or node.domain not in ("", "ai.onnx") or not _has_body(node):
            continue
        body = _body(node)
        for k in range(len(node.input) - 2):
            if k >= len(node.output) or 2 + k >= len(body.input) or not node.output[k]:
                continue
            name, arg = node.output[k], body.input[2 + k]
            known = types.get(name)
            if (known is not None and _has_shape(known)) or not _has_shape(arg.type):
                continue
            infos = [v for v in graph.value_info if v.name == name]
            info = infos[0] if infos else graph.value_info.add()
            info.name = name
            info.type.CopyFrom(arg.type)
