// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s

// Loop whose body yields cond_in unchanged -> scf.for to (cond ? max(M, 0) : 0); the scan
// output is preallocated and written one row per iteration.
// CHECK-LABEL: func.func @loop_for
// CHECK: %[[M:.*]] = tensor.extract %arg0[] : tensor<i64>
// CHECK: %[[C:.*]] = tensor.extract %arg1[] : tensor<i1>
// CHECK: %[[MI:.*]] = arith.index_cast %[[M]] : i64 to index
// CHECK: %[[MP:.*]] = arith.maxsi %[[MI]]
// CHECK: %[[UB:.*]] = arith.select %[[C]], %[[MP]]
// CHECK: %[[ACC:.*]] = tensor.empty(%[[UB]]) : tensor<?x2xf32>
// CHECK: %[[R:.*]]:2 = scf.for %[[I:.*]] = %{{.*}} to %[[UB]] step %{{.*}} iter_args(%[[Y:.*]] = %arg2, %[[S:.*]] = %[[ACC]]) -> (tensor<2xf32>, tensor<?x2xf32>) {
// CHECK:   %[[SUM:.*]] = linalg.generic
// CHECK:     arith.addf
// CHECK:   %[[INS:.*]] = tensor.insert_slice %[[Y]] into %[[S]][%[[I]], 0] [1, 2] [1, 1] : tensor<2xf32> into tensor<?x2xf32>
// CHECK:   scf.yield %[[SUM]], %[[INS]] : tensor<2xf32>, tensor<?x2xf32>
// CHECK: scf.yield %[[R]]#0, %[[R]]#1
// CHECK: return
// CHECK-NOT: onnx.
func.func @loop_for(%m: tensor<i64>, %c: tensor<i1>, %y: tensor<2xf32>) -> (tensor<2xf32>, tensor<?x2xf32>) {
  %0:2 = "onnx.loop"(%m, %c, %y) ({
  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %yi: tensor<2xf32>):
    %1 = "onnx.add"(%yi, %yi) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    smt.yield %ci, %1, %yi : tensor<i1>, tensor<2xf32>, tensor<2xf32>
  }) {operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<i64>, tensor<i1>, tensor<2xf32>) -> (tensor<2xf32>, tensor<?x2xf32>)
  return %0#0, %0#1 : tensor<2xf32>, tensor<?x2xf32>
}

// -----

// Loop whose condition is computed in the body -> scf.while; the scan output grows by a row.
// CHECK-LABEL: func.func @loop_while
// CHECK: %[[C:.*]] = tensor.extract %arg0[] : tensor<i1>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<0x2xf32>
// CHECK: %[[ACC:.*]] = tensor.cast %[[E]] : tensor<0x2xf32> to tensor<?x2xf32>
// CHECK: %[[R:.*]]:4 = scf.while (%[[I:.*]] = %{{.*}}, %[[CI:.*]] = %[[C]], %{{.*}} = %arg1, %{{.*}} = %[[ACC]]) : (i64, i1, tensor<2xf32>, tensor<?x2xf32>)
// CHECK:   scf.condition(%[[CI]])
// CHECK: } do {
// CHECK: ^bb0(%[[I2:.*]]: i64, %{{.*}}: i1, %[[Y:.*]]: tensor<2xf32>, %[[S:.*]]: tensor<?x2xf32>):
// CHECK:   %[[SUM:.*]] = linalg.generic
// CHECK:   linalg.generic {{.*}}iterator_types = ["reduction"]
// CHECK:   %[[LESS:.*]] = linalg.generic
// CHECK:     arith.cmpf olt
// CHECK:   %[[NEXT:.*]] = arith.addi %[[I2]]
// CHECK:   %[[CO:.*]] = tensor.extract %[[LESS]]{{.*}} : tensor<i1>
// CHECK:   %[[ROW:.*]] = arith.index_cast %[[I2]] : i64 to index
// CHECK:   %[[ROWS:.*]] = arith.addi %[[ROW]]
// CHECK:   %[[G:.*]] = tensor.empty(%[[ROWS]]) : tensor<?x2xf32>
// CHECK:   %[[OLD:.*]] = tensor.insert_slice %[[S]] into %[[G]][0, 0] [%[[ROW]], 2] [1, 1]
// CHECK:   %[[NEW:.*]] = tensor.insert_slice %[[SUM]] into %[[OLD]][%[[ROW]], 0] [1, 2] [1, 1]
// CHECK:   scf.yield %[[NEXT]], %[[CO]], %[[SUM]], %[[NEW]] : i64, i1, tensor<2xf32>, tensor<?x2xf32>
// CHECK: return %[[R]]#2, %[[R]]#3
func.func @loop_while(%c: tensor<i1>, %y: tensor<2xf32>, %lim: tensor<f32>) -> (tensor<2xf32>, tensor<?x2xf32>) {
  %0:2 = "onnx.loop"(%c, %y) ({
  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %yi: tensor<2xf32>):
    %1 = "onnx.add"(%yi, %yi) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    %2 = "onnx.reduce_sum"(%1) {keepdims = 0 : si64} : (tensor<2xf32>) -> tensor<f32>
    %3 = "onnx.less"(%2, %lim) : (tensor<f32>, tensor<f32>) -> tensor<i1>
    smt.yield %3, %1, %1 : tensor<i1>, tensor<2xf32>, tensor<2xf32>
  }) {operandSegmentSizes = array<i32: 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<i1>, tensor<2xf32>) -> (tensor<2xf32>, tensor<?x2xf32>)
  return %0#0, %0#1 : tensor<2xf32>, tensor<?x2xf32>
}

