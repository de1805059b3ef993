// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s

// No C, alpha = 1: fill + matmul.
// CHECK-LABEL: func.func @gemm_no_c
// CHECK: %[[F:.*]] = linalg.fill
// CHECK: %[[R:.*]] = linalg.matmul ins(%arg0, %arg1 : tensor<2x3xf32>, tensor<3x4xf32>) outs(%[[F]] : tensor<2x4xf32>)
// CHECK: return %[[R]]
// CHECK-NOT: onnx.
func.func @gemm_no_c(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %0 = "onnx.gemm"(%a, %b) : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// transB with a bias [N]: C is broadcast into the accumulator of the matmul.
// CHECK-DAG: #[[$ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @gemm_trans_b_bias
// CHECK: %[[T:.*]] = linalg.transpose ins(%arg1 : tensor<4x3xf32>) outs(%{{.*}} : tensor<3x4xf32>) permutation = [1, 0]
// CHECK: %[[ACC:.*]] = linalg.generic {indexing_maps = [#[[$ROW]], #{{.*}}]{{.*}} ins(%arg2 : tensor<4xf32>)
// CHECK: %[[R:.*]] = linalg.matmul ins(%arg0, %[[T]] : tensor<2x3xf32>, tensor<3x4xf32>) outs(%[[ACC]] : tensor<2x4xf32>)
// CHECK: return %[[R]]
// CHECK-NOT: onnx.
func.func @gemm_trans_b_bias(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>, %c: tensor<4xf32>) -> tensor<2x4xf32> {
  %0 = "onnx.gemm"(%a, %b, %c) {transB = 1 : i64} : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// transA, alpha and beta != 1 with C [M, 1]: epilogue generic alpha * AB + beta * C.
// CHECK-DAG: #[[$COL:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-LABEL: func.func @gemm_trans_a_alpha_beta
// CHECK: %[[T:.*]] = linalg.transpose ins(%arg0 : tensor<3x2xf32>)
// CHECK: %[[M:.*]] = linalg.matmul ins(%[[T]], %arg1
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[$COL]], #{{.*}}]{{.*}} ins(%[[M]], %arg2 : tensor<2x4xf32>, tensor<2x1xf32>)
// CHECK: arith.constant 5.000000e-01 : f32
// CHECK: arith.mulf
// CHECK: arith.constant 2.000000e+00 : f32
// CHECK: arith.mulf
// CHECK: arith.addf
func.func @gemm_trans_a_alpha_beta(%a: tensor<3x2xf32>, %b: tensor<3x4xf32>, %c: tensor<2x1xf32>) -> tensor<2x4xf32> {
  %0 = "onnx.gemm"(%a, %b, %c) {transA = 1 : i64, alpha = 0.5 : f32, beta = 2.0 : f32} : (tensor<3x2xf32>, tensor<3x4xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// Scalar C scaled by beta into the accumulator.
// CHECK-DAG: #[[$S:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @gemm_scalar_c
// CHECK: %[[ACC:.*]] = linalg.generic {indexing_maps = [#[[$S]], #{{.*}}]
// CHECK: arith.constant 3.000000e+00 : f32
// CHECK: linalg.matmul {{.*}} outs(%[[ACC]] : tensor<2x4xf32>)
func.func @gemm_scalar_c(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %c: tensor<f32>) -> tensor<2x4xf32> {
  %0 = "onnx.gemm"(%a, %b, %c) {beta = 3.0 : f32} : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<f32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// Both transposed, full C.
// CHECK-LABEL: func.func @gemm_trans_both
// CHECK-COUNT-2: linalg.transpose
// CHECK: linalg.matmul
func.func @gemm_trans_both(%a: tensor<3x2xf32>, %b: tensor<4x3xf32>, %c: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %0 = "onnx.gemm"(%a, %b, %c) {transA = 1 : i64, transB = 1 : i64} : (tensor<3x2xf32>, tensor<4x3xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}
