// example-fuse-gelu replaces the Erf-based GELU subgraph (either association of the 0.5 factor,
// Mul by 1/sqrt(2) instead of Div by sqrt(2)) with example.fused_gelu; anything else is kept.
// RUN: onnx-mlir-opt %s --split-input-file --example-fuse-gelu | FileCheck %s

// CHECK-LABEL: func.func @div_form
// CHECK-NEXT:    %[[C:.*]] = "onnx.constant"
// CHECK:         %[[G:.*]] = "example.fused_gelu"(%arg0) : (tensor<2x8xf32>) -> tensor<2x8xf32>
// CHECK-NOT:     onnx.erf
// CHECK:         return %[[G]]
func.func @div_form(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %sqrt2 = "onnx.constant"() {value = dense<1.41421354> : tensor<f32>} : () -> tensor<f32>
  %one = "onnx.constant"() {value = dense<1.0> : tensor<f32>} : () -> tensor<f32>
  %half = "onnx.constant"() {value = dense<0.5> : tensor<f32>} : () -> tensor<f32>
  %0 = "onnx.div"(%x, %sqrt2) : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  %1 = "onnx.erf"(%0) : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %2 = "onnx.add"(%1, %one) : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  %3 = "onnx.mul"(%x, %2) : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %4 = "onnx.mul"(%3, %half) : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  return %4 : tensor<2x8xf32>
}

// -----

// CHECK-LABEL: func.func @half_first
// CHECK:         "example.fused_gelu"(%arg0)
// CHECK-NOT:     onnx.mul
func.func @half_first(%x: tensor<4xf32>) -> tensor<4xf32> {
  %inv = "onnx.constant"() {value = dense<0.707106769> : tensor<f32>} : () -> tensor<f32>
  %one = "onnx.constant"() {value = dense<1.0> : tensor<f32>} : () -> tensor<f32>
  %half = "onnx.constant"() {value = dense<0.5> : tensor<f32>} : () -> tensor<f32>
  %0 = "onnx.mul"(%inv, %x) : (tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = "onnx.erf"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "onnx.add"(%one, %1) : (tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
  %h = "onnx.mul"(%half, %x) : (tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = "onnx.mul"(%h, %2) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %3 : tensor<4xf32>
}

// -----

// A different constant (0.4 instead of 0.5), or an intermediate used elsewhere: not GELU.
// CHECK-LABEL: func.func @not_gelu
// CHECK-NOT:     example.fused_gelu
// CHECK:         onnx.erf
func.func @not_gelu(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %sqrt2 = "onnx.constant"() {value = dense<1.41421354> : tensor<f32>} : () -> tensor<f32>
  %one = "onnx.constant"() {value = dense<1.0> : tensor<f32>} : () -> tensor<f32>
  %half = "onnx.constant"() {value = dense<0.4> : tensor<f32>} : () -> tensor<f32>
  %0 = "onnx.div"(%x, %sqrt2) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %1 = "onnx.erf"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "onnx.add"(%1, %one) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %3 = "onnx.mul"(%x, %2) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %4 = "onnx.mul"(%3, %half) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %4, %2 : tensor<4xf32>, tensor<4xf32>
}
