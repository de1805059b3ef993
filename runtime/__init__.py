"""Runtime: loads and runs the artifacts of the compiler driver (``artifact.py``): JIT execution
(``jit.py``), ``CompiledModel``, ``GpuModel`` and ahead-of-time libraries (``aot.py``). Nothing
here lowers IR."""

from __future__ import annotations

__all__ = ["CompiledModel", "TensorInfo", "CpuArtifact", "GpuArtifact", "JitFunction", "emit_object",
           "emit_shared_library"]


def __getattr__(name: str):
    # Lazy: importing onnx_mlir.runtime must not load the MLIR execution engine.
    if name == "CompiledModel":
        from .compiled_model import CompiledModel
        return CompiledModel
    if name in ("TensorInfo", "CpuArtifact", "GpuArtifact"):
        from . import artifact
        return getattr(artifact, name)
    if name == "JitFunction":
        from .jit import JitFunction
        return JitFunction
    if name in ("emit_object", "emit_shared_library"):
        from . import aot
        return getattr(aot, name)
    raise AttributeError(name)
