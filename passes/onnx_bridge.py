"""Bridge between `onnx.*` ops and ONNX protobuf, for the onnx-level passes.

* :func:`node_from_op` exports one op as a ``NodeProto`` (op type, attributes converted back from
  their MLIR form as the importer encodes them, inputs/outputs by formal parameter).
* :func:`single_node_model` wraps one op in a ``ModelProto``: operands become graph inputs typed
  from their MLIR types, and operands produced by small `onnx.constant` ops become initializers,
  so that ONNX shape inference can propagate data (e.g. a Reshape's folded shape) and the
  reference evaluator can run the node.
* :func:`import_model_nodes` goes the other way: it imports the nodes of a (shape-inferred) model
  at the current insertion point through the importer's own node import code
  (``OnnxImporter.import_nodes``), with the graph's inputs bound to existing MLIR values.
* :func:`constant_value` reads the array held by an `onnx.constant` (``dense``, splat, or
  ``dense_resource`` through ``dialects.resources``).

Ops with regions (If, Loop, Scan) and non-tensor values (sequences, optionals) are not exported:
:class:`BridgeError` says so and the passes leave such ops alone.
"""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np
import onnx
from mlir import ir
from onnx import helper, numpy_helper

from ..dialects import onnx as onnx_dialect
from ..dialects._onnx_support import OnnxOp
from ..dialects.dense_elements import dense_elements_from_numpy, dense_elements_to_numpy
from ..dialects.onnx_types import onnx_dtype_of
from ..importer.onnx_importer import OnnxImporter, Scope
from ..dialects.resources import is_resource, resource_array

# Single-node models are built at the dialect's opset: the importer only keeps a model at an
# older opset when every op's schema there equals the newest one, and it upgrades function bodies
# to this opset, so every op in the IR has the semantics of its newest schema.
OPSET = onnx_dialect.OPSET_VERSION
IR_VERSION = 10
SEGMENT_ATTRIBUTES = ("operandSegmentSizes", "resultSegmentSizes")
# The project's own annotations on onnx ops (e.g. onnx_mlir.declared_dims): not ONNX attributes.
DISCARDABLE_PREFIX = "onnx_mlir."


class BridgeError(Exception):
    """The op cannot be expressed as an ONNX node (regions, unsupported types or attributes)."""


# ---------------------------------------------------------------------------------------------
# Types


def type_proto(t: ir.Type) -> onnx.TypeProto:
    """The ONNX type of an MLIR ranked tensor type (dynamic dims have neither value nor param)."""
    if not isinstance(t, ir.RankedTensorType):
        raise BridgeError(f"type {t} has no ONNX tensor counterpart")
    code = onnx_dtype_of(t.element_type)
    if code is None:
        raise BridgeError(f"element type {t.element_type} has no ONNX counterpart")
    dims = [None if ir.ShapedType.is_dynamic_size(d) else d for d in t.shape]
    return helper.make_tensor_type_proto(code, dims)


def is_static_tensor(t: ir.Type) -> bool:
    return isinstance(t, ir.RankedTensorType) and t.has_static_shape


def mlir_tensor_type(proto: onnx.TypeProto, element: ir.Type) -> ir.RankedTensorType | None:
    """The MLIR tensor type of an inferred ONNX type (None when its rank is unknown)."""
    if proto.WhichOneof("value") != "tensor_type" or not proto.tensor_type.HasField("shape"):
        return None
    dims = [d.dim_value if d.HasField("dim_value") else ir.ShapedType.get_dynamic_size()
            for d in proto.tensor_type.shape.dim]
    return ir.RankedTensorType.get(dims, element)


# ---------------------------------------------------------------------------------------------
# Constants


def _owner_op(value: ir.Value) -> ir.Operation | None:
    owner = value.owner
    if isinstance(owner, ir.Block):
        return None
    return owner.operation if hasattr(owner, "operation") else owner


def is_constant(value: ir.Value) -> bool:
    op = _owner_op(value)
    return op is not None and op.name == "onnx.constant"


def elements_of(t: ir.Type) -> int | None:
    if not is_static_tensor(t):
        return None
    return int(np.prod(ir.RankedTensorType(t).shape, dtype=np.int64))


def attribute_array(attr: ir.Attribute, module=None) -> np.ndarray | None:
    """The numpy array of a ``dense`` / ``dense_resource`` attribute (None when unreadable)."""
    if is_resource(attr):
        return resource_array(attr, module)
    if not isinstance(attr, ir.DenseElementsAttr):
        return None
    try:
        return dense_elements_to_numpy(attr)
    except (ValueError, TypeError):  # an element type without a numpy dtype
        return None


