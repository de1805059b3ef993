// The conv family: implicit GEMM (NCHW, f16, zero pad folded into the masked loads, bias + relu
// epilogue) and depthwise (f32, strided).  Compile-only for sm_90 and gfx942, one process each.
// RUN: onnx-mlir-opt %s --gpu-group-kernels | FileCheck %s --check-prefix=GROUP
// RUN: %python -m onnx_mlir.tools.onnx_mlir_triton %s --emit=source | FileCheck %s --check-prefix=SRC
// RUN: %python -m onnx_mlir.tools.onnx_mlir_triton %s --emit=ttir --target=cuda:90 | FileCheck %s --check-prefix=TTIR
// RUN: %python -m onnx_mlir.tools.onnx_mlir_triton %s --emit=ptx --target=cuda:90 | FileCheck %s --check-prefix=PTX
// RUN: %python -m onnx_mlir.tools.onnx_mlir_triton %s --emit=amdgcn --target=hip:gfx942 | FileCheck %s --check-prefix=AMD

#b = affine_map<(d0, d1, d2, d3) -> (d1)>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @main_graph(%x: tensor<2x32x16x16xf16>, %w: tensor<64x32x3x3xf16>, %bias: tensor<64xf32>,
                      %dw: tensor<64x3x3xf32>) -> (tensor<2x64x16x16xf16>, tensor<2x64x7x7xf32>) {
  %zero = arith.constant 0.0 : f16
  %zf = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x64x16x16xf32>
  %init = linalg.generic {indexing_maps = [#b, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%bias : tensor<64xf32>) outs(%e : tensor<2x64x16x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<2x64x16x16xf32>
  %p = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %zero : f16
  } : tensor<2x32x16x16xf16> to tensor<2x32x18x18xf16>
  %c = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%p, %w : tensor<2x32x18x18xf16>, tensor<64x32x3x3xf16>) outs(%init : tensor<2x64x16x16xf32>) -> tensor<2x64x16x16xf32>
  %eh = tensor.empty() : tensor<2x64x16x16xf16>
  %r = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%c : tensor<2x64x16x16xf32>) outs(%eh : tensor<2x64x16x16xf16>) {
  ^bb0(%in: f32, %out: f16):
    %m = arith.maximumf %in, %zf : f32
    %t = arith.truncf %m : f32 to f16
    linalg.yield %t : f16
  } -> tensor<2x64x16x16xf16>
  %rf = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%r : tensor<2x64x16x16xf16>) outs(%e : tensor<2x64x16x16xf32>) {
  ^bb0(%in: f16, %out: f32):
    %t = arith.extf %in : f16 to f32
    linalg.yield %t : f32
  } -> tensor<2x64x16x16xf32>
  %ed = tensor.empty() : tensor<2x64x7x7xf32>
  %zd = linalg.fill ins(%zf : f32) outs(%ed : tensor<2x64x7x7xf32>) -> tensor<2x64x7x7xf32>
  %d = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%rf, %dw : tensor<2x64x16x16xf32>, tensor<64x3x3xf32>) outs(%zd : tensor<2x64x7x7xf32>) -> tensor<2x64x7x7xf32>
  return %r, %d : tensor<2x64x16x16xf16>, tensor<2x64x7x7xf32>
}

// The f16 -> f32 extension feeding the depthwise conv joins the first kernel's epilogue, which
// then has two results.
// GROUP: func.func private @main_graph_k0_conv({{.*}}) -> (tensor<2x64x16x16xf16>, tensor<2x64x16x16xf32>) attributes {onnx_mlir.kernel_kind = "conv"}
// GROUP: tensor.pad
// GROUP: linalg.conv_2d_nchw_fchw
// GROUP: arith.truncf
// GROUP: arith.extf
// GROUP: func.func private @main_graph_k1_conv({{.*}}) -> tensor<2x64x7x7xf32> attributes {onnx_mlir.kernel_kind = "conv"}
// GROUP: linalg.depthwise_conv_2d_nchw_chw

// SRC: import onnx_mlir.triton_kernels._conv_kernels as _conv
// SRC: def main_graph_k0_conv_{{[0-9a-f]+}}(
// SRC: _conv.conv2d_nchw_tile(p1, p2, 32, 16, 16, 16, 16, 64, 3, 3, 1, 1, 1, 1, 1, 1, 512, pid_m, pid_n, BLOCK_M, BLOCK_N, BLOCK_K, None, tl.float32)
// SRC: tl.maximum(
// SRC: _store(p3 +
// SRC: _store(p4 +
// SRC: def main_graph_k1_conv_{{[0-9a-f]+}}(
// SRC: _conv.depthwise_conv2d_nchw_tile(p0, p1, 64, 16, 16, 7, 7, 3, 3, 2, 2, 0, 0, 1, 1, 6272, pid, BLOCK, tl.float32)

// TTIR: // kernel: main_graph_k0_conv (conv) target: cuda:90
// TTIR: tt.dot {{.*}} -> tensor<128x64xf32>
// TTIR: arith.extf
// TTIR: // kernel: main_graph_k1_conv (conv) target: cuda:90
// TTIR-NOT: tt.dot
// TTIR: tt.store

// PTX: .entry main_graph_k0_conv
// PTX: wgmma.mma_async
// PTX: .entry main_graph_k1_conv
// PTX: fma.rn.f32

// AMD: v_mfma_f32_{{.*}}_f16
// AMD: .amdhsa_kernel main_graph_k0_conv
// AMD: .amdhsa_kernel main_graph_k1_conv
