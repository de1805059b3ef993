// Loss ops: the target-class gather is a reduction generic over C selecting where c == target.
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s --check-prefix=NOONNX
// NOONNX-NOT: onnx.

// NLL with weights, ignore_index and mean: loss and picked weight in one generic, then two
// full reductions and a division.
// CHECK-DAG: #[[$LOGP:.*]] = affine_map<(d0, d1, d2) -> (d0, d2, d1)>
// CHECK-DAG: #[[$SAMPLE:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[$W:.*]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-LABEL: func.func @nll_mean_weight_ii
// CHECK:         %{{.*}}:2 = linalg.generic {indexing_maps = [#[[$LOGP]], #[[$SAMPLE]], #[[$W]], #[[$SAMPLE]], #[[$SAMPLE]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-SAME:      ins(%arg0, %arg1, %arg2 : tensor<3x5x2xf32>, tensor<3x2xi64>, tensor<5xf32>)
// CHECK:           %[[C:.*]] = linalg.index 2 : index
// CHECK:           arith.cmpi eq
// CHECK:           arith.constant 1 : i64
// CHECK:           arith.cmpi ne
// CHECK:           arith.negf
// CHECK:         linalg.generic {{.*}} iterator_types = ["reduction", "reduction"]
// CHECK:         linalg.generic {{.*}} iterator_types = ["reduction", "reduction"]
// CHECK:         arith.divf
// CHECK:         return %{{.*}} : tensor<f32>
func.func @nll_mean_weight_ii(%x: tensor<3x5x2xf32>, %t: tensor<3x2xi64>, %w: tensor<5xf32>) -> tensor<f32> {
  %0 = "onnx.negative_log_likelihood_loss"(%x, %t, %w) {ignore_index = 1 : i64} : (tensor<3x5x2xf32>, tensor<3x2xi64>, tensor<5xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// SCE, reduction none, with log_prob: a LogSoftmax over C, then the gather.
// CHECK-LABEL: func.func @sce_none_log_prob
// CHECK:         arith.maximumf
// CHECK:         math.exp
// CHECK:         %[[LOGP:.*]] = linalg.generic
// CHECK:           math.log
// CHECK:         %[[PICK:.*]]:2 = linalg.generic {{.*}} ins(%[[LOGP]], %arg1 : tensor<3x5xf32>, tensor<3xi64>)
// CHECK:         return %[[PICK]]#0, %[[LOGP]] : tensor<3xf32>, tensor<3x5xf32>
func.func @sce_none_log_prob(%x: tensor<3x5xf32>, %t: tensor<3xi64>) -> (tensor<3xf32>, tensor<3x5xf32>) {
  %0, %1 = "onnx.softmax_cross_entropy_loss"(%x, %t) {reduction = "none"} : (tensor<3x5xf32>, tensor<3xi64>) -> (tensor<3xf32>, tensor<3x5xf32>)
  return %0, %1 : tensor<3xf32>, tensor<3x5xf32>
}
