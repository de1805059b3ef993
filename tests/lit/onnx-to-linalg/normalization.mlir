// Normalizations: statistics as reduction generics, then one elementwise generic reading the
// statistics and per-channel parameters through indexing maps.
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s --check-prefix=NOONNX
// NOONNX-NOT: onnx.

// Inference BatchNormalization: the [C] vectors are read through d1, no broadcast copies.
// CHECK-DAG: #[[$ID4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$C:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @batchnorm
// CHECK:         %[[INV:.*]] = linalg.generic
// CHECK:           math.rsqrt
// CHECK:         linalg.generic {indexing_maps = [#[[$ID4]], #[[$C]], #[[$C]], #[[$C]], #[[$C]], #[[$ID4]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME:      ins(%arg0, %arg3, %[[INV]], %arg1, %arg2 :
func.func @batchnorm(%x: tensor<2x3x4x5xf32>, %s: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<2x3x4x5xf32> {
  %0 = "onnx.batch_normalization"(%x, %s, %b, %m, %v) {epsilon = 1.0e-2 : f32, resultSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x5xf32>
  return %0 : tensor<2x3x4x5xf32>
}

// -----

// Training mode: batch mean/variance over N and the spatial dims, running stats updated.
// CHECK-LABEL: func.func @batchnorm_training
// CHECK:         linalg.generic {{.*}} iterator_types = ["reduction", "parallel", "reduction"]
// CHECK:         linalg.generic {{.*}} iterator_types = ["reduction", "parallel", "reduction"]
// CHECK:         arith.constant 0.899999976 : f32
// CHECK:         return %{{.*}}, %{{.*}}, %{{.*}} : tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>
func.func @batchnorm_training(%x: tensor<2x3x4xf32>, %s: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>) {
  %0, %1, %2 = "onnx.batch_normalization"(%x, %s, %b, %m, %v) {training_mode = 1 : i64, resultSegmentSizes = array<i32: 1, 1, 1>} : (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>)
  return %0, %1, %2 : tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

// InstanceNormalization: statistics over the spatial dims of each (n, c).
// CHECK-DAG: #[[$NC:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1)>
// CHECK-LABEL: func.func @instancenorm
// CHECK:         %[[SUM:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction", "reduction"]
// CHECK:         %[[MEAN:.*]] = linalg.generic
// CHECK:           arith.divf
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction", "reduction"]
// CHECK:         %[[VAR:.*]] = linalg.generic
// CHECK:           arith.divf
// CHECK:         %[[INV:.*]] = linalg.generic {{.*}} ins(%[[VAR]] :
// CHECK:           math.rsqrt
// CHECK:         linalg.generic {indexing_maps = [#{{.*}}, #[[$NC]], #[[$NC]], #{{.*}}, #{{.*}}, #{{.*}}]
// CHECK-SAME:      ins(%arg0, %[[MEAN]], %[[INV]], %arg1, %arg2 :
func.func @instancenorm(%x: tensor<2x3x4x5xf32>, %s: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<2x3x4x5xf32> {
  %0 = "onnx.instance_normalization"(%x, %s, %b) : (tensor<2x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x5xf32>
  return %0 : tensor<2x3x4x5xf32>
}

// -----

// LayerNormalization over the last two dims with Mean/InvStdDev outputs (kept dims as 1).
// CHECK-DAG: #[[$SCALE:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-LABEL: func.func @layernorm
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "reduction"]
// CHECK:         linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}, #[[$SCALE]], #[[$SCALE]], #{{.*}}]
// CHECK:         tensor.expand_shape %{{.*}} {{\[\[}}0, 1, 2]] output_shape [2, 1, 1] : tensor<2xf32> into tensor<2x1x1xf32>
// CHECK:         tensor.expand_shape %{{.*}} {{\[\[}}0, 1, 2]] output_shape [2, 1, 1] : tensor<2xf32> into tensor<2x1x1xf32>
func.func @layernorm(%x: tensor<2x3x4xf32>, %s: tensor<3x4xf32>, %b: tensor<3x4xf32>) -> (tensor<2x3x4xf32>, tensor<2x1x1xf32>, tensor<2x1x1xf32>) {
  %0, %1, %2 = "onnx.layer_normalization"(%x, %s, %b) {axis = -2 : i64, resultSegmentSizes = array<i32: 1, 1, 1>} : (tensor<2x3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>) -> (tensor<2x3x4xf32>, tensor<2x1x1xf32>, tensor<2x1x1xf32>)
  return %0, %1, %2 : tensor<2x3x4xf32>, tensor<2x1x1xf32>, tensor<2x1x1xf32>
}

// -----

// GroupNormalization works on an [N, G, C/G, ...] view; the per-channel scale is read at
// g * C/G + c.
// CHECK-DAG: #[[$GC:.*]] = affine_map<(d0, d1, d2, d3) -> (d1 * 2 + d2)>
// CHECK-LABEL: func.func @groupnorm
// CHECK:         %[[XG:.*]] = tensor.expand_shape %arg0 {{\[\[}}0], [1, 2], [3]] output_shape [2, 2, 2, 3]
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction", "reduction"]
// CHECK:         %[[Y:.*]] = linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}, #[[$GC]], #[[$GC]], #{{.*}}]
// CHECK:         tensor.collapse_shape %[[Y]] {{\[\[}}0], [1, 2], [3]] : tensor<2x2x2x3xf32> into tensor<2x4x3xf32>
func.func @groupnorm(%x: tensor<2x4x3xf32>, %s: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<2x4x3xf32> {
  %0 = "onnx.group_normalization"(%x, %s, %b) {num_groups = 2 : i64} : (tensor<2x4x3xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4x3xf32>
  return %0 : tensor<2x4x3xf32>
}

// -----

// RMSNormalization in f16 computes in f32 (stash_type 1).
// CHECK-LABEL: func.func @rmsnorm_f16
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK:           arith.extf %{{.*}} : f16 to f32
// CHECK:         math.rsqrt
// CHECK:         linalg.generic
// CHECK:           arith.truncf %{{.*}} : f32 to f16
func.func @rmsnorm_f16(%x: tensor<3x8xf16>, %s: tensor<8xf16>) -> tensor<3x8xf16> {
  %0 = "onnx.rms_normalization"(%x, %s) : (tensor<3x8xf16>, tensor<8xf16>) -> tensor<3x8xf16>
  return %0 : tensor<3x8xf16>
}

// -----

// LpNormalization p=1 along axis 0.
// CHECK-LABEL: func.func @lpnorm
// CHECK:         linalg.generic {{.*}} iterator_types = ["reduction", "parallel"]
// CHECK:           math.absf
// CHECK:         linalg.generic
// CHECK:           arith.divf
func.func @lpnorm(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %0 = "onnx.lp_normalization"(%x) {axis = 0 : i64, p = 1 : i64} : (tensor<3x4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// MeanVarianceNormalization over the default axes [0, 2, 3].
// CHECK-LABEL: func.func @mvn
// CHECK:         linalg.generic {{.*}} iterator_types = ["reduction", "parallel", "reduction", "reduction"]
// CHECK:         %[[EPS:.*]] = arith.constant 9.99999971E-10 : f32
// CHECK:         %[[STD:.*]] = math.sqrt
// CHECK:         arith.addf %[[STD]], %[[EPS]] : f32
func.func @mvn(%x: tensor<2x3x4x5xf32>) -> tensor<2x3x4x5xf32> {
  %0 = "onnx.mean_variance_normalization"(%x) : (tensor<2x3x4x5xf32>) -> tensor<2x3x4x5xf32>
  return %0 : tensor<2x3x4x5xf32>
}

// -----

// LRN size 4: C padded by 1 before and 2 after; a window loop sums the squares.
// CHECK-DAG: #[[$WIN:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1 + d4, d2, d3)>
// CHECK-DAG: #[[$K:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d4)>
// CHECK-LABEL: func.func @lrn
// CHECK:         %[[PAD:.*]] = tensor.pad %arg0 low[0, 1, 0, 0] high[0, 2, 0, 0]
// CHECK:         %[[W:.*]] = tensor.empty() : tensor<4xf32>
// CHECK:         linalg.generic {indexing_maps = [#[[$WIN]], #[[$K]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[PAD]], %[[W]] :
// CHECK:         math.powf
func.func @lrn(%x: tensor<1x5x2x2xf32>) -> tensor<1x5x2x2xf32> {
  %0 = "onnx.lrn"(%x) {size = 4 : i64} : (tensor<1x5x2x2xf32>) -> tensor<1x5x2x2xf32>
  return %0 : tensor<1x5x2x2xf32>
}
