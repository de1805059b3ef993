// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-conv-layout)" | FileCheck %s
// A 1-D conv becomes the channels-last 2-D conv of a height-1 image: NCW -> NWC -> N x 1 x W x C,
// the constant filter FCK -> KCF at compile time (then 1 x K x C x F); the pad and the Relu
// stay channels-last; the 1-D max pool after the Relu stays
// channels-last too, so only the input and the result are transposed.

// CHECK-LABEL: func.func @conv1d_relu_pool(
// CHECK: linalg.transpose ins(%{{.*}} : tensor<1x2x8xf32>) outs(%{{.*}} : tensor<1x8x2xf32>) permutation = [0, 2, 1]
// CHECK: tensor.pad {{.*}} low[0, 1, 0] high[0, 1, 0]
// CHECK: tensor.expand_shape {{.*}} : tensor<1x10x2xf32> into tensor<1x1x10x2xf32>
// CHECK: arith.constant dense<{{.*}}> : tensor<3x2x4xf32>
// CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x1x10x2xf32>, tensor<1x3x2x4xf32>)
// CHECK: linalg.pooling_nhwc_max {{.*}} strides = dense<[1, 2]>
// CHECK: linalg.transpose ins(%{{.*}} : tensor<1x4x4xf32>) outs(%{{.*}} : tensor<1x4x4xf32>) permutation = [0, 2, 1]
// CHECK-NOT: linalg.transpose
// CHECK: return
#id = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
func.func @conv1d_relu_pool(%x: tensor<1x2x8xf32>) -> tensor<1x4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %w = arith.constant dense<1.0> : tensor<4x2x3xf32>
  %pad = tensor.pad %x low[0, 0, 1] high[0, 0, 1] {
  ^bb0(%a: index, %b: index, %c: index):
    tensor.yield %zero : f32
  } : tensor<1x2x8xf32> to tensor<1x2x10xf32>
  %e = tensor.empty() : tensor<1x4x8xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
  %c = linalg.conv_1d_ncw_fcw {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
      ins(%pad, %w : tensor<1x2x10xf32>, tensor<4x2x3xf32>) outs(%z : tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%c : tensor<1x4x8xf32>) outs(%e : tensor<1x4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x4x8xf32>
  %win = tensor.empty() : tensor<2xf32>
  %pe = tensor.empty() : tensor<1x4x4xf32>
  %pf = linalg.fill ins(%ninf : f32) outs(%pe : tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
  %p = linalg.pooling_ncw_max {dilations = dense<1> : tensor<1xi64>, strides = dense<2> : tensor<1xi64>}
      ins(%r, %win : tensor<1x4x8xf32>, tensor<2xf32>) outs(%pf : tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
  return %p : tensor<1x4x4xf32>
}
