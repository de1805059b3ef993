// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-conv-schedule{cpu=avx512 threads=1})" | FileCheck %s --check-prefix=AVX512
// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-conv-schedule{cpu=avx2 threads=1})" | FileCheck %s --check-prefix=AVX2
// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-conv-schedule{cpu=avx512 threads=2})" | FileCheck %s --check-prefix=THREADS
// Channels-last convs are tiled to a register tile of output columns x channels (8 x 32 f32 on
// AVX-512, 4 x 16 on AVX2), decomposed to 1-D and vectorized: the conv becomes vector
// contractions over the tile; the depthwise conv FMAs of one vector of channels. With two
// threads the output rows are first split over an scf.forall (conv-threads-driver.onnxtxt: the
// async runtime runs it).

// AVX512-LABEL: func.func @conv(
// AVX512: scf.for
// AVX512: vector.transfer_read {{.*}} vector<8x32xf32>
// AVX512: vector.contract
// AVX512-NOT: linalg.conv_2d_nhwc_hwcf
// AVX2-LABEL: func.func @conv(
// AVX2: vector.transfer_read {{.*}} vector<4x16xf32>
// AVX2: vector.contract
// AVX2-NOT: linalg.conv_2d_nhwc_hwcf
// THREADS-LABEL: func.func @conv(
// THREADS: scf.forall
// THREADS: scf.for
// THREADS: vector.contract
func.func @conv(%x: tensor<1x58x58x64xf32>, %w: tensor<3x3x64x64xf32>) -> tensor<1x56x56x64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x56x56x64xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x58x58x64xf32>, tensor<3x3x64x64xf32>) outs(%z : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
  return %c : tensor<1x56x56x64xf32>
}

// AVX512-LABEL: func.func @depthwise(
// AVX512: vector.fma {{.*}} : vector<16xf32>
// AVX512-NOT: linalg.depthwise_conv_2d_nhwc_hwc
// AVX2-LABEL: func.func @depthwise(
// AVX2: vector.fma {{.*}} : vector<8xf32>
// AVX2-NOT: linalg.depthwise_conv_2d_nhwc_hwc
func.func @depthwise(%x: tensor<1x30x30x144xf32>, %w: tensor<3x3x144xf32>) -> tensor<1x14x14x144xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x14x14x144xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x14x14x144xf32>) -> tensor<1x14x14x144xf32>
  %c = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%x, %w : tensor<1x30x30x144xf32>, tensor<3x3x144xf32>) outs(%z : tensor<1x14x14x144xf32>) -> tensor<1x14x14x144xf32>
  return %c : tensor<1x14x14x144xf32>
}
