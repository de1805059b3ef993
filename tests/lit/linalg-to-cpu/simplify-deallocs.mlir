// cpu-simplify-deallocs: a dealloc listing distinct allocations, nothing retained, becomes one
// memref.dealloc per buffer (upstream's simplification compared every pair: quadratic); other
// deallocs go through upstream's simplification (run only when such a dealloc is left).
// RUN: onnx-mlir-opt %s --split-input-file --cpu-simplify-deallocs | FileCheck %s

// CHECK-LABEL: func.func @distinct
// CHECK-NOT:     bufferization.dealloc (%{{.*}}, %{{.*}}
// CHECK:         memref.dealloc %[[A:.*]] : memref<4xf32>
// CHECK-NEXT:    memref.dealloc %[[B:.*]] : memref<8xf32>
// CHECK-NEXT:    bufferization.dealloc (%{{.*}} : memref<2xf32>) if (%arg0)
// CHECK-NEXT:    return
func.func @distinct(%cond: i1, %v: f32) {
  %true = arith.constant true
  %c0 = arith.constant 0 : index
  %a = memref.alloc() : memref<4xf32>
  %b = memref.alloc() : memref<8xf32>
  %c = memref.alloc() : memref<2xf32>
  memref.store %v, %a[%c0] : memref<4xf32>
  memref.store %v, %b[%c0] : memref<8xf32>
  memref.store %v, %c[%c0] : memref<2xf32>
  bufferization.dealloc (%a, %b, %c : memref<4xf32>, memref<8xf32>, memref<2xf32>) if (%true, %true, %cond)
  return
}

// -----

// A listed buffer that is not an allocation of its own (an argument), and retained values:
// upstream's simplification decides (here: it splits the first, keeps the retain lists).
// CHECK-LABEL: func.func @not_an_allocation
// CHECK:         bufferization.dealloc (%arg0 : memref<4xf32>) if (%arg1)
// CHECK-LABEL: func.func @retained
// CHECK:         bufferization.dealloc ({{.*}}) if ({{.*}}) retain ({{.*}})
func.func @not_an_allocation(%arg: memref<4xf32>, %cond: i1) {
  %a = memref.alloc() : memref<4xf32>
  bufferization.dealloc (%a, %arg : memref<4xf32>, memref<4xf32>) if (%cond, %cond)
  return
}
func.func @retained(%cond: i1) -> memref<4xf32> {
  %a = memref.alloc() : memref<4xf32>
  %b = memref.alloc() : memref<4xf32>
  %r = arith.select %cond, %a, %b : memref<4xf32>
  %o:1 = bufferization.dealloc (%a, %b : memref<4xf32>, memref<4xf32>) if (%cond, %cond) retain (%r : memref<4xf32>)
  return %r : memref<4xf32>
}
