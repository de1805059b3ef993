// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s
// RUN: onnx-mlir-opt --pass-pipeline='builtin.module(convert-onnx-to-linalg{runtime-checks=false})' --split-input-file %s | FileCheck %s --check-prefix=OFF

// Two independent dynamic dims: either may be a broadcast 1 at run time. The result size is
// the first that is not 1; each must be that or 1, checked at run time. The op is guarded by an
// scf.if; the else branch records the check in the status buffer (a new last argument) and
// yields an empty tensor instead of reading past a buffer. An operand that is 1 where the result
// is larger is broadcast by a copy made only then (an inner scf.if).
// CHECK-LABEL: module attributes
// CHECK-SAME: onnx_mlir.runtime_checks = [{message = "operand #0 has size {0} at axis 0, but the broadcast result has size {1} there (shapes are not broadcast-compatible)"
// CHECK-SAME: node = "add0", op = "Add"}, {message = "operand #1 has size {0} at axis 0
// CHECK: func.func @add_dynamic(%[[A:.*]]: tensor<?xf32>, %[[B:.*]]: tensor<?xf32>, %[[S:.*]]: memref<6xi64> {onnx_mlir.status})
// CHECK: %[[DA:.*]] = tensor.dim %[[A]]
// CHECK: %[[ONE:.*]] = arith.cmpi eq, %[[DA]], %{{.*}} : index
// CHECK: %[[DB:.*]] = tensor.dim %[[B]]
// CHECK: %[[N:.*]] = arith.select %[[ONE]], %[[DB]], %[[DA]] : index
// CHECK: %[[OK:.*]] = arith.andi
// CHECK: %[[R:.*]] = scf.if %[[OK]] -> (tensor<?xf32>) {
// CHECK: scf.if %{{.*}} -> (tensor<?xf32>) {
// CHECK: tensor.empty(%[[N]]) : tensor<?xf32>
// CHECK: tensor.extract %[[A]]
// CHECK: } else {
// CHECK: scf.yield %[[A]]
// CHECK: linalg.generic
// CHECK: arith.addf
// CHECK: scf.yield
// CHECK: } else {
// CHECK: memref.load %[[S]]
// CHECK: scf.if
// CHECK: memref.store %{{.*}}, %[[S]]
// CHECK: tensor.empty(%{{.*}}) : tensor<?xf32>
// CHECK: scf.yield
// CHECK: return %[[R]]
// OFF-LABEL: func.func @add_dynamic(%{{.*}}: tensor<?xf32>, %{{.*}}: tensor<?xf32>) -> tensor<?xf32>
// OFF-NOT: scf.if
// OFF: linalg.generic
func.func @add_dynamic(%a: tensor<?xf32>, %b: tensor<?xf32>) -> tensor<?xf32> {
  %0 = "onnx.add"(%a, %b) : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32> loc(#add0)
  return %0 : tensor<?xf32>
}
#add0 = loc("add0"("Add"))

// -----

// Static shapes need no check: nothing is guarded and the signature is unchanged.
// CHECK-LABEL: func.func @add_static(%{{.*}}: tensor<4xf32>, %{{.*}}: tensor<4xf32>) -> tensor<4xf32>
// CHECK-NOT: scf.if
// CHECK-NOT: memref<6xi64>
// CHECK: linalg.generic
func.func @add_static(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "onnx.add"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// The same dynamic dim on both sides is the same value: nothing to check.
// CHECK-LABEL: func.func @mul_same_value
// CHECK-NOT: scf.if
// CHECK: linalg.generic
func.func @mul_same_value(%a: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %0 = "onnx.mul"(%a, %a) : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// A dynamic contraction dim against a static weight: checked before the matmul reads it.
// CHECK-LABEL: func.func @matmul_dynamic_k
// CHECK-SAME: memref<6xi64> {onnx_mlir.status}
// CHECK: %[[K:.*]] = tensor.dim %arg0, %c1
// CHECK: %[[OK:.*]] = arith.cmpi eq, %[[K]], %c4
// CHECK: scf.if %[[OK]] -> (tensor<3x2xf32>)
// CHECK: linalg.matmul
// CHECK: } else {
// CHECK: linalg.fill
func.func @matmul_dynamic_k(%a: tensor<3x?xf32>, %w: tensor<4x2xf32>) -> tensor<3x2xf32> {
  %0 = "onnx.mat_mul"(%a, %w) : (tensor<3x?xf32>, tensor<4x2xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// A result type that is more static than what the op computes: the refining cast is checked.
// CHECK-LABEL: func.func @relu_declared_static
// CHECK: linalg.generic
// CHECK: %[[D:.*]] = tensor.dim %{{[0-9]+}}
// CHECK: %[[OK:.*]] = arith.cmpi eq, %[[D]], %c5
// CHECK: scf.if %[[OK]] -> (tensor<5xf32>)
// CHECK: tensor.cast %{{.*}} : tensor<?xf32> to tensor<5xf32>
func.func @relu_declared_static(%a: tensor<?xf32>) -> tensor<5xf32> {
  %0 = "onnx.relu"(%a) : (tensor<?xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}
