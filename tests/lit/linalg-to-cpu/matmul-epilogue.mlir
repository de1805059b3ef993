// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-tensor-schedule{vector-bits=512 threads=1})" | FileCheck %s --check-prefix=ONE
// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-tensor-schedule{vector-bits=256 threads=1})" | FileCheck %s --check-prefix=AVX2
// RUN: env ONNX_MLIR_THREAD_MATMULS=1 onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-tensor-schedule{vector-bits=512 threads=2})" | FileCheck %s --check-prefix=TWO
// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-tensor-schedule{vector-bits=512 threads=2})" | FileCheck %s --check-prefix=ONE
// RUN: env ONNX_MLIR_FUSE_EPILOGUES=0 onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-tensor-schedule{vector-bits=512 threads=1})" | FileCheck %s --check-prefix=OFF
// Matmul epilogues (epilogues.py, matmul_fusion.py): the bias add + Relu after a matmul is tiled
// to the matmul's M x N cache tiles, the matmul and its fill fused into that loop (then tiled
// along K and to register tiles as before), so each tile gets its epilogue while in cache. With
// two threads, a large matmul's rows are split over an scf.forall first (the batch of a
// batch_matmul). A small one stays on one thread.

// ONE-LABEL: func.func @matmul_bias_relu(
// ONE-NOT: scf.forall
// ONE: scf.for {{.*}} step %c64
// ONE: scf.for {{.*}} step %c128
// ONE: linalg.fill {{.*}} tensor<64x128xf32>
// ONE: scf.for {{.*}} step %c128
// ONE: vector.contract
// ONE: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<64x128xf32>, tensor<128xf32>)
// ONE: arith.maximumf
// ONE: scf.yield {{.*}} : tensor<256x1024xf32>
// ONE-NOT: linalg.matmul
// ONE: return
// AVX2-LABEL: func.func @matmul_bias_relu(
// AVX2: linalg.fill {{.*}} tensor<{{.*}}x128xf32>
// AVX2: vector.contract {{.*}} vector<6x1xf32>, vector<1x16xf32>
// AVX2: linalg.generic {{.*}} tensor<{{.*}}x128xf32>
// TWO-LABEL: func.func @matmul_bias_relu(
// TWO: scf.forall {{.*}} in (2)
// TWO: scf.for
// TWO: vector.contract
// TWO: linalg.generic
// TWO: scf.forall.in_parallel
// OFF-LABEL: func.func @matmul_bias_relu(
// OFF: vector.contract
// OFF: scf.yield {{.*}} : tensor<256x1024xf32>
// OFF: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<256x1024xf32>, tensor<1024xf32>)
func.func @matmul_bias_relu(%a: tensor<256x512xf32>, %b: tensor<512x1024xf32>, %bias: tensor<1024xf32>) -> tensor<256x1024xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<256x1024xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<256x1024xf32>) -> tensor<256x1024xf32>
  %m = linalg.matmul ins(%a, %b : tensor<256x512xf32>, tensor<512x1024xf32>) outs(%z : tensor<256x1024xf32>) -> tensor<256x1024xf32>
  %e2 = tensor.empty() : tensor<256x1024xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>,
                                        affine_map<(d0, d1) -> (d0, d1)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%m, %bias : tensor<256x1024xf32>, tensor<1024xf32>) outs(%e2 : tensor<256x1024xf32>) {
  ^bb0(%in: f32, %bi: f32, %out: f32):
    %s = arith.addf %in, %bi : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  } -> tensor<256x1024xf32>
  return %y : tensor<256x1024xf32>
}

// TWO-LABEL: func.func @batch_matmul(
// TWO: scf.forall {{.*}} in (2)
// TWO: vector.contract
// TWO-LABEL: func.func @small_matmul(
// TWO-NOT: scf.forall
// TWO: vector.contract
func.func @batch_matmul(%a: tensor<4x128x256xf32>, %b: tensor<4x256x128xf32>) -> tensor<4x128x128xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x128x128xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<4x128x128xf32>) -> tensor<4x128x128xf32>
  %m = linalg.batch_matmul ins(%a, %b : tensor<4x128x256xf32>, tensor<4x256x128xf32>) outs(%z : tensor<4x128x128xf32>) -> tensor<4x128x128xf32>
  return %m : tensor<4x128x128xf32>
}

func.func @small_matmul(%a: tensor<16x128xf32>, %b: tensor<128x128xf32>) -> tensor<16x128xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x128xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<16x128xf32>) -> tensor<16x128xf32>
  %m = linalg.matmul ins(%a, %b : tensor<16x128xf32>, tensor<128x128xf32>) outs(%z : tensor<16x128xf32>) -> tensor<16x128xf32>
  return %m : tensor<16x128xf32>
}
