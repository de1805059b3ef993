"""Run the reference implementation on a model whose intermediate values are graph outputs.

``auto`` uses onnxruntime (CPU, graph optimizations off, so that every node runs as written) and
falls back to ONNX's reference evaluator when onnxruntime is not installed, cannot load the
model (an op or type without a kernel) or fails running it; the run records which one answered
and why the fallback happened.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
import onnx

from ...errors import OnnxMlirError

REFERENCES = ("auto", "onnxruntime", "onnx")


class ReferenceRunError(OnnxMlirError):
    """The reference implementation could not run the model on these inputs."""


@dataclass(frozen=True)
class ReferenceRun:
    reference: str  # which implementation answered, with its version
    values: dict[str, np.ndarray]
    fallback_reason: str | None = None  # why onnxruntime did not answer (``auto`` only)


def run_reference(model: onnx.ModelProto, feeds: Mapping[str, np.ndarray],
                  output_names: Sequence[str], choice: str = "auto") -> ReferenceRun:
    if choice not in REFERENCES:
        raise ReferenceRunError(f"unknown reference '{choice}' (one of {', '.join(REFERENCES)})")
    if choice == "onnx":
        return _run_onnx_reference(model, feeds, output_names)
    try:
        return _run_onnxruntime(model, feeds, output_names)
    except ReferenceRunError as error:
        if choice == "onnxruntime":
            raise
        try:
            run = _run_onnx_reference(model, feeds, output_names)
        except ReferenceRunError as fallback_error:
            raise ReferenceRunError(f"{error}; then {fallback_error}") from None
        return ReferenceRun(run.reference, run.values, fallback_reason=str(error))


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text if len(text) <= 300 else text[:297] + "..."


def _run_onnxruntime(model, feeds, output_names) -> ReferenceRun:
    try:
        import onnxruntime as ort
    except ImportError as error:
        raise ReferenceRunError(f"onnxruntime is not installed ({error})") from None
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    options.log_severity_level = 3  # errors only: the exceptions below carry them
    try:
        session = ort.InferenceSession(model.SerializeToString(), options,
                                       providers=["CPUExecutionProvider"])
    except Exception as error:  # onnxruntime's exception types are not importable by name
        raise ReferenceRunError(f"onnxruntime cannot load the model: {_one_line(error)}") from None
    try:
        values = session.run(list(output_names), dict(feeds))
    except Exception as error:
        raise ReferenceRunError(f"onnxruntime failed running the model: {_one_line(error)}") from None
    return ReferenceRun(f"onnxruntime {ort.__version__}",
                        {name: np.asarray(v) for name, v in zip(output_names, values)})


def _run_onnx_reference(model, feeds, output_names) -> ReferenceRun:
    from onnx.reference import ReferenceEvaluator

    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            values = ReferenceEvaluator(model).run(list(output_names), dict(feeds))
    except Exception as error:  # the evaluator raises whatever its op implementations raise
        raise ReferenceRunError("onnx.reference.ReferenceEvaluator failed: "
                                f"{type(error).__name__}: {_one_line(error)}") from None
    return ReferenceRun(f"onnx.reference.ReferenceEvaluator (onnx {onnx.__version__})",
                        {name: np.asarray(v) for name, v in zip(output_names, values)})
