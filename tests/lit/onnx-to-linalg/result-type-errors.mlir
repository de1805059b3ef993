// RUN: onnx-mlir-opt --convert-onnx-to-linalg --verify-diagnostics --split-input-file %s

// A result type whose static dims (or rank) disagree with what the op computes is rejected at
// the op, never trusted: building the result from the type would return the wrong tensor.

func.func @elementwise_static_dim(%x: tensor<2x3xf32>) -> tensor<2x5xf32> {
  // expected-error @+1 {{failed to legalize operation 'onnx.relu': result #0 is computed as tensor<2x3xf32> but typed tensor<2x5xf32>}}
  %0 = "onnx.relu"(%x) : (tensor<2x3xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

func.func @elementwise_rank(%x: tensor<2x3xf32>) -> tensor<6xf32> {
  // expected-error @+1 {{failed to legalize operation 'onnx.sigmoid': result #0 is computed as tensor<2x3xf32> but typed tensor<6xf32>}}
  %0 = "onnx.sigmoid"(%x) : (tensor<2x3xf32>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

// Expand builds its result from the static result type: the constant shape operand is checked.
func.func @expand_constant_shape(%x: tensor<3x1xf32>) -> tensor<2x3x5xf32> {
  %s = "onnx.constant"() {value = dense<[2, 3, 7]> : tensor<3xi64>} : () -> tensor<3xi64>
  // expected-error @+1 {{failed to legalize operation 'onnx.expand': result axis 2 has size 7, but its type says 5}}
  %0 = "onnx.expand"(%x, %s) : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

// (was a verifier error on the tensor.cast the pattern built)
func.func @transpose(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{failed to legalize operation 'onnx.transpose': lowered result tensor<3x2xf32> does not match tensor<2x3xf32>}}
  %0 = "onnx.transpose"(%x) {perm = [1, 0]} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Only static-ness differs: refined with a tensor.cast, no error.
func.func @refined(%x: tensor<?x3xf32>) -> tensor<2x3xf32> {
  %0 = "onnx.relu"(%x) : (tensor<?x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
