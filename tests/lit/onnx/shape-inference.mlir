// onnx-shape-inference: dynamic result dims become static where ONNX shape inference (with
// constant operands as initializers, so data propagation sees them) knows them; the function
// signature follows. Static dims and fully dynamic results that ONNX cannot infer stay.
// RUN: onnx-mlir-opt %s --split-input-file --onnx-shape-inference | FileCheck %s

// CHECK-LABEL: func.func @reshape_with_constant_shape
// CHECK-SAME:    -> tensor<6x4xf32>
// CHECK:         "onnx.reshape"(%arg0, %{{.*}}) : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<6x4xf32>
// CHECK:         "onnx.relu"(%{{.*}}) : (tensor<6x4xf32>) -> tensor<6x4xf32>
func.func @reshape_with_constant_shape(%x: tensor<2x3x4xf32>) -> tensor<?x?xf32> {
  %s = "onnx.constant"() {value = dense<[-1, 4]> : tensor<2xi64>} : () -> tensor<2xi64>
  %r = "onnx.reshape"(%x, %s) : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  %y = "onnx.relu"(%r) : (tensor<?x?xf32>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// -----

// Broadcasting refines what the operands determine; the symbolic batch stays dynamic.
// CHECK-LABEL: func.func @partial
// CHECK:         "onnx.add"(%arg0, %arg1) : (tensor<?x4xf32>, tensor<3x1x4xf32>) -> tensor<3x?x4xf32>
// CHECK:         "onnx.transpose"(%arg1) {perm = [2, 0, 1]} : (tensor<3x1x4xf32>) -> tensor<4x3x1xf32>
func.func @partial(%x: tensor<?x4xf32>, %y: tensor<3x1x4xf32>) -> (tensor<?x?x?xf32>, tensor<?x?x?xf32>) {
  %a = "onnx.add"(%x, %y) : (tensor<?x4xf32>, tensor<3x1x4xf32>) -> tensor<?x?x?xf32>
  %t = "onnx.transpose"(%y) {perm = [2, 0, 1]} : (tensor<3x1x4xf32>) -> tensor<?x?x?xf32>
  return %a, %t : tensor<?x?x?xf32>, tensor<?x?x?xf32>
}

// -----

// A shape computed at run time cannot be inferred: the result stays dynamic.
// CHECK-LABEL: func.func @unknown_shape
// CHECK:         "onnx.reshape"(%arg0, %arg1) : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<?x?xf32>
func.func @unknown_shape(%x: tensor<2x3xf32>, %s: tensor<2xi64>) -> tensor<?x?xf32> {
  %r = "onnx.reshape"(%x, %s) : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}
