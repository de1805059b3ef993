// Resize refusals are diagnostics at the onnx op.
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --verify-diagnostics --split-input-file %s

// A dynamic output size on a resized axis cannot be sized.
func.func @dynamic_output(%x: tensor<1x1x4x4xf32>, %s: tensor<4xf32>) -> tensor<1x1x?x8xf32> {
  // expected-error @+1 {{failed to legalize operation 'onnx.resize': Resize needs static input and output sizes on resized axis 2}}
  %0 = "onnx.resize"(%x, %s) {mode = "nearest", operandSegmentSizes = array<i32: 1, 0, 1, 0>} : (tensor<1x1x4x4xf32>, tensor<4xf32>) -> tensor<1x1x?x8xf32>
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
