"""Conformance comparison of float -> integer casts, whose out-of-range results ONNX leaves undefined.

ONNX's Cast says "floating point to fixed point: undefined if OOR". The expected outputs of the
backend node cases are nevertheless concrete numbers, written by numpy/ml_dtypes on whatever CPU
generated the data, and they differ between CPUs. The project defines these results
(``onnx_mlir.conversions``: truncate, saturate to the target's range, NaN -> 0), so the runner
compares:

* elements whose conversion ONNX defines against the case's expected output, as before;
* elements ONNX leaves undefined against the project's documented result.

Which elements: every graph output produced by a ``Cast``/``CastLike`` node (an ``_expanded`` case
holds the function body's Cast) from a float tensor to an integer type, and within it the
elements whose input value is NaN, infinite or truncates outside the target's range. The input
value is the graph input or initializer the node reads, else its value computed by onnx's
reference evaluator. Nothing here is keyed on case names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import numpy as np

from .. import conversions

CAST_OPS = ("Cast", "CastLike")

# Printed in the conformance summary and in docs/supported-ops.md.
SEMANTICS_NOTE = (
    "Float -> integer conversions that ONNX leaves undefined (Cast/CastLike of a value out of the "
    "target type's range, NaN or infinite; the same conversion inside QuantizeLinear, "
    "DynamicQuantizeLinear and index computations of Resize, GridSample, RoiAlign, ...) have one "
    "defined result in onnx-mlir-py, the same on every CPU: the value truncated toward zero and "
    "saturated to the target's range (+inf -> the largest value, -inf -> the smallest, e.g. 300.5 "
    "-> int8 127, -1.5 -> uint64 0, 9.5 -> int4 7), NaN -> 0, as LLVM's `fptosi.sat`/`fptoui.sat` "
    "define it. The conformance runner compares such elements of the node cases against this "
    "result (their expected data holds whatever numpy gave on the CPU that generated it) and "
    "every other element against the expected data.")


def _float_to_int_casts(model: Any) -> list[tuple[int, str]]:
    """(graph output index, name of the cast's input) of outputs that a Cast/CastLike produces."""
    outputs = [o.name for o in model.graph.output]
    found = []
    for node in model.graph.node:
        if node.op_type in CAST_OPS and node.domain in ("", "ai.onnx") and node.output:
            if node.output[0] in outputs:
                found.append((outputs.index(node.output[0]), node.input[0]))
    return found


def _values(model: Any, inputs: Sequence[Any], names: set[str]) -> dict[str, np.ndarray]:
    """The arrays of ``names``: graph inputs, initializers, else the reference evaluator's
    intermediate results."""
    from onnx import numpy_helper

    initializers = {t.name: t for t in model.graph.initializer}
    feeds = {}
    graph_inputs = [i.name for i in model.graph.input if i.name not in initializers]
    for name, value in zip(graph_inputs, inputs):
        feeds[name] = np.asarray(value)
    found = {n: feeds[n] for n in names if n in feeds}
    found.update({n: numpy_helper.to_array(initializers[n]) for n in names
                  if n not in found and n in initializers})
    missing = names - set(found)
    if missing:
        import warnings

        from onnx.reference import ReferenceEvaluator
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                results = ReferenceEvaluator(model).run(None, feeds, intermediate=True)
        except Exception:  # noqa: BLE001 - no value: those outputs are compared as they are
            results = {}
        found.update({n: np.asarray(results[n]) for n in missing if n in results})
    return found


def project_reference(model: Any, inputs: Sequence[Any],
                      refs: Sequence[Any]) -> tuple[list[Any], int]:
    """``refs`` (a case's expected outputs for ``inputs``) with the elements ONNX leaves
    undefined in float -> integer casts replaced by the project's result; and how many."""
    casts = _float_to_int_casts(model)
    refs = list(refs)
    if not casts:
        return refs, 0
    sources = _values(model, inputs, {name for _, name in casts})
    replaced = 0
    for index, source_name in casts:
        source, ref = sources.get(source_name), refs[index] if index < len(refs) else None
        if source is None or not isinstance(ref, np.ndarray) or source.shape != ref.shape:
            continue
        if not (conversions.is_float_dtype(source.dtype) and conversions.is_integer_dtype(ref.dtype)):
            continue
        undefined = conversions.float_to_int_out_of_range(source, ref.dtype)
        if undefined.any():
            fixed = ref.copy()
            fixed[undefined] = conversions.float_to_int(source, ref.dtype)[undefined]
            refs[index] = fixed
            replaced += int(undefined.sum())
    return refs, replaced


def backend_test_class():
    """onnx's ``BackendTest`` whose comparison applies :func:`project_reference` (built lazily:
    importing onnx's runner is not free)."""
    from onnx.backend.base import BackendRep
    from onnx.backend.test import BackendTest

    class _RecordingRep(BackendRep):
        """The backend's prepared model, remembering the feeds of its last run for the runner."""

        def __init__(self, rep: Any, model: Any, runner: "ProjectSemanticsBackendTest"):
            self.rep, self.model, self.runner = rep, model, runner

        def run(self, inputs: Any, **kwargs: Any) -> Any:
            self.runner.last_run = (self.model, list(inputs) if not isinstance(inputs, dict)
                                    else [inputs[i.name] for i in self.model.graph.input
                                          if i.name in inputs])
            return self.rep.run(inputs, **kwargs)

    class ProjectSemanticsBackendTest(BackendTest):
        """BackendTest comparing out-of-range float -> integer cast elements with the project's
        documented result (see the module docstring). ``undefined_elements`` counts them per
        case directory name."""

        def __init__(self, backend: Any, parent_module: str | None = None):
            self.last_run: tuple[Any, list[Any]] | None = None
            self.undefined_elements: dict[str, int] = {}
            runner = self

            class Recording(backend):
                @classmethod
                def prepare(cls, model: Any, device: str = "CPU", **kwargs: Any) -> Any:
                    return _RecordingRep(backend.prepare(model, device, **kwargs), model, runner)

            super().__init__(Recording, parent_module)

        def assert_similar_outputs(self, ref_outputs: Sequence[Any], outputs: Sequence[Any],
                                   rtol: float, atol: float, model_dir: str | None = None) -> None:
            if self.last_run is not None:
                model, inputs = self.last_run
                self.last_run = None
                ref_outputs, count = project_reference(model, inputs, ref_outputs)
                if count and model_dir:
                    case = Path(model_dir).name
                    self.undefined_elements[case] = self.undefined_elements.get(case, 0) + count
            BackendTest.assert_similar_outputs(ref_outputs, outputs, rtol, atol, model_dir=model_dir)

    return ProjectSemanticsBackendTest