// -----

// Scan along axis 1, input reversed, output stacked along the last axis -> scf.for over 5 rows.
// CHECK-LABEL: func.func @scan_reverse
// CHECK: %[[C5:.*]] = arith.constant 5 : index
// CHECK: %[[ACC:.*]] = tensor.empty() : tensor<2x5xf32>
// CHECK: %[[R:.*]]:2 = scf.for %[[T:.*]] = %{{.*}} to %[[C5]] step %{{.*}} iter_args(%[[ST:.*]] = %arg0, %[[S:.*]] = %[[ACC]]) -> (tensor<2xf32>, tensor<2x5xf32>) {
// CHECK:   %[[LAST:.*]] = arith.subi %[[C5]]
// CHECK:   %[[REV:.*]] = arith.subi %[[LAST]], %[[T]] : index
// CHECK:   %[[X:.*]] = tensor.extract_slice %arg1[0, %[[REV]]] [2, 1] [1, 1] : tensor<2x5xf32> to tensor<2xf32>
// CHECK:   %[[SUM:.*]] = linalg.generic {{.*}} ins(%[[ST]], %[[X]] : tensor<2xf32>, tensor<2xf32>)
// CHECK:   %[[INS:.*]] = tensor.insert_slice %[[SUM]] into %[[S]][0, %[[T]]] [2, 1] [1, 1] : tensor<2xf32> into tensor<2x5xf32>
// CHECK:   scf.yield %[[SUM]], %[[INS]]
// CHECK: return %[[R]]#0, %[[R]]#1
func.func @scan_reverse(%s: tensor<2xf32>, %x: tensor<2x5xf32>) -> (tensor<2xf32>, tensor<2x5xf32>) {
  %0:2 = "onnx.scan"(%s, %x) ({
  ^bb0(%si: tensor<2xf32>, %xi: tensor<2xf32>):
    %1 = "onnx.add"(%si, %xi) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    smt.yield %1, %1 : tensor<2xf32>, tensor<2xf32>
  }) {num_scan_inputs = 1 : si64, scan_input_axes = [1], scan_input_directions = [1], scan_output_axes = [-1], operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<2xf32>, tensor<2x5xf32>) -> (tensor<2xf32>, tensor<2x5xf32>)
  return %0#0, %0#1 : tensor<2xf32>, tensor<2x5xf32>
}

// -----

// A pattern's result less static than the op's declared type is tensor.cast to it (here the
// Range of a function body: tensor<?xf32> typed tensor<4xf32> by shape inference); the cast is
// checked at run time.
// CHECK-LABEL: func.func @refine_result
// CHECK: %[[R:.*]] = linalg.generic
// CHECK: %[[OK:.*]] = arith.cmpi eq
// CHECK: %[[G:.*]] = scf.if %[[OK]] -> (tensor<4xf32>)
// CHECK: %[[C:.*]] = tensor.cast %[[R]] : tensor<?xf32> to tensor<4xf32>
// CHECK: scf.yield %[[C]]
// CHECK: return %[[G]] : tensor<4xf32>
func.func @refine_result(%a: tensor<?xf32>) -> tensor<4xf32> {
  %0 = "onnx.relu"(%a) : (tensor<?xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
