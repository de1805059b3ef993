// RUN: onnx-mlir-opt %s --linalg-to-cpu | FileCheck %s
// Whole CPU pipeline: linalg on tensors -> LLVM dialect with a C-interface entry.

// CHECK-NOT: linalg.
// CHECK-NOT: tensor.
// CHECK: llvm.func @main_graph(
// CHECK: llvm.func @_mlir_ciface_main_graph(
// CHECK-NOT: linalg.
// CHECK-NOT: memref.
func.func @main_graph(%a: tensor<16x8xf32>, %b: tensor<8x32xf32>) -> tensor<16x32xf32> {
  %c = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x32xf32>
  %z = linalg.fill ins(%c : f32) outs(%e : tensor<16x32xf32>) -> tensor<16x32xf32>
  %r = linalg.matmul ins(%a, %b : tensor<16x8xf32>, tensor<8x32xf32>) outs(%z : tensor<16x32xf32>) -> tensor<16x32xf32>
  return %r : tensor<16x32xf32>
}
