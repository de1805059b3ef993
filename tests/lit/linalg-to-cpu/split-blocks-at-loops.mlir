// cpu-split-blocks-at-loops ends a function block after each loop (convert-scf-to-cf's own
// splits moved every later op once per loop: quadratic in the number of loops).
// RUN: onnx-mlir-opt %s --cpu-split-blocks-at-loops | FileCheck %s
// RUN: onnx-mlir-opt %s --cpu-split-blocks-at-loops --convert-scf-to-cf | FileCheck %s --check-prefix=CF

// CHECK-LABEL: func.func @loops
// CHECK:         %[[A:.*]] = memref.alloc
// CHECK:         scf.for
// CHECK:         }
// CHECK-NEXT:    cf.br ^[[B1:.*]]
// CHECK-NEXT:  ^[[B1]]:
// CHECK-NEXT:    %[[B:.*]] = memref.alloc
// CHECK-NEXT:    scf.for
// CHECK:         }
// CHECK-NEXT:    cf.br ^[[B2:.*]]
// CHECK-NEXT:  ^[[B2]]:
// CHECK-NEXT:    memref.dealloc %[[A]]
// CHECK-NEXT:    scf.for
// CHECK:         }
// CHECK-NEXT:    cf.br ^[[B3:.*]]
// CHECK-NEXT:  ^[[B3]]:
// CHECK-NEXT:    memref.dealloc %[[B]]
// CHECK-NEXT:    return
// CHECK-NEXT:  }

// A loop followed by the terminator only: nothing to split.
// CHECK-LABEL: func.func @last
// CHECK-NOT:     cf.br
// CHECK:         return

// CF-LABEL: func.func @loops
// CF-NOT:     scf.for
// CF:         return
func.func @loops(%x: memref<8xf32>, %y: memref<8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %a = memref.alloc() : memref<8xf32>
  scf.for %i = %c0 to %c8 step %c1 {
    %v = memref.load %x[%i] : memref<8xf32>
    memref.store %v, %a[%i] : memref<8xf32>
  }
  %b = memref.alloc() : memref<8xf32>
  scf.for %i = %c0 to %c8 step %c1 {
    %v = memref.load %a[%i] : memref<8xf32>
    memref.store %v, %b[%i] : memref<8xf32>
  }
  memref.dealloc %a : memref<8xf32>
  scf.for %i = %c0 to %c8 step %c1 {
    %v = memref.load %b[%i] : memref<8xf32>
    memref.store %v, %y[%i] : memref<8xf32>
  }
  memref.dealloc %b : memref<8xf32>
  return
}

func.func @last(%y: memref<8xf32>, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  scf.for %i = %c0 to %c8 step %c1 {
    memref.store %v, %y[%i] : memref<8xf32>
  }
  return
}
