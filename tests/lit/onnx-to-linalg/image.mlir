// GridSample and AffineGrid: one gather linalg.generic over the output; coordinates from
// linalg.index, operands read with tensor.extract in the body.
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s --check-prefix=NOONNX
// NOONNX-NOT: onnx.

// Bilinear, zeros padding: two grid reads (x then y), four taps, each masked by its
// in-range flag.
// CHECK-LABEL: func.func @grid_sample_linear_zeros
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%{{.*}} : tensor<1x2x5x6xf32>)
// CHECK:           tensor.extract %arg1[%{{.*}}, %{{.*}}, %{{.*}}, %c1] : tensor<1x5x6x2xf32>
// CHECK:           tensor.extract %arg1[%{{.*}}, %{{.*}}, %{{.*}}, %c0] : tensor<1x5x6x2xf32>
// CHECK:           math.floor
// CHECK:           math.floor
// CHECK-COUNT-4:   tensor.extract %arg0
// CHECK-NOT:       tensor.extract
// CHECK:           linalg.yield
func.func @grid_sample_linear_zeros(%x: tensor<1x2x3x4xf32>, %g: tensor<1x5x6x2xf32>) -> tensor<1x2x5x6xf32> {
  %0 = "onnx.grid_sample"(%x, %g) {mode = "linear"} : (tensor<1x2x3x4xf32>, tensor<1x5x6x2xf32>) -> tensor<1x2x5x6xf32>
  return %0 : tensor<1x2x5x6xf32>
}

// -----

// Dynamic input spatial dims: each must hold one element (run-time check); the sizes enter the
// coordinate maths as floats and the tap clamps as index values.
// CHECK-LABEL: func.func @grid_sample_dynamic
// CHECK-DAG:     %[[H:.*]] = tensor.dim %arg0, %c2 : tensor<?x2x?x?xf32>
// CHECK-DAG:     %[[W:.*]] = tensor.dim %arg0, %c3 : tensor<?x2x?x?xf32>
// CHECK:         arith.cmpi sge, %[[H]], %c1
// CHECK:         arith.cmpi sge, %[[W]], %c1
// CHECK:         scf.if
// CHECK:           linalg.generic {{.*}} outs(%{{.*}} : tensor<?x2x5x6xf32>)
// CHECK:             arith.index_cast %[[H]] : index to i64
// CHECK:             arith.sitofp
// CHECK:             arith.index_cast %[[W]] : index to i64
// CHECK:             arith.addi %[[H]], %c-1
func.func @grid_sample_dynamic(%x: tensor<?x2x?x?xf32>, %g: tensor<?x5x6x2xf32>) -> tensor<?x2x5x6xf32> {
  %0 = "onnx.grid_sample"(%x, %g) {mode = "linear", padding_mode = "border"} : (tensor<?x2x?x?xf32>, tensor<?x5x6x2xf32>) -> tensor<?x2x5x6xf32>
  return %0 : tensor<?x2x5x6xf32>
}

// -----

// Nearest with reflection padding: round half to even, reflect (trunc/remf), one tap.
// CHECK-LABEL: func.func @grid_sample_nearest_reflection
// CHECK:         linalg.generic
// CHECK:           math.roundeven
// CHECK:           math.trunc
// CHECK:           arith.remf
// CHECK:           tensor.extract %arg0
// CHECK-NOT:       tensor.extract %arg0
// CHECK:           linalg.yield
func.func @grid_sample_nearest_reflection(%x: tensor<1x1x3x4xf32>, %g: tensor<1x2x2x2xf32>) -> tensor<1x1x2x2xf32> {
  %0 = "onnx.grid_sample"(%x, %g) {mode = "nearest", padding_mode = "reflection", align_corners = 1 : i64} : (tensor<1x1x3x4xf32>, tensor<1x2x2x2xf32>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// -----

// Bicubic: 16 taps.
// CHECK-LABEL: func.func @grid_sample_cubic
// CHECK:         linalg.generic
// CHECK-COUNT-16:  tensor.extract %arg0
// CHECK:           linalg.yield
func.func @grid_sample_cubic(%x: tensor<1x1x3x4xf32>, %g: tensor<1x2x2x2xf32>) -> tensor<1x1x2x2xf32> {
  %0 = "onnx.grid_sample"(%x, %g) {mode = "cubic", padding_mode = "border"} : (tensor<1x1x3x4xf32>, tensor<1x2x2x2xf32>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// -----

// AffineGrid 2-D: theta[n, j, 2] + theta[n, j, 0] * x + theta[n, j, 1] * y.
// CHECK-LABEL: func.func @affine_grid
// CHECK:         linalg.generic {{.*}} outs(%{{.*}} : tensor<2x3x4x2xf32>)
// CHECK:           tensor.extract %arg0[%{{.*}}, %{{.*}}, %c2] : tensor<2x2x3xf32>
// CHECK:           tensor.extract %arg0[%{{.*}}, %{{.*}}, %c0] : tensor<2x2x3xf32>
// CHECK:           arith.mulf
// CHECK:           tensor.extract %arg0[%{{.*}}, %{{.*}}, %c1] : tensor<2x2x3xf32>
// CHECK:           arith.mulf
// CHECK:           linalg.yield
func.func @affine_grid(%theta: tensor<2x2x3xf32>, %size: tensor<4xi64>) -> tensor<2x3x4x2xf32> {
  %0 = "onnx.affine_grid"(%theta, %size) : (tensor<2x2x3xf32>, tensor<4xi64>) -> tensor<2x3x4x2xf32>
  return %0 : tensor<2x3x4x2xf32>
}
