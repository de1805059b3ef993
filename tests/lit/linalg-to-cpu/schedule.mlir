// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-schedule)" | FileCheck %s
// The matmul is tiled and vectorized into a vector.contract; the odd-shaped one is left alone.

// CHECK-LABEL: func.func @main_graph(
// CHECK: scf.for
// CHECK: vector.contract
// CHECK: linalg.matmul ins(%{{.*}} : tensor<5x7xf32>, tensor<7x3xf32>)
func.func @main_graph(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<5x7xf32>, %d: tensor<7x3xf32>)
    -> (tensor<64x64xf32>, tensor<5x3xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x64xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
  %r = linalg.matmul ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
  %e2 = tensor.empty() : tensor<5x3xf32>
  %z2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<5x3xf32>) -> tensor<5x3xf32>
  %r2 = linalg.matmul ins(%c, %d : tensor<5x7xf32>, tensor<7x3xf32>) outs(%z2 : tensor<5x3xf32>) -> tensor<5x3xf32>
  return %r, %r2 : tensor<64x64xf32>, tensor<5x3xf32>
}
