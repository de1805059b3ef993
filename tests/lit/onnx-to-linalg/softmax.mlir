// Softmax family: max reduction; Softmax: exp(x - max) once in a parallel generic, its sum, one
// normalizing generic; LogSoftmax: sum of exp(x - max), x - max - log(sum); Hardmax is an
// ArgMax generic plus a compare.
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s --check-prefix=NOONNX
// NOONNX-NOT: onnx.

// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @softmax
// CHECK:         %[[MAX:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]]], iterator_types = ["parallel", "reduction"]} ins(%arg0 : tensor<2x5xf32>)
// CHECK:           arith.maximumf
// CHECK:         %[[EXP:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]], #[[$ID]]], iterator_types = ["parallel", "parallel"]} ins(%arg0, %[[MAX]] : tensor<2x5xf32>, tensor<2xf32>)
// CHECK:           arith.subf
// CHECK:           math.exp
// CHECK:         %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]]], iterator_types = ["parallel", "reduction"]} ins(%[[EXP]] : tensor<2x5xf32>)
// CHECK:           arith.addf
// CHECK:         linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]], #[[$ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[EXP]], %[[SUM]] :
// CHECK-NOT:       math.exp
// CHECK:           arith.divf
func.func @softmax(%x: tensor<2x5xf32>) -> tensor<2x5xf32> {
  %0 = "onnx.softmax"(%x) : (tensor<2x5xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

// LogSoftmax along axis 0: x - max - log(sum).
// CHECK-DAG: #[[$COL:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @log_softmax_axis0
// CHECK:         linalg.generic {{.*}} iterator_types = ["reduction", "parallel"]
// CHECK:         linalg.generic {{.*}} iterator_types = ["reduction", "parallel"]
// CHECK:         linalg.generic
// CHECK:           arith.subf
// CHECK:           math.log
// CHECK:           arith.subf
func.func @log_softmax_axis0(%x: tensor<2x5xf32>) -> tensor<2x5xf32> {
  %0 = "onnx.log_softmax"(%x) {axis = 0 : i64} : (tensor<2x5xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

// bf16 computes in f32 and truncates once.
// CHECK-LABEL: func.func @softmax_bf16
// CHECK:         arith.extf %{{.*}} : bf16 to f32
// CHECK:         arith.truncf %{{.*}} : f32 to bf16
func.func @softmax_bf16(%x: tensor<3x4xbf16>) -> tensor<3x4xbf16> {
  %0 = "onnx.softmax"(%x) {axis = -1 : i64} : (tensor<3x4xbf16>) -> tensor<3x4xbf16>
  return %0 : tensor<3x4xbf16>
}

// -----

// CHECK-LABEL: func.func @hardmax
// CHECK:         %[[ARG:.*]]:2 = linalg.generic {{.*}} iterator_types = ["reduction", "parallel"]
// CHECK:           linalg.index 0
// CHECK:           arith.cmpf ogt
// CHECK:         linalg.generic {{.*}} ins(%arg0, %[[ARG]]#1 : tensor<2x5xf32>, tensor<5xi64>)
// CHECK:           %[[I:.*]] = linalg.index 0 : index
// CHECK:           arith.cmpi eq
// CHECK:           arith.select
func.func @hardmax(%x: tensor<2x5xf32>) -> tensor<2x5xf32> {
  %0 = "onnx.hardmax"(%x) {axis = 0 : i64} : (tensor<2x5xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}
