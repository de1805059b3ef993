// RUN: onnx-mlir-opt %s --split-input-file --verify-diagnostics --canonicalize
// RUN: onnx-mlir-opt %s --split-input-file --verify-diagnostics --convert-onnx-to-linalg

// Found by tools/fuzz: folding a tensor.dim whose constant index is outside the rank aborted the
// process in an assertion of the bindings; it is a located error before any pass runs.
func.func @dim_minus_one(%x: tensor<?x3xf32>) -> index {
  %c = arith.constant -1 : index
  // expected-error @+1 {{'tensor.dim' op index -1 is out of range for a rank-2 operand}}
  %n = tensor.dim %x, %c : tensor<?x3xf32>
  return %n : index
}

// -----

// A malformed onnx_mlir.declared_dims attribute (hand-written IR) is ignored, not an internal
// error: the declared size stays and is what the lowering produces.
func.func @declared_dims_malformed(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "onnx.relu"(%x) {onnx_mlir.declared_dims = [array<i1024: 0>]} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
