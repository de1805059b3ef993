// RUN: onnx-mlir-opt --convert-onnx-to-linalg --canonicalize --split-input-file %s | FileCheck %s

// CHECK-LABEL: func.func @shape
// CHECK-DAG: %[[C3:.*]] = arith.constant 3 : i64
// CHECK-DAG: %[[D:.*]] = tensor.dim %arg0
// CHECK: %[[N:.*]] = arith.index_cast %[[D]] : index to i64
// CHECK: tensor.from_elements %[[N]], %[[C3]] : tensor<2xi64>
func.func @shape(%x: tensor<?x3x4xf32>) -> tensor<2xi64> {
  %0 = "onnx.shape"(%x) {end = -1 : i64} : (tensor<?x3x4xf32>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

// CHECK-LABEL: func.func @size
// CHECK: %[[C:.*]] = arith.constant dense<24> : tensor<i64>
// CHECK: return %[[C]]
func.func @size(%x: tensor<2x3x4xf32>) -> tensor<i64> {
  %0 = "onnx.size"(%x) : (tensor<2x3x4xf32>) -> tensor<i64>
  return %0 : tensor<i64>
}

// -----

// The shape operand is read at run time for the dynamic result.
// CHECK-LABEL: func.func @constant_of_shape
// CHECK-DAG: %[[SEVEN:.*]] = arith.constant 7 : i32
// CHECK-DAG: %[[A:.*]] = tensor.extract %arg0[%{{.*}}] : tensor<2xi64>
// CHECK: %[[E:.*]] = tensor.empty(%{{.*}}, %{{.*}}) : tensor<?x?xi32>
// CHECK: linalg.fill ins(%[[SEVEN]] : i32) outs(%[[E]] : tensor<?x?xi32>)
func.func @constant_of_shape(%s: tensor<2xi64>) -> tensor<?x?xi32> {
  %0 = "onnx.constant_of_shape"(%s) {value = dense<7> : tensor<1xi32>} : (tensor<2xi64>) -> tensor<?x?xi32>
  return %0 : tensor<?x?xi32>
}

// -----

// CHECK-LABEL: func.func @range
// CHECK-DAG: %[[START:.*]] = tensor.extract %arg0[] : tensor<f32>
// CHECK-DAG: %[[DELTA:.*]] = tensor.extract %arg2[] : tensor<f32>
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<8xf32>)
// CHECK: %[[I:.*]] = linalg.index 0 : index
// CHECK: %[[F:.*]] = arith.sitofp
// CHECK: %[[M:.*]] = arith.mulf %[[F]], %[[DELTA]] : f32
// CHECK: arith.addf %[[START]], %[[M]] : f32
func.func @range(%a: tensor<f32>, %b: tensor<f32>, %c: tensor<f32>) -> tensor<8xf32> {
  %0 = "onnx.range"(%a, %b, %c) : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

// select(col - row == k, 1, 0) (canonicalized to an extui of the i1).
// CHECK-LABEL: func.func @eye_like
// CHECK: %[[K:.*]] = arith.constant 1 : index
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<3x4xi64>)
// CHECK: %[[R:.*]] = linalg.index 0 : index
// CHECK: %[[C:.*]] = linalg.index 1 : index
// CHECK: %[[D:.*]] = arith.subi %[[C]], %[[R]] : index
// CHECK: %[[EQ:.*]] = arith.cmpi eq, %[[D]], %[[K]] : index
// CHECK: %[[V:.*]] = arith.extui %[[EQ]] : i1 to i64
// CHECK: linalg.yield %[[V]] : i64
func.func @eye_like(%x: tensor<3x4xf32>) -> tensor<3x4xi64> {
  %0 = "onnx.eye_like"(%x) {dtype = 7 : i64, k = 1 : i64} : (tensor<3x4xf32>) -> tensor<3x4xi64>
  return %0 : tensor<3x4xi64>
}

// -----

// CHECK-LABEL: func.func @trilu_lower
// CHECK: linalg.generic {{.*}} ins(%arg0 : tensor<2x3x4xf64>) outs(%{{.*}} : tensor<2x3x4xf64>)
// CHECK: ^bb0(%[[IN:.*]]: f64, %{{.*}}: f64):
// CHECK: %[[R:.*]] = linalg.index 1 : index
// CHECK: %[[C:.*]] = linalg.index 2 : index
// CHECK: %[[D:.*]] = arith.subi %[[C]], %[[R]] : index
// CHECK: %[[LE:.*]] = arith.cmpi sle, %[[D]], %{{.*}} : index
// CHECK: arith.select %[[LE]], %[[IN]], %{{.*}} : f64
func.func @trilu_lower(%x: tensor<2x3x4xf64>) -> tensor<2x3x4xf64> {
  %0 = "onnx.trilu"(%x) {upper = 0 : i64} : (tensor<2x3x4xf64>) -> tensor<2x3x4xf64>
  return %0 : tensor<2x3x4xf64>
}

// -----

// Depth comes from the static result type; the indices map skips the one-hot axis.
// CHECK: #[[OMAP:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @one_hot
// CHECK-DAG: %[[OFF:.*]] = tensor.extract %arg2[%{{.*}}] : tensor<2xf32>
// CHECK-DAG: %[[ON:.*]] = tensor.extract %arg2[%{{.*}}] : tensor<2xf32>
// CHECK: linalg.generic {indexing_maps = [#[[OMAP]], #{{.*}}]{{.*}} ins(%arg0 : tensor<3xi64>) outs(%{{.*}} : tensor<5x3xf32>)
// CHECK: %[[P:.*]] = linalg.index 0 : index
// CHECK: %[[EQ:.*]] = arith.cmpi eq, %{{.*}}, %[[P]] : index
// CHECK: arith.select %[[EQ]], {{.*}} : f32
func.func @one_hot(%i: tensor<3xi64>, %d: tensor<i64>, %v: tensor<2xf32>) -> tensor<5x3xf32> {
  %0 = "onnx.one_hot"(%i, %d, %v) {axis = 0 : i64} : (tensor<3xi64>, tensor<i64>, tensor<2xf32>) -> tensor<5x3xf32>
  return %0 : tensor<5x3xf32>
}
