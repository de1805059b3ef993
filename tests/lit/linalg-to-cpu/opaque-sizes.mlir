// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-opaque-sizes)" | FileCheck %s
// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-opaque-sizes, canonicalize)" | FileCheck %s --check-prefix=INLINED
// Each size computed at a function's top level goes through a one-block scf.execute_region, so
// that the bufferization analysis sees it as a symbol instead of walking the chain behind it;
// constants and sizes inside loops are left alone, and canonicalize inlines the regions again.

// CHECK-LABEL: func.func @conv_output_size(
// CHECK: %[[W:.*]] = tensor.dim
// CHECK: %[[SUM:.*]] = arith.addi %[[W]], %{{.*}} : index
// CHECK: %[[S1:.*]] = scf.execute_region -> index {
// CHECK-NEXT: scf.yield %[[SUM]] : index
// CHECK: %[[DIV:.*]] = arith.floordivsi %[[S1]], %{{.*}} : index
// CHECK: %[[S2:.*]] = scf.execute_region -> index {
// CHECK-NEXT: scf.yield %[[DIV]] : index
// CHECK: tensor.empty(%[[S2]]) : tensor<?xf32>
// CHECK: scf.for
// CHECK-NOT: scf.execute_region
// CHECK: affine.min
// INLINED-LABEL: func.func @conv_output_size(
// INLINED-NOT: scf.execute_region
#min = affine_map<(d0)[s0] -> (4, s0 - d0)>
func.func @conv_output_size(%x: tensor<?xf32>) -> tensor<?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %w = tensor.dim %x, %c0 : tensor<?xf32>
  %sum = arith.addi %w, %c2 : index
  %out = arith.floordivsi %sum, %c2 : index
  %e = tensor.empty(%out) : tensor<?xf32>
  %r = scf.for %i = %c0 to %out step %c4 iter_args(%acc = %e) -> (tensor<?xf32>) {
    %n = affine.min #min(%i)[%out]
    %s = tensor.extract_slice %x[%i] [%n] [1] : tensor<?xf32> to tensor<?xf32>
    %t = tensor.insert_slice %s into %acc[%i] [%n] [1] : tensor<?xf32> into tensor<?xf32>
    scf.yield %t : tensor<?xf32>
  }
  return %r : tensor<?xf32>
}
