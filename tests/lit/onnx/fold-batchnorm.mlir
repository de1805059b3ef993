// onnx-canonicalize: an inference BatchNormalization after a Conv with constant weights is folded
// into the Conv's weights and bias (W' = W * s, B' = (B - mean) * s + beta, s = scale / sqrt(var + eps)).
// RUN: onnx-mlir-opt %s --split-input-file --onnx-canonicalize --onnx-dce | FileCheck %s

// scale [2, 6], var [3, 8], epsilon 1: s = [2 / sqrt(4), 6 / sqrt(9)] = [1, 2], so
// W' = [1, 2] * s = [1, 4]; B' = ([1, 2] - [4, 4]) * s + [10, 20] = [7, 16].
// CHECK-LABEL: func.func @conv_bn
// CHECK-DAG: %[[W:.*]] = "onnx.constant"() {value = dense<{{\[\[\[\[}}1.000000e+00]]], {{\[\[\[}}4.000000e+00]]]]> : tensor<2x1x1x1xf32>}
// CHECK-DAG: %[[B:.*]] = "onnx.constant"() {value = dense<[7.000000e+00, 1.600000e+01]> : tensor<2xf32>}
// CHECK: %[[Y:.*]] = "onnx.conv"(%arg0, %[[W]], %[[B]]) {pads = [0, 0, 0, 0]}
// CHECK-NOT: onnx.batch_normalization
// CHECK: return %[[Y]]
func.func @conv_bn(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = "onnx.constant"() {value = dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>} : () -> tensor<2x1x1x1xf32>
  %b = "onnx.constant"() {value = dense<[1.0, 2.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %c = "onnx.conv"(%x, %w, %b) {pads = [0, 0, 0, 0]} : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %scale = "onnx.constant"() {value = dense<[2.0, 6.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %beta = "onnx.constant"() {value = dense<[10.0, 20.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %mean = "onnx.constant"() {value = dense<[4.0, 4.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %var = "onnx.constant"() {value = dense<[3.0, 8.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %y = "onnx.batch_normalization"(%c, %scale, %beta, %mean, %var) {epsilon = 1.0 : f32, resultSegmentSizes = array<i32: 1, 0, 0>} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %y : tensor<1x2x4x4xf32>
}

// -----

// The Conv has another user: nothing is folded (the unnormalized result is still needed).
// CHECK-LABEL: func.func @conv_used_twice
// CHECK: "onnx.conv"
// CHECK: "onnx.batch_normalization"
func.func @conv_used_twice(%x: tensor<1x1x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) {
  %w = "onnx.constant"() {value = dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>} : () -> tensor<2x1x1x1xf32>
  %c = "onnx.conv"(%x, %w) {pads = [0, 0, 0, 0]} : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %p = "onnx.constant"() {value = dense<[2.0, 3.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %y = "onnx.batch_normalization"(%c, %p, %p, %p, %p) {epsilon = 1.0 : f32, resultSegmentSizes = array<i32: 1, 0, 0>} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %y, %c : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>
}

// -----

// Weights computed at run time: not folded.
// CHECK-LABEL: func.func @runtime_weights
// CHECK: "onnx.batch_normalization"
func.func @runtime_weights(%x: tensor<1x1x4x4xf32>, %w: tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32> {
  %c = "onnx.conv"(%x, %w) {pads = [0, 0, 0, 0]} : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %p = "onnx.constant"() {value = dense<[2.0, 3.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %y = "onnx.batch_normalization"(%c, %p, %p, %p, %p) {epsilon = 1.0 : f32, resultSegmentSizes = array<i32: 1, 0, 0>} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %y : tensor<1x2x4x4xf32>
}
