// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s

// CHECK-LABEL: func.func @flatten_axis2
// CHECK: tensor.collapse_shape %arg0 {{\[}}[0, 1], [2]] : tensor<2x3x4xf32> into tensor<6x4xf32>
// CHECK-NOT: onnx.
func.func @flatten_axis2(%x: tensor<2x3x4xf32>) -> tensor<6x4xf32> {
  %0 = "onnx.flatten"(%x) {axis = 2 : i64} : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  return %0 : tensor<6x4xf32>
}

// -----

// CHECK-LABEL: func.func @flatten_axis0
// CHECK: %[[C:.*]] = tensor.collapse_shape %arg0 {{\[}}[0, 1, 2]] : tensor<2x3x4xf32> into tensor<24xf32>
// CHECK: tensor.expand_shape %[[C]] {{\[}}[0, 1]] output_shape [1, 24] : tensor<24xf32> into tensor<1x24xf32>
func.func @flatten_axis0(%x: tensor<2x3x4xf32>) -> tensor<1x24xf32> {
  %0 = "onnx.flatten"(%x) {axis = 0 : i64} : (tensor<2x3x4xf32>) -> tensor<1x24xf32>
  return %0 : tensor<1x24xf32>
}

// -----

// CHECK-LABEL: func.func @flatten_negative_axis_dynamic
// CHECK: tensor.collapse_shape %arg0 {{\[}}[0, 1], [2]] : tensor<?x3x4xf32> into tensor<?x4xf32>
func.func @flatten_negative_axis_dynamic(%x: tensor<?x3x4xf32>) -> tensor<?x4xf32> {
  %0 = "onnx.flatten"(%x) {axis = -1 : i64} : (tensor<?x3x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_static
// CHECK: %[[C:.*]] = tensor.collapse_shape %arg0 {{\[}}[0, 1, 2]] : tensor<2x3x4xf32> into tensor<24xf32>
// CHECK: tensor.expand_shape %[[C]] {{\[}}[0, 1]] output_shape [4, 6] : tensor<24xf32> into tensor<4x6xf32>
// CHECK-NOT: onnx.
func.func @reshape_static(%x: tensor<2x3x4xf32>) -> tensor<4x6xf32> {
  %s = "onnx.constant"() {value = dense<[4, -1]> : tensor<2xi64>} : () -> tensor<2xi64>
  %0 = "onnx.reshape"(%x, %s) : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<4x6xf32>
  return %0 : tensor<4x6xf32>
}

// -----

// A dynamic input: the shape is computed (0 copies dim 0, -1 takes the static size 12 of the
// result type) for tensor.reshape. The element counts (d0 * 3 * 4 and d0 * 12) agree by
// construction: no run-time check, the signature is unchanged.
// CHECK-LABEL: func.func @reshape_dynamic(%arg0: tensor<?x3x4xf32>) -> tensor<?x12xf32>
// CHECK: %[[D:.*]] = tensor.dim %arg0
// CHECK: %[[C12:.*]] = arith.constant 12 : index
// CHECK: %[[S:.*]] = tensor.from_elements %[[D]], %[[C12]] : tensor<2xindex>
// CHECK-NOT: scf.if
// CHECK: tensor.reshape %arg0(%[[S]]) : (tensor<?x3x4xf32>, tensor<2xindex>) -> tensor<?x12xf32>
func.func @reshape_dynamic(%x: tensor<?x3x4xf32>) -> tensor<?x12xf32> {
  %s = "onnx.constant"() {value = dense<[0, -1]> : tensor<2xi64>} : () -> tensor<2xi64>
  %0 = "onnx.reshape"(%x, %s) : (tensor<?x3x4xf32>, tensor<2xi64>) -> tensor<?x12xf32>
  return %0 : tensor<?x12xf32>
}

// -----

// A -1 inferred at run time: the element count must be a multiple of 4 (no remainder), checked
// before tensor.reshape reads the input; the else branch records the failure and yields an
// empty tensor.
// CHECK-LABEL: module attributes {onnx_mlir.runtime_checks = [{message = "the input has {0} elements, but the shape asks for {1}", node = "rs", op = "Reshape"}]}
// CHECK: func.func @reshape_infer(%arg0: tensor<?x?xf32>, %[[ST:.*]]: memref<6xi64> {onnx_mlir.status})
// CHECK: %[[D0:.*]] = tensor.dim %arg0, %c0
// CHECK: %[[D1:.*]] = tensor.dim %arg0, %c1
// CHECK: %[[N:.*]] = arith.muli %[[D0]], %[[D1]] : index
// CHECK: %[[Q:.*]] = arith.floordivsi %[[N]], %c4 : index
// CHECK: %[[ASKED:.*]] = arith.muli %{{.*}}, %[[Q]] : index
// CHECK: %[[OK:.*]] = arith.cmpi eq, %[[N]], %[[ASKED]] : index
// CHECK: scf.if %[[OK]] -> (tensor<?x?xf32>) {
// CHECK: tensor.reshape %arg0
// CHECK: } else {
// CHECK: memref.store %{{.*}}, %[[ST]]
// CHECK: tensor.empty(%{{.*}}, %{{.*}}) : tensor<?x?xf32>
func.func @reshape_infer(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %s = "onnx.constant"() {value = dense<[4, -1]> : tensor<2xi64>} : () -> tensor<2xi64>
  %0 = "onnx.reshape"(%x, %s) : (tensor<?x?xf32>, tensor<2xi64>) -> tensor<?x?xf32> loc(#rs)
  return %0 : tensor<?x?xf32>
}
#rs = loc("rs"("Reshape"))

// -----

// A static target against a dynamic input: 2 * 6 elements are required of d0 * 3.
// CHECK-LABEL: func.func @reshape_static_target_dynamic_input
// CHECK-SAME: memref<6xi64> {onnx_mlir.status}
// CHECK: %[[D0:.*]] = tensor.dim %arg0, %c0
// CHECK: %[[N:.*]] = arith.muli %[[D0]], %c3
// CHECK: %[[OK:.*]] = arith.cmpi eq, %[[N]], %c12
// CHECK: scf.if %[[OK]] -> (tensor<2x6xf32>)
// CHECK: tensor.reshape
func.func @reshape_static_target_dynamic_input(%x: tensor<?x3xf32>) -> tensor<2x6xf32> {
  %s = "onnx.constant"() {value = dense<[2, 6]> : tensor<2xi64>} : () -> tensor<2xi64>
  %0 = "onnx.reshape"(%x, %s) : (tensor<?x3xf32>, tensor<2xi64>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

// CHECK-LABEL: func.func @constants
// CHECK-DAG: arith.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-DAG: arith.constant dense<1.500000e+00> : tensor<f32>
// CHECK-DAG: arith.constant dense<[1, 2, 3]> : tensor<3xi64>
// CHECK-DAG: arith.constant dense<7> : tensor<i64>
// CHECK-NOT: onnx.
func.func @constants() -> (tensor<2xf32>, tensor<f32>, tensor<3xi64>, tensor<i64>) {
  %0 = "onnx.constant"() {value = dense<[1.0, 2.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %1 = "onnx.constant"() {value_float = 1.5 : f32} : () -> tensor<f32>
  %2 = "onnx.constant"() {value_ints = [1, 2, 3]} : () -> tensor<3xi64>
  %3 = "onnx.constant"() {value_int = 7 : i64} : () -> tensor<i64>
  return %0, %1, %2, %3 : tensor<2xf32>, tensor<f32>, tensor<3xi64>, tensor<i64>
}

// -----

// CHECK-LABEL: func.func @constant_resource
// CHECK: arith.constant dense_resource<w> : tensor<2xf32>
func.func @constant_resource() -> tensor<2xf32> {
  %0 = "onnx.constant"() {value = dense_resource<w> : tensor<2xf32>} : () -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000803F00000040"
    }
  }
#-}

// -----

// CHECK-LABEL: func.func @identity
// CHECK-NEXT: return %arg0 : tensor<2x3xi64>
func.func @identity(%x: tensor<2x3xi64>) -> tensor<2x3xi64> {
  %0 = "onnx.identity"(%x) : (tensor<2x3xi64>) -> tensor<2x3xi64>
  return %0 : tensor<2x3xi64>
}
