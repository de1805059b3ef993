// Dims that only the model's declared output / value_info type made static
// (onnx_mlir.declared_dims, recorded by the importer) are verified by onnx-shape-inference once
// ONNX computes them: a computed size that agrees is no longer recorded; one that differs
// replaces the declaration, with a warning; one still unknown stays recorded.
// RUN: onnx-mlir-opt %s --split-input-file --onnx-shape-inference 2>&1 | FileCheck %s

// CHECK: warning: {{.*}}:17:14: result #0: dim 2 is declared 5 but computed as 7; using the computed size
// CHECK-LABEL: func.func @verify
// CHECK-SAME:    -> (tensor<2x3x7xf32>, tensor<2x3x7xf32>, tensor<2x3x4xf32>)
// CHECK:         %[[S:.*]] = "onnx.constant"
// CHECK-NEXT:    "onnx.expand"(%arg0, %[[S]]) : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<2x3x7xf32>
// CHECK-NEXT:    "onnx.expand"(%arg0, %[[S]]) : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<2x3x7xf32>
// CHECK-NEXT:    "onnx.expand"(%arg0, %arg1) {onnx_mlir.declared_dims = [array<i64: 0, 2>]} : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<2x3x4xf32>
func.func @verify(%x: tensor<3x1xf32>, %r: tensor<3xi64>) -> (tensor<2x3x7xf32>, tensor<2x3x5xf32>, tensor<2x3x4xf32>) {
  %s = "onnx.constant"() {value = dense<[2, 3, 7]> : tensor<3xi64>} : () -> tensor<3xi64>
  %agrees = "onnx.expand"(%x, %s) {onnx_mlir.declared_dims = [array<i64: 2>]} : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<2x3x7xf32>
  %differs = "onnx.expand"(%x, %s) {onnx_mlir.declared_dims = [array<i64: 0, 2>]} : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<2x3x5xf32>
  %unknown = "onnx.expand"(%x, %r) {onnx_mlir.declared_dims = [array<i64: 0, 2>]} : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<2x3x4xf32>
  return %agrees, %differs, %unknown : tensor<2x3x7xf32>, tensor<2x3x5xf32>, tensor<2x3x4xf32>
}
