// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-conv-schedule{cpu=avx512 threads=2})" | FileCheck %s --check-prefix=AVX512
// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-conv-schedule{cpu=avx2 threads=1})" | FileCheck %s --check-prefix=AVX2
// A conv of dynamic output height and width (image models exported with dynamic sizes): the
// width loop is tiled by the register tile and peeled; the full tiles are vector contractions of
// the static schedule's shape, the remainder one column at a time (vector<32xf32>). Nothing is
// left scalar, and nothing runs on threads (the size is unknown).

// AVX512-LABEL: func.func @dynamic_conv(
// AVX512-NOT: scf.forall
// AVX512: scf.for
// AVX512: vector.transfer_read {{.*}} vector<8x32xf32>
// AVX512: vector.contract
// AVX512: vector.transfer_read {{.*}} tensor<1x1x32xf32>, vector<32xf32>
// AVX512: vector.contract
// AVX512-NOT: linalg.conv_2d_nhwc_hwcf
// AVX2-LABEL: func.func @dynamic_conv(
// AVX2: vector.transfer_read {{.*}} vector<4x16xf32>
// AVX2: vector.contract
// AVX2: vector.transfer_read {{.*}} tensor<1x1x16xf32>, vector<16xf32>
// AVX2-NOT: linalg.conv_2d_nhwc_hwcf
func.func @dynamic_conv(%x: tensor<?x?x?x64xf32>, %w: tensor<3x3x64x64xf32>, %n: index, %oh: index, %ow: index) -> tensor<?x?x?x64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty(%n, %oh, %ow) : tensor<?x?x?x64xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<?x?x?x64xf32>) -> tensor<?x?x?x64xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<?x?x?x64xf32>, tensor<3x3x64x64xf32>) outs(%z : tensor<?x?x?x64xf32>) -> tensor<?x?x?x64xf32>
  return %c : tensor<?x?x?x64xf32>
}

// AVX512-LABEL: func.func @dynamic_depthwise(
// AVX512: vector.fma {{.*}} vector<8x16xf32>
// AVX512: vector.fma {{.*}} : vector<16xf32>
// AVX512-NOT: linalg.depthwise_conv_2d_nhwc_hwc
func.func @dynamic_depthwise(%x: tensor<1x?x?x32xf32>, %w: tensor<3x3x32xf32>, %oh: index, %ow: index) -> tensor<1x?x?x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty(%oh, %ow) : tensor<1x?x?x32xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x?x?x32xf32>) -> tensor<1x?x?x32xf32>
  %c = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x?x?x32xf32>, tensor<3x3x32xf32>) outs(%z : tensor<1x?x?x32xf32>) -> tensor<1x?x?x32xf32>
  return %c : tensor<1x?x?x32xf32>
}
