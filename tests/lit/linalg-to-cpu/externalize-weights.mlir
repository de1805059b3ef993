// RUN: onnx-mlir-opt %s --split-input-file --pass-pipeline="builtin.module(cpu-externalize-weights{min-bytes=16})" | FileCheck %s
// RUN: onnx-mlir-opt %s --split-input-file --pass-pipeline="builtin.module(cpu-externalize-weights)" | FileCheck %s --check-prefix=DEFAULT
// Constant globals over min-bytes leave the module for one weights buffer argument, appended
// last; each get_global becomes a view at a 64-byte-aligned offset. Small, splat and mutable
// globals stay. The bytes are the module's onnx_mlir.weights attribute.

// CHECK: module attributes {onnx_mlir.weights = dense_resource<onnx_mlir_weights> : tensor<96xi8>}
// CHECK-NOT: @big
// CHECK-NOT: @wide
// CHECK-DAG: memref.global "private" constant @small : memref<2xf32> = dense<[1.000000e+00, 2.000000e+00]>
// CHECK-DAG: memref.global "private" constant @splat : memref<64xf32> = dense<5.000000e-01>
// CHECK-DAG: memref.global "private" @mutable : memref<8xf32> = dense<0.000000e+00>
// CHECK-LABEL: func.func @main_graph(
// CHECK-SAME: %[[X:.*]]: memref<8xf32>, %[[OUT:.*]]: memref<8xf32>, %[[W:.*]]: memref<96xi8> {onnx_mlir.weights})
// CHECK: memref.view %[[W]][%{{.*}}][] : memref<96xi8> to memref<8xf32>
// CHECK: %[[C64:.*]] = arith.constant 64 : index
// CHECK: memref.view %[[W]][%[[C64]]][] : memref<96xi8> to memref<2x2xf64>
// CHECK-DAG: memref.get_global @small
// CHECK-DAG: memref.get_global @splat
// CHECK: dialect_resources
// CHECK-NEXT: builtin
// The blob: the blob's alignment (4 bytes), @big's 32 bytes (f32 1..8), zeros up to offset 64, @wide's 32.
// CHECK-NEXT: onnx_mlir_weights: "0x010000000000803F0000004000004040000080400000A0400000C0400000E040000000410000000000000000000000000000000000000000000000000000000000000000000000000000F03F

// DEFAULT-NOT: onnx_mlir.weights
// DEFAULT: memref.global "private" constant @big
memref.global "private" constant @big : memref<8xf32> = dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]>
memref.global "private" constant @wide : memref<2x2xf64> = dense<[[1.0, 2.0], [3.0, 4.0]]>
memref.global "private" constant @small : memref<2xf32> = dense<[1.0, 2.0]>
memref.global "private" constant @splat : memref<64xf32> = dense<0.5>
memref.global "private" @mutable : memref<8xf32> = dense<0.0>
func.func @main_graph(%x: memref<8xf32>, %out: memref<8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %b = memref.get_global @big : memref<8xf32>
  %w = memref.get_global @wide : memref<2x2xf64>
  %s = memref.get_global @small : memref<2xf32>
  %p = memref.get_global @splat : memref<64xf32>
  %v0 = memref.load %b[%c1] : memref<8xf32>
  %v1 = memref.load %w[%c1, %c1] : memref<2x2xf64>
  %v2 = memref.load %s[%c1] : memref<2xf32>
  %v3 = memref.load %p[%c1] : memref<64xf32>
  %t = arith.truncf %v1 : f64 to f32
  %a0 = arith.addf %v0, %t : f32
  %a1 = arith.addf %a0, %v2 : f32
  %a2 = arith.addf %a1, %v3 : f32
  memref.store %a2, %out[%c0] : memref<8xf32>
  return
}

// -----

// A function that reads a weight gets the argument too, and its callers pass theirs on.
// CHECK-LABEL: func.func private @kernel(
// CHECK-SAME: %{{.*}}: memref<4xf32>, %[[KW:.*]]: memref<64xi8> {onnx_mlir.weights})
// CHECK: memref.view %[[KW]]
// CHECK-LABEL: func.func @main_graph(
// CHECK-SAME: %[[A:.*]]: memref<4xf32>, %[[MW:.*]]: memref<64xi8> {onnx_mlir.weights})
// CHECK: call @kernel(%[[A]], %[[MW]]) : (memref<4xf32>, memref<64xi8>) -> ()
// CHECK: call @untouched(%[[A]]) : (memref<4xf32>) -> ()
// CHECK-LABEL: func.func private @untouched(
// CHECK-SAME: %{{.*}}: memref<4xf32>)
memref.global "private" constant @table : memref<16xf32> = dense<[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0]>
func.func private @kernel(%a: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %t = memref.get_global @table : memref<16xf32>
  %v = memref.load %t[%c0] : memref<16xf32>
  memref.store %v, %a[%c0] : memref<4xf32>
  return
}
func.func @main_graph(%a: memref<4xf32>) {
  call @kernel(%a) : (memref<4xf32>) -> ()
  call @untouched(%a) : (memref<4xf32>) -> ()
  return
}
func.func private @untouched(%a: memref<4xf32>) {
  return
}
