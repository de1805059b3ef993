// Resize refusals are diagnostics at the onnx op.
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --verify-diagnostics --split-input-file %s

// Antialias derives its kernel width from the sizes at compile time: they must be static.
func.func @dynamic_antialias(%x: tensor<1x1x?x4xf32>, %s: tensor<4xf32>) -> tensor<1x1x?x8xf32> {
  // expected-error @+1 {{failed to legalize operation 'onnx.resize': Resize with antialias needs static input and output sizes on resized axis 2}}
  %0 = "onnx.resize"(%x, %s) {antialias = 1 : i64, mode = "linear", operandSegmentSizes = array<i32: 1, 0, 1, 0>} : (tensor<1x1x?x4xf32>, tensor<4xf32>) -> tensor<1x1x?x8xf32>
  return %0 : tensor<1x1x?x8xf32>
}

// -----

func.func @scales_and_sizes(%x: tensor<1x1x4x4xf32>, %s: tensor<4xf32>, %z: tensor<4xi64>) -> tensor<1x1x8x8xf32> {
  // expected-error @+1 {{Resize needs exactly one of non-empty 'scales' and 'sizes'}}
  %0 = "onnx.resize"(%x, %s, %z) {mode = "nearest", operandSegmentSizes = array<i32: 1, 0, 1, 1>} : (tensor<1x1x4x4xf32>, tensor<4xf32>, tensor<4xi64>) -> tensor<1x1x8x8xf32>
  return %0 : tensor<1x1x8x8xf32>
}

// -----

func.func @bad_mode(%x: tensor<1x1x4x4xf32>, %s: tensor<4xf32>) -> tensor<1x1x8x8xf32> {
  // expected-error @+1 {{unsupported Resize mode 'bilinear'}}
  %0 = "onnx.resize"(%x, %s) {mode = "bilinear", operandSegmentSizes = array<i32: 1, 0, 1, 0>} : (tensor<1x1x4x4xf32>, tensor<4xf32>) -> tensor<1x1x8x8xf32>
  return %0 : tensor<1x1x8x8xf32>
}
