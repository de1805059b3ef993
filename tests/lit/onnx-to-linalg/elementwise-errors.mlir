// RUN: onnx-mlir-opt --convert-onnx-to-linalg --verify-diagnostics --split-input-file %s

func.func @sin_int(%a: tensor<2xi32>) -> tensor<2xi32> {
  // expected-error @+1 {{failed to legalize operation 'onnx.sin': onnx.sin needs a float element type, got i32}}
  %0 = "onnx.sin"(%a) : (tensor<2xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

func.func @bitcast_width(%a: tensor<2xf32>) -> tensor<2xi64> {
  // expected-error @+1 {{failed to legalize operation 'onnx.bit_cast': BitCast needs types of the same bit width}}
  %0 = "onnx.bit_cast"(%a) {to = 7 : i64} : (tensor<2xf32>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

func.func @and_ints(%a: tensor<2xi32>) -> tensor<2xi32> {
  // expected-error @+1 {{failed to legalize operation 'onnx.and': onnx.and needs bool operands, got i32}}
  %0 = "onnx.and"(%a, %a) : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

func.func @gelu_bad_mode(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{failed to legalize operation 'onnx.gelu': Gelu approximate must be 'none' or 'tanh', got 'erf'}}
  %0 = "onnx.gelu"(%a) {approximate = "erf"} : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @cast_complex(%a: tensor<2xf32>) -> tensor<2xcomplex<f32>> {
  // expected-error @+1 {{failed to legalize operation 'onnx.cast': Cast to complex<f32> is not supported}}
  %0 = "onnx.cast"(%a) {to = 14 : i64} : (tensor<2xf32>) -> tensor<2xcomplex<f32>>
  return %0 : tensor<2xcomplex<f32>>
}

// -----

func.func @mean_int(%a: tensor<2xi32>) -> tensor<2xi32> {
  // expected-error @+1 {{failed to legalize operation 'onnx.mean': Mean needs a float element type, got i32}}
  %0 = "onnx.mean"(%a, %a) {operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}
