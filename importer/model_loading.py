"""Read ONNX models from every form users hand us, and bring them to the dialect's opset."""

from __future__ import annotations

import os
import re
from pathlib import Path

import onnx
from onnx import defs

from ..errors import OnnxImportError

TEXT_SUFFIXES = (".onnxtxt", ".txt")
_IR_VERSION_INITIALIZERS_ARE_CONSTANTS = 4
SHAPE_INFERENCE_ERROR_KEY = "onnx_mlir.shape_inference_error"


def load_model(model) -> tuple[onnx.ModelProto, str]:
    """Return ``(ModelProto, source name)`` for a path, bytes, textual ONNX or a ModelProto."""
    if isinstance(model, onnx.ModelProto):
        return model, model.graph.name or "<model>"
    if isinstance(model, (bytes, bytearray, memoryview)):
        return _parse_binary(bytes(model), "<bytes>"), "<bytes>"
    if isinstance(model, os.PathLike) or (isinstance(model, str) and _looks_like_path(model)):
        path = Path(model)
        if not path.exists():
            raise OnnxImportError(f"no such model file: '{path}'")
        if path.suffix in TEXT_SUFFIXES:
            return _parse_text(path.read_text(), str(path)), str(path)
        return _parse_binary(path.read_bytes(), str(path), base_dir=path.parent), str(path)
    if isinstance(model, str):
        return _parse_text(model, "<text>"), "<text>"
    raise OnnxImportError(f"cannot import a model from a {type(model).__name__}")


def _looks_like_path(text: str) -> bool:
    return "\n" not in text and "<" not in text and "{" not in text


def _parse_binary(data: bytes, source: str, base_dir: Path | None = None) -> onnx.ModelProto:
    try:
        model = onnx.ModelProto.FromString(data)
    except Exception as error:  # protobuf raises DecodeError or RuntimeError on bad input
        raise OnnxImportError(f"cannot parse ONNX model '{source}': not a valid ONNX protobuf "
                              f"(truncated or corrupt file?): {error}") from None
    if not model.HasField("graph"):
        raise OnnxImportError(f"cannot parse ONNX model '{source}': it has no graph "
                              "(empty, truncated or not an ONNX file)")
    if base_dir is not None:
        from .model_checks import load_external_data

        load_external_data(model, base_dir)
    return model


def _parse_text(text: str, source: str) -> onnx.ModelProto:
    try:
        return onnx.parser.parse_model(text)
    except Exception as error:
        raise OnnxImportError(f"cannot parse textual ONNX model '{source}': {error}") from None


def _default_opset(model: onnx.ModelProto) -> int | None:
    for imp in model.opset_import:
        if imp.domain in ("", "ai.onnx"):
            return imp.version
    return None


def _needs_conversion(model: onnx.ModelProto, opset: int, target: int) -> bool:
    """Whether some node's schema at ``opset`` differs from its latest version."""
    graphs = [model.graph]
    while graphs:
        graph = graphs.pop()
        for node in graph.node:
            if node.domain not in ("", "ai.onnx"):
                continue
            try:
                old = defs.get_schema(node.op_type, opset).since_version
                new = defs.get_schema(node.op_type, target).since_version
            except defs.SchemaError:
                continue  # unknown op: the importer names it
            if old != new:
                return True
            graphs.extend(a.g for a in node.attribute if a.type == onnx.AttributeProto.GRAPH)
    return False


