// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s

// CHECK-LABEL: func.func @sigmoid
// CHECK: linalg.generic
// CHECK: %[[N:.*]] = arith.negf %{{.*}} : f32
// CHECK: %[[E:.*]] = math.exp %[[N]] : f32
// CHECK: %[[D:.*]] = arith.addf %{{.*}}, %[[E]] : f32
// CHECK: arith.divf %{{.*}}, %[[D]] : f32
// CHECK-NOT: onnx.
func.func @sigmoid(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "onnx.sigmoid"(%a) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @gelu_tanh_f16
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: math.tanh %{{.*}} : f32
// CHECK: arith.truncf %{{.*}} : f32 to f16
func.func @gelu_tanh_f16(%a: tensor<4xf16>) -> tensor<4xf16> {
  %0 = "onnx.gelu"(%a) {approximate = "tanh"} : (tensor<4xf16>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// CHECK-LABEL: func.func @leaky_relu
// CHECK: %[[Z:.*]] = arith.constant 0.000000e+00 : f64
// CHECK: %[[NEG:.*]] = arith.cmpf olt, %{{.*}}, %[[Z]] : f64
// CHECK: %[[A:.*]] = arith.constant 0.10000000149011612 : f64
// CHECK: %[[M:.*]] = arith.mulf %[[A]], %{{.*}} : f64
// CHECK: arith.select %[[NEG]], %[[M]], %{{.*}} : f64
func.func @leaky_relu(%a: tensor<4xf64>) -> tensor<4xf64> {
  %0 = "onnx.leaky_relu"(%a) {alpha = 0.1 : f32} : (tensor<4xf64>) -> tensor<4xf64>
  return %0 : tensor<4xf64>
}

// -----

// Softplus without overflow: max(x, 0) + log1p(exp(-|x|)).
// CHECK-LABEL: func.func @softplus
// CHECK: arith.maximumf
// CHECK: math.absf
// CHECK: math.exp
// CHECK: math.log1p
func.func @softplus(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "onnx.softplus"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// PRelu broadcasts the slope to the input's shape (unidirectional).
// CHECK-DAG: #[[$S:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-LABEL: func.func @prelu
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[$S]], #{{.*}}]
// CHECK: arith.cmpf olt
// CHECK: arith.mulf
// CHECK: arith.select
func.func @prelu(%a: tensor<2x3x4xf32>, %s: tensor<3x1xf32>) -> tensor<2x3x4xf32> {
  %0 = "onnx.p_relu"(%a, %s) : (tensor<2x3x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// Clip with only a max bound (operandSegmentSizes marks the absent min).
// CHECK-LABEL: func.func @clip_max_only
// CHECK: linalg.generic
// CHECK-NOT: arith.maxsi
// CHECK: arith.minsi {{.*}} : i32
func.func @clip_max_only(%a: tensor<4xi32>, %hi: tensor<i32>) -> tensor<4xi32> {
  %0 = "onnx.clip"(%a, %hi) {operandSegmentSizes = array<i32: 1, 0, 1>} : (tensor<4xi32>, tensor<i32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// CHECK-LABEL: func.func @shrink
// CHECK: arith.cmpf ogt
// CHECK: arith.cmpf olt
func.func @shrink(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "onnx.shrink"(%a) {lambd = 1.5 : f32, bias = 0.5 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Inference Dropout: the input itself, and an all-true mask.
// CHECK-LABEL: func.func @dropout_inference
// CHECK: %[[T:.*]] = arith.constant true
// CHECK: %[[M:.*]] = linalg.fill ins(%[[T]] : i1) outs(%{{.*}} : tensor<3x4xi1>)
// CHECK: return %arg0, %[[M]]
func.func @dropout_inference(%a: tensor<3x4xf32>) -> (tensor<3x4xf32>, tensor<3x4xi1>) {
  %0, %1 = "onnx.dropout"(%a) {operandSegmentSizes = array<i32: 1, 0, 0>, resultSegmentSizes = array<i32: 1, 1>} : (tensor<3x4xf32>) -> (tensor<3x4xf32>, tensor<3x4xi1>)
  return %0, %1 : tensor<3x4xf32>, tensor<3x4xi1>
}

// -----

// Training Dropout: a counter-based hash of linalg.index per element.
// CHECK-LABEL: func.func @dropout_training
// CHECK: linalg.generic
// CHECK: linalg.index 0
// CHECK: linalg.index 1
// CHECK: arith.cmpf oge
// CHECK: -> (tensor<3x4xf32>, tensor<3x4xi1>)
func.func @dropout_training(%a: tensor<3x4xf32>, %r: tensor<f32>, %t: tensor<i1>) -> (tensor<3x4xf32>, tensor<3x4xi1>) {
  %0, %1 = "onnx.dropout"(%a, %r, %t) {operandSegmentSizes = array<i32: 1, 1, 1>, resultSegmentSizes = array<i32: 1, 1>} : (tensor<3x4xf32>, tensor<f32>, tensor<i1>) -> (tensor<3x4xf32>, tensor<3x4xi1>)
  return %0, %1 : tensor<3x4xf32>, tensor<3x4xi1>
}
