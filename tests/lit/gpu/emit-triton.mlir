// RUN: onnx-mlir-opt %s --linalg-to-triton 2>&1 | FileCheck %s

// gpu-emit-triton attaches each kernel's source and launch parameters; a body op the generator
// cannot express makes the kernel fall back to the CPU, with a warning naming the reason.
#id = affine_map<(d0) -> (d0)>
func.func @main_graph(%x: tensor<100xf32>) -> tensor<200xf32> {
  %e = tensor.empty() : tensor<100xf32>
  %two = arith.constant 2.0 : f32
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%x : tensor<100xf32>) outs(%e : tensor<100xf32>) {
  ^bb0(%in: f32, %out: f32):
    %y = arith.mulf %in, %two : f32
    %z = math.exp %y : f32
    linalg.yield %z : f32
  } -> tensor<100xf32>
  %r = tensor.concat dim(0) %a, %x : (tensor<100xf32>, tensor<100xf32>) -> tensor<200xf32>
  return %r : tensor<200xf32>
}
// CHECK: warning: kernel @main_graph_k1_host runs on the CPU: 'tensor.concat' has no GPU lowering
// CHECK: func.func private @main_graph_k0_pointwise
// CHECK-SAME: triton.launch = "{\22grid\22: [1], \22constexprs\22: {\22BLOCK\22: 128}, \22num_warps\22: 2, \22num_stages\22: 1, \22signature\22: [\22*fp32\22, \22*fp32\22]}"
// CHECK-SAME: triton.source = "@triton.jit\0Adef main_graph_k0_pointwise_{{[0-9a-f]+}}(p0, p1, BLOCK: tl.constexpr):
// CHECK-SAME: (v{{[0-9]+}} * 2.0)
// CHECK-SAME: tl.exp(
// CHECK: func.func private @main_graph_k1_host
// CHECK-SAME: triton.fallback = "'tensor.concat' has no GPU lowering"