def constant_value(value: ir.Value, *, max_elements: int | None = None,
                   module=None) -> np.ndarray | None:
    """The array held by ``value`` when an `onnx.constant` produces it, else None.

    ``max_elements`` skips constants larger than that (non-splat) so callers do not copy weights
    they do not need.
    """
    op = _owner_op(value)
    if op is None or op.name != "onnx.constant":
        return None
    attrs = op.attributes
    if "value" in attrs:
        attr = attrs["value"]
        if max_elements is not None and not is_resource(attr):
            dense = attr if isinstance(attr, ir.DenseElementsAttr) else None
            if dense is not None and not dense.is_splat and len(dense) > max_elements:
                return None
        elif max_elements is not None:
            size = elements_of(attr.type)
            if size is None or size > max_elements:
                return None
        return attribute_array(attr, module)
    if "value_float" in attrs:
        return np.array(ir.FloatAttr(attrs["value_float"]).value, dtype=np.float32)
    if "value_int" in attrs:
        return np.array(ir.IntegerAttr(attrs["value_int"]).value, dtype=np.int64)
    if "value_floats" in attrs:
        return np.array([ir.FloatAttr(a).value for a in ir.ArrayAttr(attrs["value_floats"])],
                        dtype=np.float32)
    if "value_ints" in attrs:
        return np.array([ir.IntegerAttr(a).value for a in ir.ArrayAttr(attrs["value_ints"])],
                        dtype=np.int64)
    return None


def array_attribute(array: np.ndarray, result_type: ir.RankedTensorType, name: str,
                    resource_threshold: int) -> ir.Attribute:
    """A ``dense`` attribute for ``array`` (splat when all elements are equal), or a
    ``dense_resource`` one (recorded in the side table) when it holds more than
    ``resource_threshold`` distinct-valued elements."""
    from ..dialects.resources import create_resource

    array = np.ascontiguousarray(array)
    if array.size > 1 and array.dtype != np.bool_:
        flat = array.reshape(-1)
        if np.all(flat == flat[0]) and not (array.dtype.kind == "f" and np.isnan(flat[0])):
            return ir.DenseElementsAttr.get_splat(result_type, _scalar_attr(flat[0], result_type))
    if array.dtype == np.bool_ or array.size <= resource_threshold:
        return dense_elements_from_numpy(array, result_type)
    return create_resource(array, name, result_type)


def _scalar_attr(value, result_type: ir.RankedTensorType) -> ir.Attribute:
    elem = result_type.element_type
    if isinstance(elem, ir.IntegerType):
        return ir.IntegerAttr.get(elem, int(value))
    return ir.FloatAttr.get(elem, float(value))


# ---------------------------------------------------------------------------------------------
# Ops -> nodes


def op_class(op) -> type[OnnxOp] | None:
    view = op.opview if hasattr(op, "opview") else op
    cls = type(view)
    if not issubclass(cls, OnnxOp) or not cls.ONNX_OP_TYPE:
        return None
    return cls


def operand_groups(op: OnnxOp) -> list[ir.Value | list[ir.Value] | None]:
    """The op's operands by ONNX formal input (a list for a variadic one, None when absent)."""
    return [op._operand_group(i) for i in range(len(type(op).ONNX_INPUTS))]


def result_groups(op: OnnxOp) -> list[ir.Value | list[ir.Value] | None]:
    return [op._result_group(i) for i in range(len(type(op).ONNX_OUTPUTS))]


def _flat_names(groups, names: Iterable[str]) -> list[str]:
    """ONNX input/output name list for value groups; "" for absent optional values, trailing
    ones dropped."""
    names = iter(names)
    out: list[str] = []
    for group in groups:
        if isinstance(group, list):
            out.extend(next(names) for _ in group)
        elif group is None:
            out.append("")
        else:
            out.append(next(names))
    while out and not out[-1]:
        out.pop()
    return out


def _flat_values(groups) -> list[ir.Value]:
    values: list[ir.Value] = []
    for group in groups:
        if isinstance(group, list):
            values.extend(group)
        elif group is not None:
            values.append(group)
    return values


