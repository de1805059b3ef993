// onnx-canonicalize: local simplifications (upstream canonicalize cannot touch IRDL ops).
// RUN: onnx-mlir-opt %s --split-input-file --onnx-canonicalize --onnx-dce | FileCheck %s

// CHECK-LABEL: func.func @no_ops
// CHECK-NEXT:    return %arg0 : tensor<2x3xf32>
func.func @no_ops(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "onnx.identity"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = "onnx.cast"(%0) {to = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %s = "onnx.constant"() {value = dense<[2, 3]> : tensor<2xi64>} : () -> tensor<2xi64>
  %2 = "onnx.reshape"(%1, %s) : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<2x3xf32>
  %one = "onnx.constant"() {value = dense<1.0> : tensor<f32>} : () -> tensor<f32>
  %3 = "onnx.mul"(%2, %one) : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %zero = "onnx.constant"() {value = dense<0.0> : tensor<1x1xf32>} : () -> tensor<1x1xf32>
  %4 = "onnx.add"(%zero, %3) : (tensor<1x1xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %5 = "onnx.concat"(%4) {axis = 0 : i64, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %5 : tensor<2x3xf32>
}

// -----

// A neutral constant that broadcasts x to a bigger shape is not a no-op.
// CHECK-LABEL: func.func @broadcasting_one
// CHECK:         "onnx.mul"
func.func @broadcasting_one(%x: tensor<3xf32>) -> tensor<2x3xf32> {
  %one = "onnx.constant"() {value = dense<1.0> : tensor<2x1xf32>} : () -> tensor<2x1xf32>
  %0 = "onnx.mul"(%x, %one) : (tensor<3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_chain
// CHECK:         %[[S:.*]] = "onnx.constant"() {value = dense<[4, 6]> : tensor<2xi64>}
// CHECK-NEXT:    %[[R:.*]] = "onnx.reshape"(%arg0, %[[S]]) : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<4x6xf32>
// CHECK-NEXT:    return %[[R]]
func.func @reshape_chain(%x: tensor<2x3x4xf32>) -> tensor<4x6xf32> {
  %s1 = "onnx.constant"() {value = dense<[6, 4]> : tensor<2xi64>} : () -> tensor<2xi64>
  %r1 = "onnx.reshape"(%x, %s1) : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<6x4xf32>
  %s2 = "onnx.constant"() {value = dense<[4, 6]> : tensor<2xi64>} : () -> tensor<2xi64>
  %r2 = "onnx.reshape"(%r1, %s2) : (tensor<6x4xf32>, tensor<2xi64>) -> tensor<4x6xf32>
  return %r2 : tensor<4x6xf32>
}

// -----

// Dropout in inference: the data passes through, the mask is all true.
// CHECK-LABEL: func.func @dropout
// CHECK:         %[[MASK:.*]] = "onnx.constant"() {value = dense<true> : tensor<2x3xi1>}
// CHECK-NEXT:    return %arg0, %[[MASK]]
func.func @dropout(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xi1>) {
  %y, %m = "onnx.dropout"(%x) {operandSegmentSizes = array<i32: 1, 0, 0>, resultSegmentSizes = array<i32: 1, 1>} : (tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xi1>)
  return %y, %m : tensor<2x3xf32>, tensor<2x3xi1>
}

// -----

// Training mode (not a constant false) keeps the Dropout.
// CHECK-LABEL: func.func @dropout_training
// CHECK:         "onnx.dropout"
func.func @dropout_training(%x: tensor<2x3xf32>, %t: tensor<i1>) -> tensor<2x3xf32> {
  %y = "onnx.dropout"(%x, %t) {operandSegmentSizes = array<i32: 1, 0, 1>, resultSegmentSizes = array<i32: 1, 0>} : (tensor<2x3xf32>, tensor<i1>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// Reshape-like ops of constants fold without evaluation; identical constants merge; Sum of two
// operands is an Add.
// CHECK-LABEL: func.func @constants
// CHECK-DAG:     %[[C:.*]] = "onnx.constant"() {value = dense<{{\[\[}}1, 2, 3]]> : tensor<1x3xi64>}
// CHECK-DAG:     %[[K:.*]] = "onnx.constant"() {value = dense<[1, 2, 3]> : tensor<3xi64>}
// CHECK:         %[[A:.*]] = "onnx.add"(%[[K]], %[[K]])
// CHECK:         return %[[C]], %[[A]]
func.func @constants() -> (tensor<1x3xi64>, tensor<3xi64>) {
  %c = "onnx.constant"() {value = dense<[1, 2, 3]> : tensor<3xi64>} : () -> tensor<3xi64>
  %axes = "onnx.constant"() {value = dense<0> : tensor<1xi64>} : () -> tensor<1xi64>
  %u = "onnx.unsqueeze"(%c, %axes) : (tensor<3xi64>, tensor<1xi64>) -> tensor<1x3xi64>
  %d = "onnx.constant"() {value = dense<[1, 2, 3]> : tensor<3xi64>} : () -> tensor<3xi64>
  %s = "onnx.sum"(%c, %d) {operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi64>
  return %u, %s : tensor<1x3xi64>, tensor<3xi64>
}

// -----

// Gemm with transB and a constant B: B goes through a Transpose (folded by onnx-constant-fold)
// and the Gemm loses transB; a run-time B keeps transB.
// CHECK-LABEL: func.func @gemm_constant_trans_b
// CHECK:         %[[W:.*]] = "onnx.constant"
// CHECK:         %[[T:.*]] = "onnx.transpose"(%[[W]]) {perm = [1, 0]} : (tensor<3x2xf32>) -> tensor<2x3xf32>
// CHECK:         "onnx.gemm"(%arg0, %[[T]]) : (tensor<4x2xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
// CHECK:         "onnx.gemm"(%arg0, %arg1) {transB = 1 : si64}
func.func @gemm_constant_trans_b(%a: tensor<4x2xf32>, %b: tensor<3x2xf32>) -> (tensor<4x3xf32>, tensor<4x3xf32>) {
  %w = "onnx.constant"() {value = dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf32>} : () -> tensor<3x2xf32>
  %y = "onnx.gemm"(%a, %w) {transB = 1 : si64} : (tensor<4x2xf32>, tensor<3x2xf32>) -> tensor<4x3xf32>
  %z = "onnx.gemm"(%a, %b) {transB = 1 : si64} : (tensor<4x2xf32>, tensor<3x2xf32>) -> tensor<4x3xf32>
  return %y, %z : tensor<4x3xf32>, tensor<4x3xf32>
}
