// RUN: onnx-mlir-opt --convert-onnx-to-linalg --verify-diagnostics --split-input-file %s

func.func @slice_dynamic_length_starts(%x: tensor<4x5xf32>, %s: tensor<?xi64>, %e: tensor<?xi64>) -> tensor<?x?xf32> {
  // expected-error @+1 {{Slice starts must be a constant or have a static length}}
  %0 = "onnx.slice"(%x, %s, %e) {operandSegmentSizes = array<i32: 1, 1, 1, 0, 0>} : (tensor<4x5xf32>, tensor<?xi64>, tensor<?xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @pad_bad_mode(%x: tensor<4xf32>) -> tensor<6xf32> {
  %p = "onnx.constant"() {value = dense<[1, 1]> : tensor<2xi64>} : () -> tensor<2xi64>
  // expected-error @+1 {{unsupported Pad mode 'mirror'}}
  %0 = "onnx.pad"(%x, %p) {mode = "mirror", operandSegmentSizes = array<i32: 1, 1, 0, 0>} : (tensor<4xf32>, tensor<2xi64>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

func.func @depth_to_space_channels(%x: tensor<1x6x2x2xf32>) -> tensor<1x?x4x4xf32> {
  // expected-error @+1 {{the channel count 6 is not a multiple of 4 (blocksize squared)}}
  %0 = "onnx.depth_to_space"(%x) {blocksize = 2 : i64} : (tensor<1x6x2x2xf32>) -> tensor<1x?x4x4xf32>
  return %0 : tensor<1x?x4x4xf32>
}

// -----

// Sizes from constant operands that make no shape are located errors (found by tools/fuzz;
// the pattern used to raise an untyped MLIRError building the type).
func.func @split_negative_size(%x: tensor<2x5xf32>) -> (tensor<2x2xf32>, tensor<2x3xf32>) {
  %s = "onnx.constant"() {value = dense<[7, -2]> : tensor<2xi64>} : () -> tensor<2xi64>
  // expected-error @+1 {{failed to legalize operation 'onnx.split': Split sizes must not be negative, got [7, -2]}}
  %0:2 = "onnx.split"(%x, %s) {axis = 1 : i64, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<2x5xf32>, tensor<2xi64>) -> (tensor<2x2xf32>, tensor<2x3xf32>)
  return %0#0, %0#1 : tensor<2x2xf32>, tensor<2x3xf32>
}

// -----

func.func @pad_beyond_int64(%x: tensor<2x3xf32>) -> tensor<?x3xf32> {
  %p = "onnx.constant"() {value = dense<[9223372036854775807, 0, 1, 0]> : tensor<4xi64>} : () -> tensor<4xi64>
  // expected-error @+1 {{failed to legalize operation 'onnx.pad': computed shape [9223372036854775810, 3] has a dim beyond int64}}
  %0 = "onnx.pad"(%x, %p) {operandSegmentSizes = array<i32: 1, 1, 0, 0>} : (tensor<2x3xf32>, tensor<4xi64>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}
