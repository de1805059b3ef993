// Malformed onnx ops in textual IR (what IRDL does not verify) are located errors before any
// project pass runs: exit 1, never an internal error or an abort.
// RUN: onnx-mlir-opt %s --split-input-file --convert-onnx-to-linalg --verify-diagnostics
// RUN: not onnx-mlir-opt %s --split-input-file --onnx-simplify 2>&1 | filecheck %s
// CHECK-NOT: internal error
// CHECK-NOT: Traceback
// CHECK: malformed-onnx-ops.mlir:[[# @LINE + 4]]:8: error: 'onnx.conv' op attribute 'pads' must be an array of integers, got "abc"

func.func @string_pads(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<1x1x4x4xf32> {
  // expected-error @+1 {{'onnx.conv' op attribute 'pads' must be an array of integers, got "abc"}}
  %y = "onnx.conv"(%x, %w) {pads = "abc"} : (tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x4x4xf32>
  return %y : tensor<1x1x4x4xf32>
}

// -----

func.func @float_axis(%a: tensor<2x2xf32>) -> tensor<2x2xf32> {
  // expected-error @+1 {{'onnx.softmax' op attribute 'axis' must be an integer (i64), got 5.000000e-01 : f32}}
  %c = "onnx.softmax"(%a) {axis = 0.5 : f32} : (tensor<2x2xf32>) -> tensor<2x2xf32>
  return %c : tensor<2x2xf32>
}

// -----

func.func @wide_integer_attribute(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'onnx.flatten' op attribute 'axis' must be an integer (i64), got 1 : i1024}}
  %y = "onnx.flatten"(%x) {axis = 1 : i1024} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @i1024_constant() -> tensor<2xi1024> {
  // expected-error @+1 {{'onnx.constant' op attribute 'value': element type i1024 of tensor<2xi1024> is not an ONNX element type}}
  %c = "onnx.constant"() {value = dense<1> : tensor<2xi1024>} : () -> tensor<2xi1024>
  return %c : tensor<2xi1024>
}

// -----

func.func @complex_constant() -> tensor<2xi64> {
  // expected-error @+1 {{'onnx.constant' op attribute 'value' cannot be read (complex numbers are not supported)}}
  %c = "onnx.constant"() {value = dense<[(1.0, 0.0), (2.0, 0.0)]> : tensor<2xcomplex<f32>>} : () -> tensor<2xi64>
  return %c : tensor<2xi64>
}

// -----

func.func @bad_segment_sizes(%x: tensor<4xi8>, %s: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'onnx.dequantize_linear' op 'operandSegmentSizes' must be an array<i32>, got array<i64: 1, 1, 0>}}
  %y = "onnx.dequantize_linear"(%x, %s) {operandSegmentSizes = array<i64: 1, 1, 0>} : (tensor<4xi8>, tensor<f32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// A static 2^40 x 2^40 shape used to abort in LLVM (makeCanonicalStridedLayoutExpr).
func.func @overflowing_shape(%x: tensor<1099511627776x1099511627776xf32>) -> tensor<1099511627776x1099511627776xf32> {
  // expected-error @+1 {{'onnx.relu' op operand #0: tensor<1099511627776x1099511627776xf32> is too large: its 1099511627776x1099511627776 elements overflow a 64-bit element count}}
  %y = "onnx.relu"(%x) : (tensor<1099511627776x1099511627776xf32>) -> tensor<1099511627776x1099511627776xf32>
  return %y : tensor<1099511627776x1099511627776xf32>
}

// -----

func.func @unknown_data_type_code(%x: tensor<3x3xf32>) -> tensor<3x3xf32> {
  // expected-error @+1 {{'onnx.eye_like' op attribute 'dtype' = 2147483648 is not an ONNX data type}}
  %y = "onnx.eye_like"(%x) {dtype = 2147483648 : i64} : (tensor<3x3xf32>) -> tensor<3x3xf32>
  return %y : tensor<3x3xf32>
}
