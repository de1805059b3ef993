// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-bufferize, cpu-loops)" | FileCheck %s
// After the loops stage: unstructured control flow on memrefs, no linalg or scf left; the loop
// nest is a function of its own (cpu-outline-kernels) that @main_graph calls.

// CHECK-LABEL: func.func private @kernel_0(
// CHECK-SAME: onnx_mlir.kernel
// CHECK-NOT: linalg.
// CHECK-NOT: scf.
// CHECK: cf.cond_br
// CHECK: memref.load
// CHECK: math.erf
// CHECK: memref.store
// CHECK-LABEL: func.func @main_graph(
// CHECK-SAME: onnx_mlir.glue
// CHECK-NOT: cf.cond_br
// CHECK: call @kernel_0(
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @main_graph(%x: tensor<4x3xf64>) -> tensor<4x3xf64> {
  %e = tensor.empty() : tensor<4x3xf64>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x3xf64>) outs(%e : tensor<4x3xf64>) {
  ^bb0(%v: f64, %o: f64):
    %t = math.erf %v : f64
    linalg.yield %t : f64
  } -> tensor<4x3xf64>
  return %r : tensor<4x3xf64>
}
