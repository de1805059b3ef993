// TensorScatter (KV-cache update): one parallel generic over the cache; each element comes from
// update (offset s - w[b] in range; modulo max_seq when circular) or from past_cache, read with
// tensor.extract under scf.if so that update is never read out of bounds.
// RUN: not onnx-mlir-opt %s --split-input-file --convert-onnx-to-linalg=runtime-checks=false 2>/dev/null | FileCheck %s
// RUN: not onnx-mlir-opt %s --split-input-file --convert-onnx-to-linalg 2>/dev/null | FileCheck %s --check-prefix=CHECKS
// RUN: onnx-mlir-opt %s --split-input-file --convert-onnx-to-linalg --verify-diagnostics

// CHECK-DAG:   #[[BATCH:.*]] = affine_map<(d0, d1, d2, d3) -> (d0)>
// CHECK-LABEL: func.func @circular
// CHECK:         linalg.generic {indexing_maps = [#[[BATCH]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME:      ins(%arg2 : tensor<2xi64>)
// CHECK:           %[[S:.*]] = linalg.index 2 : index
// CHECK:           %[[OFF:.*]] = arith.subi %[[S]]
// CHECK:           arith.addi %[[OFF]]
// CHECK:           arith.remsi
// CHECK:           scf.if
// CHECK:             tensor.extract %arg1
// CHECK:           } else {
// CHECK:             tensor.extract %arg0
// CHECKS:       module attributes {onnx_mlir.runtime_checks = [{message = "write index {0} is out of range [0, {1}]"
// CHECKS-LABEL: func.func @circular
// CHECKS:         memref.store
func.func @circular(%past: tensor<2x3x8x4xf32>, %upd: tensor<2x3x2x4xf32>, %w: tensor<2xi64>) -> tensor<2x3x8x4xf32> {
  %0 = "onnx.tensor_scatter"(%past, %upd, %w) {mode = "circular"} : (tensor<2x3x8x4xf32>, tensor<2x3x2x4xf32>, tensor<2xi64>) -> tensor<2x3x8x4xf32>
  return %0 : tensor<2x3x8x4xf32>
}

// -----

// Without write_indices the offset is the sequence index itself: no index input.
// CHECK-LABEL: func.func @prefill
// CHECK:         linalg.generic
// CHECK-SAME:      outs(%{{.*}} : tensor<1x8x2xf16>)
// CHECK-NOT:       arith.remsi
// CHECK:           scf.if
func.func @prefill(%past: tensor<1x8x2xf16>, %upd: tensor<1x3x2xf16>) -> tensor<1x8x2xf16> {
  %0 = "onnx.tensor_scatter"(%past, %upd) {axis = 1 : si64} : (tensor<1x8x2xf16>, tensor<1x3x2xf16>) -> tensor<1x8x2xf16>
  return %0 : tensor<1x8x2xf16>
}

// -----

// Shapes that cannot agree are a located error.
func.func @too_long(%past: tensor<1x2x2xf32>, %upd: tensor<1x3x2xf32>) -> tensor<1x2x2xf32> {
  // expected-error @+1 {{failed to legalize operation 'onnx.tensor_scatter': update's sequence length 3 exceeds the cache's 2}}
  %0 = "onnx.tensor_scatter"(%past, %upd) {axis = 1 : si64} : (tensor<1x2x2xf32>, tensor<1x3x2xf32>) -> tensor<1x2x2xf32>
  return %0 : tensor<1x2x2xf32>
}
