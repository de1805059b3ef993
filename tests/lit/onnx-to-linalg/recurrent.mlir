// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s

// Reverse GRU (linear_before_reset = 0): the input projection of all steps is one matmul before
// the loop; each step is an scf.for iteration (t = T-1-i) with H @ R^T, the z/r gate generic,
// (r * H) @ Rh^T and the output generic, which writes the carried hidden state in place.
// CHECK-LABEL: func.func @gru_reverse
// CHECK: %[[X:.*]] = tensor.collapse_shape %arg0 {{\[}}[0, 1], [2]] : tensor<3x2x4xf32> into tensor<6x4xf32>
// CHECK: %[[XW:.*]] = linalg.matmul ins(%[[X]], %{{.*}} : tensor<6x4xf32>, tensor<4x15xf32>)
// CHECK: %[[LOOP:.*]]:2 = scf.for %[[I:arg[0-9]+]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[H:.*]] = %{{.*}}, %[[Y:.*]] = %{{.*}}) -> (tensor<2x5xf32>, tensor<3x2x5xf32>)
// CHECK:   %[[T:.*]] = arith.subi %{{.*}}, %[[I]] : index
// CHECK:   tensor.extract_slice %{{.*}}[%[[T]], 0, 0] [1, 2, 15] [1, 1, 1] : tensor<3x2x15xf32> to tensor<2x15xf32>
// CHECK:   linalg.matmul ins(%[[H]], %{{.*}} : tensor<2x5xf32>, tensor<5x15xf32>)
// CHECK:   %[[ZR:.*]]:2 = linalg.generic
// CHECK:   %[[RH:.*]] = linalg.matmul ins(%[[ZR]]#1, %{{.*}} : tensor<2x5xf32>, tensor<5x5xf32>)
// CHECK:   %[[NEW:.*]]:2 = linalg.generic {{.*}} ins(%{{.*}}, %[[RH]], %[[ZR]]#0, %[[H]] : {{.*}}) outs(%[[H]], %{{.*}} : tensor<2x5xf32>, tensor<2x5xf32>)
// CHECK:     math.tanh
// CHECK:   %[[YS:.*]] = tensor.insert_slice %[[NEW]]#1 into %[[Y]][%[[T]], 0, 0] [1, 2, 5]
// CHECK:   scf.yield %[[NEW]]#0, %[[YS]]
// CHECK: tensor.insert_slice %[[LOOP]]#0 into %{{.*}}[0, 0, 0] [1, 2, 5]
// CHECK-NOT: onnx.
func.func @gru_reverse(%x: tensor<3x2x4xf32>, %w: tensor<1x15x4xf32>, %r: tensor<1x15x5xf32>) -> tensor<1x2x5xf32> {
  %0 = "onnx.gru"(%x, %w, %r) {hidden_size = 5 : i64, direction = "reverse", operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0>, resultSegmentSizes = array<i32: 0, 1>} : (tensor<3x2x4xf32>, tensor<1x15x4xf32>, tensor<1x15x5xf32>) -> tensor<1x2x5xf32>
  return %0 : tensor<1x2x5xf32>
}

// -----

// Bidirectional LSTM with Y: two loops (the second reversed), one cell generic per step with
// h and c written in place; Y stacks the directions' [T, B, H] buffers into [T, D, B, H].
// CHECK-LABEL: func.func @lstm_bidirectional
// CHECK: %[[F:.*]]:3 = scf.for
// CHECK:   } -> (tensor<1x3xf32>, tensor<1x3xf32>, tensor<1x3xf32>)
// CHECK: %[[B:.*]]:3 = scf.for
// CHECK:   arith.subi
// CHECK: %[[Y0:.*]] = tensor.insert_slice %[[F]]#2 into %{{.*}}[0, 0, 0, 0] [2, 1, 1, 3]
// CHECK: tensor.insert_slice %[[B]]#2 into %[[Y0]][0, 1, 0, 0] [2, 1, 1, 3]
func.func @lstm_bidirectional(%x: tensor<2x1x2xf32>, %w: tensor<2x12x2xf32>, %r: tensor<2x12x3xf32>) -> tensor<2x2x1x3xf32> {
  %0 = "onnx.lstm"(%x, %w, %r) {hidden_size = 3 : i64, direction = "bidirectional", operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x1x2xf32>, tensor<2x12x2xf32>, tensor<2x12x3xf32>) -> tensor<2x2x1x3xf32>
  return %0 : tensor<2x2x1x3xf32>
}

// -----

