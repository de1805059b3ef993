"""Seeded mutations of ONNX models: structure, attributes, dims, element types, names,
initializers, external data, opsets, and raw bytes.

Each mutator takes a ``ModelProto`` (changed in place), a ``random.Random`` and the
:class:`MutatedModel` being built (for side files such as external weights), and returns a short
description of what it did, or None when it does not apply to this model.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import onnx
from onnx import AttributeProto, TensorProto, helper, numpy_helper

INTERESTING_INTS = (0, 1, 2, 3, 7, -1, -2, -7, 2**31 - 1, 2**31, -(2**31), 2**32 + 1, 2**40,
                    2**62, 2**63 - 1, -(2**63))
INTERESTING_FLOATS = (0.0, -0.0, 0.5, -3.0, 1e-30, 1e30, -1e30, float("nan"), float("inf"),
                      float("-inf"))
HUGE_DIMS = (2**31, 2**32, 2**40, 2**62, 2**63 - 1)
STRANGE_NAMES = ("", "x", "ñame", "名前", "\u202eevil", "a" * 300, "with space", "a/b:c", "%0",
                 "\"quoted\"", "loc(\"x\")")
ELEMENT_TYPES = tuple(range(0, 27)) + (99, -1)
OP_TYPES = ("Add", "Relu", "Gather", "Reshape", "Concat", "MatMul", "Conv", "Expand", "Cast",
            "Identity", "Transpose", "Slice", "ConstantOfShape", "Where", "Not", "Squeeze",
            "Unsqueeze", "Tile", "Range", "NonZero", "Loop", "If", "Foo")
EXTERNAL_LOCATIONS = ("weights.bin", "weights.bin", "../weights.bin", "../../etc/hostname",
                      "/etc/hostname", "sub/../weights.bin", "missing.bin", "", ".", "weights.bin\x00x")


@dataclass
class MutatedModel:
    """A mutated model: its bytes, the side files it refers to, and what was done."""

    model: onnx.ModelProto
    files: dict[str, bytes] = field(default_factory=dict)
    steps: list[str] = field(default_factory=list)
    data: bytes = b""


Mutator = Callable[[onnx.ModelProto, random.Random, MutatedModel], "str | None"]


# --------------------------------------------------------------------------------------- helpers

def _value_names(graph: onnx.GraphProto) -> list[str]:
    names = [i.name for i in graph.input] + [t.name for t in graph.initializer]
    names += [o for n in graph.node for o in n.output if o]
    return names


def _value_infos(graph: onnx.GraphProto) -> list[onnx.ValueInfoProto]:
    return [v for v in list(graph.input) + list(graph.output) + list(graph.value_info)
            if v.type.WhichOneof("value") == "tensor_type"]


def _interesting_int(rng: random.Random) -> int:
    return rng.choice(INTERESTING_INTS) if rng.random() < 0.8 else rng.randint(-10, 10)


def _rename_everywhere(graph: onnx.GraphProto, old: str, new: str) -> None:
    for node in graph.node:
        for k, name in enumerate(node.input):
            if name == old:
                node.input[k] = new
        for k, name in enumerate(node.output):
            if name == old:
                node.output[k] = new
    for info in list(graph.input) + list(graph.output) + list(graph.value_info):
        if info.name == old:
            info.name = new
    for tensor in graph.initializer:
        if tensor.name == old:
            tensor.name = new


# --------------------------------------------------------------------------------------- structure

def drop_node(model, rng, _):
    nodes = model.graph.node
    if not nodes:
        return None
    k = rng.randrange(len(nodes))
    name = nodes[k].op_type
    del nodes[k]
    return f"drop node {k} ({name})"


def duplicate_node(model, rng, _):
    nodes = model.graph.node
    if not nodes:
        return None
    k = rng.randrange(len(nodes))
    copy = onnx.NodeProto()
    copy.CopyFrom(nodes[k])
    if rng.random() < 0.5:  # a second definition of the same values, or fresh outputs
        for j, out in enumerate(copy.output):
            copy.output[j] = out + "_dup"
    nodes.insert(rng.randrange(len(nodes) + 1), copy)
    return f"duplicate node {k} ({copy.op_type})"


def reorder_nodes(model, rng, _):
    nodes = list(model.graph.node)
    if len(nodes) < 2:
        return None
    i, j = rng.sample(range(len(nodes)), 2)
    nodes[i], nodes[j] = nodes[j], nodes[i]
    del model.graph.node[:]
    model.graph.node.extend(nodes)
    return f"swap nodes {i} and {j}"


def rewire_input(model, rng, _):
    nodes = [n for n in model.graph.node if n.input]
    if not nodes:
        return None
    node = rng.choice(nodes)
    k = rng.randrange(len(node.input))
    choices = _value_names(model.graph) + ["undefined_value", ""]
    node.input[k] = rng.choice(choices)
    if rng.random() < 0.2:
        node.input.append(rng.choice(choices))
    return f"rewire input {k} of {node.op_type} to '{node.input[k]}'"


def rewire_output(model, rng, _):
    graph = model.graph
    if rng.random() < 0.5 and graph.output:
        out = rng.choice(graph.output)
        out.name = rng.choice(_value_names(graph) + ["nowhere"])
        return f"graph output now '{out.name}'"
    nodes = [n for n in graph.node if n.output]
    if not nodes:
        return None
    node = rng.choice(nodes)
    k = rng.randrange(len(node.output))
    node.output[k] = rng.choice(_value_names(graph) + [""])
    return f"output {k} of {node.op_type} now '{node.output[k]}'"


def change_op_type(model, rng, _):
    if not model.graph.node:
        return None
    node = rng.choice(model.graph.node)
    old, node.op_type = node.op_type, rng.choice(OP_TYPES)
    return f"op {old} -> {node.op_type}"


def change_domain(model, rng, _):
    if not model.graph.node:
        return None
    node = rng.choice(model.graph.node)
    node.domain = rng.choice(("ai.onnx", "com.microsoft", "custom", "ai.onnx.ml"))
    return f"domain of {node.op_type} -> {node.domain}"


def add_graph_io(model, rng, _):
    graph = model.graph
    if rng.random() < 0.5:
        elem = rng.choice((TensorProto.FLOAT, TensorProto.INT64, TensorProto.BOOL))
        name = rng.choice(_value_names(graph) + ["extra"])
        graph.input.append(helper.make_tensor_value_info(name, elem, [2]))
        return f"add graph input '{name}'"
    if graph.output and rng.random() < 0.5:
        del graph.output[rng.randrange(len(graph.output))]
        return "remove a graph output"
    if graph.input:
        dup = onnx.ValueInfoProto()
        dup.CopyFrom(rng.choice(graph.input))
        graph.output.append(dup)
        return f"graph input '{dup.name}' also an output"
    return None


# --------------------------------------------------------------------------------------- attributes

def _mutated_attribute_value(attr: AttributeProto, rng: random.Random) -> None:
    if attr.type == AttributeProto.INT:
        attr.i = _interesting_int(rng)
    elif attr.type == AttributeProto.INTS:
        values = list(attr.ints)
        action = rng.randrange(4)
        if action == 0 or not values:
            values.append(_interesting_int(rng))
        elif action == 1:
            values.pop(rng.randrange(len(values)))
        elif action == 2:
            values[rng.randrange(len(values))] = _interesting_int(rng)
        else:
            values = values * rng.randint(2, 3)
        del attr.ints[:]
        attr.ints.extend(values)
    elif attr.type == AttributeProto.FLOAT:
        attr.f = rng.choice(INTERESTING_FLOATS)
    elif attr.type == AttributeProto.FLOATS:
        attr.floats.append(rng.choice(INTERESTING_FLOATS))
    elif attr.type == AttributeProto.STRING:
        attr.s = rng.choice((b"", b"NOTSET", b"garbage", b"\xff\xfe", b"SAME_UPPER"))
    elif attr.type == AttributeProto.TENSOR:
        attr.t.data_type = rng.choice(ELEMENT_TYPES)


def mutate_attribute(model, rng, _):
    nodes = [n for n in model.graph.node if n.attribute]
    if not nodes:
        return None
    node = rng.choice(nodes)
    attr = rng.choice(node.attribute)
    _mutated_attribute_value(attr, rng)
    return f"attribute {node.op_type}.{attr.name} value"


def retype_attribute(model, rng, _):
    """An attribute of the wrong kind (a string where an int is expected, ...)."""
    nodes = [n for n in model.graph.node if n.attribute]
    if not nodes:
        return None
    node = rng.choice(nodes)
    k = rng.randrange(len(node.attribute))
    name = node.attribute[k].name
    value = rng.choice(("abc", 1.5, 7, [1, 2], [0.5], ["a", "b"], b"\xff",
                        helper.make_tensor("t", TensorProto.FLOAT, [1], [1.0])))
    node.attribute[k].CopyFrom(helper.make_attribute(name, value))
    return f"attribute {node.op_type}.{name} retyped to {type(value).__name__}"


def add_or_remove_attribute(model, rng, _):
    if not model.graph.node:
        return None
    node = rng.choice(model.graph.node)
    if node.attribute and rng.random() < 0.5:
        attr = node.attribute.pop(rng.randrange(len(node.attribute)))
        return f"remove attribute {node.op_type}.{attr.name}"
    try:
        schema = onnx.defs.get_schema(node.op_type)
        names = list(schema.attributes) + ["not_an_attribute"]
    except onnx.defs.SchemaError:
        names = ["not_an_attribute"]
    name = rng.choice(names)
    value = rng.choice((_interesting_int(rng), [_interesting_int(rng)] * rng.randint(1, 4),
                        rng.choice(INTERESTING_FLOATS), "NOTSET"))
    node.attribute.append(helper.make_attribute(name, value))
    return f"add attribute {node.op_type}.{name}={value!r}"


# --------------------------------------------------------------------------------------- types

def mutate_dims(model, rng, _):
    infos = [v for v in _value_infos(model.graph) if v.type.tensor_type.HasField("shape")]
    if not infos:
        return None
    info = rng.choice(infos)
    dims = info.type.tensor_type.shape.dim
    action = rng.randrange(6)
    if action == 0 or not dims:
        dims.add().dim_value = rng.choice((1, 2, 0))
        return f"add a dim to '{info.name}'"
    if action == 1:
        del dims[rng.randrange(len(dims))]
        return f"remove a dim of '{info.name}'"
    if action == 2:
        info.type.tensor_type.ClearField("shape")
        return f"clear the shape of '{info.name}'"
    dim = dims[rng.randrange(len(dims))]
    if action == 3:
        dim.dim_param = rng.choice(("N", "M", "", "ñ"))
        return f"dim_param of '{info.name}'"
    value = rng.choice(HUGE_DIMS) if action == 4 else rng.choice((0, -1, -5, 1, 3))
    dim.dim_value = value
    if action == 4 and rng.random() < 0.5:  # e.g. 2^40 x 2^40: the product overflows int64
        for other in dims:
            other.dim_value = value
    return f"dim of '{info.name}' = {value}"


def mutate_element_type(model, rng, _):
    graph = model.graph
    casts = [n for n in graph.node if n.op_type == "Cast"]
    if casts and rng.random() < 0.3:
        node = rng.choice(casts)
        for attr in node.attribute:
            if attr.name == "to":
                attr.i = rng.choice(ELEMENT_TYPES)
                return f"Cast to {attr.i}"
    infos = _value_infos(graph)
    if not infos:
        return None
    info = rng.choice(infos)
    info.type.tensor_type.elem_type = rng.choice(ELEMENT_TYPES)
    return f"element type of '{info.name}' = {info.type.tensor_type.elem_type}"


# --------------------------------------------------------------------------------------- names

def mutate_names(model, rng, _):
    graph = model.graph
    action = rng.randrange(3)
    if action == 0 and graph.node:
        node = rng.choice(graph.node)
        others = [n.name for n in graph.node if n.name]
        node.name = rng.choice(STRANGE_NAMES + tuple(others))
        return f"node name '{node.name[:20]}'"
    names = _value_names(graph)
    if not names:
        return None
    old = rng.choice(names)
    new = rng.choice(STRANGE_NAMES + tuple(names))
    if action == 1:
        _rename_everywhere(graph, old, new)
        return f"rename value '{old}' -> '{new[:20]}' everywhere"
    for info in list(graph.input) + list(graph.output):
        if info.name == old:
            info.name = new
            return f"rename graph value '{old}' -> '{new[:20]}' only"
    return None


# --------------------------------------------------------------------------------------- initializers

def mutate_initializer(model, rng, _):
    inits = model.graph.initializer
    if not inits:
        return None
    tensor = rng.choice(inits)
    action = rng.randrange(6)
    if action == 0:
        if tensor.dims:
            tensor.dims[rng.randrange(len(tensor.dims))] = rng.choice((0, 1, 5, -1) + HUGE_DIMS)
        else:
            tensor.dims.append(rng.choice((0, 2, 2**40)))
        return f"dims of initializer '{tensor.name}' changed, data kept"
    if action == 1:
        tensor.data_type = rng.choice(ELEMENT_TYPES)
        return f"data type of initializer '{tensor.name}' = {tensor.data_type}"
    if action == 2 and tensor.raw_data:
        tensor.raw_data = tensor.raw_data[:rng.randrange(len(tensor.raw_data))]
        return f"raw data of '{tensor.name}' truncated"
    if action == 3:
        tensor.float_data.extend([1.0, 2.0])
        return f"float_data added to '{tensor.name}'"
    if action == 4:
        return _mutate_initializer_values(tensor, rng)
    tensor.dims.extend([2**40, 2**40])
    return f"initializer '{tensor.name}' given dims 2^40 x 2^40"


def _mutate_initializer_values(tensor: onnx.TensorProto, rng: random.Random) -> str | None:
    """Interesting values in an initializer (shapes, axes, indices, pads ...)."""
    try:
        array = numpy_helper.to_array(tensor).copy()
    except Exception:
        return None
    if array.size == 0:
        return None
    flat = array.reshape(-1)
    k = rng.randrange(flat.size)
    if array.dtype.kind in "iu":
        info = np.iinfo(array.dtype)
        flat[k] = min(max(_interesting_int(rng), info.min), info.max)
    elif array.dtype.kind == "f":
        with np.errstate(over="ignore"):  # (float16: 1e30 becomes inf, fine)
            flat[k] = rng.choice(INTERESTING_FLOATS)
    else:
        return None
    tensor.CopyFrom(numpy_helper.from_array(array, tensor.name))
    return f"value {k} of initializer '{tensor.name}' = {flat[k]}"


def external_data(model, rng, mutated: MutatedModel):
    """Move an initializer's data to an external file, with valid and invalid references."""
    inits = [t for t in model.graph.initializer if t.raw_data]
    if not inits:
        return None
    tensor = rng.choice(inits)
    raw = bytes(tensor.raw_data)
    mutated.files["weights.bin"] = raw
    location = rng.choice(EXTERNAL_LOCATIONS)
    offset, length = 0, len(raw)
    if rng.random() < 0.3:
        offset = rng.choice((1, len(raw), -1, 2**40))
    if rng.random() < 0.3:
        length = rng.choice((0, 1, len(raw) + 8, 2**40, -1))
    tensor.ClearField("raw_data")
    tensor.data_location = TensorProto.EXTERNAL
    del tensor.external_data[:]
    entries = {"location": location, "offset": str(offset), "length": str(length)}
    if rng.random() < 0.2:
        entries["checksum"] = "0"
    for key, value in entries.items():
        entry = tensor.external_data.add()
        entry.key, entry.value = key, value
    return f"initializer '{tensor.name}' external at '{location}' offset {offset} length {length}"


