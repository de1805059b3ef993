"""CPU backend: linalg on tensors -> LLVM dialect.

``stages.py`` holds the stages' pipeline texts, ``passes.py`` the project passes they name
(``cpu-*``), ``pipeline.py`` the driver (``lower_to_llvm``); ``schedules.py`` the transform-dialect
schedules, ``types.py``/``reshapes.py`` rewrites LLVM needs, ``target.py`` the target CPU.
Convolutions: ``conv_layout.py`` (NCHW -> NHWC, with ``layout_moves.py`` moving transposes until
they cancel and ``constant_transpose.py`` permuting constant weights), ``pad_in_place.py``,
``conv_schedules.py`` (tiles per ISA), ``copies.py`` (strided copies as loops); ``threads.py``
the thread count and the async-runtime passes.

``register()`` adds the ``cpu-*`` project passes and the ``linalg-to-cpu`` / ``onnx-to-cpu`` /
``cpu-<stage>`` pipelines to the pass registry.  It imports nothing heavy (classes are registered as
``"module:Class"`` strings), so the registry may call it at import time.
"""

from __future__ import annotations

_registered = False

# The passes by name (classes in passes.py, registered as strings so that registering does not
# import the MLIR-heavy modules).
_PASSES = {
    "cpu-signless-types": ("CpuSignlessTypesPass",
                           "Rewrite uiN/siN types to signless iN (function signatures keep onnx.element_type)"),
    "cpu-widen-bool-buffers": ("CpuWidenBoolBuffersPass",
                               "i1/i2/i4 memrefs become i8 memrefs; loads truncate, stores zero-extend"),
    "cpu-multi-dynamic-expands": ("CpuMultiDynamicExpandsPass",
                                  "expand_shape groups with several dynamic sizes -> tensor.reshape"),
    "cpu-conv-layout": ("CpuConvLayoutPass",
                        "NCHW convs/pools -> NHWC forms; constant filters permuted; transposes moved to cancel"),
    "cpu-pad-in-place": ("CpuPadInPlacePass",
                         "tensor.pad -> fill + insert_slice (the producer writes into the padded buffer)"),
    "cpu-conv-schedule": ("CpuConvSchedulePass",
                          "Tile, decompose and vectorize channels-last convs/pools for the target ISA"),
    "cpu-tensor-schedule": ("CpuTensorSchedulePass",
                            "Tile and vectorize matmul-like linalg ops on tensors (transform schedule)"),
    "cpu-results-to-out-params": ("CpuResultsToOutParamsPass",
                                  "Static results of public functions become out-params"),
    "cpu-strided-copies": ("CpuStridedCopiesPass",
                           "memref.copy with a strided operand -> linalg.copy (loops, not memrefCopy)"),
    "cpu-vector-schedule": ("CpuVectorSchedulePass",
                            "Hoist accumulators and lower vector contractions (bufferized IR)"),
    "cpu-check-supported": ("CpuCheckSupportedPass",
                            "Report ops the LLVM lowering cannot handle (sub-byte memref accesses)"),
    "cpu-emit-c-interface": ("CpuEmitCInterfacePass", "Mark public functions llvm.emit_c_interface"),
    "cpu-target": ("CpuTargetPass",
                   "Compile llvm.funcs for a CPU/ISA: cpu=host|avx2|avx512|<llvm cpu> features=+a,-b"),
    "cpu-readonly-inputs": ("CpuReadonlyInputsPass",
                            "Tensor arguments of public functions are not writable (copied instead)"),
}


def register() -> None:
    """Register the CPU passes and pipelines (idempotent)."""
    global _registered
    if _registered:
        return
    from ...passes.registry import register_pass, register_pipeline
    from .stages import LINALG_TO_CPU_PIPELINE, STAGES

    for name, (cls, summary) in _PASSES.items():
        register_pass(name, f"onnx_mlir.lowering.cpu.passes:{cls}", summary)
    for stage, text in STAGES.items():
        register_pipeline(f"cpu-{stage}", text, f"CPU backend stage '{stage}'")
    register_pipeline("linalg-to-cpu", LINALG_TO_CPU_PIPELINE,
                      "linalg on tensors -> LLVM dialect (schedule, bufferize, loops, llvm)")
    register_pipeline("onnx-to-cpu", "builtin.module(onnx-dce, convert-onnx-to-linalg, linalg-to-cpu)",
                      "onnx dialect -> LLVM dialect for the CPU")
    _registered = True
