"""Import an ONNX model into the `onnx` dialect.

Generic and table driven: each node becomes the op class registered for its type, with operands,
results and attributes laid out by the class's ONNX signature tables. No op-specific code lives
here; op semantics belong to the lowerings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
import numpy as np
import onnx
from mlir import ir
from mlir.dialects import func
from onnx import AttributeProto

from ..dialects import load_dialects
from ..dialects import onnx as onnx_dialect
from ..dialects._onnx_support import OnnxOp, to_attribute
from ..dialects.dense_elements import dense_elements_from_numpy
from ..dialects.onnx_types import element_type_from_onnx
from ..errors import OnnxImportError
from .constant_if import trapped_branches
from .declared_types import declared_only_dims
from ..limits import element_bits, tensor_size_problem
from .unknown_dims import read_minus_one_as_unknown
from .model_checks import check_model, data_type_name, tensor_array
from .model_loading import SHAPE_INFERENCE_ERROR_KEY, load_model, upgrade_opset
from ..dialects.resources import create_resource

DEFAULT_DOMAINS = ("", "ai.onnx")
ENTRY_FUNCTION = "main_graph"
# Initializers larger than this are `dense_resource` blobs (no per-element copy, not printed
# inline); smaller ones stay `dense<...>` so that shape computations can be read and folded.
RESOURCE_THRESHOLD_ELEMENTS = 1024

_OP_CLASSES: dict[str, type[OnnxOp]] = {
    cls.ONNX_OP_TYPE: cls
    for cls in vars(onnx_dialect).values()
    if isinstance(cls, type) and issubclass(cls, OnnxOp) and cls.ONNX_OP_TYPE
}


def op_class_for(op_type: str) -> type[OnnxOp] | None:
    return _OP_CLASSES.get(op_type)


# AttributeProto types -> the attribute kinds of the op classes' ONNX_ATTRIBUTES tables.
_PROTO_KINDS = {
    AttributeProto.INT: "int", AttributeProto.FLOAT: "float", AttributeProto.STRING: "str",
    AttributeProto.INTS: "ints", AttributeProto.FLOATS: "floats", AttributeProto.STRINGS: "strs",
    AttributeProto.TENSOR: "tensor", AttributeProto.TYPE_PROTO: "type",
    AttributeProto.SPARSE_TENSOR: "sparse_tensor", AttributeProto.GRAPH: "graph",
}


def _check_dims(static: list[int], element: ir.Type, what: str) -> None:
    """Negative dims, and tensors too large to lay out or allocate, are import errors
    (``static``: the dims that have a value)."""
    if any(d < 0 for d in static):
        raise OnnxImportError(f"{what} has a negative dim: {static}")
    problem = tensor_size_problem(static, element_bits(element))
    if problem:
        raise OnnxImportError(f"{what} is too large: {problem}")


@dataclass
class Scope:
    """ONNX value names visible in a graph; subgraphs see their parents' values."""

    values: dict[str, ir.Value] = field(default_factory=dict)
    parent: "Scope | None" = None

    def lookup(self, name: str) -> ir.Value | None:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.values:
                return scope.values[name]
            scope = scope.parent
        return None


