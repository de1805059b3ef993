"""The stages of the compiler in order, and the function that runs them on a module.

``onnx-basic`` is the imported module; ``onnx`` runs the onnx-level passes (``passes/``);
``linalg`` the conversion to linalg on tensors (``lowering/onnx_to_linalg``); the CPU stages
(``lowering/cpu``) follow. ``lower_onnx_module`` is the one place that strings them together:
the driver (``compile_for_cpu``/``compile_for_gpu``), the `onnx-mlir` tool and the demo all go
through it, so what is printed per stage is what gets compiled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from mlir import ir

ONNX_STAGES: dict[str, str] = {
    "onnx": "builtin.module(onnx-simplify, onnx-dce)",
    "linalg": "builtin.module(convert-onnx-to-linalg, canonicalize, cse)",
}

if TYPE_CHECKING:
    from .extra_passes import ExtraPasses

OnStage = Callable[[str, ir.Module], None]


def stage_names() -> list[str]:
    from ..lowering.cpu.stages import STAGES as CPU_STAGES

    return ["onnx-basic", *ONNX_STAGES, *CPU_STAGES]


def lower_onnx_module(module: ir.Module, *, upto: str = "llvm", on_stage: OnStage | None = None,
                      runtime_checks: bool = True, cpu: str | None = None,
                      profile: bool = False, num_threads: int | None = None,
                      extra_passes: "ExtraPasses | None" = None) -> ir.Module:
    """Lower an imported module in place through every stage up to ``upto`` (inclusive).

    ``on_stage(name, module)`` sees the module after each stage. ``runtime_checks=False`` leaves
    out the run-time shape and index checks (for targets whose runtime has no status buffer: the
    GPU path). ``cpu`` is the CPU the code is for (see ``lowering/cpu/target.py``; default: the
    host); ``num_threads`` the threads it runs on (``lowering/cpu/threads.py``). ``profile=True``
    ends the ``linalg`` stage with ``instrument-profile``: the code times each ONNX node into a
    profile buffer argument (lowering/instrument_profile.py). ``extra_passes`` maps pipeline
    points (``after-onnx``, ``before-bufferize``, ...) to passes to run there, besides those
    plugins add (``extra_passes.py``). Raises :class:`onnx_mlir.errors.CompilationError` with
    MLIR diagnostics when a stage fails.
    """
    from ..lowering.cpu.pipeline import lower_to_llvm
    from ..passes.runner import run_pipeline
    from .extra_passes import with_extra_passes

    on_stage = with_extra_passes(on_stage, extra_passes)

    names = stage_names()
    if upto not in names:
        raise ValueError(f"unknown stage '{upto}' (expected one of {', '.join(names)})")
    if on_stage is not None:
        on_stage("onnx-basic", module)
    if upto == "onnx-basic":
        return module
    for name, text in ONNX_STAGES.items():
        if not runtime_checks:
            text = text.replace("convert-onnx-to-linalg", "convert-onnx-to-linalg{runtime-checks=false}")
        if profile and name == "linalg":
            text = text[:-1] + ", instrument-profile)"
        run_pipeline(module, text)
        if on_stage is not None:
            on_stage(name, module)
        if name == upto:
            return module
    return lower_to_llvm(module, upto=upto, on_stage=on_stage, cpu=cpu, num_threads=num_threads)
