// RUN: onnx-mlir-opt %s --convert-onnx-to-linalg | FileCheck %s
// Pow with a constant exponent of 2 or 3 multiplies (no libm call per element); other constant
// exponents and run-time exponents keep math.powf.

// CHECK-LABEL: func.func @cube
// CHECK: linalg.generic
// CHECK: %[[SQ:.*]] = arith.mulf %[[X:.*]], %[[X]] : f32
// CHECK: arith.mulf %[[SQ]], %[[X]] : f32
// CHECK-NOT: math.powf
func.func @cube(%x: tensor<4xf32>) -> tensor<4xf32> {
  %c = "onnx.constant"() {value = dense<3.0> : tensor<f32>} : () -> tensor<f32>
  %p = "onnx.pow"(%x, %c) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %p : tensor<4xf32>
}

// An integer exponent of 2, broadcast from [1, 1]: the result keeps the broadcast shape.
// CHECK-LABEL: func.func @square_int_exponent
// CHECK: arith.mulf %{{.*}}, %{{.*}} : f32
// CHECK-NOT: math.powf
// CHECK: tensor<1x4xf32>
func.func @square_int_exponent(%x: tensor<4xf32>) -> tensor<1x4xf32> {
  %c = "onnx.constant"() {value = dense<2> : tensor<1x1xi64>} : () -> tensor<1x1xi64>
  %p = "onnx.pow"(%x, %c) : (tensor<4xf32>, tensor<1x1xi64>) -> tensor<1x4xf32>
  return %p : tensor<1x4xf32>
}

// CHECK-LABEL: func.func @other_exponent
// CHECK: math.powf
func.func @other_exponent(%x: tensor<4xf32>) -> tensor<4xf32> {
  %c = "onnx.constant"() {value = dense<2.5> : tensor<f32>} : () -> tensor<f32>
  %p = "onnx.pow"(%x, %c) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %p : tensor<4xf32>
}

// CHECK-LABEL: func.func @runtime_exponent
// CHECK: math.powf
func.func @runtime_exponent(%x: tensor<4xf32>, %y: tensor<f32>) -> tensor<4xf32> {
  %p = "onnx.pow"(%x, %y) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %p : tensor<4xf32>
}
