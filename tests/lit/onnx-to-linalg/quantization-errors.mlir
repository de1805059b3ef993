// RUN: onnx-mlir-opt --convert-onnx-to-linalg --verify-diagnostics --split-input-file %s

func.func @per_axis_size_mismatch(%x: tensor<2x3xf32>, %s: tensor<4xf32>) -> tensor<2x3xi8> {
  // expected-error @+1 {{per-axis scale has 4 elements for axis 1 of size 3}}
  %0 = "onnx.quantize_linear"(%x, %s) {operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xi8>
  return %0 : tensor<2x3xi8>
}

// -----

func.func @blocked_count_mismatch(%x: tensor<4x6xi8>, %s: tensor<4x2xf32>) -> tensor<4x6xf32> {
  // expected-error @+1 {{blocked scale has 2 blocks along axis 1, expected 3 (blocks of 2)}}
  %0 = "onnx.dequantize_linear"(%x, %s) {axis = 1 : i64, block_size = 2 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<4x6xi8>, tensor<4x2xf32>) -> tensor<4x6xf32>
  return %0 : tensor<4x6xf32>
}

// -----

func.func @float_output(%x: tensor<4xf32>, %s: tensor<f32>) -> tensor<4xf16> {
  // expected-error @+1 {{QuantizeLinear output must be a 2/4/8/16/32-bit integer tensor, got f16}}
  %0 = "onnx.quantize_linear"(%x, %s) {operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<4xf32>, tensor<f32>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}
