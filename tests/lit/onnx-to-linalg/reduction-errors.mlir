// Refusals of the reduction, softmax, scan, normalization, loss and einsum lowerings: clear
// diagnostics at the op.
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --verify-diagnostics --split-input-file %s

func.func @dynamic_runtime_axes(%x: tensor<?x2xf32>, %axes: tensor<?xi64>) -> tensor<?xf32> {
  // expected-error @+1 {{failed to legalize operation 'onnx.reduce_sum': axes computed at run time need a static axes length and a ranked result (or static input and result shapes)}}
  %0 = "onnx.reduce_sum"(%x, %axes) {keepdims = 0 : i64} : (tensor<?x2xf32>, tensor<?xi64>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @sum_bool(%x: tensor<2x3xi1>) -> tensor<1x1xi1> {
  // expected-error @+1 {{ReduceSum is not defined on bool tensors}}
  %0 = "onnx.reduce_sum"(%x) : (tensor<2x3xi1>) -> tensor<1x1xi1>
  return %0 : tensor<1x1xi1>
}

// -----

func.func @axis_out_of_range(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %0 = "onnx.softmax"(%x) {axis = 2 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @softmax_int(%x: tensor<2x3xi32>) -> tensor<2x3xi32> {
  // expected-error @+1 {{Softmax is lowered for f16/bf16/f32/f64 only}}
  %0 = "onnx.softmax"(%x) : (tensor<2x3xi32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

func.func @group_norm_groups(%x: tensor<1x6x4xf32>, %s: tensor<6xf32>, %b: tensor<6xf32>) -> tensor<1x6x4xf32> {
  // expected-error @+1 {{num_groups=4 must divide the static channel count 6}}
  %0 = "onnx.group_normalization"(%x, %s, %b) {num_groups = 4 : i64} : (tensor<1x6x4xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<1x6x4xf32>
  return %0 : tensor<1x6x4xf32>
}

// -----

func.func @lp_norm_p3(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{LpNormalization supports p = 1 or 2, got 3}}
  %0 = "onnx.lp_normalization"(%x) {p = 3 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @einsum_bad_rank(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{input 0 'ijk' has 3 labels for rank 2}}
  %0 = "onnx.einsum"(%x) {equation = "ijk->i", operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @det_5x5(%x: tensor<5x5xf32>) -> tensor<f32> {
  // expected-error @+1 {{Det is lowered for matrices up to 4x4, got 5x5}}
  %0 = "onnx.det"(%x) : (tensor<5x5xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @nll_bad_reduction(%x: tensor<3x5xf32>, %t: tensor<3xi64>) -> tensor<f32> {
  // expected-error @+1 {{unknown reduction 'avg'}}
  %0 = "onnx.negative_log_likelihood_loss"(%x, %t) {reduction = "avg"} : (tensor<3x5xf32>, tensor<3xi64>) -> tensor<f32>
  return %0 : tensor<f32>
}
