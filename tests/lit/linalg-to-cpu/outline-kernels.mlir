// RUN: onnx-mlir-opt %s --cpu-outline-kernels | FileCheck %s
// Each top-level loop nest becomes a private no_inline function taking the values it uses
// (constants cloned into it); what is not a loop nest (allocations, clock reads, status stores,
// views) stays in the function, which calls the kernels in order.

// A symbol already named kernel_0 is not reused.
// CHECK-LABEL: func.func private @kernel_0()
// CHECK-NEXT: return

// The loop with a result: returned. The constants it uses are cloned, not passed.
// CHECK-LABEL: func.func private @kernel_1(%{{.*}}: memref<16xf32>, %{{.*}}: memref<16xf32>) -> f32
// CHECK-SAME: attributes {llvm.linkage = #llvm.linkage<internal>, no_inline, onnx_mlir.kernel, passthrough = ["noinline"]}
// CHECK-DAG: arith.constant 0 : index
// CHECK-DAG: arith.constant 16 : index
// CHECK: scf.for
// CHECK: memref.store
// CHECK: return %{{.*}} : f32

// A guard whose branch holds a loop is one kernel, with the view it reads and the status buffer.
// CHECK-LABEL: func.func private @kernel_2(%{{.*}}: i1, %{{.*}}: memref<8xf32, strided<[1], offset: 4>>, %{{.*}}: memref<2xi64>)
// CHECK: scf.if
// CHECK: scf.for
// CHECK: else
// CHECK: memref.store

// A nest of two loops over a global: the global is read in the kernel, not passed.
// CHECK-LABEL: func.func private @kernel_3(%{{.*}}: memref<16xf32>)
// CHECK: memref.get_global @weights
// CHECK: scf.for
// CHECK: scf.for

// CHECK-LABEL: func.func @main_graph(
// CHECK-SAME: onnx_mlir.glue
// CHECK: memref.alloc
// CHECK-NEXT: call @nanoTime
// CHECK-NEXT: %[[SUM:.*]] = call @kernel_1(%{{.*}}, %{{.*}}) : (memref<16xf32>, memref<16xf32>) -> f32
// CHECK-NEXT: call @nanoTime
// CHECK-NEXT: memref.subview
// CHECK-NEXT: arith.cmpf
// CHECK-NEXT: call @kernel_2(
// CHECK: call @kernel_3(
// CHECK-NEXT: memref.store %[[SUM]]
// CHECK-NOT: scf.
// CHECK: return

memref.global "private" constant @weights : memref<16xf32> = dense<1.0>
func.func private @nanoTime() -> i64
func.func private @kernel_0() {
  return
}
func.func @main_graph(%x: memref<16xf32>, %status: memref<2xi64>, %out: memref<1xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %zero = arith.constant 0.0 : f32
  %buf = memref.alloc() : memref<16xf32>
  %t0 = func.call @nanoTime() : () -> i64
  %sum = scf.for %i = %c0 to %c16 step %c1 iter_args(%acc = %zero) -> (f32) {
    %v = memref.load %x[%i] : memref<16xf32>
    memref.store %v, %buf[%i] : memref<16xf32>
    %a = arith.addf %acc, %v : f32
    scf.yield %a : f32
  }
  %t1 = func.call @nanoTime() : () -> i64
  %view = memref.subview %buf[4] [8] [1] : memref<16xf32> to memref<8xf32, strided<[1], offset: 4>>
  %ok = arith.cmpf ogt, %sum, %zero : f32
  scf.if %ok {
    %c8 = arith.constant 8 : index
    scf.for %i = %c0 to %c8 step %c1 {
      memref.store %zero, %view[%i] : memref<8xf32, strided<[1], offset: 4>>
    }
  } else {
    %code = arith.constant 1 : i64
    memref.store %code, %status[%c0] : memref<2xi64>
  }
  %w = memref.get_global @weights : memref<16xf32>
  scf.for %i = %c0 to %c16 step %c1 {
    scf.for %j = %c0 to %c1 step %c1 {
      %v = memref.load %w[%i] : memref<16xf32>
      memref.store %v, %buf[%i] : memref<16xf32>
    }
  }
  memref.store %sum, %out[%c0] : memref<1xf32>
  memref.dealloc %buf : memref<16xf32>
  return
}
