// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-conv-layout)" | FileCheck %s
// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-conv-layout, cpu-conv-schedule{cpu=avx512 threads=1})" | FileCheck %s --check-prefix=SCHED
// Grouped convs (grouped_conv.py) become a loop over the groups around one channels-last conv on
// the group's channel slices, with the regular conv schedule (vectorized). Narrow groups on an
// input larger than L2 stay as they are (each group would stream the whole input).

// CHECK-LABEL: func.func @groups4(
// CHECK: linalg.transpose {{.*}} permutation = [0, 2, 3, 1]
// CHECK: scf.for %[[G:.*]] = %{{.*}} to %c4 step %c1 iter_args(%[[ACC:.*]] = %{{.*}}) -> (tensor<1x14x14x64xf32>)
// CHECK: tensor.extract_slice {{.*}} : tensor<1x16x16x64xf32> to tensor<1x16x16x16xf32>
// CHECK: tensor.extract_slice {{.*}} : tensor<3x3x16x64xf32> to tensor<3x3x16x16xf32>
// CHECK: linalg.conv_2d_nhwc_hwcf
// CHECK: tensor.insert_slice {{.*}} into %[[ACC]]
// CHECK: linalg.transpose {{.*}} permutation = [0, 3, 1, 2]
// CHECK-NOT: linalg.conv_2d_ngchw_gfchw
// SCHED-LABEL: func.func @groups4(
// SCHED: scf.for
// SCHED: vector.contract
// SCHED-NOT: linalg.conv_2d_nhwc_hwcf
// SCHED-LABEL: func.func @narrow_groups_large_input(
func.func @groups4(%x: tensor<1x4x16x16x16xf32>, %w: tensor<4x16x16x3x3xf32>) -> tensor<1x4x16x14x14xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x4x16x14x14xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x4x16x14x14xf32>) -> tensor<1x4x16x14x14xf32>
  %c = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x4x16x16x16xf32>, tensor<4x16x16x3x3xf32>) outs(%z : tensor<1x4x16x14x14xf32>) -> tensor<1x4x16x14x14xf32>
  return %c : tensor<1x4x16x14x14xf32>
}

// CHECK-LABEL: func.func @narrow_groups_large_input(
// CHECK-NOT: scf.for
// CHECK: linalg.conv_2d_ngchw_gfchw
func.func @narrow_groups_large_input(%x: tensor<1x32x4x58x58xf32>, %w: tensor<32x4x4x3x3xf32>) -> tensor<1x32x4x56x56xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x32x4x56x56xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x32x4x56x56xf32>) -> tensor<1x32x4x56x56xf32>
  %c = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x32x4x58x58xf32>, tensor<32x4x4x3x3xf32>) outs(%z : tensor<1x32x4x56x56xf32>) -> tensor<1x32x4x56x56xf32>
  return %c : tensor<1x32x4x56x56xf32>
}
