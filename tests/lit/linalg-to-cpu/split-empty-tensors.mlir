// cpu-split-empty-tensors gives each use of a tensor.empty its own (CSE had shared one among
// every op writing into a fresh tensor, which made one-shot bufferization cubic in their number).
// RUN: onnx-mlir-opt %s --cpu-split-empty-tensors | FileCheck %s
// The bufferized chain: one buffer per result, no copy.
// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-bufferize)" | FileCheck %s --check-prefix=BUF

#map = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @chain
// CHECK:         %[[E0:.*]] = tensor.empty() : tensor<8xf32>
// CHECK:         %[[R0:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<8xf32>) outs(%[[E0]] : tensor<8xf32>)
// CHECK:         %[[E1:.*]] = tensor.empty() : tensor<8xf32>
// CHECK:         %[[R1:.*]] = linalg.generic {{.*}} ins(%[[R0]] : tensor<8xf32>) outs(%[[E1]] : tensor<8xf32>)
// CHECK:         %[[E2:.*]] = tensor.empty(%{{.*}}) : tensor<?xf32>
// CHECK:         linalg.generic {{.*}} outs(%[[E2]] : tensor<?xf32>)
// CHECK:         %[[E3:.*]] = tensor.empty(%{{.*}}) : tensor<?xf32>
// CHECK:         linalg.generic {{.*}} outs(%[[E3]] : tensor<?xf32>)

// BUF-LABEL: func.func @chain
// BUF-NOT:     memref.copy
// BUF:         return
func.func @chain(%x: tensor<8xf32>, %d: tensor<?xf32>) -> (tensor<8xf32>, tensor<?xf32>, tensor<?xf32>) {
  %c0 = arith.constant 0 : index
  %cst = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8xf32>
  %r0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]}
      ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %cst : f32
    linalg.yield %m : f32
  } -> tensor<8xf32>
  %r1 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]}
      ins(%r0 : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %cst : f32
    linalg.yield %m : f32
  } -> tensor<8xf32>
  %n = tensor.dim %d, %c0 : tensor<?xf32>
  %ed = tensor.empty(%n) : tensor<?xf32>
  %d0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]}
      ins(%d : tensor<?xf32>) outs(%ed : tensor<?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %cst : f32
    linalg.yield %m : f32
  } -> tensor<?xf32>
  %d1 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]}
      ins(%d0 : tensor<?xf32>) outs(%ed : tensor<?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %cst : f32
    linalg.yield %m : f32
  } -> tensor<?xf32>
  return %r1, %d0, %d1 : tensor<8xf32>, tensor<?xf32>, tensor<?xf32>
}
