// RUN: onnx-mlir-opt %s --split-input-file --pass-pipeline="builtin.module(cpu-widen-bool-buffers)" | FileCheck %s
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

// -----

// i4 (and i2) buffers too: one element per byte, zero-extended (ml_dtypes' int4/uint4 layout);
// a global's -1 becomes 15.
// CHECK: memref.global "private" constant @k : memref<2xi8> = dense<[15, 7]>
// CHECK-LABEL: func.func @int4(
// CHECK-SAME: %[[X:.*]]: memref<2xi8>, %[[OUT:.*]]: memref<2xi8>)
// CHECK: %[[L:.*]] = memref.load %[[X]][%{{.*}}] : memref<2xi8>
// CHECK: %[[T:.*]] = arith.trunci %[[L]] : i8 to i4
// CHECK: %[[K:.*]] = arith.trunci %{{.*}} : i8 to i4
// CHECK: %[[S:.*]] = arith.addi %[[T]], %[[K]] : i4
// CHECK: %[[E:.*]] = arith.extui %[[S]] : i4 to i8
// CHECK: memref.store %[[E]], %[[OUT]][%{{.*}}] : memref<2xi8>
// CHECK-NOT: i4>
memref.global "private" constant @k : memref<2xi4> = dense<[-1, 7]>
func.func @int4(%x: memref<2xi4>, %out: memref<2xi4>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %g = memref.get_global @k : memref<2xi4>
  scf.for %i = %c0 to %c2 step %c1 {
    %a = memref.load %x[%i] : memref<2xi4>
    %b = memref.load %g[%i] : memref<2xi4>
    %s = arith.addi %a, %b : i4
    memref.store %s, %out[%i] : memref<2xi4>
  }
  return
}
