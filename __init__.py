"""onnx-mlir-py: an ONNX compiler in Python on MLIR."""
