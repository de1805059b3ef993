// cpu-plan-memory: the top-level allocations of a function with disjoint live ranges share
// allocations ("slots", made once per call, greedy by size); buffers live at the same time stay in
// distinct allocations (LLVM keeps knowing that they do not alias); returned buffers, buffers freed
// conditionally and loop-carried buffers keep their own allocation.
// RUN: onnx-mlir-opt %s --split-input-file --cpu-plan-memory | FileCheck %s

// a -> b -> c -> out: a is dead when c is written, so c takes a's slot; b has its own.
// CHECK-LABEL: func.func @chain
// CHECK-SAME:    onnx_mlir.memory_plan = {buffer_bytes = 3072 : i64, buffers = 3 : i64
// CHECK-SAME:    slot_bytes = 2048 : i64, slots = 2 : i64
// CHECK:         %[[S0:.*]] = memref.alloc() {alignment = 64 : i64} : memref<1024xi8>
// CHECK:         %[[S1:.*]] = memref.alloc() {alignment = 64 : i64} : memref<1024xi8>
// CHECK:         %[[A:.*]] = memref.view %[[S0]][%[[C0:.*]]][] : memref<1024xi8> to memref<256xf32>
// CHECK:         linalg.generic {{.*}} outs(%[[A]]
// CHECK:         %[[B:.*]] = memref.view %[[S1]][%[[C0]]][] : memref<1024xi8> to memref<256xf32>
// CHECK:         %[[C:.*]] = memref.view %[[S0]][%[[C0]]][] : memref<1024xi8> to memref<256xf32>
// CHECK-NOT:     memref.alloc
// CHECK-NOT:     memref.dealloc %[[A]]
// CHECK:         memref.dealloc %[[S0]] : memref<1024xi8>
// CHECK-NEXT:    memref.dealloc %[[S1]] : memref<1024xi8>
// CHECK-NEXT:    return
#id = affine_map<(d0) -> (d0)>
func.func @chain(%in: memref<256xf32>, %out: memref<256xf32>) {
  %a = memref.alloc() {alignment = 64 : i64} : memref<256xf32>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%in : memref<256xf32>) outs(%a : memref<256xf32>) {
  ^bb0(%x: f32, %y: f32):
    %s = arith.addf %x, %x : f32
    linalg.yield %s : f32
  }
  %b = memref.alloc() {alignment = 64 : i64} : memref<256xf32>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%a : memref<256xf32>) outs(%b : memref<256xf32>) {
  ^bb0(%x: f32, %y: f32):
    %s = arith.mulf %x, %x : f32
    linalg.yield %s : f32
  }
  %c = memref.alloc() {alignment = 64 : i64} : memref<256xf32>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%b : memref<256xf32>) outs(%c : memref<256xf32>) {
  ^bb0(%x: f32, %y: f32):
    %s = arith.subf %x, %x : f32
    linalg.yield %s : f32
  }
  memref.copy %c, %out : memref<256xf32> to memref<256xf32>
  memref.dealloc %a : memref<256xf32>
  memref.dealloc %b : memref<256xf32>
  memref.dealloc %c : memref<256xf32>
  return
}

// -----

// A view of a buffer keeps it alive: %a is read through its reshape after %b is written, so
// %b may not take %a's slot; %c, written after that read, may. The returned buffer keeps its own
// allocation.
// CHECK-LABEL: func.func @views_and_results
// CHECK-SAME:    buffer_bytes = 192 : i64, buffers = 3 : i64
// CHECK-SAME:    slot_bytes = 128 : i64, slots = 2 : i64
// CHECK:         %[[S0:.*]] = memref.alloc() {alignment = 64 : i64} : memref<64xi8>
// CHECK:         %[[S1:.*]] = memref.alloc() {alignment = 64 : i64} : memref<64xi8>
// CHECK:         memref.view %[[S0]]
// CHECK:         memref.view %[[S1]]
// CHECK:         %[[R:.*]] = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
// CHECK:         memref.view %[[S0]]
// CHECK:         memref.dealloc %[[S0]]
// CHECK-NEXT:    memref.dealloc %[[S1]]
// CHECK-NEXT:    return %[[R]]
func.func @views_and_results(%v: f32) -> memref<16xf32> {
  %a = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
  linalg.fill ins(%v : f32) outs(%a : memref<16xf32>)
  %a2 = memref.expand_shape %a [[0, 1]] output_shape [4, 4] : memref<16xf32> into memref<4x4xf32>
  %b = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
  linalg.fill ins(%v : f32) outs(%b : memref<16xf32>)
  %r = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
  %r2 = memref.expand_shape %r [[0, 1]] output_shape [4, 4] : memref<16xf32> into memref<4x4xf32>
  linalg.copy ins(%a2 : memref<4x4xf32>) outs(%r2 : memref<4x4xf32>)
  %c = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
  linalg.copy ins(%b : memref<16xf32>) outs(%c : memref<16xf32>)
  linalg.copy ins(%c : memref<16xf32>) outs(%r : memref<16xf32>)
  memref.dealloc %a : memref<16xf32>
  memref.dealloc %b : memref<16xf32>
  memref.dealloc %c : memref<16xf32>
  return %r : memref<16xf32>
}

