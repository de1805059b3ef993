// Dynamic shapes on the GPU: a dynamic dim of a kernel argument is a size parameter of the kernel
// (s<argument>_<axis>, after the pointers); masks, strides, loop bounds and the multi-pass row
// loop use it; grids and result shapes are size expressions the plan evaluates per run
// (triton.launch).  Compile-only for sm_90 with the size parameters unspecialized.
// RUN: onnx-mlir-opt %s --linalg-to-triton | FileCheck %s --check-prefix=LAUNCH
// RUN: %python -m onnx_mlir.tools.onnx_mlir_triton %s --emit=source | FileCheck %s --check-prefix=SRC
// RUN: %python -m onnx_mlir.tools.onnx_mlir_triton %s --emit=ttir --target=cuda:90 | FileCheck %s --check-prefix=TTIR
// RUN: %python -m onnx_mlir.tools.onnx_mlir_triton %s --emit=ptx --target=cuda:90 | FileCheck %s --check-prefix=PTX

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#col = affine_map<(d0, d1) -> (d1)>
func.func @main_graph(%x: tensor<?x64xf32>, %w: tensor<64x32xf32>, %b: tensor<32xf32>, %s: tensor<3x?xf32>) -> (tensor<?x32xf32>, tensor<3xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %n = tensor.dim %x, %c0 : tensor<?x64xf32>
  %e = tensor.empty(%n) : tensor<?x32xf32>
  %init = linalg.generic {indexing_maps = [#col, #id], iterator_types = ["parallel", "parallel"]} ins(%b : tensor<32xf32>) outs(%e : tensor<?x32xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<?x32xf32>
  %mm = linalg.matmul ins(%x, %w : tensor<?x64xf32>, tensor<64x32xf32>) outs(%init : tensor<?x32xf32>) -> tensor<?x32xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%mm : tensor<?x32xf32>) outs(%e : tensor<?x32xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<?x32xf32>
  %e3 = tensor.empty() : tensor<3xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e3 : tensor<3xf32>) -> tensor<3xf32>
  %sum = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]} ins(%s : tensor<3x?xf32>) outs(%z : tensor<3xf32>) {
  ^bb0(%in: f32, %out: f32):
    %a = arith.addf %in, %out : f32
    linalg.yield %a : f32
  } -> tensor<3xf32>
  return %r, %sum : tensor<?x32xf32>, tensor<3xf32>
}

// LAUNCH: @main_graph_k0_matmul
// LAUNCH-SAME: \22grid\22: {{\[\[}}\22ceildiv\22, [\22dim\22, 1, 0], 32], 1]
// LAUNCH-SAME: \22signature\22: [\22*fp32\22, \22*fp32\22, \22*fp32\22, \22*fp32\22, \22i32\22]
// LAUNCH: @main_graph_k1_reduction
// LAUNCH-SAME: \22grid\22: [1]

// the rows of x (argument 1) are s1_0
// SRC-LABEL: def main_graph_k0_matmul_{{[0-9a-f]+}}(p0, p1, p2, p3, s1_0, BLOCK_M: tl.constexpr
// SRC: _mm.tile_ids(tl.program_id(0), s1_0, 32,
// SRC: _mm.matmul_tile(p1, p2, s1_0, 32, 64, 64, 1, 32, 1,
// SRC: mask{{[0-9]+}} = (i{{[0-9]+}} < s1_0) & (i{{[0-9]+}} < 32)
// the row length is dynamic: walked in chunks up to s0_1, rows of s0_1 elements
// SRC-LABEL: def main_graph_k1_reduction_{{[0-9a-f]+}}(p0, p1, s0_1, BLOCK_P: tl.constexpr, BLOCK_R: tl.constexpr):
// SRC: for r0 in range(0, s0_1, BLOCK_R):
// SRC: _load(p0 + {{pd[0-9]+}} * s0_1 + {{rd[0-9]+}},

// TTIR: tt.func public @main_graph_k0_matmul_{{[0-9a-f]+}}({{.*}}%s1_0: i32
// TTIR: tt.func public @main_graph_k1_reduction_{{[0-9a-f]+}}({{.*}}%s0_1: i32
// TTIR: scf.for %r0 = %{{.*}} to %s0_1 step

// PTX: .target sm_90a
// PTX: .visible .entry main_graph_k0_matmul_{{[0-9a-f]+}}(
// PTX: .target sm_90a
// PTX: .visible .entry main_graph_k1_reduction_{{[0-9a-f]+}}(
