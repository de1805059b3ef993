"""Checks of a loaded ONNX model's own consistency, before shape inference and import.

ONNX's tools and numpy trip over malformed protobufs with whatever exception comes first
(``ValueError`` from a reshape, ``ValidationError`` from the external-data loader, ``bytes`` where
a name should be text); these checks name the culprit in an :class:`OnnxImportError` instead:

* names are text (a corrupt protobuf can hold bytes that are not UTF-8), and each value is
  defined once in its graph;
* attributes of ai.onnx nodes have the kind of their schema;
* element types are ONNX data types, dims are not negative, tensors fit
  :func:`onnx_mlir.limits.tensor_size_problem`;
* each tensor's data matches its dims and data type (raw bytes or the typed field), and data in an
  external file is loaded (from the model's own directory, never outside it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import numpy as np
import onnx
from onnx import AttributeProto, TensorProto, numpy_helper

from ..errors import OnnxImportError
from ..limits import tensor_size_problem

# Bits per element of the packed sub-byte types (stored two or four per byte).
_SUB_BYTE_BITS = {TensorProto.INT4: 4, TensorProto.UINT4: 4, TensorProto.FLOAT4E2M1: 4,
                  TensorProto.INT2: 2, TensorProto.UINT2: 2}
# The typed field holding each data type's values when there is no raw_data, and how many
# field entries one element takes (complex numbers take two).
# Types whose packing this check does not model (6-bit floats) or that have no fixed width.
_UNCHECKED_DATA = {getattr(TensorProto, n) for n in ("STRING", "FLOAT6E2M3", "FLOAT6E3M2")
                   if hasattr(TensorProto, n)}
_FIELDS = {TensorProto.FLOAT: ("float_data", 1), TensorProto.COMPLEX64: ("float_data", 2),
           TensorProto.DOUBLE: ("double_data", 1), TensorProto.COMPLEX128: ("double_data", 2),
           TensorProto.INT64: ("int64_data", 1), TensorProto.UINT32: ("uint64_data", 1),
           TensorProto.UINT64: ("uint64_data", 1), TensorProto.STRING: ("string_data", 1)}


def data_type_name(code: int) -> str:
    """The name of an ONNX data type code, also for codes ONNX does not define."""
    try:
        return TensorProto.DataType.Name(code)
    except ValueError:
        return f"<unknown data type {code}>"


def is_data_type(code: int) -> bool:
    return code != TensorProto.UNDEFINED and code in TensorProto.DataType.values()


def element_bits(code: int) -> int:
    if code in _SUB_BYTE_BITS:
        return _SUB_BYTE_BITS[code]
    if code == TensorProto.STRING:
        return 8
    return np.dtype(onnx.helper.tensor_dtype_to_np_dtype(code)).itemsize * 8


def text(value, what: str) -> str:
    """``value`` if it is text; a corrupt protobuf string field comes back as bytes."""
    if isinstance(value, str):
        return value
    shown = bytes(value)[:40]
    raise OnnxImportError(f"{what} is not valid UTF-8 text: {shown!r}")


# --------------------------------------------------------------------------------------- tensors

def check_tensor(tensor: TensorProto, what: str) -> None:
    """Raise OnnxImportError unless ``tensor``'s type, dims and data agree."""
    code = tensor.data_type
    if not is_data_type(code):
        raise OnnxImportError(f"{what} has an invalid data type {data_type_name(code)}")
    dims = list(tensor.dims)
    if any(d < 0 for d in dims):
        raise OnnxImportError(f"{what} has a negative dim: {dims}")
    problem = tensor_size_problem(dims, element_bits(code))
    if problem:
        raise OnnxImportError(f"{what} is too large: {problem}")
    if tensor.data_location == TensorProto.EXTERNAL:
        location = next((e.value for e in tensor.external_data if e.key == "location"), "")
        raise OnnxImportError(f"{what} keeps its data in the external file '{location}', which "
                              "was not loaded: import the model from its file path")
    if code in _UNCHECKED_DATA:
        return
    count = int(np.prod(dims, dtype=object))
    if tensor.HasField("raw_data"):
        expected = (count * element_bits(code) + 7) // 8
        if len(tensor.raw_data) != expected:
            raise OnnxImportError(f"{what} has {len(tensor.raw_data)} bytes of data, but its "
                                  f"dims {dims} and type {data_type_name(code)} need {expected}")
        return
    field, per_element = _FIELDS.get(code, ("int32_data", 1))
    entries = len(getattr(tensor, field))
    if code in _SUB_BYTE_BITS:  # packed, one byte per int32 entry
        expected = (count * _SUB_BYTE_BITS[code] + 7) // 8
    else:
        expected = count * per_element
    if entries != expected:
        raise OnnxImportError(f"{what} has {entries} values in {field}, but its dims {dims} and "
                              f"type {data_type_name(code)} need {expected}")