# --------------------------------------------------------------------------------------- model

def mutate_opset(model, rng, _):
    action = rng.randrange(3)
    if action == 0 and model.opset_import:
        model.opset_import[0].version = rng.choice((1, 6, 11, 13, 18, 21, 99, 0, -1))
        return f"opset {model.opset_import[0].version}"
    if action == 1:
        model.ir_version = rng.choice((0, 1, 3, 7, 99, -1))
        return f"ir_version {model.ir_version}"
    model.opset_import.add().CopyFrom(helper.make_opsetid(rng.choice(("", "custom")), 1))
    return "extra opset import"


def mutate_subgraph(model, rng, mutated):
    """Another mutation, applied inside an If/Loop/Scan body instead of the main graph."""
    graphs = [a.g for n in model.graph.node for a in n.attribute
              if a.type == AttributeProto.GRAPH]
    if not graphs:
        return None
    graph = rng.choice(graphs)
    inner = onnx.ModelProto()
    inner.opset_import.extend(model.opset_import)
    inner.graph.CopyFrom(graph)
    name = rng.choice([n for n in STRUCTURAL if n not in ("mutate_subgraph", "mutate_opset")])
    step = STRUCTURAL[name](inner, rng, mutated)
    graph.CopyFrom(inner.graph)
    return f"in subgraph '{graph.name}': {name}: {step}" if step else None


