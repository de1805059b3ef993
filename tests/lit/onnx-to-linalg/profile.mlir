// RUN: onnx-mlir-opt --instrument-profile --split-input-file %s | FileCheck %s

// Each run of consecutive ops of one node is timed: a clock read before it and one before the
// return. Constants start no segment. At the return, slot 0 gets the whole function's time and
// each node's slot the sum of its segments (node "a" has two). The table of nodes (slot i = entry
// i - 1) with their result shapes is a module attribute; the buffer is the last argument.
// CHECK-LABEL: module attributes {onnx_mlir.profile_nodes = [{node = "a", op = "Add", shape = [4]}, {node = "r", op = "Relu", shape = [4]}]}
// CHECK: func.func private @nanoTime() -> i64 attributes {llvm.emit_c_interface}
// CHECK: func.func @two_nodes(%[[X:.*]]: tensor<4xf32>, %[[P:.*]]: memref<3xi64> {onnx_mlir.profile}) -> tensor<4xf32>
// CHECK-NEXT: arith.constant 0.0
// CHECK-NEXT: %[[T0:.*]] = call @nanoTime() : () -> i64
// CHECK-NEXT: tensor.empty
// CHECK-NEXT: linalg.generic
// CHECK: arith.addf
// CHECK: } -> tensor<4xf32>
// CHECK-NEXT: %[[T1:.*]] = call @nanoTime() : () -> i64
// CHECK-NEXT: linalg.generic
// CHECK: arith.maximumf
// CHECK: } -> tensor<4xf32>
// CHECK-NEXT: %[[T2:.*]] = call @nanoTime() : () -> i64
// CHECK-NEXT: linalg.generic
// CHECK: arith.mulf
// CHECK: } -> tensor<4xf32>
// CHECK-NEXT: %[[T3:.*]] = call @nanoTime() : () -> i64
// CHECK-DAG: %[[DA1:.*]] = arith.subi %[[T1]], %[[T0]] : i64
// CHECK-DAG: %[[DR:.*]] = arith.subi %[[T2]], %[[T1]] : i64
// CHECK-DAG: %[[DA2:.*]] = arith.subi %[[T3]], %[[T2]] : i64
// CHECK-DAG: %[[DA:.*]] = arith.addi %[[DA1]], %[[DA2]] : i64
// CHECK-DAG: %[[ALL:.*]] = arith.subi %[[T3]], %[[T0]] : i64
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[OLD0:.*]] = memref.load %[[P]][%[[C0]]]
// CHECK: %[[NEW0:.*]] = arith.addi %[[OLD0]], %[[ALL]]
// CHECK: memref.store %[[NEW0]], %[[P]][%[[C0]]]
// CHECK: %[[C1:.*]] = arith.constant 1 : index
// CHECK: %[[OLD1:.*]] = memref.load %[[P]][%[[C1]]]
// CHECK: %[[NEW1:.*]] = arith.addi %[[OLD1]], %[[DA]]
// CHECK: memref.store %[[NEW1]], %[[P]][%[[C1]]]
// CHECK: %[[C2:.*]] = arith.constant 2 : index
// CHECK: %[[OLD2:.*]] = memref.load %[[P]][%[[C2]]]
// CHECK: %[[NEW2:.*]] = arith.addi %[[OLD2]], %[[DR]]
// CHECK: memref.store %[[NEW2]], %[[P]][%[[C2]]]
// CHECK-NEXT: return
#map = affine_map<(d0) -> (d0)>
func.func @two_nodes(%x: tensor<4xf32>) -> tensor<4xf32> {
  %zero = arith.constant 0.0 : f32 loc(unknown)
  %e = tensor.empty() : tensor<4xf32> loc(#a)
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]}
      ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %in : f32
    linalg.yield %s : f32
  } -> tensor<4xf32> loc(#a)
  %1 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]}
      ins(%0 : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<4xf32> loc(#r)
  %2 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]}
      ins(%1 : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %p = arith.mulf %in, %in : f32
    linalg.yield %p : f32
  } -> tensor<4xf32> loc(#a)
  return %2 : tensor<4xf32>
}
#a = loc("a"("Add"))
#r = loc("r"("Relu"))

// -----

// With run-time checks, the profile buffer comes after the status buffer; dynamic dims are -1
// in the table. An op of a fused location counts for its first node; one without a node
// location joins the segment it is in.
// CHECK-LABEL: module attributes {onnx_mlir.profile_nodes = [{node = "n0", op = "Neg", shape = [-1]}]}
// CHECK: func.func @after_status(%{{.*}}: tensor<?xf32>, %{{.*}}: memref<6xi64> {onnx_mlir.status}, %[[P:.*]]: memref<2xi64> {onnx_mlir.profile})
// CHECK: call @nanoTime
// CHECK-NEXT: tensor.dim
// CHECK-NEXT: tensor.empty
// CHECK-NEXT: linalg.generic
// CHECK: call @nanoTime
// CHECK-NOT: call @nanoTime
// CHECK: return
#map1 = affine_map<(d0) -> (d0)>
func.func @after_status(%x: tensor<?xf32>, %status: memref<6xi64> {onnx_mlir.status}) -> tensor<?xf32> {
  %c0 = arith.constant 0 : index
  %d = tensor.dim %x, %c0 : tensor<?xf32> loc(fused["n0"("Neg"), "n1"("Abs")])
  %e = tensor.empty(%d) : tensor<?xf32>
  %0 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel"]}
      ins(%x : tensor<?xf32>) outs(%e : tensor<?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<?xf32> loc(#n0)
  return %0 : tensor<?xf32>
}
#n0 = loc("n0"("Neg"))

// -----

// Nothing carries a node location: the function is left alone (no buffer, no clock).
// CHECK-LABEL: module attributes {onnx_mlir.profile_nodes = []}
// CHECK-NOT: nanoTime
// CHECK: func.func @no_nodes(%{{.*}}: tensor<4xf32>) -> tensor<4xf32>
// CHECK-NOT: nanoTime
func.func @no_nodes(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