def tensor_array(tensor: TensorProto, what: str) -> np.ndarray:
    """The numpy array of a checked tensor (OnnxImportError when it cannot be read)."""
    check_tensor(tensor, what)
    try:
        return numpy_helper.to_array(tensor)
    except (ValueError, TypeError, KeyError, NotImplementedError) as error:
        raise OnnxImportError(f"cannot read {what}: {error}") from None


# --------------------------------------------------------------------------------------- walking

def _graph_tensors(graph: onnx.GraphProto) -> Iterator[tuple[TensorProto, str]]:
    for tensor in graph.initializer:
        yield tensor, f"initializer '{text(tensor.name, 'an initializer name')}'"
    for node in graph.node:
        for attr in node.attribute:
            where = f"attribute '{text(attr.name, 'an attribute name')}' of node '{node.name}'"
            if attr.type == AttributeProto.TENSOR:
                yield attr.t, where
            for k, tensor in enumerate(attr.tensors):
                yield tensor, f"{where} (tensor {k})"
            for sub in [attr.g] * (attr.type == AttributeProto.GRAPH) + list(attr.graphs):
                yield from _graph_tensors(sub)


def model_tensors(model: onnx.ModelProto) -> Iterator[tuple[TensorProto, str]]:
    """Every tensor of the model with a description (initializers and tensor attributes, in
    subgraphs too)."""
    yield from _graph_tensors(model.graph)


def load_external_data(model: onnx.ModelProto, base_dir: Path) -> None:
    """Read external tensor data from files under ``base_dir`` (onnx's loader refuses paths
    leading outside it); any problem names the tensor."""
    from onnx.external_data_helper import load_external_data_for_tensor, uses_external_data

    for tensor, what in model_tensors(model):
        if not uses_external_data(tensor):
            continue
        location = next((e.value for e in tensor.external_data if e.key == "location"), "")
        try:
            load_external_data_for_tensor(tensor, str(base_dir))
        except (onnx.checker.ValidationError, ValueError, OSError, TypeError) as error:
            raise OnnxImportError(f"cannot load the external data of {what} from '{location}': "
                                  f"{error}") from None


def _check_value_info(info: onnx.ValueInfoProto, what: str) -> None:
    name = text(info.name, what)
    kind = info.type.WhichOneof("value")
    if kind == "sequence_type":
        inner = onnx.ValueInfoProto(name=name, type=info.type.sequence_type.elem_type)
        return _check_value_info(inner, what)
    if kind == "optional_type":
        inner = onnx.ValueInfoProto(name=name, type=info.type.optional_type.elem_type)
        return _check_value_info(inner, what)
    if kind != "tensor_type":
        return
    tensor = info.type.tensor_type
    if tensor.elem_type and not is_data_type(tensor.elem_type):
        raise OnnxImportError(f"{what} '{name}' has an invalid element type "
                              f"{data_type_name(tensor.elem_type)}")
    for dim in tensor.shape.dim:
        text(dim.dim_param, f"a dim name of {what} '{name}'")
        if dim.HasField("dim_value") and dim.dim_value < 0:
            dims = [d.dim_value if d.HasField("dim_value") else d.dim_param for d in tensor.shape.dim]
            raise OnnxImportError(f"{what} '{name}' has a negative dim: {dims}")
    # (before shape inference, which can loop for ages over a 2^40-element value)
    static = [d.dim_value for d in tensor.shape.dim if d.HasField("dim_value")]
    problem = tensor_size_problem(static, element_bits(tensor.elem_type) if tensor.elem_type else 8)
    if problem:
        raise OnnxImportError(f"{what} '{name}' is too large: {problem}")


