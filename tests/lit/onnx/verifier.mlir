// RUN: onnx-mlir-opt %s --split-input-file --verify-diagnostics

// The IRDL verifier of the onnx dialect: arity, tensor operands, required attributes.

func.func @wrong_arity(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{expects exactly 2 operands, but got 1}}
  %0 = "onnx.add"(%a) : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @non_tensor_operand(%a: tensor<2xf32>, %b: f32) -> tensor<2xf32> {
  // expected-error @+1 {{expected base type 'builtin.tensor' but got 'builtin.f32'}}
  %0 = "onnx.add"(%a, %b) : (tensor<2xf32>, f32) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @missing_required_attribute(%a: tensor<2xf32>) -> tensor<2xi64> {
  // expected-error @+1 {{attribute "to" is expected but not provided}}
  %0 = "onnx.cast"(%a) : (tensor<2xf32>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

func.func @wrong_result_count(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{expects exactly 1 results, but got 2}}
  %0:2 = "onnx.relu"(%a) : (tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>)
  return %0#0 : tensor<2xf32>
}

// -----

func.func @missing_segment_sizes(%a: tensor<2xf32>, %m: tensor<f32>) -> tensor<2xf32> {
  // expected-error @+1 {{'operandSegmentSizes' attribute is expected but not provided}}
  %0 = "onnx.clip"(%a, %m) : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
