// Resize lowering: nearest is one gather linalg.generic (linalg.index -> source index ->
// tensor.extract); linear/cubic are one weighted-tap gather generic per resized axis.
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s --check-prefix=NOONNX
// NOONNX-NOT: onnx.

// Nearest, constant scales [1, 1, 2, 2]: N and C are identity axes (plain linalg.index), the
// resized axes round (round_prefer_floor: ceil(x - 0.5)) and clamp to the input.
// CHECK-LABEL: func.func @nearest_constant_scales
// CHECK:         %[[INIT:.*]] = tensor.empty() : tensor<1x1x4x6xf32>
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%[[INIT]] : tensor<1x1x4x6xf32>)
// CHECK:           %[[N:.*]] = linalg.index 0 : index
// CHECK:           %[[C:.*]] = linalg.index 1 : index
// CHECK:           linalg.index 2 : index
// CHECK:           math.ceil
// CHECK:           %[[H:.*]] = arith.minsi %{{.*}}, %c1 : index
// CHECK:           linalg.index 3 : index
// CHECK:           math.ceil
// CHECK:           %[[W:.*]] = arith.minsi %{{.*}}, %c2 : index
// CHECK:           %[[V:.*]] = tensor.extract %arg0[%[[N]], %[[C]], %[[H]], %[[W]]] : tensor<1x1x2x3xf32>
// CHECK:           linalg.yield %[[V]] : f32
// CHECK-NOT:     linalg.generic
func.func @nearest_constant_scales(%x: tensor<1x1x2x3xf32>) -> tensor<1x1x4x6xf32> {
  %s = "onnx.constant"() {value = dense<[1.0, 1.0, 2.0, 2.0]> : tensor<4xf32>} : () -> tensor<4xf32>
  %0 = "onnx.resize"(%x, %s) {mode = "nearest", operandSegmentSizes = array<i32: 1, 0, 1, 0>} : (tensor<1x1x2x3xf32>, tensor<4xf32>) -> tensor<1x1x4x6xf32>
  return %0 : tensor<1x1x4x6xf32>
}

// -----

// Nearest with runtime scales: each scale is read with tensor.extract in the body; every axis
// is resized (a runtime scale may differ from 1). nearest_mode floor uses math.floor.
// CHECK-LABEL: func.func @nearest_runtime_scales
// CHECK:         linalg.generic
// CHECK:           tensor.extract %arg1[%c0{{.*}}] : tensor<4xf32>
// CHECK:           math.floor
// CHECK:           tensor.extract %arg1[%c3{{.*}}] : tensor<4xf32>
// CHECK:           math.floor
// CHECK:           tensor.extract %arg0
func.func @nearest_runtime_scales(%x: tensor<1x1x2x3xf32>, %s: tensor<4xf32>) -> tensor<1x1x4x6xf32> {
  %0 = "onnx.resize"(%x, %s) {mode = "nearest", nearest_mode = "floor", coordinate_transformation_mode = "asymmetric", operandSegmentSizes = array<i32: 1, 0, 1, 0>} : (tensor<1x1x2x3xf32>, tensor<4xf32>) -> tensor<1x1x4x6xf32>
  return %0 : tensor<1x1x4x6xf32>
}

// -----

// Linear with sizes: one generic per resized axis (H, then W), each reading two taps.
// CHECK-LABEL: func.func @linear_sizes
// CHECK:         %[[H:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<1x2x8x5xf32>)
// CHECK:           math.floor
// CHECK:           tensor.extract %arg0
// CHECK:           arith.mulf
// CHECK:           tensor.extract %arg0
// CHECK:           arith.addf
// CHECK:         } -> tensor<1x2x8x5xf32>
// CHECK:         linalg.generic {{.*}} outs(%{{.*}} : tensor<1x2x8x3xf32>)
// CHECK-COUNT-2:   tensor.extract %[[H]]
// CHECK:         } -> tensor<1x2x8x3xf32>
func.func @linear_sizes(%x: tensor<1x2x4x5xf32>) -> tensor<1x2x8x3xf32> {
  %s = "onnx.constant"() {value = dense<[1, 2, 8, 3]> : tensor<4xi64>} : () -> tensor<4xi64>
  %0 = "onnx.resize"(%x, %s) {mode = "linear", operandSegmentSizes = array<i32: 1, 0, 0, 1>} : (tensor<1x2x4x5xf32>, tensor<4xi64>) -> tensor<1x2x8x3xf32>
  return %0 : tensor<1x2x8x3xf32>
}

