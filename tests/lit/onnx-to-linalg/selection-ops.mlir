// RUN: onnx-mlir-opt --convert-onnx-to-linalg --canonicalize --split-input-file %s | FileCheck %s

// NonZero of a dynamic input: flags of the flattened input, their count (a reduction read with
// tensor.extract) sizes the result allocated at run time, prefix counts, the positions of the
// nonzero elements, then one parallel generic unravels them into coordinates.
// CHECK-LABEL: func.func @nonzero
// CHECK: tensor.collapse_shape %arg0 {{.*}} : tensor<?x4xf32> into tensor<?xf32>
// CHECK: %[[FLAGS:.*]] = linalg.generic {{.*}}iterator_types = ["parallel"]}
// CHECK: arith.cmpf une
// CHECK: %[[TOTAL:.*]] = linalg.generic {{.*}}iterator_types = ["reduction"]} ins(%[[FLAGS]] : tensor<?xi64>) outs(%{{.*}} : tensor<i64>)
// CHECK: %[[N:.*]] = tensor.extract %[[TOTAL]][] : tensor<i64>
// CHECK: %[[COUNT:.*]] = arith.index_cast %[[N]] : i64 to index
// CHECK: %[[COUNTS:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]} ins(%[[FLAGS]] : tensor<?xi64>)
// CHECK: %[[SEL:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]} ins(%[[COUNTS]] : tensor<?xi64>) outs(%{{.*}} : tensor<?xi64>)
// CHECK: %[[OUT:.*]] = tensor.empty(%[[COUNT]]) : tensor<2x?xi64>
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]} ins(%[[SEL]] : tensor<?xi64>) outs(%[[OUT]] : tensor<2x?xi64>)
func.func @nonzero(%x: tensor<?x4xf32>) -> tensor<2x?xi64> {
  %0 = "onnx.non_zero"(%x) : (tensor<?x4xf32>) -> tensor<2x?xi64>
  return %0 : tensor<2x?xi64>
}

// -----

// Unique without an axis: the pairwise order of the elements (one reduction over the row
// length), each element's earliest equal one, the unique count (run-time size of the results),
// ranks, the source and count of each slot, then the gather of the values.
// CHECK-LABEL: func.func @unique
// CHECK: %[[ORDER:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]} ins(%{{.*}}, %{{.*}} : tensor<6x1xf32>, tensor<6x1xf32>) outs(%{{.*}} : tensor<6x6xi64>)
// CHECK: arith.cmpf olt
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]} ins(%[[ORDER]] : tensor<6x6xi64>) outs(%{{.*}} : tensor<6xi64>)
// CHECK: %[[TOTAL:.*]] = linalg.generic {{.*}}iterator_types = ["reduction"]}
// CHECK: tensor.extract %[[TOTAL]][] : tensor<i64>
// CHECK: tensor.empty(%{{.*}}) : tensor<?xf32>
// CHECK: return %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : tensor<?xf32>, tensor<?xi64>, tensor<6xi64>, tensor<?xi64>
func.func @unique(%x: tensor<2x3xf32>) -> (tensor<?xf32>, tensor<?xi64>, tensor<6xi64>, tensor<?xi64>) {
  %0:4 = "onnx.unique"(%x) {resultSegmentSizes = array<i32: 1, 1, 1, 1>, sorted = 1 : i64} : (tensor<2x3xf32>) -> (tensor<?xf32>, tensor<?xi64>, tensor<6xi64>, tensor<?xi64>)
  return %0#0, %0#1, %0#2, %0#3 : tensor<?xf32>, tensor<?xi64>, tensor<6xi64>, tensor<?xi64>
}

// -----

// NonMaxSuppression: the suppression matrix and score order are generics; the greedy selection
// is one scf.for over the score ranks whose body is linalg (a reduction, then parallel updates);
// the kept boxes size the [count, 3] result allocated at run time.
// CHECK-LABEL: func.func @nms
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel"]} outs(%{{.*}} : tensor<1x6x6xi64>)
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%arg1, %arg1 : tensor<1x2x6xf32>, tensor<1x2x6xf32>)
// CHECK: %[[LOOP:.*]]:2 = scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) -> (tensor<1x2x6xi64>, tensor<1x2xi64>)
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK: scf.yield
// CHECK: tensor.empty(%{{.*}}) : tensor<?x3xi64>
func.func @nms(%boxes: tensor<1x6x4xf32>, %scores: tensor<1x2x6xf32>, %max: tensor<1xi64>, %iou: tensor<1xf32>) -> tensor<?x3xi64> {
  %0 = "onnx.non_max_suppression"(%boxes, %scores, %max, %iou) {operandSegmentSizes = array<i32: 1, 1, 1, 1, 0>} : (tensor<1x6x4xf32>, tensor<1x2x6xf32>, tensor<1xi64>, tensor<1xf32>) -> tensor<?x3xi64>
  return %0 : tensor<?x3xi64>
}
