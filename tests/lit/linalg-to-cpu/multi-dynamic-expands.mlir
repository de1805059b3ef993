// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-multi-dynamic-expands)" | FileCheck %s
// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(linalg-to-cpu)" | FileCheck %s --check-prefix=LLVM
// An expand_shape group with two dynamic sizes (a [batch*seq, 128] matmul result split back into
// batch and seq) becomes tensor.reshape: memref.expand_shape of such a group aborts LLVM 22's
// expand-strided-metadata. Groups with one dynamic size stay expand_shapes.

// CHECK-LABEL: func.func @two_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x128xf32>, %[[B:.*]]: index, %[[S:.*]]: index)
// CHECK: %[[C128:.*]] = arith.constant 128 : index
// CHECK: %[[SHAPE:.*]] = tensor.from_elements %[[B]], %[[S]], %[[C128]] : tensor<3xindex>
// CHECK: tensor.reshape %[[X]](%[[SHAPE]]) : (tensor<?x128xf32>, tensor<3xindex>) -> tensor<?x?x128xf32>
// CHECK-NOT: tensor.expand_shape
// LLVM-LABEL: llvm.func @two_dynamic
// LLVM-NOT: memref.
func.func @two_dynamic(%x: tensor<?x128xf32>, %b: index, %s: index) -> tensor<?x?x128xf32> {
  %e = tensor.expand_shape %x [[0, 1], [2]] output_shape [%b, %s, 128] : tensor<?x128xf32> into tensor<?x?x128xf32>
  return %e : tensor<?x?x128xf32>
}

// CHECK-LABEL: func.func @one_dynamic_per_group
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0, 1], [2, 3]] output_shape [1, %{{.*}}, %{{.*}}, 4]
// CHECK-NOT: tensor.reshape
func.func @one_dynamic_per_group(%x: tensor<?x?xf32>, %s: index, %t: index) -> tensor<1x?x?x4xf32> {
  %e = tensor.expand_shape %x [[0, 1], [2, 3]] output_shape [1, %s, %t, 4] : tensor<?x?xf32> into tensor<1x?x?x4xf32>
  return %e : tensor<1x?x?x4xf32>
}
