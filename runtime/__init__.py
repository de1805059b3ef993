"""Runtime: JIT execution (``jit.py``), ``CompiledModel`` and ahead-of-time libraries (``aot.py``)."""

from __future__ import annotations

__all__ = ["CompiledModel", "TensorInfo", "JitFunction", "emit_object", "emit_shared_library"]


def __getattr__(name: str):
    # Lazy: importing onnx_mlir.runtime must not load the MLIR execution engine.
    if name in ("CompiledModel", "TensorInfo"):
        from . import compiled_model
        return getattr(compiled_model, name)
    if name == "JitFunction":
        from .jit import JitFunction
        return JitFunction
    if name in ("emit_object", "emit_shared_library"):
        from . import aot
        return getattr(aot, name)
    raise AttributeError(name)
