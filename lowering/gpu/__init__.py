"""GPU backend: linalg on tensors -> fused Triton kernels launched from Python.

Stages (each runnable on its own by ``onnx-mlir-opt``):

``gpu-group-kernels``  (grouping.py; steps in classification.py, kernel_groups.py, outlining.py)
                       generalizes the non-anchor named linalg ops, groups ops into kernels and
                       outlines each group into a private ``func.func`` carrying
                       ``onnx_mlir.kernel_kind`` (``pointwise``, ``reduction``, ``matmul``, ``conv``,
                       ``host``); ``@main_graph`` becomes calls in graph order.
``gpu-emit-triton``    (pipeline.py, codegen/) generates one Triton kernel per outlined function and
                       attaches its source and launch parameters as attributes.

The runtime (``runtime/gpu_model.py``) writes the sources to content-hashed files, imports them and
launches the kernels in order.  ``register()`` adds the ``gpu-*`` passes and the
``onnx-to-triton`` / ``linalg-to-triton`` pipelines to the registry without importing MLIR-heavy
modules.
"""

from __future__ import annotations

_registered = False

_PASSES = {
    "gpu-group-kernels": ("onnx_mlir.lowering.gpu.grouping:GpuGroupKernelsPass",
                          "Group linalg ops into kernels and outline them (onnx_mlir.kernel_kind)"),
    "gpu-emit-triton": ("onnx_mlir.lowering.gpu.pipeline:GpuEmitTritonPass",
                        "Generate the Triton source of each outlined kernel (triton.source attribute)"),
}

LINALG_TO_TRITON = "builtin.module(gpu-group-kernels, gpu-emit-triton)"


def register() -> None:
    """Register the GPU passes and pipelines (idempotent)."""
    global _registered
    if _registered:
        return
    from ...passes.registry import register_pass, register_pipeline

    for name, (target, summary) in _PASSES.items():
        register_pass(name, target, summary)
    register_pipeline("linalg-to-triton", LINALG_TO_TRITON,
                      "linalg on tensors -> outlined kernels with generated Triton source")
    register_pipeline("onnx-to-triton",
                      "builtin.module(onnx-dce, convert-onnx-to-linalg{runtime-checks=false}, canonicalize, cse, "
                      "linalg-to-triton)",
                      "onnx dialect -> outlined kernels with generated Triton source")
    _registered = True
