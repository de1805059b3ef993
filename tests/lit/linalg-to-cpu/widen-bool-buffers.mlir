// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-widen-bool-buffers)" | FileCheck %s
// i1 buffers become i8 buffers: loads truncate to i1, stores zero-extend, globals are rewritten.

// CHECK: memref.global "private" constant @mask : memref<2xi8> = dense<[1, 0]>
// CHECK-LABEL: func.func @main_graph(
// CHECK-SAME: %[[M:.*]]: memref<2xi8>, %[[OUT:.*]]: memref<2xi8>)
// CHECK: %[[G:.*]] = memref.get_global @mask : memref<2xi8>
// CHECK: %[[L:.*]] = memref.load %[[M]][%{{.*}}] : memref<2xi8>
// CHECK: %[[T:.*]] = arith.trunci %[[L]] : i8 to i1
// CHECK: %[[L2:.*]] = memref.load %[[G]][%{{.*}}] : memref<2xi8>
// CHECK: %[[T2:.*]] = arith.trunci %[[L2]] : i8 to i1
// CHECK: %[[X:.*]] = arith.xori %[[T]], %[[T2]] : i1
// CHECK: %[[E:.*]] = arith.extui %[[X]] : i1 to i8
// CHECK: memref.store %[[E]], %[[OUT]][%{{.*}}] : memref<2xi8>
// CHECK-NOT: i1>
memref.global "private" constant @mask : memref<2xi1> = dense<[true, false]>
func.func @main_graph(%m: memref<2xi1>, %out: memref<2xi1>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %g = memref.get_global @mask : memref<2xi1>
  scf.for %i = %c0 to %c2 step %c1 {
    %a = memref.load %m[%i] : memref<2xi1>
    %b = memref.load %g[%i] : memref<2xi1>
    %x = arith.xori %a, %b : i1
    memref.store %x, %out[%i] : memref<2xi1>
  }
  return
}
