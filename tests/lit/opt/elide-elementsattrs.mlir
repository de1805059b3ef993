// --mlir-elide-elementsattrs-if-larger=N elides elements attributes with more than N elements.
// RUN: onnx-mlir-opt %s --mlir-elide-elementsattrs-if-larger=4 | FileCheck %s

// CHECK: dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK: dense_resource<__elided__> : tensor<8xf32>
func.func @f() -> (tensor<2xf32>, tensor<8xf32>) {
  %small = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %big = arith.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]> : tensor<8xf32>
  return %small, %big : tensor<2xf32>, tensor<8xf32>
}
