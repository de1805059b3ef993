// RUN: onnx-mlir-opt %s | onnx-mlir-opt | filecheck %s

// Generic-form onnx ops parse, verify and print back unchanged: optional operands, variadic
// operands and results, attributes of every kind, sequence types and subgraph regions.

// CHECK-LABEL: func.func @ops
func.func @ops(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %c: tensor<i1>, %s: !onnx.seq<tensor<2xf32>>) -> tensor<1x4x6x6xf32> {
  // CHECK: "onnx.conv"(%{{.*}}, %{{.*}}) {dilations = [1, 1], group = 1 : i64, pads = [0, 0, 0, 0]}
  %0 = "onnx.conv"(%x, %w) {dilations = [1, 1], group = 1 : i64, pads = [0, 0, 0, 0]} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  // CHECK: "onnx.leaky_relu"(%{{.*}}) {alpha = 2.000000e-01 : f32}
  %1 = "onnx.leaky_relu"(%0) {alpha = 0.2 : f32} : (tensor<1x4x6x6xf32>) -> tensor<1x4x6x6xf32>
  // CHECK: "onnx.constant"() {value = dense<[1, 2]> : tensor<2xi64>}
  %2 = "onnx.constant"() {value = dense<[1, 2]> : tensor<2xi64>} : () -> tensor<2xi64>
  // CHECK: "onnx.sequence_length"(%{{.*}}) : (!onnx.seq<tensor<2xf32>>) -> tensor<i64>
  %3 = "onnx.sequence_length"(%s) : (!onnx.seq<tensor<2xf32>>) -> tensor<i64>
  // CHECK: "onnx.if"(%{{.*}}) ({
  // CHECK:   smt.yield
  %4 = "onnx.if"(%c) ({
    smt.yield %1 : tensor<1x4x6x6xf32>
  }, {
    smt.yield %0 : tensor<1x4x6x6xf32>
  }) {resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<i1>) -> tensor<1x4x6x6xf32>
  return %4 : tensor<1x4x6x6xf32>
}
