"""Read what the runtime needs off the IR: the model's signature, the entry's argument types, the
run-time check table. The runtime receives the results as plain data (``runtime/artifact.py``).
"""

from __future__ import annotations

from mlir import ir

from ..dialects.onnx_types import numpy_dtype
from ..errors import CompilationError
from ..lowering.cpu.types import ELEMENT_TYPE_ATTR
from ..lowering.onnx_to_linalg.lib.runtime_checks import CHECKS_ATTR, STATUS_ATTR
from ..lowering.instrument_profile import PROFILE_ATTR, PROFILE_NODES_ATTR
from ..runtime.artifact import ProfiledNode, RuntimeCheck, TensorInfo, TensorSpec

Signature = tuple[list[TensorInfo], list[TensorInfo]]


def find_entry(module: ir.Module, name: str = "main_graph") -> ir.Operation:
    for op in module.body.operations:
        if op.operation.name == "func.func" and ir.StringAttr(op.attributes["sym_name"]).value == name:
            return op.operation
    raise ValueError(f"module has no function @{name}")


def tensor_spec(t: ir.Type) -> TensorSpec:
    """Spec of a ranked tensor or memref type."""
    if not isinstance(t, (ir.RankedTensorType, ir.MemRefType)):
        raise TypeError(f"expected a ranked tensor or memref type, got {t}")
    dims = tuple(None if t.is_dynamic_dim(i) else t.shape[i] for i in range(t.rank))
    return TensorSpec(numpy_dtype(t.element_type), dims)


def _function_type(func: ir.Operation) -> ir.FunctionType:
    return ir.FunctionType(ir.TypeAttr(func.attributes["function_type"]).value)


def _attr_dicts(func: ir.Operation, key: str, count: int) -> list[dict[str, ir.Attribute]]:
    if key not in func.attributes:
        return [{} for _ in range(count)]
    out = []
    for d in ir.ArrayAttr(func.attributes[key]):
        d = ir.DictAttr(d)
        out.append({d[i].name: d[i].attr for i in range(len(d))})
    return out


def _model_arguments(func: ir.Operation) -> list[int]:
    """Positions of the model's inputs among the arguments (not the status or profile buffer)."""
    count = len(_function_type(func).inputs)
    return [i for i, a in enumerate(_attr_dicts(func, "arg_attrs", count))
            if STATUS_ATTR not in a and PROFILE_ATTR not in a]


def function_specs(func: ir.Operation) -> tuple[list[TensorSpec], list[TensorSpec]]:
    """Specs of the model's inputs (the status buffer left out) and of the results of a
    ``func.func`` at tensor level."""
    ftype = _function_type(func)
    ins = list(ftype.inputs)
    return [tensor_spec(ins[i]) for i in _model_arguments(func)], [tensor_spec(t) for t in ftype.results]


def _buffer_argument(func: ir.Operation, attr: str) -> int | None:
    """Position of the argument marked ``attr`` (None when there is none)."""
    count = len(_function_type(func).inputs)
    for i, a in enumerate(_attr_dicts(func, "arg_attrs", count)):
        if attr in a:
            return i
    return None


def read_profile_table(module: ir.Module, func: ir.Operation) -> list[ProfiledNode]:
    """The nodes ``instrument-profile`` timed (empty when the code is not profiled). The runtime
    passes the inputs, then the status buffer, then the profile buffer: check that order."""
    at = _buffer_argument(func, PROFILE_ATTR)
    if at is None:
        return []
    status_at = _buffer_argument(func, STATUS_ATTR)
    if at != len(_function_type(func).inputs) - 1 or (status_at is not None and status_at > at):
        raise CompilationError("the profile buffer must be the last argument of @main_graph, "
                               "after the status buffer (run instrument-profile after "
                               "convert-onnx-to-linalg)")
    nodes = []
    for entry in ir.ArrayAttr(module.operation.attributes[PROFILE_NODES_ATTR]):
        fields = ir.DictAttr(entry)
        dims = [ir.IntegerAttr(dim).value for dim in ir.ArrayAttr(fields["shape"])]
        nodes.append(ProfiledNode(ir.StringAttr(fields["node"]).value, ir.StringAttr(fields["op"]).value,
                                  tuple(None if dim < 0 else dim for dim in dims)))
    return nodes


def status_slots(func: ir.Operation) -> int:
    """Size of the status buffer argument the run-time checks added (0 when there is none)."""
    ftype = _function_type(func)
    for i, a in enumerate(_attr_dicts(func, "arg_attrs", len(ftype.inputs))):
        if STATUS_ATTR in a:
            return ir.ShapedType(ftype.inputs[i]).shape[0]
    return 0


def _infos(types: list[ir.Type], attrs: list[dict[str, ir.Attribute]], prefix: str,
           what: str) -> list[TensorInfo]:
    infos = []
    for i, (t, a) in enumerate(zip(types, attrs)):
        name = ir.StringAttr(a["onnx.name"]).value if "onnx.name" in a else f"{prefix}{i}"
        try:
            spec = tensor_spec(t)
            if ELEMENT_TYPE_ATTR in a:  # the original (unsigned) type of a signless signature
                spec = TensorSpec(numpy_dtype(ir.TypeAttr(a[ELEMENT_TYPE_ATTR]).value), spec.shape)
        except TypeError as exc:
            raise CompilationError(f"{what} '{name}' has type {t}, which the CPU runtime does not "
                                   f"support ({exc})") from None
        params = [ir.StringAttr(p).value for p in ir.ArrayAttr(a["onnx.dim_params"])] \
            if "onnx.dim_params" in a else [""] * len(spec.shape)
        shape = tuple(d if d is not None else (params[k] or None) for k, d in enumerate(spec.shape))
        infos.append(TensorInfo(name, shape, spec.dtype))
    return infos


def read_signature(module: ir.Module, entry: str = "main_graph") -> Signature:
    """Inputs and outputs of ``@entry`` from its types and ``onnx.name``/``onnx.dim_params`` attributes.

    Must be called before bufferization (the attributes and tensor types describe the model).
    """
    func = find_entry(module, entry)
    ftype = _function_type(func)
    ins, outs = list(ftype.inputs), list(ftype.results)
    in_attrs = _attr_dicts(func, "arg_attrs", len(ins))
    model_inputs = _model_arguments(func)
    return (_infos([ins[i] for i in model_inputs], [in_attrs[i] for i in model_inputs], "input_", "input"),
            _infos(outs, _attr_dicts(func, "res_attrs", len(outs)), "output_", "output"))


def read_runtime_checks(module: ir.Module) -> list[RuntimeCheck]:
    """The check table a lowering left on the module (empty when the code checks nothing)."""
    attrs = module.operation.attributes
    if CHECKS_ATTR not in attrs:
        return []
    checks = []
    for entry in ir.ArrayAttr(attrs[CHECKS_ATTR]):
        d = ir.DictAttr(entry)
        checks.append(RuntimeCheck(*(ir.StringAttr(d[k]).value for k in ("node", "op", "message"))))
    return checks
