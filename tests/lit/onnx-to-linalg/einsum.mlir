// Einsum: one linalg.generic from the equation (output labels parallel, summed ones reduction).
// Det: the Leibniz formula in an elementwise generic over the batch.
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s --check-prefix=NOONNX
// NOONNX-NOT: onnx.

// A matmul written as an einsum.
// CHECK-DAG: #[[$A:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[$B:.*]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-DAG: #[[$O:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @matmul
// CHECK:         linalg.generic {indexing_maps = [#[[$A]], #[[$B]], #[[$O]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK:           arith.mulf
// CHECK:           arith.addf
func.func @matmul(%a: tensor<3x3xf32>, %b: tensor<3x3xf32>) -> tensor<3x3xf32> {
  %0 = "onnx.einsum"(%a, %b) {equation = "ij, jk -> ik", operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<3x3xf32>, tensor<3x3xf32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// -----

// Batch diagonal with an ellipsis: a repeated label reads (d1, d1).
// CHECK-DAG: #[[$DIAG:.*]] = affine_map<(d0, d1) -> (d0, d1, d1)>
// CHECK-DAG: #[[$OUT:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @batch_diagonal
// CHECK:         linalg.generic {indexing_maps = [#[[$DIAG]], #[[$OUT]]], iterator_types = ["parallel", "parallel"]}
func.func @batch_diagonal(%x: tensor<3x5x5xf64>) -> tensor<3x5xf64> {
  %0 = "onnx.einsum"(%x) {equation = "...ii ->...i", operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<3x5x5xf64>) -> tensor<3x5xf64>
  return %0 : tensor<3x5xf64>
}

// -----

// Implicit output (no "->"): labels seen once, sorted; here a full contraction to a scalar.
// CHECK-LABEL: func.func @inner_product
// CHECK:         linalg.generic {{.*}} iterator_types = ["reduction"]
// CHECK-SAME:      outs(%{{.*}} : tensor<i32>)
// CHECK:           arith.muli
// CHECK:           arith.addi
func.func @inner_product(%a: tensor<5xi32>, %b: tensor<5xi32>) -> tensor<i32> {
  %0 = "onnx.einsum"(%a, %b) {equation = "i,i", operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<5xi32>, tensor<5xi32>) -> tensor<i32>
  return %0 : tensor<i32>
}

// -----

// bf16 accumulates in f32.
// CHECK-LABEL: func.func @sum_bf16
// CHECK:         arith.extf %{{.*}} : bf16 to f32
// CHECK:         arith.truncf %{{.*}} : f32 to bf16
func.func @sum_bf16(%x: tensor<3x4xbf16>) -> tensor<3xbf16> {
  %0 = "onnx.einsum"(%x) {equation = "ij->i", operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<3x4xbf16>) -> tensor<3xbf16>
  return %0 : tensor<3xbf16>
}

// -----

// Det of 2x2 matrices: a*d - b*c over the batch.
// CHECK-DAG: #[[$E01:.*]] = affine_map<(d0) -> (d0, 0, 1)>
// CHECK-LABEL: func.func @det
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel"]} ins(%arg0, %arg0, %arg0, %arg0 :
// CHECK:           arith.mulf
// CHECK:           arith.mulf
// CHECK:           arith.subf
func.func @det(%x: tensor<3x2x2xf32>) -> tensor<3xf32> {
  %0 = "onnx.det"(%x) : (tensor<3x2x2xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