class OnnxImporter:
    """Build one module from one (shape-inferred, opset-upgraded) ONNX model.

    ``import_module`` builds the whole module; ``import_nodes`` imports a list of nodes at the
    current insertion point (``onnx-decompose`` uses it for function bodies, so that both go
    through the same node import code). Result types come from the model's value infos.
    """

    def __init__(self, model: onnx.ModelProto, context: ir.Context, source_name: str):
        self.model = model
        self.context = context
        self.source_name = source_name
        self.opset = {imp.domain or "ai.onnx": imp.version for imp in model.opset_import}
        self.value_types: dict[str, onnx.TypeProto] = {}
        self.declared_dims = declared_only_dims(model)
        self.trapped_branches = trapped_branches(model)
        self._resource_count = 0
        graph = model.graph
        for info in list(graph.input) + list(graph.output) + list(graph.value_info):
            self.value_types[info.name] = info.type

    # ------------------------------------------------------------------ types

    def convert_type(self, type_proto: onnx.TypeProto, what: str) -> ir.Type:
        kind = type_proto.WhichOneof("value")
        if kind == "tensor_type":
            tensor = type_proto.tensor_type
            try:
                element = element_type_from_onnx(tensor.elem_type)
            except KeyError:
                raise OnnxImportError(f"{what} has an unsupported element type "
                                      f"{data_type_name(tensor.elem_type)}") from None
            if not tensor.HasField("shape"):
                raise OnnxImportError(f"the rank of {what} is unknown after ONNX shape inference; "
                                      "give the model's inputs ranked shapes")
            static = [d.dim_value for d in tensor.shape.dim if d.HasField("dim_value")]
            declared = what.startswith(("graph input", "subgraph input", "attribute"))
            # A negative size inferred by ONNX shape inference is what it computes for shapes
            # that do not fit (e.g. a Conv window larger than its input): leave it unknown, so
            # that the node's lowering reports the contradiction at the node. A declared one is
            # an import error.
            _check_dims(static if declared else [d for d in static if d >= 0], element, what)
            dims = [d.dim_value if d.HasField("dim_value") and d.dim_value >= 0
                    else ir.ShapedType.get_dynamic_size() for d in tensor.shape.dim]
            return ir.RankedTensorType.get(dims, element)
        if kind == "sequence_type":
            elem = self.convert_type(type_proto.sequence_type.elem_type, what)
            return ir.Type.parse(f"!onnx.seq<{elem}>")
        if kind == "optional_type":
            elem = self.convert_type(type_proto.optional_type.elem_type, what)
            return ir.Type.parse(f"!onnx.opt<{elem}>")
        raise OnnxImportError(f"{what} has an unsupported type kind '{kind}'")

    def type_of(self, name: str, what: str) -> ir.Type:
        type_proto = self.value_types.get(name)
        if type_proto is None or (type_proto.WhichOneof("value") == "tensor_type"
                                  and not type_proto.tensor_type.HasField("shape")):
            raise OnnxImportError(f"the type of {what} is unknown after ONNX shape inference"
                                  + self._shape_inference_hint())
        return self.convert_type(type_proto, what)

    def _shape_inference_hint(self) -> str:
        for prop in self.model.metadata_props:
            if prop.key == SHAPE_INFERENCE_ERROR_KEY:
                return f" (shape inference reported: {prop.value})"
        return ""

    @staticmethod
    def dim_params(type_proto: onnx.TypeProto) -> list[str] | None:
        if type_proto.WhichOneof("value") != "tensor_type":
            return None
        dims = type_proto.tensor_type.shape.dim
        params = [d.dim_param if d.HasField("dim_param") else "" for d in dims]
        return params if any(params) else None

    # ------------------------------------------------------------------ constants

    def tensor_attribute(self, tensor: onnx.TensorProto, name: str) -> ir.Attribute:
        """A `dense` or `dense_resource` attribute holding an ONNX tensor (initializer)."""
        array = tensor_array(tensor, f"tensor '{name}'")
        if array.dtype.kind == "c":  # (the MLIR bindings abort when reading such an attribute)
            raise OnnxImportError(f"tensor '{name}' has complex elements "
                                  f"({data_type_name(tensor.data_type)}), which are not supported")
        try:
            element = element_type_from_onnx(tensor.data_type)
        except KeyError:
            raise OnnxImportError(f"tensor '{name}' has an unsupported element type "
                                  f"{data_type_name(tensor.data_type)}") from None
        tensor_type = ir.RankedTensorType.get(list(array.shape), element)
        if tensor.data_type == onnx.TensorProto.STRING:
            raise OnnxImportError(f"string tensor '{name}' is not supported yet")
        if array.dtype == np.bool_ or array.size <= RESOURCE_THRESHOLD_ELEMENTS:
            return dense_elements_from_numpy(array, tensor_type)
        self._resource_count += 1
        blob = re.sub(r"[^A-Za-z0-9_.]", "_", name) or f"tensor{self._resource_count}"
        # Recorded in the side table of dialects.resources so that passes can read it back.
        return create_resource(array, blob, tensor_type)

    # ------------------------------------------------------------------ graphs

    def import_module(self) -> ir.Module:
        graph = self.model.graph
        with self.context, ir.Location.name(graph.name or ENTRY_FUNCTION):
            module = ir.Module.create()
            attrs = module.operation.attributes
            attrs["onnx.opset_import"] = ir.DictAttr.get(
                {d: ir.IntegerAttr.get(ir.IntegerType.get_signless(64), v)
                 for d, v in sorted(self.opset.items())})
            attrs["onnx.ir_version"] = ir.IntegerAttr.get(ir.IntegerType.get_signless(64),
                                                          self.model.ir_version)
            if self.model.producer_name:
                attrs["onnx.producer_name"] = ir.StringAttr.get(self.model.producer_name)
            initializer_names = {t.name for t in graph.initializer}
            inputs = [i for i in graph.input if i.name not in initializer_names]
            input_types = [self.convert_type(i.type, f"graph input '{i.name}'") for i in inputs]
            output_types = [self._graph_output_type(graph, o.name) for o in graph.output]
            with ir.InsertionPoint(module.body):
                function = func.FuncOp(ENTRY_FUNCTION, (input_types, output_types))
            function.arg_attrs = ir.ArrayAttr.get([self._value_attrs(i) for i in inputs])
            function.result_attrs = ir.ArrayAttr.get([self._value_attrs(o) for o in graph.output])
            block = function.add_entry_block()
            scope = Scope({i.name: arg for i, arg in zip(inputs, block.arguments)})
            with ir.InsertionPoint(block):
                outputs = self.import_graph_body(graph, scope)
                func.ReturnOp(outputs)
        return module

    def _graph_output_type(self, graph: onnx.GraphProto, name: str) -> ir.Type:
        """The type of a graph output; an error names the node computing it, if any."""
        try:
            return self.type_of(name, f"graph output '{name}'")
        except OnnxImportError as error:
            producer = next((n for n in graph.node if name in n.output), None)
            if producer is None:
                raise
            raise self.node_error(producer, str(error)) from None

    def _value_attrs(self, info: onnx.ValueInfoProto) -> ir.DictAttr:
        attrs = {"onnx.name": ir.StringAttr.get(info.name)}
        params = self.dim_params(info.type)
        if params:
            attrs["onnx.dim_params"] = ir.ArrayAttr.get([ir.StringAttr.get(p) for p in params])
        return ir.DictAttr.get(attrs)

    def import_graph_body(self, graph: onnx.GraphProto, scope: Scope) -> list[ir.Value]:
        """Import initializers and nodes at the current insertion point; return the outputs."""
        for tensor in graph.initializer:
            with ir.Location.name(tensor.name):
                attr = self.tensor_attribute(tensor, tensor.name)
                scope.values[tensor.name] = onnx_dialect.ConstantOp([attr.type], value=attr).result
        self.import_nodes(graph.node, scope)
        outputs = []
        for out in graph.output:
            value = scope.lookup(out.name)
            if value is None:
                raise OnnxImportError(f"graph output '{out.name}' is not produced by any node")
            outputs.append(value)
        return outputs

    def import_nodes(self, nodes, scope: Scope) -> None:
        """Import ``nodes`` in order at the current insertion point, binding their outputs in
        ``scope`` (whose values must already hold every input they read from outside)."""
        for node in nodes:
            self.import_node(node, scope)

    def node_location(self, node: onnx.NodeProto) -> ir.Location:
        name = node.name or (node.output[0] if node.output else node.op_type)
        return ir.Location.name(name, childLoc=ir.Location.name(node.op_type))

    def node_error(self, node: onnx.NodeProto, message: str) -> OnnxImportError:
        """An import error naming ``node`` (name, op type, domain, opset)."""
        domain = node.domain or "ai.onnx"
        node_name = node.name or (node.output[0] if node.output else "")
        return OnnxImportError(message, node=node_name, op_type=node.op_type, domain=domain,
                               opset=self.opset.get(domain))

    def import_node(self, node: onnx.NodeProto, scope: Scope) -> None:
        def fail(message: str) -> OnnxImportError:
            return self.node_error(node, message)

        if node.domain not in DEFAULT_DOMAINS:
            raise fail("operators of this domain are not supported (only ai.onnx)")
        cls = op_class_for(node.op_type)
        if cls is None:
            raise fail("unknown operator of the default domain")
        with self.node_location(node):
            operands = self._operands(node, cls, scope, fail)
            attributes, graphs = self._attributes(node, cls, fail)
            result_types = self._result_types(node, cls, fail)
            try:
                op = cls(result_types, *operands, onnx_attributes=attributes)
            except (TypeError, ValueError) as error:
                raise fail(str(error)) from None
            for region, graph in zip(op.regions, graphs):
                self._import_subgraph(region, graph, scope)
        self._record_declared_dims(node, cls, op)
        if node.op_type == "If" and node.output and node.output[0] in self.trapped_branches:
            op.operation.attributes[onnx_dialect.TRAPPED_BRANCH_ATTR] = ir.StringAttr.get(
                self.trapped_branches[node.output[0]])
        self._bind_results(node, cls, op, scope)

    def _record_declared_dims(self, node, cls, op) -> None:
        """Mark the result dims whose static size only the model's declaration gives
        (:mod:`.declared_types`): passes verify them, lowerings compute or check them."""
        names = [name for group in self._output_groups(node, cls) for name in group]
        if not any(name in self.declared_dims for name in names):
            return
        op.operation.attributes[onnx_dialect.DECLARED_DIMS_ATTR] = ir.ArrayAttr.get(
            [ir.DenseI64ArrayAttr.get(self.declared_dims.get(name, [])) for name in names])

    def _operands(self, node, cls, scope, fail) -> list:
        operands: list = []
        names = list(node.input)
        for index, (onnx_name, _, option) in enumerate(cls.ONNX_INPUTS):
            if option == "variadic":
                group = []
                for name in names[index:]:
                    value = scope.lookup(name)
                    if value is None:
                        raise fail(f"input '{name}' is not defined")
                    group.append(value)
                operands.append(group)
                names = names[:index]
                break
            name = names[index] if index < len(names) else ""
            if not name:
                if option == "single":
                    raise fail(f"required input '{onnx_name}' is missing")
                operands.append(None)
                continue
            value = scope.lookup(name)
            if value is None:
                raise fail(f"input '{name}' is not defined")
            operands.append(value)
        if len(names) > len(cls.ONNX_INPUTS):
            raise fail(f"takes at most {len(cls.ONNX_INPUTS)} inputs, got {len(node.input)}")
        return operands

    def _output_groups(self, node, cls) -> list[list[str]]:
        """Output names grouped by formal output parameter ("" for an absent optional one)."""
        names = list(node.output)
        groups = []
        for index, (_, _, option) in enumerate(cls.ONNX_OUTPUTS):
            if option == "variadic":
                groups.append(names[index:])
                break
            groups.append([names[index]] if index < len(names) and names[index] else [])
        return groups

    def _result_types(self, node, cls, fail) -> list:
        if len(node.output) > len(cls.ONNX_OUTPUTS) and cls.ONNX_OUTPUTS[-1][2] != "variadic":
            raise fail(f"produces at most {len(cls.ONNX_OUTPUTS)} outputs, got {len(node.output)}")
        types = []
        for (onnx_name, _, option), group in zip(cls.ONNX_OUTPUTS, self._output_groups(node, cls)):
            try:
                group_types = [self.type_of(name, f"output '{name}'") for name in group]
            except OnnxImportError as error:
                raise fail(str(error)) from None
            if option == "variadic":
                types.append(group_types)
            elif group_types:
                types.append(group_types[0])
            elif option == "single":
                raise fail(f"required output '{onnx_name}' is missing")
            else:
                types.append(None)
        return types

    def _bind_results(self, node, cls, op, scope) -> None:
        for index, group in enumerate(self._output_groups(node, cls)):
            values = op._result_group(index)
            if not isinstance(values, list):
                values = [] if values is None else [values]
            for name, value in zip(group, values):
                scope.values[name] = value

    def _attributes(self, node, cls, fail) -> tuple[dict, list[onnx.GraphProto]]:
        kinds = {onnx_name: kind for onnx_name, _, kind, _, _ in cls.ONNX_ATTRIBUTES}
        attributes: dict = {}
        graphs: dict[str, onnx.GraphProto] = {}
        for attr in node.attribute:
            if attr.ref_attr_name:
                raise fail(f"attribute '{attr.name}' refers to a function attribute")
            if attr.type == AttributeProto.GRAPH and attr.name in cls.ONNX_REGIONS:
                graphs[attr.name] = attr.g
                continue
            if attr.name not in kinds:
                raise fail(f"attribute '{attr.name}' is not part of {node.op_type}'s schema")
            given = _PROTO_KINDS.get(attr.type, f"<attribute type {attr.type}>")
            if given != kinds[attr.name]:
                raise fail(f"attribute '{attr.name}' must be of kind {kinds[attr.name]}, "
                           f"got {given}")
            try:
                attributes[attr.name] = self._attribute_value(attr)
            except (TypeError, ValueError, KeyError, OnnxImportError) as error:
                raise fail(f"attribute '{attr.name}': {error}") from None
        missing = [name for name in cls.ONNX_REGIONS if name not in graphs]
        if missing:
            raise fail(f"missing graph attribute(s) {', '.join(missing)}")
        return attributes, [graphs[name] for name in cls.ONNX_REGIONS]

    def _attribute_value(self, attr: onnx.AttributeProto) -> ir.Attribute:
        value = onnx.helper.get_attribute_value(attr)
        proto_kind = _PROTO_KINDS.get(attr.type)
        if proto_kind is None or proto_kind == "sparse_tensor":
            raise OnnxImportError(f"attribute type {AttributeProto.AttributeType.Name(attr.type)} "
                                  "is not supported")
        if proto_kind == "str":
            value = value.decode()
        elif proto_kind == "strs":
            value = [v.decode() for v in value]
        elif proto_kind == "tensor":
            return self.tensor_attribute(value, attr.name)
        elif proto_kind == "type":
            value = self.convert_type(value, f"attribute '{attr.name}'")
        return to_attribute(value, proto_kind)

    def _import_subgraph(self, region: ir.Region, graph: onnx.GraphProto, scope: Scope) -> None:
        arg_types = [self.convert_type(i.type, f"subgraph input '{i.name}'") for i in graph.input]
        for info in list(graph.output) + list(graph.value_info):
            self.value_types[info.name] = info.type
        block = region.blocks.append(*arg_types)
        inner = Scope({i.name: arg for i, arg in zip(graph.input, block.arguments)}, scope)
        with ir.InsertionPoint(block):
            outputs = self.import_graph_body(graph, inner)
            onnx_dialect.yield_(outputs)


def import_model(model, *, context: ir.Context | None = None) -> ir.Module:
    """Import an ONNX model into an MLIR module of the `onnx` dialect.

    ``model`` is a path (``.onnx`` binary or ``.onnxtxt`` textual), the serialized bytes, textual
    ONNX as a string, or an ``onnx.ModelProto``. The model is upgraded to the dialect's opset and
    shape-inferred first. Raises :class:`onnx_mlir.errors.OnnxImportError` on any problem.
    """
    proto, source_name = load_model(model)
    proto = read_minus_one_as_unknown(proto)
    check_model(proto)
    proto = upgrade_opset(proto, onnx_dialect.OPSET_VERSION, validate=True)
    if context is None:
        from ..dialects import make_context

        context = make_context()
    else:
        load_dialects(context)
    return OnnxImporter(proto, context, source_name).import_module()
