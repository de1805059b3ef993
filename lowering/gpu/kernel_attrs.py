"""The attributes that mark an outlined kernel function.

outlining.py writes them on each private ``func.func`` it creates; the code generator, the GPU
pipeline and the runtime read them.
"""

KIND_ATTR = "onnx_mlir.kernel_kind"  # pointwise, reduction, matmul, conv or host
REASON_ATTR = "onnx_mlir.host_reason"  # why a host kernel cannot run on the GPU
