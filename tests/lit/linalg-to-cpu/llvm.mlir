// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-bufferize, cpu-loops, cpu-llvm)" | FileCheck %s
// Math ops without an LLVM intrinsic become libm calls; everything is in the LLVM dialect.

// CHECK: llvm.func @erff(f32) -> f32
// CHECK: llvm.func internal @kernel_0(
// CHECK: llvm.call @erff
// CHECK: llvm.func @main_graph(
// CHECK: llvm.call @kernel_0(
// CHECK: llvm.func @_mlir_ciface_main_graph(
// CHECK-NOT: math.
// CHECK-NOT: memref.
// CHECK-NOT: cf.
#id = affine_map<(d0) -> (d0)>
func.func @main_graph(%x: tensor<8xf32>) -> tensor<8xf32> {
  %e = tensor.empty() : tensor<8xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%v: f32, %o: f32):
    %t = math.erf %v : f32
    %s = math.sqrt %t : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  return %r : tensor<8xf32>
}