// -----

// Buffers of dynamic size are planned per set of size values, in units of their product (here
// %n): %b (8 bytes a unit) has a slot of 8 * %n bytes, %a one of 4 * %n that %c takes over once
// %a is dead.
// CHECK-LABEL: func.func @dynamic
// CHECK-SAME:    dynamic_buffers = 3 : i64, dynamic_groups = 1 : i64, dynamic_slot_units = 12 : i64, dynamic_slots = 2 : i64, dynamic_unit_bytes = 16 : i64
// CHECK:         %[[N:.*]] = memref.dim %arg0, %{{.*}}
// CHECK:         %[[SIZE0:.*]] = arith.muli %[[N]], %c8 : index
// CHECK:         %[[S0:.*]] = memref.alloc(%[[SIZE0]]) {alignment = 64 : i64} : memref<?xi8>
// CHECK:         %[[SIZE1:.*]] = arith.muli %[[N]], %c4 : index
// CHECK:         %[[S1:.*]] = memref.alloc(%[[SIZE1]]) {alignment = 64 : i64} : memref<?xi8>
// CHECK:         memref.view %[[S1]][%{{.*}}][%[[N]]] : memref<?xi8> to memref<?xf32>
// CHECK:         memref.view %[[S0]][%{{.*}}][%[[N]]] : memref<?xi8> to memref<?x2xf32>
// CHECK:         memref.view %[[S1]][%{{.*}}][%[[N]]] : memref<?xi8> to memref<?xf32>
// CHECK:         memref.dealloc %[[S0]] : memref<?xi8>
// CHECK:         memref.dealloc %[[S1]] : memref<?xi8>
func.func @dynamic(%in: memref<?xf32>, %out: memref<?xf32>) {
  %c0 = arith.constant 0 : index
  %n = memref.dim %in, %c0 : memref<?xf32>
  %a = memref.alloc(%n) {alignment = 64 : i64} : memref<?xf32>
  linalg.copy ins(%in : memref<?xf32>) outs(%a : memref<?xf32>)
  %b = memref.alloc(%n) {alignment = 64 : i64} : memref<?x2xf32>
  %b0 = memref.subview %b[0, 0] [%n, 1] [1, 1] : memref<?x2xf32> to memref<?xf32, strided<[2]>>
  linalg.copy ins(%a : memref<?xf32>) outs(%b0 : memref<?xf32, strided<[2]>>)
  %c = memref.alloc(%n) {alignment = 64 : i64} : memref<?xf32>
  linalg.copy ins(%b0 : memref<?xf32, strided<[2]>>) outs(%c : memref<?xf32>)
  linalg.copy ins(%c : memref<?xf32>) outs(%out : memref<?xf32>)
  memref.dealloc %a : memref<?xf32>
  memref.dealloc %b : memref<?x2xf32>
  memref.dealloc %c : memref<?xf32>
  return
}

// -----

// Left alone: a buffer freed under a condition (its ownership depends on a branch), a buffer
// carried by a loop, sub-byte elements; with one buffer left nothing is planned. Buffers all live
// at the same time share nothing either (@views_and_results without %c).
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT:     onnx_mlir.memory_plan
// CHECK-NOT:     memref.view
// CHECK:         return
func.func @left_alone(%cond: i1, %v: f32, %in: memref<8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %a = memref.alloc() : memref<8xf32>
  linalg.fill ins(%v : f32) outs(%a : memref<8xf32>)
  %b = memref.alloc() : memref<8xf32>
  %r = scf.for %i = %c0 to %c4 step %c1 iter_args(%acc = %b) -> (memref<8xf32>) {
    linalg.copy ins(%in : memref<8xf32>) outs(%acc : memref<8xf32>)
    scf.yield %acc : memref<8xf32>
  }
  %m = memref.alloc() : memref<8xi1>
  %t = arith.constant true
  linalg.fill ins(%t : i1) outs(%m : memref<8xi1>)
  %d = memref.alloc() : memref<8xf32>
  linalg.copy ins(%r : memref<8xf32>) outs(%d : memref<8xf32>)
  scf.if %cond {
    memref.dealloc %a : memref<8xf32>
  }
  memref.dealloc %b : memref<8xf32>
  memref.dealloc %m : memref<8xi1>
  memref.dealloc %d : memref<8xf32>
  return
}
