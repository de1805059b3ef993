// RUN: onnx-mlir-opt --pass-pipeline='builtin.module(convert-onnx-to-linalg, canonicalize, cse)' %s | FileCheck %s

// Sizes flow through guards: the Relu after the guarded Add is sized by the Add's own size value
// (the broadcast of the two run-time sizes, computed before its guard), not by a tensor.dim of the
// guard's result, so the second Add combines that same value with %arg1's size (no new
// tensor.dim), and the else branch yields a zero tensor of the same size.
// CHECK-LABEL: func.func @chain
// CHECK-DAG: %[[DA:.*]] = tensor.dim %arg0
// CHECK-DAG: %[[DB:.*]] = tensor.dim %arg1
// CHECK: %[[N:.*]] = arith.select %{{.*}}, %[[DB]], %[[DA]] : index
// CHECK: %[[R1:.*]] = scf.if
// CHECK: memref.store
// CHECK: %[[Z:.*]] = tensor.empty(%[[N]]) : tensor<?x8xf32>
// CHECK-NEXT: linalg.fill ins(%{{.*}} : f32) outs(%[[Z]]
// CHECK: %[[E:.*]] = tensor.empty(%[[N]]) : tensor<?x8xf32>
// CHECK: linalg.generic {{.*}} ins(%[[R1]] : tensor<?x8xf32>) outs(%[[E]]
// CHECK: arith.maximumf
// CHECK: arith.select %{{.*}}, %[[DB]], %[[N]] : index
// CHECK: scf.if
// CHECK-NOT: tensor.dim
// CHECK: return
func.func @chain(%a: tensor<?x8xf32>, %b: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %0 = "onnx.add"(%a, %b) : (tensor<?x8xf32>, tensor<?x8xf32>) -> tensor<?x8xf32>
  %1 = "onnx.relu"(%0) : (tensor<?x8xf32>) -> tensor<?x8xf32>
  %2 = "onnx.add"(%1, %b) : (tensor<?x8xf32>, tensor<?x8xf32>) -> tensor<?x8xf32>
  return %2 : tensor<?x8xf32>
}
