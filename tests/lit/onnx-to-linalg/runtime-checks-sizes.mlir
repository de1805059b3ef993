// RUN: onnx-mlir-opt --pass-pipeline='builtin.module(convert-onnx-to-linalg, canonicalize, cse)' %s | FileCheck %s

// Sizes flow through guards: the Relu after the guarded Add is sized by the Add's own size value
// (computed before its guard), not by a tensor.dim of the guard's result, so the second Add
// compares the same two sizes again (one condition, %[[OK]]) instead of a new pair, and the else
// branch yields a zero tensor of the same size.
// CHECK-LABEL: func.func @chain
// CHECK-DAG: %[[DA:.*]] = tensor.dim %arg0
// CHECK-DAG: %[[DB:.*]] = tensor.dim %arg1
// CHECK: %[[OK:.*]] = arith.cmpi eq, %[[DB]], %[[DA]] : index
// CHECK: %[[R1:.*]] = scf.if %[[OK]]
// CHECK: } else {
// CHECK: %[[Z:.*]] = tensor.empty(%[[DA]]) : tensor<?x8xf32>
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[Z]]
// CHECK: %[[E:.*]] = tensor.empty(%[[DA]]) : tensor<?x8xf32>
// CHECK: linalg.generic {{.*}} ins(%[[R1]] : tensor<?x8xf32>) outs(%[[E]]
// CHECK: arith.maximumf
// CHECK: scf.if %[[OK]]
// CHECK-NOT: tensor.dim
// CHECK: return
func.func @chain(%a: tensor<?x8xf32>, %b: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %0 = "onnx.add"(%a, %b) : (tensor<?x8xf32>, tensor<?x8xf32>) -> tensor<?x8xf32>
  %1 = "onnx.relu"(%0) : (tensor<?x8xf32>) -> tensor<?x8xf32>
  %2 = "onnx.add"(%1, %b) : (tensor<?x8xf32>, tensor<?x8xf32>) -> tensor<?x8xf32>
  return %2 : tensor<?x8xf32>
}
