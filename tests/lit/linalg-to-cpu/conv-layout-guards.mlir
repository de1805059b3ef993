// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-conv-layout)" | FileCheck %s
// Convs of dynamic spatial size sit in run-time check guards (scf.if, else: zeros). Their layout
// transposes leave the guards (hoisted out of the then region, sunk past the scf.if) and cancel
// between them: only the input and the result are transposed, the guards yield NHWC tensors.

// CHECK-LABEL: func.func @guarded_convs(
// CHECK-SAME: %[[X:[^:]*]]: tensor<1x2x?x?xf32>
// CHECK: linalg.transpose ins(%[[X]] : tensor<1x2x?x?xf32>) outs(%{{.*}} : tensor<1x?x?x2xf32>) permutation = [0, 2, 3, 1]
// CHECK-NOT: linalg.transpose
// CHECK: %[[R1:[0-9]+]] = scf.if {{.*}}tensor<1x?x?x2xf32>
// CHECK: linalg.conv_2d_nhwc_hwcf
// CHECK: } else {
// CHECK: linalg.fill {{.*}} -> tensor<1x?x?x2xf32>
// CHECK-NOT: linalg.transpose
// CHECK: %[[R2:[0-9]+]] = scf.if {{.*}}tensor<1x?x?x2xf32>
// CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[R1]],
// CHECK-NEXT: scf.yield %{{.*}} : tensor<1x?x?x2xf32>
// CHECK: } else {
// CHECK: linalg.fill
// CHECK-NEXT: scf.yield %{{.*}} : tensor<1x?x?x2xf32>
// CHECK: %[[OUT:[a-z0-9_]+]] = linalg.transpose ins(%[[R2]] : {{.*}} permutation = [0, 3, 1, 2]
// CHECK-NOT: linalg.transpose
// CHECK: return %[[OUT]]
func.func @guarded_convs(%x: tensor<1x2x?x?xf32>, %ok1: i1, %ok2: i1) -> tensor<1x2x?x?xf32> {
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %zero = arith.constant 0.0 : f32
  %h = tensor.dim %x, %c2 : tensor<1x2x?x?xf32>
  %w = tensor.dim %x, %c3 : tensor<1x2x?x?xf32>
  %f = arith.constant dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]]]> : tensor<2x2x1x1xf32>
  %r1 = scf.if %ok1 -> (tensor<1x2x?x?xf32>) {
    %e = tensor.empty(%h, %w) : tensor<1x2x?x?xf32>
    %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x2x?x?xf32>) -> tensor<1x2x?x?xf32>
    %c = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
        ins(%x, %f : tensor<1x2x?x?xf32>, tensor<2x2x1x1xf32>) outs(%z : tensor<1x2x?x?xf32>) -> tensor<1x2x?x?xf32>
    scf.yield %c : tensor<1x2x?x?xf32>
  } else {
    %e = tensor.empty(%h, %w) : tensor<1x2x?x?xf32>
    %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x2x?x?xf32>) -> tensor<1x2x?x?xf32>
    scf.yield %z : tensor<1x2x?x?xf32>
  }
  %r2 = scf.if %ok2 -> (tensor<1x2x?x?xf32>) {
    %e = tensor.empty(%h, %w) : tensor<1x2x?x?xf32>
    %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x2x?x?xf32>) -> tensor<1x2x?x?xf32>
    %c = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
        ins(%r1, %f : tensor<1x2x?x?xf32>, tensor<2x2x1x1xf32>) outs(%z : tensor<1x2x?x?xf32>) -> tensor<1x2x?x?xf32>
    scf.yield %c : tensor<1x2x?x?xf32>
  } else {
    %e = tensor.empty(%h, %w) : tensor<1x2x?x?xf32>
    %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x2x?x?xf32>) -> tensor<1x2x?x?xf32>
    scf.yield %z : tensor<1x2x?x?xf32>
  }
  return %r2 : tensor<1x2x?x?xf32>
}
