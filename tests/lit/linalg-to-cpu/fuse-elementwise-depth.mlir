// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-fuse-elementwise{max-depth=3})" | FileCheck %s
// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-fuse-elementwise)" | FileCheck %s --check-prefix=DEFAULT
// Long elementwise chains are cut every max-depth generics (fusion clones the fused body at
// each step: quadratic in a chain's length): at depth 3 the 3rd generic of a chain of 5 Relus
// stays out of the fusion, and the chain becomes [1, 2] [3] [4, 5].

// CHECK-LABEL: func.func @chain(
// CHECK: %[[A:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<64xf32>)
// CHECK-COUNT-2: arith.maximumf
// CHECK: %[[B:.*]] = linalg.generic {{.*}} ins(%[[A]] : tensor<64xf32>)
// CHECK-COUNT-1: arith.maximumf
// CHECK: linalg.generic {{.*}} ins(%[[B]] : tensor<64xf32>)
// CHECK-COUNT-2: arith.maximumf
// CHECK-NOT: linalg.generic
// CHECK: return

// DEFAULT-LABEL: func.func @chain(
// DEFAULT: linalg.generic
// DEFAULT-COUNT-5: arith.maximumf
// DEFAULT-NOT: linalg.generic
#id = affine_map<(d0) -> (d0)>
func.func @chain(%x: tensor<64xf32>) -> tensor<64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64xf32>
  %r1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%x : tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%v: f32, %o: f32):
    %m = arith.maximumf %v, %zero : f32
    linalg.yield %m : f32
  } -> tensor<64xf32>
  %r2 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%r1 : tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%v: f32, %o: f32):
    %m = arith.maximumf %v, %zero : f32
    linalg.yield %m : f32
  } -> tensor<64xf32>
  %r3 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%r2 : tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%v: f32, %o: f32):
    %m = arith.maximumf %v, %zero : f32
    linalg.yield %m : f32
  } -> tensor<64xf32>
  %r4 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%r3 : tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%v: f32, %o: f32):
    %m = arith.maximumf %v, %zero : f32
    linalg.yield %m : f32
  } -> tensor<64xf32>
  %r5 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%r4 : tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%v: f32, %o: f32):
    %m = arith.maximumf %v, %zero : f32
    linalg.yield %m : f32
  } -> tensor<64xf32>
  return %r5 : tensor<64xf32>
}
