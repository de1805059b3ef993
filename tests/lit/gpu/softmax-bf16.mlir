// The pointwise and reduction families, generated from linalg bodies: a bf16 softmax row
// (max reduction, exp pointwise, sum reduction with its producer recomputed, division).
// bf16 is wrong in Triton's interpreter, so bf16 is checked by compiling for sm_90 and gfx942.
// RUN: %python -m onnx_mlir.tools.onnx_mlir_triton %s --emit=source | FileCheck %s --check-prefix=SRC
// RUN: %python -m onnx_mlir.tools.onnx_mlir_triton %s --emit=ttgir --target=cuda:90 | FileCheck %s --check-prefix=TTGIR
// RUN: %python -m onnx_mlir.tools.onnx_mlir_triton %s --emit=amdgcn --target=hip:gfx942 | FileCheck %s --check-prefix=AMD

#id = affine_map<(d0, d1) -> (d0, d1)>
#red = affine_map<(d0, d1) -> (d0)>
func.func @main_graph(%x: tensor<8x300xbf16>) -> tensor<8x300xbf16> {
  %ninf = arith.constant 0xFF80 : bf16
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<8xbf16>
  %m0 = linalg.fill ins(%ninf : bf16) outs(%e1 : tensor<8xbf16>) -> tensor<8xbf16>
  %max = linalg.generic {indexing_maps = [#id, #red], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<8x300xbf16>) outs(%m0 : tensor<8xbf16>) {
  ^bb0(%in: bf16, %out: bf16):
    %m = arith.maximumf %in, %out : bf16
    linalg.yield %m : bf16
  } -> tensor<8xbf16>
  %e = tensor.empty() : tensor<8x300xf32>
  %ex = linalg.generic {indexing_maps = [#id, #red, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %max : tensor<8x300xbf16>, tensor<8xbf16>) outs(%e : tensor<8x300xf32>) {
  ^bb0(%in: bf16, %mx: bf16, %out: f32):
    %d = arith.subf %in, %mx : bf16
    %f = arith.extf %d : bf16 to f32
    %y = math.exp %f : f32
    linalg.yield %y : f32
  } -> tensor<8x300xf32>
  %e2 = tensor.empty() : tensor<8xf32>
  %s0 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<8xf32>) -> tensor<8xf32>
  %sum = linalg.generic {indexing_maps = [#id, #red], iterator_types = ["parallel", "reduction"]} ins(%ex : tensor<8x300xf32>) outs(%s0 : tensor<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %a = arith.addf %in, %out : f32
    linalg.yield %a : f32
  } -> tensor<8xf32>
  %eb = tensor.empty() : tensor<8x300xbf16>
  %sm = linalg.generic {indexing_maps = [#id, #red, #id], iterator_types = ["parallel", "parallel"]} ins(%ex, %sum : tensor<8x300xf32>, tensor<8xf32>) outs(%eb : tensor<8x300xbf16>) {
  ^bb0(%in: f32, %s: f32, %out: bf16):
    %q = arith.divf %in, %s : f32
    %t = arith.truncf %q : f32 to bf16
    linalg.yield %t : bf16
  } -> tensor<8x300xbf16>
  return %sm : tensor<8x300xbf16>
}

// SRC: # kind: reduction, grid: (1,), constexprs: {'BLOCK_P': 8, 'BLOCK_R': 512}
// SRC: def main_graph_k0_reduction(p0, p1, BLOCK_P: tl.constexpr, BLOCK_R: tl.constexpr):
// SRC: [[ACC:acc[0-9]+]] = tl.full([BLOCK_P, BLOCK_R], float('-inf'), tl.float32)
// SRC: for r0 in range(0, 300, BLOCK_R):
// SRC: [[ACC]] = tl.maximum([[ACC]], {{.*}}, propagate_nan=tl.PropagateNan.ALL)
// SRC: tl.reduce([[ACC]], 1, _max_nan)
// SRC: # kind: pointwise, grid: (3,), constexprs: {'BLOCK': 1024}
// SRC: def main_graph_k1_pointwise(p0, p1, p2, BLOCK: tl.constexpr):
// SRC: tl.exp(
// SRC: # kind: reduction
// SRC: def main_graph_k2_reduction(
// SRC: tl.sum(
// SRC: # kind: pointwise
// SRC: def main_graph_k3_pointwise(
// SRC: .to(tl.bfloat16)

// TTGIR: // kernel: main_graph_k0_reduction (reduction) target: cuda:90
// TTGIR: ttg.num-warps
// TTGIR: tt.load {{.*}} tensor<8x512x!tt.ptr<bf16>
// TTGIR: "tt.reduce"
// TTGIR: // kernel: main_graph_k1_pointwise
// TTGIR: math.exp
// TTGIR: // kernel: main_graph_k2_reduction
// TTGIR: "tt.reduce"
// TTGIR: arith.addf
// TTGIR: // kernel: main_graph_k3_pointwise
// TTGIR: arith.truncf {{.*}} to tensor<1024xbf16

// AMD-COUNT-4: .amdhsa_kernel main_graph_k
