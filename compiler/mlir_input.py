"""MLIR text as the compiler's input, at any stage (``onnx-mlir in.mlir --EmitLLVMIR``).

The stage the text is at is given (``--input-stage``) or recognized from its ops and types: onnx
dialect ops -> ``onnx-basic``; ``llvm.func`` -> ``llvm``; memrefs -> ``bufferize``; otherwise
tensors and linalg -> ``linalg``. The stages after it then run as for an imported model.
"""

from __future__ import annotations

from pathlib import Path

from mlir import ir

from ..diagnostics import to_diagnostic
from ..errors import CompilationError
from .extra_passes import ExtraPasses, with_extra_passes
from .stages import OnStage, lower_onnx_module, stage_names


def read_mlir(path: str | Path) -> ir.Module:
    """Parse an MLIR file in a context with the project's dialects (and plugins') loaded;
    a parse error is a CompilationError at its file:line:col."""
    from ..dialects import make_context

    context = make_context()
    try:
        return ir.Module.parseFile(str(path), context)
    except ir.MLIRError as exc:
        raise CompilationError(f"cannot parse '{path}'",
                               [to_diagnostic(d) for d in exc.error_diagnostics]) from None


def detect_stage(module: ir.Module) -> str:
    """The stage ``module`` is at (see the module's docstring)."""
    found = {"onnx": False, "llvm": False, "memref": False}

    def visit(op: ir.Operation) -> ir.WalkResult:
        name = op.name
        if name.startswith("onnx."):
            found["onnx"] = True
        elif name == "llvm.func":
            found["llvm"] = True
        elif name.startswith("memref.") or any(isinstance(v.type, ir.MemRefType)
                                               for v in [*op.operands, *op.results]):
            found["memref"] = True
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)
    if found["onnx"]:
        return "onnx-basic"
    if found["llvm"]:
        return "llvm"
    return "bufferize" if found["memref"] else "linalg"


def lower_from(module: ir.Module, start: str, *, upto: str, on_stage: OnStage | None = None,
               runtime_checks: bool = True, cpu: str | None = None,
               extra_passes: ExtraPasses | None = None, profile: bool = False,
               num_threads: int | None = None) -> ir.Module:
    """Run the stages after ``start`` up to ``upto`` (in place); nothing when ``upto`` is not
    after ``start``."""
    names = stage_names()
    for stage in (start, upto):
        if stage not in names:
            raise CompilationError(f"unknown stage '{stage}' (stages: {', '.join(names)})")
    if names.index(upto) <= names.index(start):
        return module
    if start in ("onnx-basic", "onnx"):
        return lower_onnx_module(module, upto=upto, on_stage=on_stage, runtime_checks=runtime_checks,
                                 cpu=cpu, extra_passes=extra_passes, profile=profile,
                                 num_threads=num_threads)
    from ..lowering.cpu.pipeline import lower_to_llvm

    return lower_to_llvm(module, upto=upto, after=start, cpu=cpu, num_threads=num_threads,
                         on_stage=with_extra_passes(on_stage, extra_passes))
