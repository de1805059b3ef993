// A bf16 softmax written with exp as its own generic (max reduction, exp, sum reduction,
// division) over rows of 10000: one row kernel, multi-pass because a row does not fit a block
// (one loop over the row per reduction, one for the stores).  bf16 is wrong in Triton's
// interpreter, so bf16 is checked by compiling for sm_90 and gfx942.
// RUN: %python -m onnx_mlir.tools.onnx_mlir_triton %s --emit=source | FileCheck %s --check-prefix=SRC
// RUN: %python -m onnx_mlir.tools.onnx_mlir_triton %s --emit=ttgir --target=cuda:90 | FileCheck %s --check-prefix=TTGIR
// RUN: %python -m onnx_mlir.tools.onnx_mlir_triton %s --emit=amdgcn --target=hip:gfx942 | FileCheck %s --check-prefix=AMD

#id = affine_map<(d0, d1) -> (d0, d1)>
#red = affine_map<(d0, d1) -> (d0)>
func.func @main_graph(%x: tensor<4x10000xbf16>) -> tensor<4x10000xbf16> {
  %ninf = arith.constant 0xFF80 : bf16
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<4xbf16>
  %m0 = linalg.fill ins(%ninf : bf16) outs(%e1 : tensor<4xbf16>) -> tensor<4xbf16>
  %max = linalg.generic {indexing_maps = [#id, #red], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<4x10000xbf16>) outs(%m0 : tensor<4xbf16>) {
  ^bb0(%in: bf16, %out: bf16):
    %m = arith.maximumf %in, %out : bf16
    linalg.yield %m : bf16
  } -> tensor<4xbf16>
  %e = tensor.empty() : tensor<4x10000xf32>
  %ex = linalg.generic {indexing_maps = [#id, #red, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %max : tensor<4x10000xbf16>, tensor<4xbf16>) outs(%e : tensor<4x10000xf32>) {
  ^bb0(%in: bf16, %mx: bf16, %out: f32):
    %d = arith.subf %in, %mx : bf16
    %f = arith.extf %d : bf16 to f32
    %y = math.exp %f : f32
    linalg.yield %y : f32
  } -> tensor<4x10000xf32>
  %e2 = tensor.empty() : tensor<4xf32>
  %s0 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<4xf32>) -> tensor<4xf32>
  %sum = linalg.generic {indexing_maps = [#id, #red], iterator_types = ["parallel", "reduction"]} ins(%ex : tensor<4x10000xf32>) outs(%s0 : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %a = arith.addf %in, %out : f32
    linalg.yield %a : f32
  } -> tensor<4xf32>
  %eb = tensor.empty() : tensor<4x10000xbf16>
  %sm = linalg.generic {indexing_maps = [#id, #red, #id], iterator_types = ["parallel", "parallel"]} ins(%ex, %sum : tensor<4x10000xf32>, tensor<4xf32>) outs(%eb : tensor<4x10000xbf16>) {
  ^bb0(%in: f32, %s: f32, %out: bf16):
    %q = arith.divf %in, %s : f32
    %t = arith.truncf %q : f32 to bf16
    linalg.yield %t : bf16
  } -> tensor<4x10000xbf16>
  return %sm : tensor<4x10000xbf16>
}

// SRC: # kind: reduction, grid: (4,), constexprs: {'BLOCK_P': 1, 'BLOCK_R': 2048}, num_warps: 8
// SRC: def main_graph_k0_reduction_{{[0-9a-f]+}}(p0, p1, BLOCK_P: tl.constexpr, BLOCK_R: tl.constexpr):
// SRC: [[ACC:acc[0-9]+]] = tl.full([BLOCK_P, BLOCK_R], float('-inf'), tl.float32)
// SRC: for r0 in range(0, 10000, BLOCK_R):
// SRC: [[ACC]] = tl.maximum([[ACC]], {{.*}}, propagate_nan=tl.PropagateNan.ALL)
// SRC: [[RMAX:red[0-9]+]] = tl.reduce([[ACC]], 1, _max_nan)
// SRC: [[MAX:res[0-9]+]] = {{.*}}[[RMAX]]{{.*}}.to(tl.bfloat16)
// SRC: [[SUM:acc[0-9]+]] = tl.full([BLOCK_P, BLOCK_R], 0.0, tl.float32)
// SRC: for r0 in range(0, 10000, BLOCK_R):
// SRC: - [[MAX]])
// SRC: tl.exp(
// SRC: [[SUM]] = ([[SUM]] + {{.*}})
// SRC: [[RSUM:red[0-9]+]] = tl.sum([[SUM]], axis=1)
// SRC: [[TOTAL:res[0-9]+]] = {{.*}}[[RSUM]]
// SRC: for r0 in range(0, 10000, BLOCK_R):
// SRC: tl.exp(
// SRC: / [[TOTAL]])
// SRC: _store(p1 + {{.*}}.to(tl.bfloat16)
// SRC-NOT: def main_graph

// TTGIR: // kernel: main_graph_k0_reduction (reduction) target: cuda:90 stage: ttgir
// TTGIR: "ttg.num-warps" = 8
// TTGIR: scf.for
// TTGIR: tt.load {{.*}} tensor<1x2048x!tt.ptr<bf16>
// TTGIR: scf.for
// TTGIR: math.exp
// TTGIR: "tt.reduce"
// TTGIR: scf.for
// TTGIR: arith.truncf {{.*}} to tensor<1x2048xbf16
// TTGIR: tt.store
// TTGIR-NOT: // kernel:

// AMD-COUNT-1: .amdhsa_kernel main_graph_k
// AMD-NOT: .amdhsa_kernel
