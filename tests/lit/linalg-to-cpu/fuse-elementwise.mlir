// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-fuse-elementwise)" | FileCheck %s
// Elementwise chains (bias add + Relu after a matmul) become one generic; the matmul stays a
// named op (no fusion into it, no reshape propagated through it) and no outlined helper remains.

// CHECK-LABEL: func.func @matmul_bias_relu(
// CHECK: %[[MM:.*]] = linalg.matmul
// CHECK: linalg.generic {{.*}} ins(%[[MM]], %{{.*}} : tensor<16x33xf32>, tensor<33xf32>)
// CHECK: arith.addf
// CHECK: arith.maximumf
// CHECK-NOT: linalg.generic
// CHECK: return
// CHECK-NOT: func.func private
func.func @matmul_bias_relu(%a: tensor<16x8xf32>, %w: tensor<8x33xf32>, %bias: tensor<33xf32>) -> tensor<16x33xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x33xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<16x33xf32>) -> tensor<16x33xf32>
  %mm = linalg.matmul ins(%a, %w : tensor<16x8xf32>, tensor<8x33xf32>) outs(%z : tensor<16x33xf32>) -> tensor<16x33xf32>
  %add = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                         iterator_types = ["parallel", "parallel"]} ins(%mm, %bias : tensor<16x33xf32>, tensor<33xf32>) outs(%e : tensor<16x33xf32>) {
  ^bb0(%x: f32, %b: f32, %o: f32):
    %s = arith.addf %x, %b : f32
    linalg.yield %s : f32
  } -> tensor<16x33xf32>
  %relu = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                          iterator_types = ["parallel", "parallel"]} ins(%add : tensor<16x33xf32>) outs(%e : tensor<16x33xf32>) {
  ^bb0(%x: f32, %o: f32):
    %r = arith.maximumf %x, %zero : f32
    linalg.yield %r : f32
  } -> tensor<16x33xf32>
  return %relu : tensor<16x33xf32>
}

// An elementwise producer feeding a matmul through a collapse_shape is not fused into it: the
// matmul and the reshape stay.
// CHECK-LABEL: func.func @producer_of_matmul(
// CHECK: linalg.generic
// CHECK: math.exp
// CHECK: tensor.collapse_shape
// CHECK: linalg.matmul
func.func @producer_of_matmul(%x: tensor<1x16x8xf32>, %w: tensor<8x8xf32>) -> tensor<16x8xf32> {
  %zero = arith.constant 0.0 : f32
  %e3 = tensor.empty() : tensor<1x16x8xf32>
  %ex = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>],
                        iterator_types = ["parallel", "parallel", "parallel"]} ins(%x : tensor<1x16x8xf32>) outs(%e3 : tensor<1x16x8xf32>) {
  ^bb0(%v: f32, %o: f32):
    %r = math.exp %v : f32
    linalg.yield %r : f32
  } -> tensor<1x16x8xf32>
  %c = tensor.collapse_shape %ex [[0, 1], [2]] : tensor<1x16x8xf32> into tensor<16x8xf32>
  %e = tensor.empty() : tensor<16x8xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<16x8xf32>) -> tensor<16x8xf32>
  %mm = linalg.matmul ins(%c, %w : tensor<16x8xf32>, tensor<8x8xf32>) outs(%z : tensor<16x8xf32>) -> tensor<16x8xf32>
  return %mm : tensor<16x8xf32>
}

// Contraction generics (an input read at fewer dims than the loops, with a reduction) are kept
// out too: the elementwise producer is not recomputed per reduction step.
// CHECK-LABEL: func.func @contraction_generic(
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK: math.exp
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]
// CHECK-NOT: math.exp
// CHECK: return
func.func @contraction_generic(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>, %init: tensor<4x5xf32>) -> tensor<4x5xf32> {
  %e = tensor.empty() : tensor<4x8xf32>
  %ex = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                        iterator_types = ["parallel", "parallel"]} ins(%a : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%v: f32, %o: f32):
    %r = math.exp %v : f32
    linalg.yield %r : f32
  } -> tensor<4x8xf32>
  %mm = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>],
                        iterator_types = ["parallel", "parallel", "reduction"]} ins(%ex, %b : tensor<4x8xf32>, tensor<8x5xf32>) outs(%init : tensor<4x5xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %p, %acc : f32
    linalg.yield %s : f32
  } -> tensor<4x5xf32>
  return %mm : tensor<4x5xf32>
}

// bf16 chains stay separate generics: bf16 is emulated in f32, and in one body the rounding to
// bf16 between the two ops would be folded away.
// CHECK-LABEL: func.func @bf16_not_fused(
// CHECK: linalg.generic
// CHECK: arith.mulf {{.*}} : bf16
// CHECK: linalg.generic
// CHECK: arith.addf {{.*}} : bf16
func.func @bf16_not_fused(%x: tensor<8xbf16>) -> tensor<8xbf16> {
  %e = tensor.empty() : tensor<8xbf16>
  %m = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                       iterator_types = ["parallel"]} ins(%x : tensor<8xbf16>) outs(%e : tensor<8xbf16>) {
  ^bb0(%v: bf16, %o: bf16):
    %r = arith.mulf %v, %v : bf16
    linalg.yield %r : bf16
  } -> tensor<8xbf16>
  %z = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                       iterator_types = ["parallel"]} ins(%m, %x : tensor<8xbf16>, tensor<8xbf16>) outs(%e : tensor<8xbf16>) {
  ^bb0(%a: bf16, %b: bf16, %o: bf16):
    %r = arith.addf %a, %b : bf16
    linalg.yield %r : bf16
  } -> tensor<8xbf16>
  return %z : tensor<8xbf16>
}
