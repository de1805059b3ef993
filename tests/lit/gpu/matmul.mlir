// The matmul family: template main loop + generated epilogue (bias init, relu, f16 store), then
// compile-only for H100 (sm_90: wgmma) and MI300 (gfx942: MFMA).  One process per mode.
// RUN: onnx-mlir-opt %s --gpu-group-kernels | FileCheck %s --check-prefix=GROUP
// RUN: %python -m onnx_mlir.tools.onnx_mlir_triton %s --emit=source | FileCheck %s --check-prefix=SRC
// RUN: %python -m onnx_mlir.tools.onnx_mlir_triton %s --emit=ttir --target=cuda:90 | FileCheck %s --check-prefix=TTIR
// RUN: %python -m onnx_mlir.tools.onnx_mlir_triton %s --emit=ptx --target=cuda:90 | FileCheck %s --check-prefix=PTX
// RUN: %python -m onnx_mlir.tools.onnx_mlir_triton %s --emit=amdgcn --target=hip:gfx942 | FileCheck %s --check-prefix=AMD

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>
func.func @main_graph(%a: tensor<64x128xf16>, %b: tensor<128x256xf16>, %bias: tensor<256xf32>) -> tensor<64x256xf16> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x256xf32>
  %init = linalg.generic {indexing_maps = [#row, #id], iterator_types = ["parallel", "parallel"]} ins(%bias : tensor<256xf32>) outs(%e : tensor<64x256xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<64x256xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<64x128xf16>, tensor<128x256xf16>) outs(%init : tensor<64x256xf32>) -> tensor<64x256xf32>
  %e2 = tensor.empty() : tensor<64x256xf16>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%mm : tensor<64x256xf32>) outs(%e2 : tensor<64x256xf16>) {
  ^bb0(%in: f32, %out: f16):
    %m = arith.maximumf %in, %zero : f32
    %t = arith.truncf %m : f32 to f16
    linalg.yield %t : f16
  } -> tensor<64x256xf16>
  return %r : tensor<64x256xf16>
}

// GROUP: func.func private @main_graph_k0_matmul({{.*}}) -> tensor<64x256xf16> attributes {onnx_mlir.kernel_kind = "matmul"}
// GROUP: linalg.matmul
// GROUP: arith.truncf
// GROUP: call @main_graph_k0_matmul(%arg2, %arg0, %arg1)

// SRC: import onnx_mlir.triton_kernels._matmul_kernels as _mm
// SRC: # kind: matmul, grid: (2, 1), constexprs: {'BLOCK_M': 64, 'BLOCK_N': 128, 'BLOCK_K': 64, 'GROUP_M': 8}, num_warps: 4, num_stages: 3
// SRC-NEXT: @triton.jit
// SRC-NEXT: def main_graph_k0_matmul_{{[0-9a-f]+}}(p0, p1, p2, p3, BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr, BLOCK_K: tl.constexpr, GROUP_M: tl.constexpr):
// SRC-NEXT: pid_m, pid_n = _mm.tile_ids(tl.program_id(0), 64, 256, BLOCK_M, BLOCK_N, GROUP_M)
// SRC-NEXT: [[ACC:acc[0-9]+]] = _mm.matmul_tile(p1, p2, 64, 256, 128, 128, 1, 256, 1, pid_m, pid_n, BLOCK_M, BLOCK_N, BLOCK_K, None, tl.float32)
// SRC: [[BIAS:v[0-9]+]] = _load(p0 + [[COL:i[0-9]+]], [[MASK:mask[0-9]+]])
// SRC-NEXT: [[RES:res[0-9]+]] = ([[ACC]] + ([[BIAS]]).to(tl.float32)).to(tl.float32)
// SRC-NEXT: [[RELU:v[0-9]+]] = tl.maximum([[RES]], 0.0, propagate_nan=tl.PropagateNan.ALL)
// SRC-NEXT: [[H:v[0-9]+]] = ([[RELU]]).to(tl.float16)
// SRC-NEXT: _store(p3 + {{i[0-9]+}} * 256 + [[COL]], ([[H]]).to(tl.float16), [[MASK]])

// TTIR: // kernel: main_graph_k0_matmul (matmul) target: cuda:90
// TTIR: scf.for
// TTIR: tt.dot {{.*}} : tensor<64x64xf16> * tensor<64x128xf16> -> tensor<64x128xf32>
// TTIR: arith.maximumf
// TTIR: arith.truncf {{.*}} : tensor<64x128xf32> to tensor<64x128xf16>
// TTIR: tt.store

// PTX: .target sm_90a
// PTX: wgmma.mma_async.sync.aligned.m64n128k16.f32.f16.f16
// PTX: max.NaN.f32
// PTX: cvt.rn.f16x2.f32

// AMD: .amdgcn_target "{{.*}}gfx942"
// AMD: v_mfma_f32_{{.*}}_f16
