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

// A softmax row (exp as its own generic, used by the sum and the division): the max reduction,
// the exp reading the max through the output map, the sum reduction of the exp and the division
// form one row kernel.  Ops with no GPU lowering become host kernels.
#id = affine_map<(d0, d1) -> (d0, d1)>
#red = affine_map<(d0, d1) -> (d0)>
func.func @main_graph(%x: tensor<4x16xf32>) -> tensor<8x16xf32> {
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
  %c = tensor.concat dim(0) %sm, %x : (tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<8x16xf32>
  return %c : tensor<8x16xf32>
}
// CHECK-LABEL: func.func private @main_graph_k0_reduction
// CHECK-SAME: onnx_mlir.kernel_kind = "reduction"
// CHECK: arith.maximumf
// CHECK: math.exp
// CHECK: arith.addf
// CHECK: arith.divf
// CHECK-LABEL: func.func private @main_graph_k1_host
// CHECK-SAME: onnx_mlir.host_reason = "'tensor.concat' has no GPU lowering"
// CHECK-SAME: onnx_mlir.kernel_kind = "host"
// CHECK: tensor.concat
// CHECK-LABEL: func.func @main_graph
// CHECK-COUNT-2: call @main_graph_k
// CHECK-NOT: call

// -----

// A layer norm written out (mean, x - mean used by the variance and the output, rsqrt, scale):
// one row kernel.  The shared zero fill is cloned for each reduction's init.  A reduction over
// other rows (the column sums of the output) starts a kernel of its own, and so does a consumer
// reading the row statistics through another map (transposed).
#id = affine_map<(d0, d1) -> (d0, d1)>
#red = affine_map<(d0, d1) -> (d0)>
#col = affine_map<(d0, d1) -> (d1)>
#tr = affine_map<(d0, d1) -> (d1, d0)>
#id1 = affine_map<(d0) -> (d0)>
func.func @main_graph(%x: tensor<4x16xf32>, %g: tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16x4xf32>) {
  %zero = arith.constant 0.0 : f32
  %n = arith.constant 16.0 : f32
  %eps = arith.constant 1.0e-5 : f32
  %e1 = tensor.empty() : tensor<4xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e1 : tensor<4xf32>) -> tensor<4xf32>
  %sum = linalg.generic {indexing_maps = [#id, #red], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<4x16xf32>) outs(%z : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %a = arith.addf %in, %out : f32
    linalg.yield %a : f32
  } -> tensor<4xf32>
  %mean = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]} ins(%sum : tensor<4xf32>) outs(%e1 : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %d = arith.divf %in, %n : f32
    linalg.yield %d : f32
  } -> tensor<4xf32>
  %e = tensor.empty() : tensor<4x16xf32>
  %xc = linalg.generic {indexing_maps = [#id, #red, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %mean : tensor<4x16xf32>, tensor<4xf32>) outs(%e : tensor<4x16xf32>) {
  ^bb0(%in: f32, %m: f32, %out: f32):
    %d = arith.subf %in, %m : f32
    linalg.yield %d : f32
  } -> tensor<4x16xf32>
  %sq = linalg.generic {indexing_maps = [#id, #red], iterator_types = ["parallel", "reduction"]} ins(%xc : tensor<4x16xf32>) outs(%z : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %p = arith.mulf %in, %in : f32
    %a = arith.addf %p, %out : f32
    linalg.yield %a : f32
  } -> tensor<4xf32>
  %rstd = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]} ins(%sq : tensor<4xf32>) outs(%e1 : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = arith.divf %in, %n : f32
    %w = arith.addf %v, %eps : f32
    %r = math.rsqrt %w : f32
    linalg.yield %r : f32
  } -> tensor<4xf32>
  %y = linalg.generic {indexing_maps = [#id, #red, #col, #id], iterator_types = ["parallel", "parallel"]} ins(%xc, %rstd, %g : tensor<4x16xf32>, tensor<4xf32>, tensor<16xf32>) outs(%e : tensor<4x16xf32>) {
  ^bb0(%in: f32, %r: f32, %s: f32, %out: f32):
    %m = arith.mulf %in, %r : f32
    %o = arith.mulf %m, %s : f32
    linalg.yield %o : f32
  } -> tensor<4x16xf32>
  %e16 = tensor.empty() : tensor<16xf32>
  %z16 = linalg.fill ins(%zero : f32) outs(%e16 : tensor<16xf32>) -> tensor<16xf32>
  %cols = linalg.generic {indexing_maps = [#tr, #red], iterator_types = ["parallel", "reduction"]} ins(%y : tensor<4x16xf32>) outs(%z16 : tensor<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %a = arith.addf %in, %out : f32
    linalg.yield %a : f32
  } -> tensor<16xf32>
  %et = tensor.empty() : tensor<16x4xf32>
  %t = linalg.generic {indexing_maps = [#col, #id], iterator_types = ["parallel", "parallel"]} ins(%rstd : tensor<4xf32>) outs(%et : tensor<16x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<16x4xf32>
  return %y, %cols, %t : tensor<4x16xf32>, tensor<16xf32>, tensor<16x4xf32>
}
// CHECK-LABEL: func.func private @main_graph_k0_reduction
// CHECK-SAME: -> (tensor<4xf32>, tensor<4x16xf32>)
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel"]} ins(%cst : f32)
// CHECK: arith.addf
// CHECK: arith.divf
// CHECK: arith.subf
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel"]} ins(%cst : f32)
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: math.rsqrt
// CHECK: arith.mulf
// CHECK: arith.mulf
// CHECK: return
// CHECK-LABEL: func.func private @main_graph_k1_reduction
// CHECK-SAME: (%arg0: tensor<4x16xf32>) -> tensor<16xf32>
// CHECK-LABEL: func.func private @main_graph_k2_pointwise
// CHECK-SAME: (%arg0: tensor<4xf32>) -> tensor<16x4xf32>
// CHECK-LABEL: func.func @main_graph
// CHECK-NEXT: %[[R:.*]]:2 = call @main_graph_k0_reduction(%arg0, %arg1)
// CHECK-NEXT: call @main_graph_k1_reduction(%[[R]]#1)
// CHECK-NEXT: call @main_graph_k2_pointwise(%[[R]]#0)
