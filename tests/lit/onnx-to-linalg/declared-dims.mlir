// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s

// A result dim whose static size only the model's declaration gives (onnx_mlir.declared_dims)
// is computed by the lowerings that can compute it, then refined to the declared type with a
// tensor.cast (which the run-time checks of refining casts verify), not taken on trust.

// Expand to a run-time shape: the recorded dims come from the shape operand.
// CHECK-LABEL: func.func @expand
// CHECK:     %[[D0:.*]] = tensor.extract %arg1[%{{.*}}] : tensor<3xi64>
// CHECK:     %[[D2:.*]] = tensor.extract %arg1[%{{.*}}] : tensor<3xi64>
// CHECK:     %[[E:.*]] = tensor.empty(%{{.*}}, %{{.*}}) : tensor<?x3x?xf32>
// CHECK:     %[[G:.*]] = linalg.generic {{.*}} outs(%[[E]] : tensor<?x3x?xf32>)
// CHECK:     tensor.cast %[[G]] : tensor<?x3x?xf32> to tensor<2x3x4xf32>
func.func @expand(%x: tensor<3x1xf32>, %s: tensor<3xi64>) -> tensor<2x3x4xf32> {
  %0 = "onnx.expand"(%x, %s) {onnx_mlir.declared_dims = [array<i64: 0, 2>]} : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// Without the record, the static result type is used as is.
// CHECK-LABEL: func.func @expand_inferred
// CHECK-NOT: tensor.extract
// CHECK:     tensor.empty() : tensor<2x3x4xf32>
func.func @expand_inferred(%x: tensor<3x1xf32>, %s: tensor<3xi64>) -> tensor<2x3x4xf32> {
  %0 = "onnx.expand"(%x, %s) : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// Compress of a run-time condition declared [2, 3]: the row count is counted at run time.
// CHECK-LABEL: func.func @compress
// CHECK:     %[[TOTAL:.*]] = linalg.generic {{.*}}iterator_types = ["reduction"]}
// CHECK:     tensor.extract %[[TOTAL]][] : tensor<i64>
// CHECK:     %[[OUT:.*]] = tensor.empty(%{{.*}}) : tensor<?x3xf32>
// CHECK:     %[[G:.*]] = linalg.generic {{.*}} outs(%[[OUT]] : tensor<?x3xf32>)
// CHECK:     tensor.cast %[[G]] : tensor<?x3xf32> to tensor<2x3xf32>
func.func @compress(%x: tensor<4x3xf32>, %c: tensor<4xi1>) -> tensor<2x3xf32> {
  %0 = "onnx.compress"(%x, %c) {axis = 0 : i64, onnx_mlir.declared_dims = [array<i64: 0>]} : (tensor<4x3xf32>, tensor<4xi1>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