def upgrade_opset(model: onnx.ModelProto, target: int, *, validate: bool = False) -> onnx.ModelProto:
    """Inline local functions, upgrade to opset ``target`` if any op changed, infer shapes. The
    types the nodes compute win over the declared output and value_info types
    (:mod:`.declared_types`)."""
    from functools import partial

    from .constant_if import inline_constant_ifs, trap_rank_changing_branches
    from .declared_types import DeclaredTypes

    if model.ir_version < _IR_VERSION_INITIALIZERS_ARE_CONSTANTS:
        # Before IR 4 an initializer is only the default of a graph input, and shape inference
        # ignores its value: a Reshape/Expand shape from it would leave the declared (possibly
        # wrong) type unchecked. onnxruntime treats it as a constant too.
        upgraded = onnx.ModelProto()
        upgraded.CopyFrom(model)
        upgraded.ir_version = _IR_VERSION_INITIALIZERS_ARE_CONSTANTS
        model = upgraded
    if model.functions:
        from onnx import inliner

        model = inliner.inline_local_functions(model)
    declared = DeclaredTypes(model)
    model = declared.strip(model)
    opset = _default_opset(model)
    if opset is not None and opset > target:
        raise OnnxImportError(f"the model uses ai.onnx opset {opset}, newer than this compiler's "
                              f"{target} (onnx {onnx.__version__})")
    if opset is not None and opset < target and _needs_conversion(model, opset, target):
        try:
            model = onnx.version_converter.convert_version(model, target)
        except Exception as error:
            raise OnnxImportError(f"cannot convert the model from ai.onnx opset {opset} to "
                                  f"{target}: {error}") from None
    model = infer_shapes(model, validate=validate)
    if has_untyped_values(model):
        # Shape computations ONNX's data propagation does not follow: fold them and infer again.
        folded = propagate_constants(model)
        if folded is not model:
            model = infer_shapes(folded, validate=validate)
    infer = partial(infer_shapes, validate=validate)
    while True:  # a trapped branch gives static ranks that may make more conditions constant
        model = inline_constant_ifs(model, infer)
        trapped = trap_rank_changing_branches(model, infer)
        if trapped is model:
            break
        model = trapped
    return declared.reconcile(model, infer_shapes)


def infer_shapes(model: onnx.ModelProto, *, validate: bool = False) -> onnx.ModelProto:
    """ONNX shape inference (outer constants copied into the subgraphs that read them), then
    Loop-carried values typed where they keep their shape (:mod:`.loop_types`). With
    ``validate``, a node whose inference fails, which makes onnxruntime refuse the model too
    (Concat of different ranks, a uint64 Reshape shape), is an OnnxImportError."""
    from functools import partial

    from .invented_zero_dims import drop_invented_zero_dims
    from .loop_types import refine_loop_carried_types, with_local_constants

    infer = partial(_infer_shapes, validate=validate)
    inferred = refine_loop_carried_types(infer(with_local_constants(model)), infer)
    drop_invented_zero_dims(inferred.graph)
    return inferred


def _infer_shapes(model: onnx.ModelProto, validate: bool = False) -> onnx.ModelProto:
    """ONNX shape inference; what strict mode complained about is kept in ``doc_string`` of the
    result's metadata (key ``onnx_mlir.shape_inference_error``) to explain unknown types later.

    When the types the model declares for its values contradict what its nodes compute, the
    nodes win (as in onnxruntime): the declared types are dropped and inferred again, so that
    no value gets a type its data does not have."""
    try:
        return _strict_inference(model)
    except Exception as error:
        strict_error = error
    if validate:
        _raise_invalid(strict_error, model)
    if any(marker in str(strict_error) for marker in _DECLARED_TYPE_CONFLICTS):
        model = _without_declared_types(model)
        try:
            return _strict_inference(model)
        except Exception as error:
            strict_error = error
        if validate:
            _raise_invalid(strict_error, model)
    try:
        inferred = onnx.shape_inference.infer_shapes(model, check_type=False,
                                                     strict_mode=False, data_prop=True)
    except Exception as error:
        raise OnnxImportError(f"ONNX shape inference failed: {error}") from None
    entry = inferred.metadata_props.add()
    entry.key, entry.value = SHAPE_INFERENCE_ERROR_KEY, str(strict_error).strip()
    return inferred


# "(op_type:Concat, node name: cat): [ShapeInferenceError] All inputs to Concat must have ..."
_NODE_ERROR = re.compile(r"\(op_type:([\w.]+)(?:, node name: ([^)]*))?\): \[\w+\] (.*)")


