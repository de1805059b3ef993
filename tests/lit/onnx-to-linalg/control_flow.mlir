// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s

// If -> scf.if: the branch ops are moved into the scf.if regions and lowered there; branch
// results more static than the If result are cast to it.
// CHECK-LABEL: func.func @if_branches
// CHECK: %[[C:.*]] = tensor.extract %arg0[] : tensor<i1>
// CHECK: %[[R:.*]] = scf.if %[[C]] -> (tensor<?xf32>) {
// CHECK:   %[[A:.*]] = linalg.generic
// CHECK:     arith.addf
// CHECK:   %[[CA:.*]] = tensor.cast %[[A]] : tensor<2xf32> to tensor<?xf32>
// CHECK:   scf.yield %[[CA]] : tensor<?xf32>
// CHECK: } else {
// CHECK:   %[[B:.*]] = linalg.generic
// CHECK:     arith.maximumf
// CHECK:   %[[CB:.*]] = tensor.cast %[[B]] : tensor<3xf32> to tensor<?xf32>
// CHECK:   scf.yield %[[CB]] : tensor<?xf32>
// CHECK: }
// CHECK: return %[[R]]
// CHECK-NOT: onnx.
// CHECK-NOT: smt.yield
func.func @if_branches(%c: tensor<i1>, %a: tensor<2xf32>, %b: tensor<3xf32>) -> tensor<?xf32> {
  %0 = "onnx.if"(%c) ({
    %1 = "onnx.add"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    smt.yield %1 : tensor<2xf32>
  }, {
    %2 = "onnx.relu"(%b) : (tensor<3xf32>) -> tensor<3xf32>
    smt.yield %2 : tensor<3xf32>
  }) {resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<i1>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// Nested If with two results of one type; the inner If is lowered after being moved.
// CHECK-LABEL: func.func @nested_if
// CHECK: scf.if %{{.*}} -> (tensor<2xf32>, tensor<2xf32>) {
// CHECK:   tensor.extract %arg1[%{{.*}}] : tensor<1xi1>
// CHECK:   scf.if %{{.*}} -> (tensor<2xf32>) {
// CHECK:     scf.yield %arg2 : tensor<2xf32>
// CHECK:   } else {
// CHECK:     linalg.generic
// CHECK:   scf.yield %{{.*}}, %arg2 : tensor<2xf32>, tensor<2xf32>
// CHECK: } else {
// CHECK:   scf.yield %arg2, %arg2 : tensor<2xf32>, tensor<2xf32>
// CHECK-NOT: onnx.
func.func @nested_if(%c: tensor<i1>, %d: tensor<1xi1>, %a: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
  %0:2 = "onnx.if"(%c) ({
    %1 = "onnx.if"(%d) ({
      smt.yield %a : tensor<2xf32>
    }, {
      %2 = "onnx.mul"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
      smt.yield %2 : tensor<2xf32>
    }) {resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<1xi1>) -> tensor<2xf32>
    smt.yield %1, %a : tensor<2xf32>, tensor<2xf32>
  }, {
    smt.yield %a, %a : tensor<2xf32>, tensor<2xf32>
  }) {resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<i1>) -> (tensor<2xf32>, tensor<2xf32>)
  return %0#0, %0#1 : tensor<2xf32>, tensor<2xf32>
}

// -----

// An If whose else_branch had other ranks (replaced by zeros at import, marked
// onnx_mlir.trapped_branch): the condition is a run-time check, the guard records a failure and
// yields zeros instead of running the If.
// CHECK-LABEL: func.func @trapped_else_branch
// CHECK: %[[C:.*]] = tensor.extract %arg0[] : tensor<i1>
// CHECK: scf.if %[[C]] -> (tensor<2x3xf32>) {
// CHECK:   scf.if %[[C]] -> (tensor<2x3xf32>) {
// CHECK: } else {
// CHECK:   memref.store
func.func @trapped_else_branch(%c: tensor<i1>, %a: tensor<2x3x1xf32>) -> tensor<2x3xf32> {
  %axes = "onnx.constant"() {value = dense<[-1]> : tensor<1xi64>} : () -> tensor<1xi64>
  %0 = "onnx.if"(%c) ({
    %1 = "onnx.squeeze"(%a, %axes) : (tensor<2x3x1xf32>, tensor<1xi64>) -> tensor<2x3xf32>
    smt.yield %1 : tensor<2x3xf32>
  }, {
    %2 = "onnx.constant"() {value = dense<0.0> : tensor<2x3xf32>} : () -> tensor<2x3xf32>
    smt.yield %2 : tensor<2x3xf32>
  }) {onnx_mlir.trapped_branch = "else_branch", resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<i1>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
