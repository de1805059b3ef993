// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-bufferize)" | FileCheck %s
// Static results become out-params written in place; no tensors remain.

// CHECK-LABEL: func.func @main_graph(
// CHECK-SAME: %[[X:.*]]: memref<4x3xf32>, %[[OUT:.*]]: memref<4x3xf32>) {
// CHECK-NOT: tensor.
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[X]] : memref<4x3xf32>) outs(%[[OUT]] : memref<4x3xf32>)
// CHECK: return{{$}}
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @main_graph(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %e = tensor.empty() : tensor<4x3xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x3xf32>) outs(%e : tensor<4x3xf32>) {
  ^bb0(%v: f32, %o: f32):
    %t = math.tanh %v : f32
    linalg.yield %t : f32
  } -> tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}
