// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s

// DFT: one contraction (output dims parallel, signal n and input channel reductions) with a
// constant f64 DFT matrix W[co, ci, k, n]; onesided keeps k <= N/2.
// CHECK-DAG: #[[X:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d3, d4)>
// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d2, d4, d1, d3)>
// CHECK-LABEL: func.func @dft_rfft
// CHECK: %[[M:.*]] = arith.constant dense<{{.*}}> : tensor<2x1x5x8xf64>
// CHECK: %[[ACC:.*]] = linalg.fill {{.*}} -> tensor<2x5x2xf64>
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[X]], #[[W]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%arg0, %[[M]] : tensor<2x8x1xf32>, tensor<2x1x5x8xf64>) outs(%[[ACC]] : tensor<2x5x2xf64>)
// CHECK:   arith.extf
// CHECK:   arith.mulf
// CHECK:   arith.addf
// CHECK: linalg.generic
// CHECK:   arith.truncf {{.*}} : f64 to f32
func.func @dft_rfft(%x: tensor<2x8x1xf32>) -> tensor<2x5x2xf32> {
  %a = "onnx.constant"() {value = dense<1> : tensor<i64>} : () -> tensor<i64>
  %0 = "onnx.dft"(%x, %a) {onesided = 1 : si64, operandSegmentSizes = array<i32: 1, 0, 1>} : (tensor<2x8x1xf32>, tensor<i64>) -> tensor<2x5x2xf32>
  return %0 : tensor<2x5x2xf32>
}

// -----

// A run-time axis: one contraction per axis the result type allows (0, 1, 2), then an
// elementwise select on the normalized axis value.
// CHECK-LABEL: func.func @dft_runtime_axis
// CHECK-COUNT-3: iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]
// CHECK: %[[A:.*]] = tensor.extract %arg1[] : tensor<i64>
// CHECK: arith.cmpi slt, %[[A]]
// CHECK: %[[S:.*]] = linalg.generic
// CHECK:   arith.select
// CHECK:   arith.select
func.func @dft_runtime_axis(%x: tensor<1x4x4x2xf32>, %a: tensor<i64>) -> tensor<1x4x4x2xf32> {
  %0 = "onnx.dft"(%x, %a) {inverse = 1 : si64, operandSegmentSizes = array<i32: 1, 0, 1>} : (tensor<1x4x4x2xf32>, tensor<i64>) -> tensor<1x4x4x2xf32>
  return %0 : tensor<1x4x4x2xf32>
}

// -----

// STFT: one gather generic over (b, f, k, co, n, ci): the signal is read at f * step + n with a
// run-time step, the coefficient is cos/sin of 2 pi ((k n) mod N) / N.
// CHECK-LABEL: func.func @stft
// CHECK: %[[STEP:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]
// CHECK:   %[[F:.*]] = linalg.index 1 : index
// CHECK:   %[[N:.*]] = linalg.index 4 : index
// CHECK:   %[[P:.*]] = arith.muli %[[F]], %[[STEP]] : index
// CHECK:   arith.addi %[[P]], %[[N]] : index
// CHECK:   tensor.extract %arg0
// CHECK:   arith.remui
// CHECK:   math.cos
// CHECK:   math.sin
// CHECK: arith.truncf {{.*}} : f64 to f32
func.func @stft(%s: tensor<1x64x1xf32>, %step: tensor<i64>, %w: tensor<16xf32>) -> tensor<1x7x9x2xf32> {
  %0 = "onnx.stft"(%s, %step, %w) {operandSegmentSizes = array<i32: 1, 1, 1, 0>} : (tensor<1x64x1xf32>, tensor<i64>, tensor<16xf32>) -> tensor<1x7x9x2xf32>
  return %0 : tensor<1x7x9x2xf32>
}

// -----

// MelWeightMatrix: one generic over [bin, mel] computing the triangle edges from run-time scalars.
// CHECK-LABEL: func.func @mel
// CHECK: math.log1p
// CHECK: linalg.generic {indexing_maps = [#{{.*}}], iterator_types = ["parallel", "parallel"]} outs(%{{.*}} : tensor<9x8xf32>)
// CHECK:   math.expm1
// CHECK:   math.floor
// CHECK:   arith.select
func.func @mel(%m: tensor<i32>, %n: tensor<i32>, %r: tensor<i32>, %lo: tensor<f32>, %hi: tensor<f32>) -> tensor<9x8xf32> {
  %0 = "onnx.mel_weight_matrix"(%m, %n, %r, %lo, %hi) : (tensor<i32>, tensor<i32>, tensor<i32>, tensor<f32>, tensor<f32>) -> tensor<9x8xf32>
  return %0 : tensor<9x8xf32>
}