def _check_single_assignment(graph: onnx.GraphProto) -> None:
    """Each value is defined once in a graph: by a graph input (possibly with an initializer of
    the same name, its default), an initializer, or one node output."""
    defined: dict[str, str] = {}
    for info in graph.input:
        if info.name in defined:
            raise OnnxImportError(f"graph input '{info.name}' is declared twice")
        defined[info.name] = "a graph input"
    initializers: set[str] = set()
    for tensor in graph.initializer:
        if tensor.name in initializers:
            raise OnnxImportError(f"initializer '{tensor.name}' is defined twice")
        initializers.add(tensor.name)
        defined.setdefault(tensor.name, "an initializer")
    for node in graph.node:
        for output in node.output:
            if not output:
                continue
            if output in defined:
                raise OnnxImportError(f"node '{node.name}' ({node.op_type}) defines '{output}', "
                                      f"which is already {defined[output]}")
            defined[output] = f"an output of node '{node.name}' ({node.op_type})"


def _attribute_kind_name(code: int) -> str:
    try:
        return AttributeProto.AttributeType.Name(code)
    except ValueError:
        return f"<unknown attribute type {code}>"


def _check_attribute_kinds(node: onnx.NodeProto, opset: int | None) -> None:
    """Attributes of ai.onnx nodes have the kind their schema gives (a string ``pads`` would
    otherwise reach ONNX's inference and the lowerings)."""
    if node.domain not in ("", "ai.onnx") or opset is None:
        return
    try:
        schema = onnx.defs.get_schema(node.op_type, opset)
    except onnx.defs.SchemaError:
        return  # unknown op: the importer names it
    for attr in node.attribute:
        spec = schema.attributes.get(attr.name)
        if spec is None or attr.ref_attr_name:
            continue
        expected = int(spec.type.value)
        if attr.type != expected:
            raise OnnxImportError(
                f"attribute '{attr.name}' must be {_attribute_kind_name(expected)}, "
                f"got {_attribute_kind_name(attr.type)}", node=node.name, op_type=node.op_type,
                domain=node.domain or "ai.onnx", opset=opset)


def _check_graph(graph: onnx.GraphProto, opset: int | None) -> None:
    text(graph.name, "a graph name")
    for what, infos in (("graph input", graph.input), ("graph output", graph.output),
                        ("value", graph.value_info)):
        for info in infos:
            _check_value_info(info, what)
    for node in graph.node:
        name = text(node.name, "a node name")
        for field in ("op_type", "domain"):
            text(getattr(node, field), f"the {field} of node '{name}'")
        for value in list(node.input) + list(node.output):
            text(value, f"a value name of node '{name}'")
        for attr in node.attribute:
            text(attr.name, f"an attribute name of node '{name}'")
            if attr.type == AttributeProto.GRAPH:
                _check_graph(attr.g, opset)
            for sub in attr.graphs:
                _check_graph(sub, opset)
        _check_attribute_kinds(node, opset)
    _check_single_assignment(graph)


def check_model(model: onnx.ModelProto) -> None:
    """Raise OnnxImportError for the first inconsistency of the model (see module docstring)."""
    opset = next((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), None)
    _check_graph(model.graph, opset)
    for tensor, what in model_tensors(model):
        check_tensor(tensor, what)
