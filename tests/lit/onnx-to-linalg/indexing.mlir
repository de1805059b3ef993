// RUN: onnx-mlir-opt --convert-onnx-to-linalg --canonicalize --split-input-file %s | FileCheck %s

// Gather: the indices are a generic input whose map covers the gathered output dims; the data
// element is read with tensor.extract after wrapping negative indices.
// CHECK: #[[IMAP:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-LABEL: func.func @gather
// CHECK: linalg.generic {indexing_maps = [#[[IMAP]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel"]} ins(%arg1 : tensor<2x3xi64>) outs(%{{.*}} : tensor<5x2x3xf32>)
// CHECK: ^bb0(%[[IN:.*]]: i64, %{{.*}}: f32):
// CHECK: %[[D0:.*]] = linalg.index 0 : index
// CHECK: %[[K:.*]] = arith.index_cast %[[IN]] : i64 to index
// CHECK: arith.cmpi slt, %[[K]]
// CHECK: %[[W:.*]] = arith.select
// CHECK: %[[V:.*]] = tensor.extract %arg0[%[[D0]], %[[W]]] : tensor<5x4xf32>
// CHECK: linalg.yield %[[V]] : f32
func.func @gather(%x: tensor<5x4xf32>, %i: tensor<2x3xi64>) -> tensor<5x2x3xf32> {
  %0 = "onnx.gather"(%x, %i) {axis = 1 : i64} : (tensor<5x4xf32>, tensor<2x3xi64>) -> tensor<5x2x3xf32>
  return %0 : tensor<5x2x3xf32>
}

// -----

// CHECK-LABEL: func.func @gather_elements
// CHECK: linalg.generic {{.*}} ins(%arg1 : tensor<2x4xi32>) outs(%{{.*}} : tensor<2x4xi32>)
// CHECK: %[[D1:.*]] = linalg.index 1 : index
// CHECK: %[[W:.*]] = arith.select
// CHECK: tensor.extract %arg0[%[[W]], %[[D1]]] : tensor<3x4xi32>
func.func @gather_elements(%x: tensor<3x4xi32>, %i: tensor<2x4xi32>) -> tensor<2x4xi32> {
  %0 = "onnx.gather_elements"(%x, %i) {axis = 0 : i64} : (tensor<3x4xi32>, tensor<2x4xi32>) -> tensor<2x4xi32>
  return %0 : tensor<2x4xi32>
}

// -----

