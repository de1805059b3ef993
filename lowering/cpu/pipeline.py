"""The CPU pipeline's driver: ``lower_to_llvm`` runs the stages of stages.py in order.

The stage texts are in stages.py, the project passes they name (``cpu-*``) in passes.py.
"""

from __future__ import annotations

from typing import Callable

from mlir import ir

from .stages import STAGES


def lower_to_llvm(module: ir.Module, *, upto: str = "llvm",
                  on_stage: Callable[[str, ir.Module], None] | None = None,
                  cpu: str | None = None, after: str = "linalg") -> ir.Module:
    """Lower ``module`` (linalg on tensors) in place, stage by stage, stopping after ``upto``.

    ``on_stage(name, module)`` is called after each stage (e.g. to print the IR).  ``cpu`` is
    the CPU the code is for (``host``, ``avx2``, ``avx512``, ``<llvm cpu>[:+f,-g]``, see
    target.py; default ``$ONNX_MLIR_CPU_FEATURES``, else the host): anything but the host adds
    ``cpu-target`` at the end of the llvm stage.  Raises
    ``onnx_mlir.errors.CompilationError`` with the MLIR diagnostics when a pass fails.
    ``after`` names the stage ``module`` is at (``linalg``, or a CPU stage for IR that went
    through some of them already): the stages up to it are skipped.
    """
    if upto not in STAGES:
        raise ValueError(f"unknown stage '{upto}' (expected one of {', '.join(STAGES)})")
    from ...passes.registry import run_pipeline
    from . import register, target

    register()  # the cpu-* project passes used in the stage texts
    cpu_target = target.pass_text(target.spec_from(cpu))  # checked before any work
    skipped = list(STAGES)[:list(STAGES).index(after) + 1] if after in STAGES else []
    for name, text in STAGES.items():
        if name in skipped:
            continue
        if name == "llvm" and cpu_target:
            text = text[:-1] + f", {cpu_target})"
        run_pipeline(module, text)  # raises CompilationError with the MLIR diagnostics
        if on_stage is not None:
            on_stage(name, module)
        if name == upto:
            break
    return module
