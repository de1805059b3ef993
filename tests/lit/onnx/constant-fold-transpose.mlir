// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(onnx-constant-fold{max-elements=4}, onnx-dce)" | FileCheck %s
// A constant above the size limit with other users is not duplicated by folding (Neg, Abs), except
// through Transpose: running it would make the same copy on every call (a tied embedding used
// transposed as the LM head's weight).

// CHECK-LABEL: func.func @shared_weight
// CHECK-DAG:     %[[W:.*]] = "onnx.constant"() {value = dense<{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>}
// CHECK-DAG:     %[[WT:.*]] = "onnx.constant"() {value = dense<{{\[\[}}1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>}
// CHECK-DAG:     %[[NEG:.*]] = "onnx.neg"(%[[W]])
// CHECK-DAG:     %[[ABS:.*]] = "onnx.abs"(%[[W]])
// CHECK-NOT:     onnx.transpose
// CHECK:         return %[[WT]], %[[NEG]], %[[ABS]]
func.func @shared_weight() -> (tensor<3x2xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %w = "onnx.constant"() {value = dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>} : () -> tensor<2x3xf32>
  %t = "onnx.transpose"(%w) {perm = [1, 0]} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %n = "onnx.neg"(%w) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %a = "onnx.abs"(%w) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %t, %n, %a : tensor<3x2xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}
