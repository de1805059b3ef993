// Shapes computed by the onnx-level passes that are too large to allocate (or whose element
// count overflows int64) are errors at the op, before lowering. The byte limit is
// ONNX_MLIR_MAX_TENSOR_BYTES (default 64 GiB).
// RUN: onnx-mlir-opt %s --split-input-file --onnx-shape-inference --verify-diagnostics
// RUN: not onnx-mlir-opt %s --split-input-file --onnx-simplify 2>&1 | filecheck %s
// RUN: env ONNX_MLIR_MAX_TENSOR_BYTES=1024 not onnx-mlir-opt %s --split-input-file --onnx-simplify 2>&1 | filecheck %s --check-prefix=LIMIT

// A ConstantOfShape of 4 TiB: compiled, it used to fail only at run time with MemoryError.
// CHECK: oversized-shapes.mlir:[[# @LINE + 4]]:8: error: 'onnx.constant_of_shape' op result #0 would be tensor<1024x1024x1024x1024xf32>, which is too large: it would take 4 TiB (1099511627776 elements), more than the 64 GiB a tensor may hold
func.func @four_tib() -> tensor<?x?x?x?xf32> {
  %s = "onnx.constant"() {value = dense<1024> : tensor<4xi64>} : () -> tensor<4xi64>
  // expected-error @+1 {{'onnx.constant_of_shape' op result #0 would be tensor<1024x1024x1024x1024xf32>, which is too large: it would take 4 TiB}}
  %0 = "onnx.constant_of_shape"(%s) : (tensor<4xi64>) -> tensor<?x?x?x?xf32>
  return %0 : tensor<?x?x?x?xf32>
}

// -----

// CHECK: oversized-shapes.mlir:[[# @LINE + 4]]:8: error: 'onnx.expand' op result #0 would be tensor<1099511627776x1099511627776xf32>, which is too large: its 1099511627776x1099511627776 elements overflow a 64-bit element count
func.func @overflowing_expand(%x: tensor<1x1xf32>) -> tensor<?x?xf32> {
  %s = "onnx.constant"() {value = dense<1099511627776> : tensor<2xi64>} : () -> tensor<2xi64>
  // expected-error @+1 {{'onnx.expand' op result #0 would be tensor<1099511627776x1099511627776xf32>, which is too large: its 1099511627776x1099511627776 elements overflow a 64-bit element count}}
  %0 = "onnx.expand"(%x, %s) : (tensor<1x1xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// Under the limit of the environment variable only: 16x16 f32 is 1 KiB.
// LIMIT: oversized-shapes.mlir:[[# @LINE + 3]]:8: error: 'onnx.constant_of_shape' op result #0 would be tensor<16x17xf32>, which is too large: it would take 1.06 KiB (272 elements), more than the 1 KiB a tensor may hold
func.func @small() -> tensor<?x?xf32> {
  %s = "onnx.constant"() {value = dense<[16, 17]> : tensor<2xi64>} : () -> tensor<2xi64>
  %0 = "onnx.constant_of_shape"(%s) : (tensor<2xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}