def attribute_protos(op: OnnxOp) -> list[onnx.AttributeProto]:
    """The op's attributes as ONNX ``AttributeProto``s (the importer's encoding, reversed)."""
    cls = type(op)
    kinds = {onnx_name: kind for onnx_name, _, kind, _, _ in cls.ONNX_ATTRIBUTES}
    protos = []
    for name, attr in op.operation.attributes.items():
        if name in SEGMENT_ATTRIBUTES or name.startswith(DISCARDABLE_PREFIX):
            continue
        kind = kinds.get(name)
        if kind is None:
            raise BridgeError(f"attribute '{name}' is not part of {cls.ONNX_OP_TYPE}'s schema")
        protos.append(_attribute_proto(name, kind, attr))
    return protos


def _attribute_proto(name: str, kind: str, attr: ir.Attribute) -> onnx.AttributeProto:
    if kind == "int":
        return helper.make_attribute(name, ir.IntegerAttr(attr).value)
    if kind == "float":
        return helper.make_attribute(name, ir.FloatAttr(attr).value)
    if kind == "str":
        return helper.make_attribute(name, ir.StringAttr(attr).value.encode())
    if kind == "ints":
        return helper.make_attribute(name, [ir.IntegerAttr(a).value for a in ir.ArrayAttr(attr)],
                                     attr_type=onnx.AttributeProto.INTS)
    if kind == "floats":
        return helper.make_attribute(name, [ir.FloatAttr(a).value for a in ir.ArrayAttr(attr)],
                                     attr_type=onnx.AttributeProto.FLOATS)
    if kind == "strs":
        return helper.make_attribute(name, [ir.StringAttr(a).value.encode()
                                            for a in ir.ArrayAttr(attr)],
                                     attr_type=onnx.AttributeProto.STRINGS)
    if kind == "tensor":
        array = attribute_array(attr)
        if array is None:
            raise BridgeError(f"attribute '{name}': cannot read {attr.type}")
        tensor = numpy_helper.from_array(array, name)
        code = onnx_dtype_of(ir.ShapedType(attr.type).element_type)
        if code is not None and code != tensor.data_type:
            tensor = numpy_helper.from_array(array.astype(helper.tensor_dtype_to_np_dtype(code)), name)
        return helper.make_attribute(name, tensor)
    if kind == "type":
        return helper.make_attribute(name, type_proto(ir.TypeAttr(attr).value))
    raise BridgeError(f"attribute '{name}' of kind '{kind}' cannot be exported")


def node_from_op(op: OnnxOp, input_names: Sequence[str], output_names: Sequence[str],
                 name: str = "") -> onnx.NodeProto:
    """``op`` as an ONNX node reading ``input_names`` and writing ``output_names``, given for
    the op's flat operands / results in order (absent optional ones are skipped, then written as
    "" in the node)."""
    cls = op_class(op)
    if cls is None:
        raise BridgeError(f"'{op.operation.name}' is not an onnx dialect op")
    if len(op.operation.regions):
        raise BridgeError(f"{cls.ONNX_OP_TYPE} has subgraphs")
    node = onnx.NodeProto()
    node.op_type = cls.ONNX_OP_TYPE
    if name:
        node.name = name
    node.input.extend(_flat_names(operand_groups(op), input_names))
    node.output.extend(_flat_names(result_groups(op), output_names))
    node.attribute.extend(attribute_protos(op))
    return node


class SingleNodeModel:
    """One op wrapped in an ONNX model (see :func:`single_node_model`)."""

    def __init__(self, model: onnx.ModelProto, operands: list[ir.Value], input_names: list[str],
                 constants: dict[str, np.ndarray], results: list[ir.Value],
                 output_names: list[str]):
        self.model = model
        self.operands = operands
        self.input_names = input_names
        self.constants = constants
        self.results = results
        self.output_names = output_names


