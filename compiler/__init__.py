"""The compiler driver: stages in, artifact out (``driver.py``).

    import (importer/) -> onnx passes (passes/) -> linalg (lowering/onnx_to_linalg)
        -> LLVM dialect (lowering/cpu)        -> CpuArtifact -> runtime.CompiledModel
        -> Triton kernels + plan (lowering/gpu) -> GpuArtifact -> runtime.GpuModel

The runtime (``runtime/``) only loads and runs artifacts (``runtime/artifact.py``); everything
that reads or transforms IR is here or in the stages this package calls.
"""

from __future__ import annotations

__all__ = ["compile_for_cpu", "compile_for_gpu", "cpu_artifact_from_linalg", "gpu_artifact_from_linalg",
           "lower_onnx_module", "stage_names", "read_signature"]

_EXPORTS = {
    "compile_for_cpu": "driver", "compile_for_gpu": "driver", "cpu_artifact_from_linalg": "driver",
    "gpu_artifact_from_linalg": "driver", "lower_onnx_module": "stages", "stage_names": "stages",
    "read_signature": "signature",
}


def __getattr__(name: str):
    # Lazy: importing onnx_mlir.compiler must not load the passes and lowerings.
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(name)
