"""Numerical bisection: the first node whose outputs differ between onnx-mlir-py and a reference.

    from onnx_mlir.tools.bisect import bisect
    report = bisect("model.onnx")                 # random inputs; or bisect(model, {"x": x})
    if not report.agrees:
        print(report.format())                    # node name, op type, attributes, error
        report.divergence.unit.node               # the onnx.NodeProto

The command line is ``onnx-mlir-bisect`` (``cli.py``).
"""

from .bisector import DEFAULT_ATOL, DEFAULT_RTOL, bisect
from .compare import Tolerance, ValueComparison
from .reference import ReferenceRunError
from .report import BisectReport, Divergence, InputStatus, UnitResult

__all__ = ["bisect", "BisectReport", "Divergence", "InputStatus", "UnitResult", "Tolerance",
           "ValueComparison", "ReferenceRunError", "DEFAULT_RTOL", "DEFAULT_ATOL"]