// RNN with sequence_lens: the step index is compared with each batch entry's length.
// CHECK-LABEL: func.func @rnn_seq_lens
// CHECK: scf.for %[[I:arg[0-9]+]] =
// CHECK:   %[[TI:.*]] = arith.index_cast %[[I]] : index to i32
// CHECK:   linalg.generic
// CHECK:     math.tanh
// CHECK:     arith.cmpi slt, %[[TI]]
// CHECK:     arith.select
func.func @rnn_seq_lens(%x: tensor<3x2x2xf32>, %w: tensor<1x4x2xf32>, %r: tensor<1x4x4xf32>, %l: tensor<2xi32>) -> tensor<1x2x4xf32> {
  %0 = "onnx.rnn"(%x, %w, %r, %l) {hidden_size = 4 : i64, operandSegmentSizes = array<i32: 1, 1, 1, 0, 1, 0>, resultSegmentSizes = array<i32: 0, 1>} : (tensor<3x2x2xf32>, tensor<1x4x2xf32>, tensor<1x4x4xf32>, tensor<2xi32>) -> tensor<1x2x4xf32>
  return %0 : tensor<1x2x4xf32>
}

// -----

// Dynamic sequence length and batch: the input projection is one matmul on [T*B, I] (run-time
// rows), the time loop's trip count is the run-time T, and every per-step op keeps the ?
// batch.
// CHECK-LABEL: func.func @lstm_dynamic_seq_batch
// CHECK-DAG: %[[T:.*]] = tensor.dim %arg0, %c0 : tensor<?x?x3xf32>
// CHECK-DAG: %[[B:.*]] = tensor.dim %arg0, %c1 : tensor<?x?x3xf32>
// CHECK: %[[TB:.*]] = arith.muli %[[T]], %[[B]] : index
// CHECK: tensor.empty(%[[TB]]) : tensor<?x20xf32>
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<?x3xf32>, tensor<3x20xf32>)
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2]] output_shape [%[[T]], %[[B]], 20]
// CHECK: scf.for %[[I:.*]] = %{{.*}} to %[[T]] step %{{.*}} iter_args({{.*}}) -> (tensor<?x5xf32>, tensor<?x5xf32>, tensor<?x?x5xf32>)
// CHECK:   tensor.extract_slice %{{.*}}[%[[I]], 0, 0] [1, %[[B]], 20] [1, 1, 1] : tensor<?x?x20xf32> to tensor<?x20xf32>
// CHECK:   linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<?x5xf32>, tensor<5x20xf32>)
// CHECK:   linalg.generic
// CHECK:   tensor.insert_slice %{{.*}} into %{{.*}}[%[[I]], 0, 0] [1, %[[B]], 5]
func.func @lstm_dynamic_seq_batch(%x: tensor<?x?x3xf32>, %w: tensor<1x20x3xf32>, %r: tensor<1x20x5xf32>) -> tensor<?x1x?x5xf32> {
  %y, %yh, %yc = "onnx.lstm"(%x, %w, %r) {hidden_size = 5 : i64, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 1>} : (tensor<?x?x3xf32>, tensor<1x20x3xf32>, tensor<1x20x5xf32>) -> (tensor<?x1x?x5xf32>, tensor<1x?x5xf32>, tensor<1x?x5xf32>)
  return %y : tensor<?x1x?x5xf32>
}

// -----

// A static batch of the initial state fixes X's dynamic batch (a cast the driver checks at run
// time); the reverse direction counts down from the run-time T - 1.
// CHECK-LABEL: func.func @gru_reverse_dynamic_seq
// CHECK: %[[T:.*]] = tensor.dim %arg0, %c0 : tensor<?x?x4xf32>
// CHECK: scf.if
// CHECK:   tensor.cast %arg0 : tensor<?x?x4xf32> to tensor<?x2x4xf32>
// CHECK: %[[LAST:.*]] = arith.subi %[[T]], %{{.*}} : index
// CHECK: scf.for %[[I:.*]] = %{{.*}} to %[[T]]
// CHECK:   arith.subi %[[LAST]], %[[I]] : index
func.func @gru_reverse_dynamic_seq(%x: tensor<?x?x4xf32>, %w: tensor<1x15x4xf32>, %r: tensor<1x15x5xf32>, %h: tensor<1x2x5xf32>) -> tensor<1x2x5xf32> {
  %0 = "onnx.gru"(%x, %w, %r, %h) {hidden_size = 5 : i64, direction = "reverse", operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 1>, resultSegmentSizes = array<i32: 0, 1>} : (tensor<?x?x4xf32>, tensor<1x15x4xf32>, tensor<1x15x5xf32>, tensor<1x2x5xf32>) -> tensor<1x2x5xf32>
  return %0 : tensor<1x2x5xf32>
}
