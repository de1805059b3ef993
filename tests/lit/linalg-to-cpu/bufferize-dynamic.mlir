// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-bufferize)" | FileCheck %s
// A dynamically shaped result cannot be an out-param: results stay results and the module is tagged.

// CHECK: module attributes {onnx_mlir.results_returned}
// CHECK: func.func @main_graph(%{{.*}}: memref<?x3xf32>) -> memref<?x3xf32>
// CHECK: memref.alloc(
// CHECK: return %{{.*}} : memref<?x3xf32>
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @main_graph(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x3xf32>
  %e = tensor.empty(%n) : tensor<?x3xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<?x3xf32>) outs(%e : tensor<?x3xf32>) {
  ^bb0(%v: f32, %o: f32):
    %t = math.exp %v : f32
    linalg.yield %t : f32
  } -> tensor<?x3xf32>
  return %r : tensor<?x3xf32>
}
