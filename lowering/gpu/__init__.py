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
launches the kernels in order.  The ``gpu-*`` passes and the
``onnx-to-triton`` / ``linalg-to-triton`` pipelines are listed in the pass catalog
(``passes/catalog.py``).
"""
