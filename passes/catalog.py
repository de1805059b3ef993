"""Every built-in pass and pipeline, as data (xDSL's ``get_all_passes()`` in spirit).

Passes are ``"module:Class"`` strings, imported on first use; a pass's name and summary are
the class's ``name``/``summary`` (``tests/python/test_pass_catalog.py`` checks that each key
here is its class's name). Pipelines are texts, or ``"module:ATTRIBUTE"`` references to a
module-level text owned by a backend (read on first use). Nothing here imports anything, so
the registry (``registry.py``) that reads this stays a leaf below every stage.

Add a pass: write the class, then one line here (or ``register_pass`` from a plugin).
"""

from __future__ import annotations

PASSES: dict[str, str] = {
    # onnx level (passes/)
    "onnx-verify": "onnx_mlir.passes.verify:OnnxVerifyPass",
    "onnx-dce": "onnx_mlir.passes.dead_code:OnnxDeadCodeEliminationPass",
    "onnx-shape-inference": "onnx_mlir.passes.shape_inference:OnnxShapeInferencePass",
    "onnx-constant-fold": "onnx_mlir.passes.constant_fold:OnnxConstantFoldPass",
    "onnx-decompose": "onnx_mlir.passes.decompose:OnnxDecomposePass",
    "onnx-canonicalize": "onnx_mlir.passes.canonicalize:OnnxCanonicalizePass",
    "onnx-simplify": "onnx_mlir.passes.simplify:OnnxSimplifyPass",
    # onnx -> linalg (lowering/onnx_to_linalg)
    "convert-onnx-to-linalg": "onnx_mlir.lowering.onnx_to_linalg:ConvertOnnxToLinalgPass",
    "instrument-profile": "onnx_mlir.lowering.instrument_profile:InstrumentProfilePass",
    # linalg -> LLVM dialect (lowering/cpu/passes.py)
    "cpu-signless-types": "onnx_mlir.lowering.cpu.passes:CpuSignlessTypesPass",
    "cpu-widen-bool-buffers": "onnx_mlir.lowering.cpu.passes:CpuWidenBoolBuffersPass",
    "cpu-multi-dynamic-expands": "onnx_mlir.lowering.cpu.passes:CpuMultiDynamicExpandsPass",
    "cpu-conv-layout": "onnx_mlir.lowering.cpu.passes:CpuConvLayoutPass",
    "cpu-pad-in-place": "onnx_mlir.lowering.cpu.passes:CpuPadInPlacePass",
    "cpu-conv-schedule": "onnx_mlir.lowering.cpu.passes:CpuConvSchedulePass",
    "cpu-tensor-schedule": "onnx_mlir.lowering.cpu.passes:CpuTensorSchedulePass",
    "cpu-strided-copies": "onnx_mlir.lowering.cpu.passes:CpuStridedCopiesPass",
    "cpu-fuse-elementwise": "onnx_mlir.lowering.cpu.passes:CpuFuseElementwisePass",
    "cpu-math-approximations": "onnx_mlir.lowering.cpu.passes:CpuMathApproximationsPass",
    "cpu-reassociate-reductions": "onnx_mlir.lowering.cpu.passes:CpuReassociateReductionsPass",
    "cpu-results-to-out-params": "onnx_mlir.lowering.cpu.passes:CpuResultsToOutParamsPass",
    "cpu-vector-schedule": "onnx_mlir.lowering.cpu.passes:CpuVectorSchedulePass",
    "cpu-plan-memory": "onnx_mlir.lowering.cpu.passes:CpuPlanMemoryPass",
    "cpu-check-supported": "onnx_mlir.lowering.cpu.passes:CpuCheckSupportedPass",
    "cpu-emit-c-interface": "onnx_mlir.lowering.cpu.passes:CpuEmitCInterfacePass",
    "cpu-target": "onnx_mlir.lowering.cpu.passes:CpuTargetPass",
    "cpu-externalize-weights": "onnx_mlir.lowering.cpu.passes:CpuExternalizeWeightsPass",
    "cpu-readonly-inputs": "onnx_mlir.lowering.cpu.passes:CpuReadonlyInputsPass",
    "cpu-split-empty-tensors": "onnx_mlir.lowering.cpu.passes:CpuSplitEmptyTensorsPass",
    "cpu-opaque-sizes": "onnx_mlir.lowering.cpu.passes:CpuOpaqueSizesPass",
    "cpu-simplify-deallocs": "onnx_mlir.lowering.cpu.passes:CpuSimplifyDeallocsPass",
    "cpu-split-blocks-at-loops": "onnx_mlir.lowering.cpu.passes:CpuSplitBlocksAtLoopsPass",
    "cpu-outline-kernels": "onnx_mlir.lowering.cpu.outline_kernels:CpuOutlineKernelsPass",
    # linalg -> Triton kernels (lowering/gpu)
    "gpu-group-kernels": "onnx_mlir.lowering.gpu.grouping:GpuGroupKernelsPass",
    "gpu-emit-triton": "onnx_mlir.lowering.gpu.pipeline:GpuEmitTritonPass",
}

# name -> (pipeline text, summary)
PIPELINES: dict[str, tuple[str, str]] = {
    "onnx-to-cpu": ("builtin.module(onnx-dce, convert-onnx-to-linalg, linalg-to-cpu)",
                    "onnx dialect -> LLVM dialect for the CPU"),
    "linalg-to-triton": ("builtin.module(gpu-group-kernels, gpu-emit-triton)",
                         "linalg on tensors -> outlined kernels with generated Triton source"),
    "onnx-to-triton": ("builtin.module(onnx-dce, convert-onnx-to-linalg{runtime-checks=false}, "
                       "canonicalize, cse, linalg-to-triton)",
                       "onnx dialect -> outlined kernels with generated Triton source"),
}

# name -> ("module:ATTRIBUTE" of a pipeline text a backend owns, summary)
PIPELINE_REFERENCES: dict[str, tuple[str, str]] = {
    "cpu-schedule": ("onnx_mlir.lowering.cpu.stages:SCHEDULE_PIPELINE", "CPU backend stage 'schedule'"),
    "cpu-bufferize": ("onnx_mlir.lowering.cpu.stages:BUFFERIZE_PIPELINE", "CPU backend stage 'bufferize'"),
    "cpu-loops": ("onnx_mlir.lowering.cpu.stages:LOOPS_PIPELINE", "CPU backend stage 'loops'"),
    "cpu-llvm": ("onnx_mlir.lowering.cpu.stages:LLVM_PIPELINE", "CPU backend stage 'llvm'"),
    "linalg-to-cpu": ("onnx_mlir.lowering.cpu.stages:LINALG_TO_CPU_PIPELINE",
                      "linalg on tensors -> LLVM dialect (schedule, bufferize, loops, llvm)"),
}

# Modules whose import registers lowering patterns (``passes/lowering_patterns.py``): asked for
# when a pass needs to know which ops have a lowering.
PATTERN_MODULES: tuple[str, ...] = ("onnx_mlir.lowering.onnx_to_linalg",)
