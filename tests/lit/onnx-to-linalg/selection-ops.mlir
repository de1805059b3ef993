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
