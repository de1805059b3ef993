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

// -----

// Transcendental math on f16 is computed in f32 and rounded back.
// CHECK-LABEL: func.func @sin_f16
// CHECK: linalg.generic
// CHECK: %[[W:.*]] = arith.extf %{{.*}} : f16 to f32
// CHECK: %[[S:.*]] = math.sin %[[W]] : f32
// CHECK: arith.truncf %[[S]] : f32 to f16
func.func @sin_f16(%a: tensor<4xf16>) -> tensor<4xf16> {
  %0 = "onnx.sin"(%a) : (tensor<4xf16>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// CHECK-LABEL: func.func @round_erf_f64
// CHECK: math.roundeven {{.*}} : f64
// CHECK: math.erf {{.*}} : f64
func.func @round_erf_f64(%a: tensor<4xf64>) -> tensor<4xf64> {
  %0 = "onnx.round"(%a) : (tensor<4xf64>) -> tensor<4xf64>
  %1 = "onnx.erf"(%0) : (tensor<4xf64>) -> tensor<4xf64>
  return %1 : tensor<4xf64>
}

// -----

// CHECK-LABEL: func.func @abs_neg_int
// CHECK: math.absi {{.*}} : i32
// CHECK: %[[Z:.*]] = arith.constant 0 : i32
// CHECK: arith.subi %[[Z]], %{{.*}} : i32
func.func @abs_neg_int(%a: tensor<4xi32>) -> tensor<4xi32> {
  %0 = "onnx.abs"(%a) : (tensor<4xi32>) -> tensor<4xi32>
  %1 = "onnx.neg"(%0) : (tensor<4xi32>) -> tensor<4xi32>
  return %1 : tensor<4xi32>
}

// -----

// Abs of an unsigned tensor is the tensor itself.
// CHECK-LABEL: func.func @abs_unsigned
// CHECK-NOT: linalg.generic
// CHECK: return %arg0
func.func @abs_unsigned(%a: tensor<4xui8>) -> tensor<4xui8> {
  %0 = "onnx.abs"(%a) : (tensor<4xui8>) -> tensor<4xui8>
  return %0 : tensor<4xui8>
}

// -----

// CHECK-LABEL: func.func @pow_float_int
// CHECK: linalg.generic
// CHECK: %[[E:.*]] = arith.sitofp %{{.*}} : i64 to f32
// CHECK: math.powf %{{.*}}, %[[E]] : f32
func.func @pow_float_int(%a: tensor<2x3xf32>, %b: tensor<3xi64>) -> tensor<2x3xf32> {
  %0 = "onnx.pow"(%a, %b) : (tensor<2x3xf32>, tensor<3xi64>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @pow_int_int
// CHECK: %[[E:.*]] = arith.trunci %{{.*}} : i64 to i32
// CHECK: math.ipowi %{{.*}}, %[[E]] : i32
func.func @pow_int_int(%a: tensor<3xi32>, %b: tensor<3xi64>) -> tensor<3xi32> {
  %0 = "onnx.pow"(%a, %b) : (tensor<3xi32>, tensor<3xi64>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

// Python-style Mod (fmod=0): the remainder takes the divisor's sign.
// CHECK-LABEL: func.func @mod_int
// CHECK: %[[R:.*]] = arith.remsi %{{.*}}, %{{.*}} : i32
// CHECK: arith.cmpi ne, %[[R]]
// CHECK: arith.xori
// CHECK: %[[S:.*]] = arith.addi %[[R]], %{{.*}} : i32
// CHECK: arith.select %{{.*}}, %[[S]], %[[R]] : i32
func.func @mod_int(%a: tensor<3xi32>, %b: tensor<3xi32>) -> tensor<3xi32> {
  %0 = "onnx.mod"(%a, %b) : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

// CHECK-LABEL: func.func @fmod_float
// CHECK: arith.remf {{.*}} : f32
// CHECK-NOT: arith.select
func.func @fmod_float(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  %0 = "onnx.mod"(%a, %b) {fmod = 1 : i64} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// Variadic ops: all inputs in one generic.
// CHECK-LABEL: func.func @mean3
// CHECK: linalg.generic {{.*}} ins(%arg0, %arg1, %arg2 : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
// CHECK: arith.addf
// CHECK: arith.addf
// CHECK: %[[N:.*]] = arith.constant 3.000000e+00 : f32
// CHECK: arith.divf %{{.*}}, %[[N]] : f32
func.func @mean3(%a: tensor<3xf32>, %b: tensor<3xf32>, %c: tensor<3xf32>) -> tensor<3xf32> {
  %0 = "onnx.mean"(%a, %b, %c) {operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @max_unsigned
// CHECK: arith.maxui {{.*}} : i16
func.func @max_unsigned(%a: tensor<3xui16>, %b: tensor<3xui16>) -> tensor<3xui16> {
  %0 = "onnx.max"(%a, %b) {operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<3xui16>, tensor<3xui16>) -> tensor<3xui16>
  return %0 : tensor<3xui16>
}
