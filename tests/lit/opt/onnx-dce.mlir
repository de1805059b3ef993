// onnx-dce removes onnx ops whose results are unused, through chains, and keeps the rest.
// RUN: onnx-mlir-opt %s --onnx-dce | FileCheck %s
// canonicalize alone keeps them: IRDL ops have no side-effect information.
// RUN: onnx-mlir-opt %s --canonicalize | FileCheck %s --check-prefix=CANON

// CHECK-LABEL: func.func @dead_chain
// CHECK-NEXT:    %[[R:.*]] = "onnx.relu"(%arg0)
// CHECK-NEXT:    return %[[R]]
// CANON-LABEL: func.func @dead_chain
// CANON:         "onnx.add"
func.func @dead_chain(%a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "onnx.add"(%a, %b) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %1 = "onnx.relu"(%0) : (tensor<2xf32>) -> tensor<2xf32>
  %2 = "onnx.add"(%1, %1) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %3 = "onnx.relu"(%a) : (tensor<2xf32>) -> tensor<2xf32>
  return %3 : tensor<2xf32>
}

// CHECK-LABEL: func.func @all_used
// CHECK:         "onnx.add"
// CHECK:         "onnx.relu"
func.func @all_used(%a: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "onnx.add"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %1 = "onnx.relu"(%0) : (tensor<2xf32>) -> tensor<2xf32>
  return %1 : tensor<2xf32>
}
