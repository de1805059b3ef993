"""Lowerings of onnx-mlir-py, from the onnx dialect to linalg (``onnx_to_linalg``), to the LLVM
dialect (``cpu``) and to Triton kernels (``gpu``).

The stages are strung together by the compiler driver (``onnx_mlir.compiler``);
``lower_onnx_module``, ``stage_names`` and ``ONNX_STAGES`` are still found here for callers of
the former location.
"""

from __future__ import annotations

_MOVED_TO_COMPILER = ("lower_onnx_module", "stage_names", "ONNX_STAGES")


def __getattr__(name: str):
    if name in _MOVED_TO_COMPILER:
        from ..compiler import stages

        return getattr(stages, name)
    raise AttributeError(name)
