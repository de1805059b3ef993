// RUN: onnx-mlir-opt %s --split-input-file --gpu-group-kernels | FileCheck %s

// An elementwise chain with a broadcast operand becomes one pointwise kernel.
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>
func.func @main_graph(%x: tensor<4x8xf32>, %b: tensor<8xf32>) -> tensor<4x8xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x8xf32>
  %add = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %b : tensor<4x8xf32>, tensor<8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %in2: f32, %out: f32):
    %s = arith.addf %in, %in2 : f32
    linalg.yield %s : f32
  } -> tensor<4x8xf32>
  %relu = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%add : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<4x8xf32>
  return %relu : tensor<4x8xf32>
}
// CHECK-LABEL: func.func private @main_graph_k0_pointwise
// CHECK-SAME: onnx_mlir.kernel_kind = "pointwise"
// CHECK: arith.addf
// CHECK: arith.maximumf
// CHECK: return
// CHECK-LABEL: func.func @main_graph
// CHECK-NEXT: %[[R:.*]] = call @main_graph_k0_pointwise(%arg0, %arg1)
// CHECK-NEXT: return %[[R]]

// -----

// A matmul takes its accumulator init (bias broadcast), the transpose of its B operand and its
// elementwise epilogue (relu, residual add).
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>
#tr = affine_map<(d0, d1) -> (d1, d0)>
func.func @main_graph(%x: tensor<2x16xf32>, %w: tensor<32x16xf32>, %b: tensor<32xf32>, %res: tensor<2x32xf32>) -> tensor<2x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x32xf32>
  %et = tensor.empty() : tensor<16x32xf32>
  %init = linalg.generic {indexing_maps = [#row, #id], iterator_types = ["parallel", "parallel"]} ins(%b : tensor<32xf32>) outs(%e : tensor<2x32xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<2x32xf32>
  %wt = linalg.transpose ins(%w : tensor<32x16xf32>) outs(%et : tensor<16x32xf32>) permutation = [1, 0]
  %mm = linalg.matmul ins(%x, %wt : tensor<2x16xf32>, tensor<16x32xf32>) outs(%init : tensor<2x32xf32>) -> tensor<2x32xf32>
  %relu = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%mm, %res : tensor<2x32xf32>, tensor<2x32xf32>) outs(%e : tensor<2x32xf32>) {
  ^bb0(%in: f32, %r: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    %s = arith.addf %m, %r : f32
    linalg.yield %s : f32
  } -> tensor<2x32xf32>
  return %relu : tensor<2x32xf32>
}
// CHECK-LABEL: func.func private @main_graph_k0_matmul
// CHECK-SAME: onnx_mlir.kernel_kind = "matmul"
// CHECK: linalg.generic
// CHECK: linalg.generic {{.*}}#map{{[0-9]*}}{{.*}}iterator_types = ["parallel", "parallel"]
// CHECK: linalg.matmul
// CHECK: arith.maximumf
// CHECK: arith.addf
// CHECK-LABEL: func.func @main_graph
// CHECK-NEXT: call @main_graph_k0_matmul
// CHECK-NOT: call

// -----

// A zero pad in front of a convolution, the bias init and bias + relu + residual add epilogue
// form one conv kernel; max pooling (generalized) is a reduction kernel.
#b = affine_map<(d0, d1, d2, d3) -> (d1)>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @main_graph(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>, %bias: tensor<4xf32>) -> tensor<1x4x4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %e = tensor.empty() : tensor<1x4x8x8xf32>
  %init = linalg.generic {indexing_maps = [#b, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%bias : tensor<4xf32>) outs(%e : tensor<1x4x8x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<1x4x8x8xf32>
  %p = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %zero : f32
  } : tensor<1x4x8x8xf32> to tensor<1x4x10x10xf32>
  %c = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%p, %w : tensor<1x4x10x10xf32>, tensor<4x4x3x3xf32>) outs(%init : tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %r = linalg.generic {indexing_maps = [#id4, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%c, %x : tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) outs(%e : tensor<1x4x8x8xf32>) {
  ^bb0(%in: f32, %in2: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    %s = arith.addf %m, %in2 : f32
    linalg.yield %s : f32
  } -> tensor<1x4x8x8xf32>
  %ep = tensor.empty() : tensor<1x4x4x4xf32>
  %fill = linalg.fill ins(%ninf : f32) outs(%ep : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  %win = tensor.empty() : tensor<2x2xf32>
  %pool = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%r, %win : tensor<1x4x8x8xf32>, tensor<2x2xf32>) outs(%fill : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  return %pool : tensor<1x4x4x4xf32>
}
// CHECK-LABEL: func.func private @main_graph_k0_conv
// CHECK-SAME: onnx_mlir.kernel_kind = "conv"
// CHECK: tensor.pad
// CHECK: linalg.conv_2d_nchw_fchw
// CHECK: arith.maximumf
// CHECK: arith.addf
// CHECK-LABEL: func.func private @main_graph_k1_reduction
// CHECK-SAME: onnx_mlir.kernel_kind = "reduction"
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel"
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]
// CHECK: arith.maximumf
// CHECK-LABEL: func.func @main_graph
// CHECK: call @main_graph_k0_conv
// CHECK-NEXT: call @main_graph_k1_reduction

// -----

// A softmax row: the max reduction takes its consumer; exp/sub (full row) starts a pointwise
// kernel... the sum reduction takes its producers (recomputed) and the division is a pointwise
// kernel over the full row.  Ops with no GPU lowering become host kernels.
#id = affine_map<(d0, d1) -> (d0, d1)>
#red = affine_map<(d0, d1) -> (d0)>
func.func @main_graph(%x: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<4xf32>
  %m0 = linalg.fill ins(%ninf : f32) outs(%e1 : tensor<4xf32>) -> tensor<4xf32>
  %max = linalg.generic {indexing_maps = [#id, #red], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<4x16xf32>) outs(%m0 : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %out : f32
    linalg.yield %m : f32
  } -> tensor<4xf32>
  %e = tensor.empty() : tensor<4x16xf32>
  %ex = linalg.generic {indexing_maps = [#id, #red, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %max : tensor<4x16xf32>, tensor<4xf32>) outs(%e : tensor<4x16xf32>) {
  ^bb0(%in: f32, %mx: f32, %out: f32):
    %d = arith.subf %in, %mx : f32
    %y = math.exp %d : f32
    linalg.yield %y : f32
  } -> tensor<4x16xf32>
  %s0 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<4xf32>) -> tensor<4xf32>
  %sum = linalg.generic {indexing_maps = [#id, #red], iterator_types = ["parallel", "reduction"]} ins(%ex : tensor<4x16xf32>) outs(%s0 : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %a = arith.addf %in, %out : f32
    linalg.yield %a : f32
  } -> tensor<4xf32>
  %sm = linalg.generic {indexing_maps = [#id, #red, #id], iterator_types = ["parallel", "parallel"]} ins(%ex, %sum : tensor<4x16xf32>, tensor<4xf32>) outs(%e : tensor<4x16xf32>) {
  ^bb0(%in: f32, %s: f32, %out: f32):
    %q = arith.divf %in, %s : f32
    linalg.yield %q : f32
  } -> tensor<4x16xf32>
  %c = tensor.concat dim(0) %sm : (tensor<4x16xf32>) -> tensor<4x16xf32>
  return %c : tensor<4x16xf32>
}
// CHECK-LABEL: func.func private @main_graph_k0_reduction
// CHECK: arith.maximumf
// CHECK-LABEL: func.func private @main_graph_k1_pointwise
// CHECK: math.exp
// CHECK-LABEL: func.func private @main_graph_k2_reduction
// CHECK: arith.addf
// CHECK-LABEL: func.func private @main_graph_k3_pointwise
// CHECK: arith.divf
// CHECK-LABEL: func.func private @main_graph_k4_host
// CHECK-SAME: onnx_mlir.host_reason = "'tensor.concat' has no GPU lowering"
// CHECK-SAME: onnx_mlir.kernel_kind = "host"
// CHECK: tensor.concat
// CHECK-LABEL: func.func @main_graph
// CHECK-COUNT-5: call @main_graph_k
