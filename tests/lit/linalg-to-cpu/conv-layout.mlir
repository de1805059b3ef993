// RUN: onnx-mlir-opt %s --split-input-file --pass-pipeline="builtin.module(cpu-conv-layout)" | FileCheck %s
// NCHW convs become NHWC convs; the constant filter is permuted at compile time (FCHW -> HWCF);
// the transposes move through the pads, the bias broadcast, Relu and the residual Add and cancel,
// so that only the input, the result and the filter computed at run time (%w2) are transposed.

// CHECK-LABEL: func.func @conv_relu_conv_add(
// CHECK-SAME: %[[X:.*]]: tensor<1x2x5x5xf32>
// CHECK: %[[IN:.*]] = linalg.transpose ins(%[[X]] : tensor<1x2x5x5xf32>) outs(%{{.*}} : tensor<1x5x5x2xf32>) permutation = [0, 2, 3, 1]
// CHECK-NOT: linalg.transpose
// CHECK: %[[W1:.*]] = arith.constant dense<{{\[\[\[\[}}1.000000e+00, 3.000000e+00], [2.000000e+00, 4.000000e+00]]]]> : tensor<1x1x2x2xf32>
// CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[IN]], %[[W1]] : tensor<1x5x5x2xf32>, tensor<1x1x2x2xf32>) outs(%{{.*}} : tensor<1x5x5x2xf32>)
// CHECK-NOT: linalg.transpose
// CHECK: arith.maximumf
// CHECK-NOT: linalg.transpose
// CHECK: tensor.pad %{{.*}} low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK: linalg.transpose ins(%{{.*}} : tensor<2x2x3x3xf32>) outs(%{{.*}} : tensor<3x3x2x2xf32>) permutation = [2, 3, 1, 0]
// CHECK-NOT: linalg.transpose
// CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x7x7x2xf32>, tensor<3x3x2x2xf32>)
// CHECK-NOT: linalg.transpose
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x5x5x2xf32>, tensor<1x5x5x2xf32>) outs(%{{.*}} : tensor<1x5x5x2xf32>)
// CHECK: arith.addf
// CHECK: %[[OUT:.*]] = linalg.transpose ins(%[[SUM]] : tensor<1x5x5x2xf32>) outs(%{{.*}} : tensor<1x2x5x5xf32>) permutation = [0, 3, 1, 2]
// CHECK-NOT: linalg.transpose
// CHECK: return %[[OUT]]
#bias = affine_map<(d0, d1, d2, d3) -> (d1)>
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @conv_relu_conv_add(%x: tensor<1x2x5x5xf32>, %w2: tensor<2x2x3x3xf32>) -> tensor<1x2x5x5xf32> {
  %zero = arith.constant 0.0 : f32
  %w1 = arith.constant dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]]]> : tensor<2x2x1x1xf32>
  %b = arith.constant dense<[0.5, -0.5]> : tensor<2xf32>
  %e = tensor.empty() : tensor<1x2x5x5xf32>
  %init = linalg.generic {indexing_maps = [#bias, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%b : tensor<2xf32>) outs(%e : tensor<1x2x5x5xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<1x2x5x5xf32>
  %c1 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w1 : tensor<1x2x5x5xf32>, tensor<2x2x1x1xf32>) outs(%init : tensor<1x2x5x5xf32>) -> tensor<1x2x5x5xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%c1 : tensor<1x2x5x5xf32>) outs(%e : tensor<1x2x5x5xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x2x5x5xf32>
  %p = tensor.pad %r low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %zero : f32
  } : tensor<1x2x5x5xf32> to tensor<1x2x7x7xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x2x5x5xf32>) -> tensor<1x2x5x5xf32>
  %c2 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%p, %w2 : tensor<1x2x7x7xf32>, tensor<2x2x3x3xf32>) outs(%z : tensor<1x2x5x5xf32>) -> tensor<1x2x5x5xf32>
  %s = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%c2, %c1 : tensor<1x2x5x5xf32>, tensor<1x2x5x5xf32>) outs(%e : tensor<1x2x5x5xf32>) {
  ^bb0(%a: f32, %bb: f32, %out: f32):
    %t = arith.addf %a, %bb : f32
    linalg.yield %t : f32
  } -> tensor<1x2x5x5xf32>
  return %s : tensor<1x2x5x5xf32>
}

