"""``bisect``: find the first node whose outputs differ between the compiler and the reference.

Every main-graph node output with a known type becomes a graph output of a copy of the model;
the copy is compiled once (or once per batch of ``batch_size`` values) and run once by the
reference, on the same inputs. Walking the nodes in topological order, the first one whose
outputs diverge while all its inputs agree is the culprit: its inputs are the same on both sides
(within tolerance), so the difference is made there.

Exposing a value keeps it alive, nothing more: constant folding still folds what it folded
(the exposed value is then the folder's result, which is tested too), but a fusion that would
have skipped materializing the value now has to produce it.
"""

from __future__ import annotations

from typing import Any, Mapping

import numpy as np
import onnx

from .compare import Tolerance, compare_values
from .feeds import DEFAULT_INT_RANGE, FeedGenerator, check_feeds
from .graph_units import GraphUnit, exposable_types, graph_units, with_outputs
from .reference import run_reference
from .report import BisectReport, Divergence, InputStatus, UnitResult

DEFAULT_RTOL = 1e-3
DEFAULT_ATOL = 1e-4


def bisect(model: Any, feeds: Mapping[str, np.ndarray] | None = None, *,
           rtol: float = DEFAULT_RTOL, atol: float = DEFAULT_ATOL, seed: int = 0,
           dims: Mapping[str, int] | None = None,
           int_range: tuple[int, int] = DEFAULT_INT_RANGE,
           reference: str = "auto", batch_size: int = 0) -> BisectReport:
    """Compare every node's outputs of ``model`` (path, bytes, text or ModelProto) between
    onnx-mlir-py and the reference (``auto``: onnxruntime, else ONNX's reference evaluator;
    ``onnxruntime``; ``onnx``) on ``feeds`` (random from ``seed``, ``dims`` and ``int_range``
    when None). ``batch_size`` > 0 compiles at most that many exposed values at a time.

    Raises the project's typed errors (``OnnxImportError``, ``CompilationError``,
    ``InputError``, ``ReferenceRunError``) when a side cannot run at all."""
    from ...importer.model_loading import load_model

    proto, source = load_model(model)
    units = graph_units(proto.graph)
    value_types = _inferred_types(proto)
    exposable = exposable_types(value_types)
    unobserved = _unobserved(proto.graph, units, exposable)
    observed = [name for unit in units for name in unit.outputs if name not in unobserved]
    if feeds is None:
        feeds = FeedGenerator(proto, value_types, seed=seed, dims=dims, int_range=int_range).generate()
    else:
        feeds = check_feeds(proto, feeds)
    ref = run_reference(with_outputs(proto, observed, exposable), feeds, observed, reference)
    ours = _run_compiled(proto, observed, exposable, feeds, batch_size)
    tolerance = Tolerance(rtol, atol)
    results = [UnitResult(unit, tuple(compare_values(name, ours[name], ref.values[name], tolerance)
                                      for name in unit.outputs if name not in unobserved),
                          tuple((name, unobserved[name]) for name in unit.outputs if name in unobserved))
               for unit in units]
    report = BisectReport(source, ref.reference, ref.fallback_reason, tolerance, dict(feeds),
                          results, None)
    _locate(report, proto, value_types, ref.values)
    return report


def _unobserved(graph: onnx.GraphProto, units: list[GraphUnit], exposable) -> dict[str, str]:
    """Node outputs left internal, with the reason. An output the model never reads (a Dropout
    mask, MaxPool indices) is not exposed: using it would change how its node is lowered."""
    read = {name for unit in units for name in unit.inputs} | {o.name for o in graph.output}
    reasons = {}
    for name in (name for unit in units for name in unit.outputs):
        if name not in read:
            reasons[name] = "unused by the model"
        elif name not in exposable:
            reasons[name] = "no known type, or one the runtime cannot return"
    return reasons


def _inferred_types(model: onnx.ModelProto) -> dict[str, onnx.TypeProto]:
    """Types of the main graph's values after the importer's shape inference (with the
    constant propagation it falls back on when data propagation leaves values untyped)."""
    from ...importer.model_loading import has_untyped_values, infer_shapes, propagate_constants

    inferred = infer_shapes(model)
    if has_untyped_values(inferred):
        inferred = infer_shapes(propagate_constants(inferred))
    graph = inferred.graph
    return {v.name: v.type for v in list(graph.input) + list(graph.value_info) + list(graph.output)}


def _run_compiled(model: onnx.ModelProto, observed: list[str], types, feeds,
                  batch_size: int) -> dict[str, np.ndarray]:
    import onnx_mlir

    if not observed:
        return {}
    step = batch_size if batch_size > 0 else len(observed)
    values: dict[str, np.ndarray] = {}
    for start in range(0, len(observed), step):
        compiled = onnx_mlir.compile(with_outputs(model, observed[start:start + step], types), cache=False)
        outputs = compiled.run(None, feeds)
        values.update((info.name, np.asarray(value))
                      for info, value in zip(compiled.get_outputs(), outputs))
    return values


def _locate(report: BisectReport, model: onnx.ModelProto, value_types, ref_values) -> None:
    """Set the report's divergence (the first diverging unit whose inputs all agree) and the
    later diverging units."""
    diverging = {c.name for u in report.units for c in u.outputs if not c.agrees}
    agreeing = {c.name for u in report.units for c in u.outputs if c.agrees}
    initializers = {t.name: t for t in model.graph.initializer}
    for result in report.units:
        if not result.diverges:
            continue
        inputs = tuple(_input_status(name, result.unit, report.feeds, initializers, diverging,
                                     agreeing, ref_values, value_types)
                       for name in result.unit.inputs)
        if report.divergence is None and all(i.status != "diverges" for i in inputs):
            report.divergence = Divergence(result.unit, inputs, result.outputs,
                                           result.unobserved_outputs)
        elif report.divergence is not None:
            report.downstream.append(result.unit)


def _input_status(name: str, unit: GraphUnit, feeds, initializers, diverging, agreeing,
                  ref_values, value_types) -> InputStatus:
    captured = name in unit.captured
    if name in feeds:
        array = feeds[name]
        return InputStatus(name, "graph input", str(array.dtype), tuple(array.shape), captured)
    if name in initializers:
        tensor = initializers[name]
        dtype = onnx.helper.tensor_dtype_to_np_dtype(tensor.data_type)
        return InputStatus(name, "initializer", str(np.dtype(dtype)), tuple(tensor.dims), captured)
    if name in ref_values:
        array = ref_values[name]
        status = "diverges" if name in diverging else "agrees" if name in agreeing else "not observed"
        return InputStatus(name, status, str(array.dtype), tuple(array.shape), captured)
    dtype, shape = _declared(value_types.get(name))
    return InputStatus(name, "not observed", dtype, shape, captured)


def _declared(type_proto: onnx.TypeProto | None) -> tuple[str | None, tuple | None]:
    if type_proto is None or type_proto.WhichOneof("value") != "tensor_type":
        return None, None
    tensor = type_proto.tensor_type
    try:
        dtype = str(np.dtype(onnx.helper.tensor_dtype_to_np_dtype(tensor.elem_type)))
    except (KeyError, ValueError, TypeError):
        dtype = onnx.TensorProto.DataType.Name(tensor.elem_type).lower()
    if not tensor.HasField("shape"):
        return dtype, None
    return dtype, tuple(d.dim_value if d.HasField("dim_value") else (d.dim_param or "?")
                        for d in tensor.shape.dim)
