// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s

// RoiAlign, fixed sampling ratio: a generic over [roi, c, ph, pw] with a 2x2 reduction grid
// (extents from a tensor.empty operand), four bilinear corners gathered per sample; max mode
// maps bins without samples (-inf) to 0 afterwards.
// CHECK-LABEL: func.func @roi_align_max
// CHECK: %[[G:.*]] = tensor.empty() : tensor<2x2xf32>
// CHECK: %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<3x2x2x2xf32>)
// CHECK: %[[Y:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%[[G]] : tensor<2x2xf32>) outs(%[[INIT]] : tensor<3x2x2x2xf32>)
// CHECK:   tensor.extract %arg2
// CHECK-COUNT-4: tensor.extract %arg0
// CHECK:   arith.maximumf %out
// CHECK: linalg.generic {{.*}} ins(%[[Y]] : tensor<3x2x2x2xf32>)
// CHECK:   arith.select
func.func @roi_align_max(%x: tensor<1x2x8x8xf32>, %r: tensor<3x4xf32>, %i: tensor<3xi64>) -> tensor<3x2x2x2xf32> {
  %0 = "onnx.roi_align"(%x, %r, %i) {mode = "max", output_height = 2 : si64, output_width = 2 : si64, sampling_ratio = 2 : si64} : (tensor<1x2x8x8xf32>, tensor<3x4xf32>, tensor<3xi64>) -> tensor<3x2x2x2xf32>
  return %0 : tensor<3x2x2x2xf32>
}

// -----

// RoiAlign, adaptive grid (sampling_ratio 0): the largest ceil(roi size / output size) over all
// rois is reduced first and sizes the grid operand; samples past a roi's own grid are masked.
// The batch indices are range-checked first (their min and max: one reduction), the grid size
// (overflow-checked) is reduced before the guard, then the op is guarded.
// CHECK-LABEL: func.func @roi_align_adaptive
// CHECK: linalg.generic {{.*}}iterator_types = ["reduction"]} ins(%arg2 : tensor<3xi64>)
// CHECK: arith.minsi
// CHECK: arith.maxsi
// CHECK: %[[LO:.*]] = tensor.extract
// CHECK: %[[HI:.*]] = tensor.extract
// CHECK: %[[M:.*]] = linalg.generic {{.*}}iterator_types = ["reduction", "parallel"]
// CHECK:   math.ceil
// CHECK:   arith.maxnumf %out
// CHECK: tensor.extract %[[M]]
// CHECK: scf.if
// CHECK: %[[G:.*]] = tensor.empty(%{{.*}}, %{{.*}}) : tensor<?x?xf32>
// CHECK: linalg.generic {{.*}} ins(%[[G]] : tensor<?x?xf32>) outs(%{{.*}} : tensor<3x2x2x2xf32>)
// CHECK:   arith.divf
// CHECK:   arith.select
func.func @roi_align_adaptive(%x: tensor<1x2x8x8xf32>, %r: tensor<3x4xf32>, %i: tensor<3xi64>) -> tensor<3x2x2x2xf32> {
  %0 = "onnx.roi_align"(%x, %r, %i) {output_height = 2 : si64, output_width = 2 : si64} : (tensor<1x2x8x8xf32>, tensor<3x4xf32>, tensor<3xi64>) -> tensor<3x2x2x2xf32>
  return %0 : tensor<3x2x2x2xf32>
}

// -----

// DeformConv: bias-initialized accumulator; reductions over the group's input channels and the
// kernel window; offsets read per tap, four bilinear corners read with bounds masks.
// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d1, d4, d5, d6)>
// CHECK-LABEL: func.func @deform_conv
// CHECK: %[[INIT:.*]] = linalg.generic {{.*}} ins(%arg3 : tensor<2xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[W]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%arg1 : tensor<2x2x2x2xf32>) outs(%[[INIT]] : tensor<1x2x4x4xf32>)
// CHECK-COUNT-2: tensor.extract %arg2
// CHECK:   math.floor
// CHECK-COUNT-4: tensor.extract %arg0
func.func @deform_conv(%x: tensor<1x4x5x5xf32>, %w: tensor<2x2x2x2xf32>, %o: tensor<1x16x4x4xf32>, %b: tensor<2xf32>) -> tensor<1x2x4x4xf32> {
  %0 = "onnx.deform_conv"(%x, %w, %o, %b) {group = 2 : si64, offset_group = 2 : si64, operandSegmentSizes = array<i32: 1, 1, 1, 1, 0>} : (tensor<1x4x5x5xf32>, tensor<2x2x2x2xf32>, tensor<1x16x4x4xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %0 : tensor<1x2x4x4xf32>
}
