// Operands read at run time on dynamic shapes: Squeeze/Unsqueeze axes become a `tensor.reshape`
// to sizes computed from the axis values (checked: in range, distinct, unit dims); TopK's K sizes
// the results (checked to lie in [0, axis size]).
// RUN: onnx-mlir-opt --convert-onnx-to-linalg %s | FileCheck %s

// CHECK: module attributes {onnx_mlir.runtime_checks = [{{.*}}Squeeze axis {0} is out of range for rank 3{{.*}}Unsqueeze axis {0} is out of range for rank 3{{.*}}K is {0}, out of range for the axis size {1}

// CHECK-LABEL: func.func @squeeze_runtime_axes
// CHECK: tensor.extract %arg1
// CHECK: tensor.from_elements {{.*}} : tensor<2xindex>
// CHECK: tensor.reshape %arg0({{.*}}) : (tensor<?x1x3xf32>, tensor<2xindex>) -> tensor<?x?xf32>
func.func @squeeze_runtime_axes(%x: tensor<?x1x3xf32>, %a: tensor<1xi64>) -> tensor<?x3xf32> {
  %0 = "onnx.squeeze"(%x, %a) : (tensor<?x1x3xf32>, tensor<1xi64>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// CHECK-LABEL: func.func @unsqueeze_runtime_axes
// CHECK: tensor.dim %arg0, %{{.*}} : tensor<?x?xf32>
// CHECK: tensor.from_elements {{.*}} : tensor<3xindex>
// CHECK: tensor.reshape %arg0({{.*}}) : (tensor<?x?xf32>, tensor<3xindex>) -> tensor<?x?x?xf32>
func.func @unsqueeze_runtime_axes(%x: tensor<?x?xf32>, %a: tensor<1xi64>) -> tensor<?x?x?xf32> {
  %0 = "onnx.unsqueeze"(%x, %a) : (tensor<?x?xf32>, tensor<1xi64>) -> tensor<?x?x?xf32>
  return %0 : tensor<?x?x?xf32>
}

// CHECK-LABEL: func.func @topk_runtime_k_dynamic
// CHECK: %[[K:.*]] = tensor.extract %arg1
// CHECK: %[[KI:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK: tensor.empty(%[[KI]]) : tensor<3x?xf32>
// CHECK: linalg.generic
func.func @topk_runtime_k_dynamic(%x: tensor<3x?xf32>, %k: tensor<1xi64>) -> (tensor<3x?xf32>, tensor<3x?xi64>) {
  %0, %1 = "onnx.top_k"(%x, %k) : (tensor<3x?xf32>, tensor<1xi64>) -> (tensor<3x?xf32>, tensor<3x?xi64>)
  return %0, %1 : tensor<3x?xf32>, tensor<3x?xi64>
}