// -----

// Cubic on f16 along one axis (axes = [3]): four taps, computed in f32, truncated at the end.
// CHECK-LABEL: func.func @cubic_f16_axes
// CHECK:         linalg.generic {{.*}} outs(%{{.*}} : tensor<1x1x3x8xf32>)
// CHECK-COUNT-4:   tensor.extract %arg0{{.*}} : tensor<1x1x3x4xf16>
// CHECK:         linalg.generic
// CHECK:           arith.truncf %{{.*}} : f32 to f16
func.func @cubic_f16_axes(%x: tensor<1x1x3x4xf16>) -> tensor<1x1x3x8xf16> {
  %s = "onnx.constant"() {value = dense<[2.0]> : tensor<1xf32>} : () -> tensor<1xf32>
  %0 = "onnx.resize"(%x, %s) {mode = "cubic", axes = [3], operandSegmentSizes = array<i32: 1, 0, 1, 0>} : (tensor<1x1x3x4xf16>, tensor<1xf32>) -> tensor<1x1x3x8xf16>
  return %0 : tensor<1x1x3x8xf16>
}

// -----

// tf_crop_and_resize: the roi is read at run time; positions outside the input take the
// extrapolation value (arith.select).
// CHECK-LABEL: func.func @crop_and_resize
// CHECK:         linalg.generic
// CHECK:           tensor.extract %arg1
// CHECK:           arith.cmpf olt
// CHECK:           arith.cmpf ogt
// CHECK:           %[[FILL:.*]] = arith.constant 5.000000e+00 : f32
// CHECK:           arith.select %{{.*}}, %[[FILL]], %{{.*}} : f32
func.func @crop_and_resize(%x: tensor<1x1x4x4xf32>, %roi: tensor<4xf32>) -> tensor<1x1x3x3xf32> {
  %s = "onnx.constant"() {value = dense<[3, 3]> : tensor<2xi64>} : () -> tensor<2xi64>
  %0 = "onnx.resize"(%x, %roi, %s) {axes = [2, 3], mode = "linear", coordinate_transformation_mode = "tf_crop_and_resize", extrapolation_value = 5.0 : f32, operandSegmentSizes = array<i32: 1, 1, 0, 1>} : (tensor<1x1x4x4xf32>, tensor<4xf32>, tensor<2xi64>) -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

// Dynamic spatial dims with constant scales: the output size is floor(in * scale) computed in
// f32 at run time, and the source index is clamped to the run-time input size.
// CHECK-LABEL: func.func @nearest_dynamic_scales
// CHECK:         %[[H:.*]] = tensor.dim %arg0, %c2
// CHECK:         arith.sitofp %{{.*}} : i64 to f32
// CHECK:         arith.mulf %{{.*}}, %{{.*}} : f32
// CHECK:         math.floor
// CHECK:         %[[OH:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK:         tensor.empty(%{{.*}}, %[[OH]], %{{.*}}) : tensor<?x3x?x?xf32>
// CHECK:         linalg.generic
// CHECK:           arith.subi %[[H]], %c1
// CHECK:           tensor.extract %arg0
func.func @nearest_dynamic_scales(%x: tensor<?x3x?x?xf32>) -> tensor<?x3x?x?xf32> {
  %s = "onnx.constant"() {value = dense<[1.0, 1.0, 2.0, 2.0]> : tensor<4xf32>} : () -> tensor<4xf32>
  %0 = "onnx.resize"(%x, %s) {coordinate_transformation_mode = "asymmetric", mode = "nearest", nearest_mode = "floor", operandSegmentSizes = array<i32: 1, 0, 1, 0>} : (tensor<?x3x?x?xf32>, tensor<4xf32>) -> tensor<?x3x?x?xf32>
  return %0 : tensor<?x3x?x?xf32>
}
