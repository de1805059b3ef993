// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s

// CHECK-DAG: #[[$ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[$A:.*]] = affine_map<(d0, d1, d2) -> (d0, 0, d2)>
// CHECK-DAG: #[[$B:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-LABEL: func.func @add_broadcast_size1
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x4x3xf32>
// CHECK: linalg.generic {indexing_maps = [#[[$A]], #[[$B]], #[[$ID3]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%arg0, %arg1 : tensor<2x1x3xf32>, tensor<4x1xf32>) outs(%[[E]] : tensor<2x4x3xf32>)
// CHECK: arith.addf
// CHECK-NOT: onnx.
func.func @add_broadcast_size1(%a: tensor<2x1x3xf32>, %b: tensor<4x1xf32>) -> tensor<2x4x3xf32> {
  %0 = "onnx.add"(%a, %b) : (tensor<2x1x3xf32>, tensor<4x1xf32>) -> tensor<2x4x3xf32>
  return %0 : tensor<2x4x3xf32>
}

// -----

// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @sub_rank_mismatch
// CHECK: linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]], #[[$ID]]]
// CHECK: arith.subf
// CHECK-NOT: onnx.
func.func @sub_rank_mismatch(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = "onnx.sub"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-DAG: #[[$SCALAR:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @mul_scalar_f64
// CHECK: linalg.generic {indexing_maps = [#[[$SCALAR]], #{{.*}}, #{{.*}}]
// CHECK: arith.mulf {{.*}} : f64
// CHECK-NOT: onnx.
func.func @mul_scalar_f64(%a: tensor<f64>, %b: tensor<2x3xf64>) -> tensor<2x3xf64> {
  %0 = "onnx.mul"(%a, %b) : (tensor<f64>, tensor<2x3xf64>) -> tensor<2x3xf64>
  return %0 : tensor<2x3xf64>
}

// -----

// CHECK-LABEL: func.func @div_int_dynamic
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[D:.*]] = tensor.dim %arg0, %[[C0]] : tensor<?x3xi64>
// CHECK: %[[E:.*]] = tensor.empty(%[[D]]) : tensor<?x3xi64>
// CHECK: linalg.generic
// CHECK: arith.divsi {{.*}} : i64
// CHECK-NOT: onnx.
func.func @div_int_dynamic(%a: tensor<?x3xi64>, %b: tensor<3xi64>) -> tensor<?x3xi64> {
  %0 = "onnx.div"(%a, %b) : (tensor<?x3xi64>, tensor<3xi64>) -> tensor<?x3xi64>
  return %0 : tensor<?x3xi64>
}

// -----

// CHECK-LABEL: func.func @add_i32
// CHECK: arith.addi {{.*}} : i32
func.func @add_i32(%a: tensor<4xi32>, %b: tensor<4xi32>) -> tensor<4xi32> {
  %0 = "onnx.add"(%a, %b) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// Unsigned integers are computed on signless views with the unsigned arith op.
// CHECK-LABEL: func.func @div_unsigned
// CHECK: tensor.bitcast %arg0 : tensor<4xui8> to tensor<4xi8>
// CHECK: arith.divui {{.*}} : i8
// CHECK: tensor.bitcast %{{.*}} : tensor<4xi8> to tensor<4xui8>
func.func @div_unsigned(%a: tensor<4xui8>, %b: tensor<4xui8>) -> tensor<4xui8> {
  %0 = "onnx.div"(%a, %b) : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  return %0 : tensor<4xui8>
}

// -----

// CHECK-LABEL: func.func @relu_f32
// CHECK: linalg.generic
// CHECK: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: arith.maximumf %{{.*}}, %[[Z]] : f32
// CHECK-NOT: onnx.
func.func @relu_f32(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "onnx.relu"(%a) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @relu_i32
// CHECK: arith.maxsi {{.*}} : i32
func.func @relu_i32(%a: tensor<5xi32>) -> tensor<5xi32> {
  %0 = "onnx.relu"(%a) : (tensor<5xi32>) -> tensor<5xi32>
  return %0 : tensor<5xi32>
}