def single_node_model(op: OnnxOp, *, constant_limit: int = 4096, module=None,
                      require_constants: bool = False) -> SingleNodeModel:
    """``op`` as a one-node model. Operands defined by `onnx.constant` with at most
    ``constant_limit`` elements become initializers (the others are typed graph inputs); with
    ``require_constants`` every operand must be such a constant (BridgeError otherwise)."""
    operands = _flat_values(operand_groups(op))
    results = _flat_values(result_groups(op))
    input_names = [f"in{i}" for i in range(len(operands))]
    output_names = [f"out{i}" for i in range(len(results))]
    node = node_from_op(op, input_names, output_names, name="node")
    inputs, initializers, constants = [], [], {}
    for name, value in zip(input_names, operands):
        array = constant_value(value, max_elements=constant_limit, module=module)
        if array is not None:
            constants[name] = array
            tensor = numpy_helper.from_array(array, name)
            code = onnx_dtype_of(ir.ShapedType(value.type).element_type)
            if code is not None and code != tensor.data_type:
                raise BridgeError(f"constant of type {value.type} cannot be exported")
            initializers.append(tensor)
        elif require_constants:
            raise BridgeError("operand is not a constant")
        else:
            inputs.append(helper.make_value_info(name, type_proto(value.type)))
    outputs = [helper.make_value_info(name, onnx.TypeProto()) for name in output_names]
    for value in results:
        type_proto(value.type)  # raises for non-tensor results
    graph = helper.make_graph([node], "single_node", inputs, outputs, initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              ir_version=IR_VERSION)
    return SingleNodeModel(model, operands, input_names, constants, results, output_names)


# ---------------------------------------------------------------------------------------------
# Nodes -> ops


def import_model_nodes(model: onnx.ModelProto, bindings: dict[str, ir.Value],
                       context: ir.Context) -> list[ir.Value]:
    """Import the nodes of a shape-inferred ``model`` at the current insertion point and return
    the values of its graph outputs. ``bindings`` maps the names of graph inputs (and of
    initializers that already exist as values) to MLIR values; other initializers become
    `onnx.constant` ops. Raises ``OnnxImportError`` as the importer does."""
    importer = OnnxImporter(model, context, "<nodes>")
    scope = Scope(dict(bindings))
    for tensor in model.graph.initializer:
        if tensor.name not in scope.values:
            with ir.Location.name(tensor.name):
                attr = importer.tensor_attribute(tensor, tensor.name)
                scope.values[tensor.name] = onnx_dialect.ConstantOp([attr.type], value=attr).result
    importer.import_nodes(model.graph.node, scope)
    outputs = []
    for out in model.graph.output:
        value = scope.lookup(out.name)
        if value is None:
            from ..errors import OnnxImportError

            raise OnnxImportError(f"output '{out.name}' is not produced by any node")
        outputs.append(value)
    return outputs


# ---------------------------------------------------------------------------------------------
# Whole functions -> models (tests and debugging: run an onnx-level module in onnxruntime)


def export_function(function, *, opset: int = OPSET, name: str = "exported") -> onnx.ModelProto:
    """A `func.func` of onnx ops as an ONNX model: arguments are graph inputs (named by their
    ``onnx.name`` attribute), `onnx.constant` ops initializers, other ops nodes, the returned
    values graph outputs. Subgraph regions are not supported (BridgeError)."""
    block = function.regions[0].blocks[0]
    arg_names = []
    arg_attrs = function.attributes["arg_attrs"] if "arg_attrs" in function.attributes else None
    for i, arg in enumerate(block.arguments):
        label = f"arg{i}"
        if arg_attrs is not None:
            attrs = ir.DictAttr(ir.ArrayAttr(arg_attrs)[i])
            if "onnx.name" in attrs:
                label = ir.StringAttr(attrs["onnx.name"]).value
        arg_names.append(label)
    names: dict = {}

    def key(value: ir.Value) -> ir.Value:
        return value  # Values hash and compare by the underlying IR value

    inputs = []
    for label, arg in zip(arg_names, block.arguments):
        names[key(arg)] = label
        inputs.append(helper.make_value_info(label, type_proto(arg.type)))
    nodes, initializers, outputs = [], [], []
    counter = 0
    for op in block.operations:
        op = op.operation
        if op.name == "func.return":
            for i, value in enumerate(op.operands):
                out = f"output{i}"
                nodes.append(helper.make_node("Identity", [names[key(value)]], [out]))
                outputs.append(helper.make_value_info(out, type_proto(value.type)))
            continue
        result_names = []
        for result in op.results:
            counter += 1
            result_names.append(f"v{counter}")
            names[key(result)] = result_names[-1]
        if op.name == "onnx.constant":
            array = constant_value(op.results[0])
            if array is None:
                raise BridgeError(f"cannot read constant {op.results[0].type}")
            tensor = numpy_helper.from_array(np.ascontiguousarray(array), result_names[0])
            initializers.append(tensor)
            continue
        node_inputs = [names[key(v)] for v in op.operands]
        nodes.append(node_from_op(op.opview, node_inputs, result_names, name=f"n{counter}"))
    graph = helper.make_graph(nodes, name, inputs, outputs, initializers)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)],
                             ir_version=IR_VERSION)