STRUCTURAL: dict[str, Mutator] = {
    "drop_node": drop_node, "duplicate_node": duplicate_node, "reorder_nodes": reorder_nodes,
    "rewire_input": rewire_input, "rewire_output": rewire_output, "change_op_type": change_op_type,
    "change_domain": change_domain, "add_graph_io": add_graph_io,
    "mutate_attribute": mutate_attribute, "retype_attribute": retype_attribute,
    "add_or_remove_attribute": add_or_remove_attribute, "mutate_dims": mutate_dims,
    "mutate_element_type": mutate_element_type, "mutate_names": mutate_names,
    "mutate_initializer": mutate_initializer, "external_data": external_data,
    "mutate_opset": mutate_opset, "mutate_subgraph": mutate_subgraph,
}
# Relative weights: the mutations that reach the compiler (not just the protobuf checks) more.
WEIGHTS = {"mutate_subgraph": 2, "mutate_attribute": 3, "mutate_dims": 3, "mutate_initializer": 3,
           "retype_attribute": 2,
           "rewire_input": 2, "mutate_element_type": 2}
BYTE_MUTATION_RATE = 0.12


def mutate_bytes(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """Flip bits, truncate, insert or repeat bytes of a serialized model."""
    if not data:
        return data, "empty"
    buf = bytearray(data)
    action = rng.randrange(4)
    if action == 0:
        for _ in range(rng.randint(1, 8)):
            buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
        return bytes(buf), "flip bits"
    if action == 1:
        cut = rng.randrange(len(buf))
        return bytes(buf[:cut]), f"truncate at {cut}"
    at = rng.randrange(len(buf))
    if action == 2:
        return bytes(buf[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 16))) + buf[at:]), \
            f"insert bytes at {at}"
    end = min(len(buf), at + rng.randint(1, 64))
    return bytes(buf[:end] + buf[at:end] + buf[end:]), f"repeat bytes {at}:{end}"


def mutate_model(seed_model: onnx.ModelProto, rng: random.Random, max_steps: int = 3) -> MutatedModel:
    """A mutated copy of ``seed_model``: 1 to ``max_steps`` structural mutations, and sometimes a
    byte-level one on the serialized result."""
    model = onnx.ModelProto()
    model.CopyFrom(seed_model)
    mutated = MutatedModel(model)
    names = list(STRUCTURAL)
    weights = [WEIGHTS.get(n, 1) for n in names]
    for _ in range(rng.randint(1, max_steps)):
        name = rng.choices(names, weights)[0]
        try:
            step = STRUCTURAL[name](model, rng, mutated)
        except (ValueError, TypeError, IndexError, OverflowError) as error:  # protobuf refused it
            step = f"{name} not applied ({type(error).__name__})"
        if step:
            mutated.steps.append(f"{name}: {step}")
    try:
        mutated.data = model.SerializeToString()
    except Exception as error:  # e.g. a field protobuf cannot encode
        mutated.data = b""
        mutated.steps.append(f"serialize failed: {type(error).__name__}")
    if rng.random() < BYTE_MUTATION_RATE:
        mutated.data, step = mutate_bytes(mutated.data, rng)
        mutated.steps.append(f"bytes: {step}")
    return mutated