// -----

// A filter computed at run time is transposed at run time; depthwise and pooling go NHWC too.
// CHECK-LABEL: func.func @runtime_filter_depthwise_pool(
// CHECK: linalg.transpose ins(%{{.*}} : tensor<?x2x8x8xf32>)
// CHECK: linalg.transpose ins(%{{.*}} : tensor<4x2x3x3xf32>) outs(%{{.*}} : tensor<3x3x2x4xf32>) permutation = [2, 3, 1, 0]
// CHECK: linalg.conv_2d_nhwc_hwcf
// CHECK: linalg.transpose ins(%{{.*}} : tensor<4x3x3xf32>) outs(%{{.*}} : tensor<3x3x4xf32>) permutation = [1, 2, 0]
// CHECK: linalg.depthwise_conv_2d_nhwc_hwc {{.*}} tensor<3x3x4xf32>
// CHECK-NOT: linalg.transpose
// CHECK: linalg.pooling_nhwc_max
// CHECK: linalg.transpose ins(%{{.*}} : tensor<?x2x2x4xf32>) outs(%{{.*}} : tensor<?x4x2x2xf32>) permutation = [0, 3, 1, 2]
// CHECK-NOT: linalg.transpose
// CHECK-NOT: nchw
func.func @runtime_filter_depthwise_pool(%x: tensor<?x2x8x8xf32>, %w: tensor<4x2x3x3xf32>, %dw: tensor<4x3x3xf32>) -> tensor<?x4x2x2xf32> {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x2x8x8xf32>
  %e = tensor.empty(%n) : tensor<?x4x6x6xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<?x4x6x6xf32>) -> tensor<?x4x6x6xf32>
  %c = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<?x2x8x8xf32>, tensor<4x2x3x3xf32>) outs(%z : tensor<?x4x6x6xf32>) -> tensor<?x4x6x6xf32>
  %e2 = tensor.empty(%n) : tensor<?x4x4x4xf32>
  %z2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<?x4x4x4xf32>) -> tensor<?x4x4x4xf32>
  %d = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%c, %dw : tensor<?x4x6x6xf32>, tensor<4x3x3xf32>) outs(%z2 : tensor<?x4x4x4xf32>) -> tensor<?x4x4x4xf32>
  %e3 = tensor.empty(%n) : tensor<?x4x2x2xf32>
  %z3 = linalg.fill ins(%zero : f32) outs(%e3 : tensor<?x4x2x2xf32>) -> tensor<?x4x2x2xf32>
  %win = tensor.empty() : tensor<2x2xf32>
  %m = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%d, %win : tensor<?x4x4x4xf32>, tensor<2x2xf32>) outs(%z3 : tensor<?x4x2x2xf32>) -> tensor<?x4x2x2xf32>
  return %m : tensor<?x4x2x2xf32>
}

// -----

// A transpose of a constant (a Gemm's transB weights) is done at compile time, in any module.
// CHECK-LABEL: func.func @constant_transpose(
// CHECK: %[[T:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>
// CHECK-NOT: linalg.transpose
// CHECK: return %[[T]]
func.func @constant_transpose() -> tensor<3x2xf32> {
  %c = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %e = tensor.empty() : tensor<3x2xf32>
  %t = linalg.transpose ins(%c : tensor<2x3xf32>) outs(%e : tensor<3x2xf32>) permutation = [1, 0]
  return %t : tensor<3x2xf32>
}
