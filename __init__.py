"""onnx-mlir-py: an ONNX compiler in Python on MLIR.

    import onnx_mlir
    model = onnx_mlir.compile("model.onnx")          # -> CompiledModel
    outputs = model.run(None, {"x": x})              # onnxruntime-like

Importing the package is light: the importer, the passes and the MLIR execution engine load on
first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import CompilationError, InputError, OnnxImportError, OnnxMlirError

if TYPE_CHECKING:
    from mlir import ir

    from .runtime.compiled_model import CompiledModel

__all__ = ["import_model", "compile", "CompilationError", "InputError", "OnnxImportError", "OnnxMlirError"]

# Pipeline from the imported onnx dialect to linalg on tensors; the CPU stages follow.
FRONTEND_PIPELINE = "builtin.module(onnx-dce, convert-onnx-to-linalg)"


def import_model(model: Any, *, context: "ir.Context | None" = None) -> "ir.Module":
    """Import an ONNX model (path, bytes, text or ModelProto) into an ``onnx`` dialect module."""
    from .importer import import_model as _import_model

    return _import_model(model, context=context)


def compile(model: Any, *, target: str = "cpu", opt_level: int = 3) -> "CompiledModel":  # noqa: A001
    """Compile an ONNX model (or an already imported ``ir.Module``) to native code and JIT it.

    The module is lowered in place when an ``ir.Module`` is given.
    """
    if target != "cpu":
        raise ValueError(f"unsupported target '{target}' (supported: 'cpu')")
    from mlir import ir

    from .passes import run_pipeline
    from .runtime.compiled_model import CompiledModel, read_signature

    module = model if isinstance(model, ir.Module) else import_model(model)
    signature = read_signature(module)  # names and dim params, before lowering drops them
    run_pipeline(module, FRONTEND_PIPELINE)
    return CompiledModel.from_linalg(module, opt_level=opt_level, signature=signature)
