// onnx-constant-fold: ops with constant operands become onnx.constant; Shape/Size of static
// dims fold from types alone, so shape subgraphs (Shape -> Gather -> Concat -> Reshape) vanish.
// RUN: onnx-mlir-opt %s --split-input-file --onnx-constant-fold --onnx-dce | FileCheck %s

// CHECK-LABEL: func.func @shape_subgraph
// CHECK-DAG:     %[[SHAPE:.*]] = "onnx.constant"() {value = dense<[2, 12]> : tensor<2xi64>}
// CHECK:         %[[R:.*]] = "onnx.reshape"(%arg0, %[[SHAPE]])
// CHECK-NEXT:    return %[[R]]
// CHECK-NOT:     onnx.shape
func.func @shape_subgraph(%x: tensor<2x3x4xf32>) -> tensor<2x12xf32> {
  %s = "onnx.shape"(%x) : (tensor<2x3x4xf32>) -> tensor<3xi64>
  %i = "onnx.constant"() {value = dense<0> : tensor<1xi64>} : () -> tensor<1xi64>
  %n = "onnx.gather"(%s, %i) {axis = 0 : i64} : (tensor<3xi64>, tensor<1xi64>) -> tensor<1xi64>
  %m = "onnx.constant"() {value = dense<-1> : tensor<1xi64>} : () -> tensor<1xi64>
  %c = "onnx.concat"(%n, %m) {axis = 0 : i64, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  %p = "onnx.size"(%x) : (tensor<2x3x4xf32>) -> tensor<i64>
  %q = "onnx.div"(%p, %n) : (tensor<i64>, tensor<1xi64>) -> tensor<1xi64>
  %sh = "onnx.concat"(%n, %q) {axis = 0 : i64, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  %r = "onnx.reshape"(%x, %sh) : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<2x12xf32>
  return %r : tensor<2x12xf32>
}

// -----

// Dynamic batch: Shape does not fold, but Gather of its static dims does.
// CHECK-LABEL: func.func @dynamic_batch
// CHECK:         %[[S:.*]] = "onnx.shape"(%arg0)
// CHECK:         "onnx.gather"(%[[S]]
// CHECK:         "onnx.constant"() {value = dense<[4, 6]> : tensor<2xi64>}
func.func @dynamic_batch(%x: tensor<?x4x6xf32>) -> (tensor<1xi64>, tensor<2xi64>) {
  %s = "onnx.shape"(%x) : (tensor<?x4x6xf32>) -> tensor<3xi64>
  %i = "onnx.constant"() {value = dense<0> : tensor<1xi64>} : () -> tensor<1xi64>
  %n = "onnx.gather"(%s, %i) {axis = 0 : i64} : (tensor<3xi64>, tensor<1xi64>) -> tensor<1xi64>
  %j = "onnx.constant"() {value = dense<[1, -1]> : tensor<2xi64>} : () -> tensor<2xi64>
  %k = "onnx.gather"(%s, %j) {axis = 0 : i64} : (tensor<3xi64>, tensor<2xi64>) -> tensor<2xi64>
  return %n, %k : tensor<1xi64>, tensor<2xi64>
}

// -----

// Reference evaluation of any deterministic op; results above 1024 elements become
// dense_resource blobs, splats stay splat whatever their size.
// CHECK-LABEL: func.func @evaluate
// CHECK-DAG:     "onnx.constant"() {value = dense<[1.000000e+00, 4.000000e+00, 9.000000e+00]> : tensor<3xf32>}
// CHECK-DAG:     "onnx.constant"() {value = dense<7> : tensor<64x64xi32>}
// CHECK-DAG:     "onnx.constant"() {value = dense<[0, 2, 4, 6]> : tensor<4xi64>}
// CHECK-DAG:     "onnx.constant"() {value = dense_resource<{{.*}}> : tensor<1100xi64>}
// CHECK-DAG:     "onnx.random_normal"
// CHECK-NOT:     "onnx.mul"
// CHECK-NOT:     "onnx.range"
func.func @evaluate() -> (tensor<3xf32>, tensor<64x64xi32>, tensor<?xi64>, tensor<1100xi64>, tensor<2xf32>) {
  %a = "onnx.constant"() {value = dense<[1.0, 2.0, 3.0]> : tensor<3xf32>} : () -> tensor<3xf32>
  %sq = "onnx.mul"(%a, %a) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %shape = "onnx.constant"() {value = dense<64> : tensor<2xi64>} : () -> tensor<2xi64>
  %fill = "onnx.constant_of_shape"(%shape) {value = dense<7> : tensor<1xi32>} : (tensor<2xi64>) -> tensor<64x64xi32>
  %start = "onnx.constant"() {value = dense<0> : tensor<i64>} : () -> tensor<i64>
  %limit = "onnx.constant"() {value = dense<8> : tensor<i64>} : () -> tensor<i64>
  %delta = "onnx.constant"() {value = dense<2> : tensor<i64>} : () -> tensor<i64>
  %range = "onnx.range"(%start, %limit, %delta) : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<?xi64>
  %big = "onnx.constant"() {value = dense<1100> : tensor<i64>} : () -> tensor<i64>
  %one = "onnx.constant"() {value = dense<1> : tensor<i64>} : () -> tensor<i64>
  %long = "onnx.range"(%start, %big, %one) : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<1100xi64>
  %rnd = "onnx.random_normal"() {shape = [2], dtype = 1 : i64} : () -> tensor<2xf32>
  return %sq, %fill, %range, %long, %rnd : tensor<3xf32>, tensor<64x64xi32>, tensor<?xi64>, tensor<1100xi64>, tensor<2xf32>
}

// -----

// A folded result refines the function's result type.
// CHECK-LABEL: func.func @refines_signature
// CHECK-SAME:    -> tensor<4xi64>
// CHECK:         "onnx.constant"() {value = dense<[0, 2, 4, 6]> : tensor<4xi64>}
func.func @refines_signature() -> tensor<?xi64> {
  %start = "onnx.constant"() {value = dense<0> : tensor<i64>} : () -> tensor<i64>
  %limit = "onnx.constant"() {value = dense<8> : tensor<i64>} : () -> tensor<i64>
  %delta = "onnx.constant"() {value = dense<2> : tensor<i64>} : () -> tensor<i64>
  %range = "onnx.range"(%start, %limit, %delta) : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<?xi64>
  return %range : tensor<?xi64>
}

// -----

// An all-true / all-false bool splat stores one byte: every element of the folded results must
// read back from it (the bindings' buffer read took elements 9.. from the memory past that byte).
// CHECK-LABEL: func.func @bool_splat_flatten
// CHECK-DAG:     %[[T:.*]] = "onnx.constant"() {value = dense<true> : tensor<16x1xi1>}
// CHECK-DAG:     %[[F:.*]] = "onnx.constant"() {value = dense<0.000000e+00> : tensor<1000xf32>}
// CHECK:         return %[[T]], %[[F]]
func.func @bool_splat_flatten() -> (tensor<16x1xi1>, tensor<1000xf32>) {
  %t = "onnx.constant"() {value = dense<true> : tensor<1x16xi1>} : () -> tensor<1x16xi1>
  %flat = "onnx.flatten"(%t) {axis = 2 : i64} : (tensor<1x16xi1>) -> tensor<16x1xi1>
  %f = "onnx.constant"() {value = dense<false> : tensor<1000xi1>} : () -> tensor<1000xi1>
  %cast = "onnx.cast"(%f) {to = 1 : i64} : (tensor<1000xi1>) -> tensor<1000xf32>
  return %flat, %cast : tensor<16x1xi1>, tensor<1000xf32>
}
