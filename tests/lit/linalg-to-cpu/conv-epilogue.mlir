// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-conv-schedule{cpu=avx512 threads=1})" | FileCheck %s --check-prefix=AVX512
// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-conv-schedule{cpu=avx2 threads=1})" | FileCheck %s --check-prefix=AVX2
// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-conv-schedule{cpu=avx512 threads=2})" | FileCheck %s --check-prefix=THREADS
// RUN: env ONNX_MLIR_FUSE_EPILOGUES=0 onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-conv-schedule{cpu=avx512 threads=1})" | FileCheck %s --check-prefix=OFF
// Epilogues fused into the conv tiles (epilogues.py): the elementwise op after a conv (bias,
// scale + Relu) is tiled to the conv's register tile, the conv and the broadcast of its bias are
// fused into that tile loop; the accumulator is carried as a vector through the
// reduction loops and the epilogue applied to it before the one store of the tile: no
// tile-sized tensor between them (tile_forwarding.py), only the output is written.

// AVX512-LABEL: func.func @conv_add_relu(
// AVX512: tensor.empty() : tensor<1x56x56x64xf32>
// AVX512-NOT: tensor.empty
// AVX512: scf.for
// AVX512: scf.for {{.*}} -> (tensor<1x56x56x64xf32>)
// AVX512: vector.broadcast {{.*}} : vector<32xf32> to vector<8x32xf32>
// AVX512: scf.for {{.*}} -> (vector<8x32xf32>)
// AVX512: vector.contract
// AVX512: scf.yield {{.*}} : vector<8x32xf32>
// AVX512: scf.yield {{.*}} : vector<8x32xf32>
// AVX512-NOT: vector.transfer_write
// AVX512: arith.addf {{.*}} : vector<8x32xf32>
// AVX512: arith.maximumf {{.*}} : vector<8x32xf32>
// AVX512: vector.transfer_write
// AVX512: scf.yield {{.*}} : tensor<1x56x56x64xf32>
// AVX512-NOT: linalg.generic
// AVX512-NOT: linalg.conv_2d_nhwc_hwcf
// AVX512: return
// AVX2-LABEL: func.func @conv_add_relu(
// AVX2: scf.for {{.*}} -> (vector<4x16xf32>)
// AVX2: vector.contract
// AVX2: arith.maximumf {{.*}} : vector<4x16xf32>
// AVX2-NOT: linalg.generic
// THREADS-LABEL: func.func @conv_add_relu(
// THREADS: scf.forall
// THREADS: scf.for
// THREADS: vector.contract
// THREADS: arith.maximumf
// THREADS: scf.forall.in_parallel
// OFF-LABEL: func.func @conv_add_relu(
// OFF: vector.contract
// OFF: linalg.generic
// OFF: arith.maximumf
func.func @conv_add_relu(%x: tensor<1x58x58x64xf32>, %w: tensor<3x3x64x64xf32>, %bias: tensor<64xf32>,
                         %scale: tensor<64xf32>) -> tensor<1x56x56x64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x56x56x64xf32>
  %b = linalg.broadcast ins(%bias : tensor<64xf32>) outs(%e : tensor<1x56x56x64xf32>) dimensions = [0, 1, 2]
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x58x58x64xf32>, tensor<3x3x64x64xf32>) outs(%b : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
  %e2 = tensor.empty() : tensor<1x56x56x64xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>,
                                        affine_map<(d0, d1, d2, d3) -> (d3)>,
                                        affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%c, %scale : tensor<1x56x56x64xf32>, tensor<64xf32>) outs(%e2 : tensor<1x56x56x64xf32>) {
  ^bb0(%in: f32, %r: f32, %out: f32):
    %s = arith.addf %in, %r : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x56x56x64xf32>
  return %y : tensor<1x56x56x64xf32>
}

// Depthwise: the same, one vector of channels per output column.
// AVX2-LABEL: func.func @depthwise_clip(
// THREADS-LABEL: func.func @depthwise_clip(
// OFF-LABEL: func.func @depthwise_clip(
// AVX512-LABEL: func.func @depthwise_clip(
// AVX512: scf.for {{.*}} -> (vector<{{[0-9]+}}x16xf32>)
// AVX512: vector.fma
// AVX512: arith.minimumf {{.*}} : vector<{{[0-9]+}}x16xf32>
// AVX512-NOT: linalg.generic
// AVX512: return
func.func @depthwise_clip(%x: tensor<1x30x30x144xf32>, %w: tensor<3x3x144xf32>) -> tensor<1x14x14x144xf32> {
  %zero = arith.constant 0.0 : f32
  %six = arith.constant 6.0 : f32
  %e = tensor.empty() : tensor<1x14x14x144xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x14x14x144xf32>) -> tensor<1x14x14x144xf32>
  %c = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%x, %w : tensor<1x30x30x144xf32>, tensor<3x3x144xf32>) outs(%z : tensor<1x14x14x144xf32>) -> tensor<1x14x14x144xf32>
  %e2 = tensor.empty() : tensor<1x14x14x144xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>,
                                        affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%c : tensor<1x14x14x144xf32>) outs(%e2 : tensor<1x14x14x144xf32>) {
  ^bb0(%in: f32, %out: f32):
    %lo = arith.maximumf %in, %zero : f32
    %hi = arith.minimumf %lo, %six : f32
    linalg.yield %hi : f32
  } -> tensor<1x14x14x144xf32>
  return %y : tensor<1x14x14x144xf32>
}

// A residual (a run-time tensor read element for element) stays out of the tile: inside the tile
// loop it made bufferization copy the block's input and the destination around the loop.
// AVX512-LABEL: func.func @conv_residual(
// AVX512: vector.contract
// AVX512: linalg.generic
// AVX512: arith.addf
func.func @conv_residual(%x: tensor<1x10x10x16xf32>, %w: tensor<3x3x16x16xf32>, %res: tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x8x8x16xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x10x10x16xf32>, tensor<3x3x16x16xf32>) outs(%z : tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32>
  %e2 = tensor.empty() : tensor<1x8x8x16xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>,
                                        affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>,
                                        affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%c, %res : tensor<1x8x8x16xf32>, tensor<1x8x8x16xf32>) outs(%e2 : tensor<1x8x8x16xf32>) {
  ^bb0(%in: f32, %r: f32, %out: f32):
    %s = arith.addf %in, %r : f32
    linalg.yield %s : f32
  } -> tensor<1x8x8x16xf32>
  return %y : tensor<1x8x8x16xf32>
}