// CHECK-LABEL: func.func @gather_nd
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<2x2xf32>)
// CHECK: %[[B:.*]] = linalg.index 0 : index
// CHECK: %[[I:.*]] = linalg.index 1 : index
// CHECK: tensor.extract %arg1[%[[B]], %[[I]], %{{.*}}] : tensor<2x2x2xi64>
// CHECK: tensor.extract %arg1[%[[B]], %[[I]], %{{.*}}] : tensor<2x2x2xi64>
// CHECK: tensor.extract %arg0[%[[B]], %{{.*}}, %{{.*}}] : tensor<2x3x4xf32>
func.func @gather_nd(%x: tensor<2x3x4xf32>, %i: tensor<2x2x2xi64>) -> tensor<2x2xf32> {
  %0 = "onnx.gather_nd"(%x, %i) {batch_dims = 1 : i64} : (tensor<2x3x4xf32>, tensor<2x2x2xi64>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// Scatter: one generic over the output (initialised with the data) reducing over the updates'
// axis; an empty tensor sizes that reduction dim.
// CHECK-LABEL: func.func @scatter_elements_add
// CHECK: %[[B:.*]] = tensor.empty() : tensor<3xi8>
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[B]] : tensor<3xi8>) outs(%arg0 : tensor<3x4xf32>)
// CHECK: ^bb0(%{{.*}}: i8, %[[ACC:.*]]: f32):
// CHECK: tensor.extract %arg1
// CHECK: %[[HIT:.*]] = arith.andi
// CHECK: %[[U:.*]] = tensor.extract %arg2
// CHECK: %[[SUM:.*]] = arith.addf %[[ACC]], %[[U]] : f32
// CHECK: %[[R:.*]] = arith.select %[[HIT]], %[[SUM]], %[[ACC]] : f32
// CHECK: linalg.yield %[[R]]
// CHECK-NOT: scf.for
func.func @scatter_elements_add(%x: tensor<3x4xf32>, %i: tensor<2x3xi64>, %u: tensor<2x3xf32>) -> tensor<3x4xf32> {
  %0 = "onnx.scatter_elements"(%x, %i, %u) {axis = 1 : i64, reduction = "add"} : (tensor<3x4xf32>, tensor<2x3xi64>, tensor<2x3xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// CHECK-LABEL: func.func @scatter_nd
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]} ins(%{{.*}} : tensor<3xi8>) outs(%arg0 : tensor<4x4xi64>)
// CHECK: ^bb0(%{{.*}}: i8, %[[ACC:.*]]: i64):
// CHECK: %[[D0:.*]] = linalg.index 0 : index
// CHECK: %[[D1:.*]] = linalg.index 1 : index
// CHECK: %[[U:.*]] = linalg.index 2 : index
// CHECK: tensor.extract %arg1[%[[U]], %{{.*}}] : tensor<3x1xi64>
// CHECK: %[[HIT:.*]] = arith.cmpi eq, %{{.*}}, %[[D0]] : index
// CHECK: %[[V:.*]] = tensor.extract %arg2[%[[U]], %[[D1]]] : tensor<3x4xi64>
// CHECK: arith.select %[[HIT]], %[[V]], %[[ACC]] : i64
func.func @scatter_nd(%x: tensor<4x4xi64>, %i: tensor<3x1xi64>, %u: tensor<3x4xi64>) -> tensor<4x4xi64> {
  %0 = "onnx.scatter_nd"(%x, %i, %u) : (tensor<4x4xi64>, tensor<3x1xi64>, tensor<3x4xi64>) -> tensor<4x4xi64>
  return %0 : tensor<4x4xi64>
}

// -----

// Compress with a static result: prefix counts, output-slot source indices, then a gather.
// CHECK-LABEL: func.func @compress
// CHECK: %[[COUNTS:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]} ins(%{{.*}} : tensor<4xi64>) outs(%{{.*}} : tensor<4xi64>)
// CHECK: %[[SEL:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]} ins(%[[COUNTS]] : tensor<4xi64>) outs(%{{.*}} : tensor<2xi64>)
// CHECK: linalg.generic {{.*}} ins(%[[SEL]] : tensor<2xi64>) outs(%{{.*}} : tensor<2x3xf32>)
// CHECK: tensor.extract %arg0[%{{.*}}, %{{.*}}] : tensor<4x3xf32>
func.func @compress(%x: tensor<4x3xf32>, %c: tensor<4xi1>) -> tensor<2x3xf32> {
  %0 = "onnx.compress"(%x, %c) {axis = 0 : i64} : (tensor<4x3xf32>, tensor<4xi1>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Compress of a run-time condition with a dynamic result: the output size is the number of true
// entries within the axis (a reduction, then tensor.extract), counted at run time.
// CHECK-LABEL: func.func @compress_runtime_count
// CHECK: %[[TOTAL:.*]] = linalg.generic {{.*}}iterator_types = ["reduction"]} ins(%{{.*}} : tensor<4xi64>) outs(%{{.*}} : tensor<i64>)
// CHECK: %[[N:.*]] = tensor.extract %[[TOTAL]][] : tensor<i64>
// CHECK: %[[COUNT:.*]] = arith.index_cast %[[N]] : i64 to index
// CHECK: %[[OUT:.*]] = tensor.empty(%[[COUNT]]) : tensor<?x3xf32>
// CHECK: linalg.generic {{.*}} outs(%[[OUT]] : tensor<?x3xf32>)
func.func @compress_runtime_count(%x: tensor<4x3xf32>, %c: tensor<4xi1>) -> tensor<?x3xf32> {
  %0 = "onnx.compress"(%x, %c) {axis = 0 : i64} : (tensor<4x3xf32>, tensor<4xi1>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}
