"""The CPU pipeline's driver: ``lower_to_llvm`` runs the stages of stages.py in order.

The stage texts are in stages.py, the project passes they name (``cpu-*``) in passes.py.
"""

from __future__ import annotations

from typing import Callable

from mlir import ir

from .stages import STAGES


def lower_to_llvm(module: ir.Module, *, upto: str = "llvm",
                  on_stage: Callable[[str, ir.Module], None] | None = None,
                  cpu: str | None = None, num_threads: int | None = None,
                  after: str = "linalg") -> ir.Module:
    """Lower ``module`` (linalg on tensors) in place, stage by stage, stopping after ``upto``.

    ``on_stage(name, module)`` is called after each stage (e.g. to print the IR).  ``cpu`` is
    the CPU the code is for (``host``, ``avx2``, ``avx512``, ``<llvm cpu>[:+f,-g]``, see
    target.py; default ``$ONNX_MLIR_CPU_FEATURES``, else the host): anything but the host adds
    ``cpu-target`` at the end of the llvm stage, and the schedules tile for it.  ``num_threads``
    (default ``$ONNX_MLIR_NUM_THREADS``, else the cores the process may use; threads.py): above 1,
    outer tiles run on the async runtime's threads.  Raises
    ``onnx_mlir.errors.CompilationError`` with the MLIR diagnostics when a pass fails.
    ``after`` names the stage ``module`` is at (``linalg``, or a CPU stage for IR that went
    through some of them already): the stages up to it are skipped.
    """
    if upto not in STAGES:
        raise ValueError(f"unknown stage '{upto}' (expected one of {', '.join(STAGES)})")
    from ...passes.runner import run_pipeline
    from . import target, threads

    spec = target.spec_from(cpu)
    cpu_target = target.pass_text(spec)  # checked before any work
    n_threads = threads.resolve(num_threads)
    bits = target.vector_bits(target.resolve(spec))
    skipped = list(STAGES)[:list(STAGES).index(after) + 1] if after in STAGES else []
    for name, text in STAGES.items():
        if name in skipped:
            continue
        text = _stage_text(name, text, cpu_target, n_threads, bits)
        run_pipeline(module, text)  # raises CompilationError with the MLIR diagnostics
        if on_stage is not None:
            on_stage(name, module)
        if name == upto:
            break
    return module


def _stage_text(name: str, text: str, cpu_target: str | None, n_threads: int, vector_bits: int) -> str:
    """A stage's pipeline text for a target CPU (``cpu-target{...}`` text, None for the host, and
    the width of its vector registers) and a thread count."""
    from .threads import async_passes

    if name == "schedule":
        options = [f"threads={n_threads}"]
        if cpu_target:  # cpu-target{cpu=X features=...}: the same options
            options.insert(0, cpu_target[len("cpu-target{"):-1])
        text = text.replace("cpu-tensor-schedule",
                            f"cpu-tensor-schedule{{vector-bits={vector_bits} threads={n_threads}}}")
        return text.replace("cpu-conv-schedule", "cpu-conv-schedule{" + " ".join(options) + "}")
    if name == "loops" and n_threads > 1:
        assert text.endswith("convert-scf-to-cf)")  # scf.parallel must not become plain loops
        return text[:-len("convert-scf-to-cf)")] + f"{async_passes(n_threads)}, convert-scf-to-cf)"
    if name == "llvm" and cpu_target:
        return text[:-1] + f", {cpu_target})"
    return text