def _raise_invalid(error: Exception, model: onnx.ModelProto) -> None:
    """Raise OnnxImportError when strict inference failed on an invalid model rather than on a
    limit of ONNX's inference: a main-graph node whose inference fails (not one inside a function
    body, and not a declared type that disagrees, which is re-inferred)."""
    text = " ".join(str(error).split()).replace("[ShapeInferenceError] Inference error(s): ", "")
    match = _NODE_ERROR.search(text)
    if match is None or any(marker in text for marker in _DECLARED_TYPE_CONFLICTS):
        return
    op_type, name, message = match.groups()
    if "Inference error(s)" in message or "op_type:" in message:
        return  # inside a function body: ONNX's own expansion, left to the fallback
    nodes = [n for n in model.graph.node if n.op_type == op_type and (name is None or n.name == name)]
    if not nodes:
        return
    # An unnamed node goes by its first output, as in the importer, when it is the only one.
    label = name or (nodes[0].output[0] if len(nodes) == 1 and nodes[0].output else "?")
    raise OnnxImportError(f"ONNX shape inference rejects it: {message}", node=label,
                          op_type=op_type, domain=nodes[0].domain or "ai.onnx",
                          opset=_default_opset(model))


# Strict shape inference's messages when a declared type disagrees with the inferred one.
_DECLARED_TYPE_CONFLICTS = ("Inferred shape and existing shape differ",
                            "Inferred elem type differs from existing elem type")


def _strict_inference(model: onnx.ModelProto) -> onnx.ModelProto:
    # (check_type stays off: lowerings take element types beyond some schemas, e.g. int32
    # MaxPool, on purpose)
    return onnx.shape_inference.infer_shapes(model, check_type=False, strict_mode=True,
                                             data_prop=True)


def _without_declared_types(model: onnx.ModelProto) -> onnx.ModelProto:
    """A copy without the main graph's value_info and output types (inputs keep theirs)."""
    copy = onnx.ModelProto()
    copy.CopyFrom(model)
    del copy.graph.value_info[:]
    for output in copy.graph.output:
        output.ClearField("type")
    return copy


def has_untyped_values(model: onnx.ModelProto) -> bool:
    """Whether some node output of the main graph has no known rank after shape inference."""
    graph = model.graph
    typed = {v.name for v in list(graph.value_info) + list(graph.output) + list(graph.input)
             if v.type.WhichOneof("value") != "tensor_type" or v.type.tensor_type.HasField("shape")}
    return any(name and name not in typed for node in graph.node for name in node.output)


def propagate_constants(model: onnx.ModelProto, max_elements: int = 1 << 16) -> onnx.ModelProto:
    """Replace main-graph nodes computable from initializers, Constant nodes and static input
    shapes (Shape/Size of statically shaped values) by Constant nodes, evaluating them with the
    ONNX reference evaluator; shape inference then sees the values that its data propagation
    misses (ConstantOfShape, Range, Neg, ... of shape computations inside function bodies).
    Results above ``max_elements`` elements are left computed at run time."""
    from onnx import helper, numpy_helper

    from .model_checks import tensor_array
    from .node_evaluation import NONDETERMINISTIC, evaluate_node, inferred_larger_than

    graph = model.graph
    types = {v.name: v.type for v in list(graph.input) + list(graph.value_info) + list(graph.output)}
    known = {t.name: tensor_array(t, f"initializer '{t.name}'") for t in graph.initializer}
    nodes, changed = [], False
    for node in graph.node:
        values = None
        if (node.domain in ("", "ai.onnx") and node.op_type not in NONDETERMINISTIC
                and not any(a.type == onnx.AttributeProto.GRAPH for a in node.attribute)
                and not inferred_larger_than(node, types, max_elements)):
            values = evaluate_node(node, known, types)
        if values is None or any(v.size > max_elements for v in values):
            nodes.append(node)
            continue
        for name, value in zip(node.output, values):
            if name:
                known[name] = value
        if node.op_type == "Constant":
            nodes.append(node)
            continue
        changed = True
        for name, value in zip(node.output, values):
            if name:
                nodes.append(helper.make_node("Constant", [], [name], name=f"{node.name}_{name}",
                                              value=numpy_helper.from_array(value, name)))
    if not changed:
        return model
    result = onnx.ModelProto()
    result.CopyFrom(model)
    del result.graph.node[:]
    result.graph.node.extend(nodes)
    return result
