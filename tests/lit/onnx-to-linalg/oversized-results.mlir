// A pass that computes a tensor too large to lay out (here the Expand lowering, from constant
// shape values no shape inference has seen) is stopped with a located error after that pass,
// before bufferization would abort in LLVM (makeCanonicalStridedLayoutExpr).
// RUN: not onnx-mlir-opt %s --onnx-to-cpu 2>&1 | filecheck %s
// CHECK:     oversized-results.mlir:[[# @LINE + 6]]:8: error: 'tensor.empty' op has a value of type tensor<1099511627776x1099511627776xf32>, which is too large: its 1099511627776x1099511627776 elements overflow a 64-bit element count
// CHECK-NOT: Assertion
// CHECK-NOT: internal error

func.func @overflowing_expand(%x: tensor<1x1xf32>) -> tensor<?x?xf32> {
  %s = "onnx.constant"() {value = dense<1099511627776> : tensor<2xi64>} : () -> tensor<2xi64>
  %0 = "onnx.expand"(%x, %s) : (tensor<1x1xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}
