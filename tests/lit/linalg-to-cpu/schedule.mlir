// RUN: env ONNX_MLIR_CPU_FEATURES=avx512 onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-schedule)" | FileCheck %s --check-prefixes=CHECK,AVX512
// RUN: env ONNX_MLIR_CPU_FEATURES=avx2 onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-schedule)" | FileCheck %s --check-prefixes=CHECK,AVX2
// Matmuls of any shape are tiled and vectorized: register tiles per ISA (8x32 f32 with
// AVX-512, 6x16 with AVX2), partial tiles peeled (the rows of a dynamic M one by one, a dynamic N masked), small M or N
// shrink the tile.

// CHECK-LABEL: func.func @divisible(
// CHECK: scf.for
// AVX512: vector.transfer_read {{.*}} : tensor<8x32xf32>, vector<8x32xf32>
// AVX2: vector.transfer_read {{.*}} : tensor<6x16xf32>, vector<6x16xf32>
// CHECK-NOT: linalg.matmul
func.func @divisible(%a: tensor<96x64xf32>, %b: tensor<64x64xf32>) -> tensor<96x64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<96x64xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<96x64xf32>) -> tensor<96x64xf32>
  %r = linalg.matmul ins(%a, %b : tensor<96x64xf32>, tensor<64x64xf32>) outs(%z : tensor<96x64xf32>) -> tensor<96x64xf32>
  return %r : tensor<96x64xf32>
}

// Partial tiles in M and N: a main loop of full tiles, then the peeled remainders, vectorized at
// their own static size (N: 100 = 3 x 32 + 4 or 6 x 16 + 4).
// CHECK-LABEL: func.func @odd(
// AVX512: vector.transfer_read {{.*}} : tensor<8x32xf32>, vector<8x32xf32>
// AVX2: vector.transfer_read {{.*}} : tensor<6x16xf32>, vector<6x16xf32>
// CHECK: vector.transfer_write {{.*}} : vector<{{[0-9]+}}x4xf32>, tensor<{{[0-9]+}}x4xf32>
// CHECK-NOT: linalg.matmul
// CHECK: return
func.func @odd(%a: tensor<17x33xf32>, %b: tensor<33x100xf32>) -> tensor<17x100xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<17x100xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<17x100xf32>) -> tensor<17x100xf32>
  %r = linalg.matmul ins(%a, %b : tensor<17x33xf32>, tensor<33x100xf32>) outs(%z : tensor<17x100xf32>) -> tensor<17x100xf32>
  return %r : tensor<17x100xf32>
}

// A dynamic M: full register tiles, then the remainder rows one at a time (remainder_rows.py),
// each a static 1-row tile vectorized without masks.
// CHECK-LABEL: func.func @dynamic(
// CHECK: scf.for
// AVX512: vector.contract {{.*}} : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// AVX2: vector.contract {{.*}} : vector<6x1xf32>, vector<1x16xf32> into vector<6x16xf32>
// CHECK: scf.for %{{.*}} = %c0 to %{{.*}} step %c1
// AVX512: vector.contract {{.*}} : vector<1xf32>, vector<32x1xf32> into vector<32xf32>
// AVX2: vector.contract {{.*}} : vector<1xf32>, vector<16x1xf32> into vector<16xf32>
// CHECK-NOT: vector.mask
// CHECK-NOT: linalg.matmul
// CHECK: return
func.func @dynamic(%a: tensor<?x64xf32>, %b: tensor<64x64xf32>) -> tensor<?x64xf32> {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %m = tensor.dim %a, %c0 : tensor<?x64xf32>
  %e = tensor.empty(%m) : tensor<?x64xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<?x64xf32>) -> tensor<?x64xf32>
  %r = linalg.matmul ins(%a, %b : tensor<?x64xf32>, tensor<64x64xf32>) outs(%z : tensor<?x64xf32>) -> tensor<?x64xf32>
  return %r : tensor<?x64xf32>
}

// M = 1 (GEMV): one row, vectorized along N with a wider tile.
// CHECK-LABEL: func.func @gemv(
// AVX512: vector.transfer_read {{.*}} vector<64xf32>
// AVX2: vector.transfer_read {{.*}} vector<32xf32>
// CHECK-NOT: linalg.matmul
// CHECK: return
func.func @gemv(%a: tensor<1x784xf32>, %b: tensor<784x512xf32>) -> tensor<1x512xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x512xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x512xf32>) -> tensor<1x512xf32>
  %r = linalg.matmul ins(%a, %b : tensor<1x784xf32>, tensor<784x512xf32>) outs(%z : tensor<1x512xf32>) -> tensor<1x512xf32>
  return %r : tensor<1x512xf32>
}

// batch_matmul in f64 (half as many lanes): N = 9 is one shrunk tile with AVX-512 (8 lanes of
// f64 x 2), a full tile of 8 and a remainder of 1 with AVX2.
// CHECK-LABEL: func.func @batch_f64(
// AVX512: vector.transfer_write {{.*}} : vector<8x9xf64>, tensor<1x8x9xf64>
// AVX2: vector.transfer_write {{.*}} : vector<6x8xf64>, tensor<1x6x8xf64>
// CHECK-NOT: linalg.batch_matmul
// CHECK: return
func.func @batch_f64(%a: tensor<3x17x5xf64>, %b: tensor<3x5x9xf64>) -> tensor<3x17x9xf64> {
  %zero = arith.constant 0.0 : f64
  %e = tensor.empty() : tensor<3x17x9xf64>
  %z = linalg.fill ins(%zero : f64) outs(%e : tensor<3x17x9xf64>) -> tensor<3x17x9xf64>
  %r = linalg.batch_matmul ins(%a, %b : tensor<3x17x5xf64>, tensor<3x5x9xf64>) outs(%z : tensor<3x17x9xf64>) -> tensor<3x17x9xf64>
  return %r : tensor<3x17x9xf64>
}

// Integer matmuls stay on the loop path.
// CHECK-LABEL: func.func @integer(
// CHECK: linalg.matmul
func.func @integer(%a: tensor<4x4xi32>, %b: tensor<4x4xi32>) -> tensor<4x4xi32> {
  %zero = arith.constant 0 : i32
  %e = tensor.empty() : tensor<4x4xi32>
  %z = linalg.fill ins(%zero : i32) outs(%e : tensor<4x4xi32>) -> tensor<4x4xi32>
  %r = linalg.matmul ins(%a, %b : tensor<4x4xi32>, tensor<4x4xi32>) outs(%z : tensor<4x4xi32>) -> tensor<4x4xi32>
  return %r : tensor<4x4xi32>
}
