// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s

// Per-axis QuantizeLinear: scale and zero point are read through (d1); rint, + zp, saturate
// (float_to_int: clamp to [-128, 127] in f64, NaN -> 0, then one conversion of an in-range value).
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$AX:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @quantize_per_axis
// CHECK: linalg.generic {indexing_maps = [#[[$ID]], #[[$AX]], #[[$AX]], #[[$ID]]]
// CHECK: arith.divf %{{.*}} : f32
// CHECK: math.roundeven
// CHECK: arith.sitofp %{{.*}} : i8 to f64
// CHECK-DAG: arith.constant -1.280000e+02 : f64
// CHECK-DAG: arith.constant 1.270000e+02 : f64
// CHECK: arith.cmpf olt
// CHECK: arith.select
// CHECK: arith.cmpf uno
// CHECK: arith.select
// CHECK: arith.cmpf ogt
// CHECK: arith.select
// CHECK: arith.fptosi %{{.*}} : f64 to i32
// CHECK: arith.trunci %{{.*}} : i32 to i8
// CHECK-NOT: onnx.
func.func @quantize_per_axis(%x: tensor<2x3xf32>, %s: tensor<3xf32>, %z: tensor<3xi8>) -> tensor<2x3xi8> {
  %0 = "onnx.quantize_linear"(%x, %s, %z) {axis = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 1>} : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xi8>) -> tensor<2x3xi8>
  return %0 : tensor<2x3xi8>
}

// -----

// Unsigned output: zero point bitcast to i8, read unsigned, range [0, 255], result bitcast back.
// CHECK-LABEL: func.func @quantize_uint8
// CHECK: tensor.bitcast %arg2 : tensor<ui8> to tensor<i8>
// CHECK: linalg.generic
// CHECK: arith.uitofp %{{.*}} : i8 to f64
// CHECK: arith.constant 0.000000e+00 : f64
// CHECK: arith.constant 2.550000e+02 : f64
// CHECK: tensor.bitcast %{{.*}} : tensor<4xi8> to tensor<4xui8>
func.func @quantize_uint8(%x: tensor<4xf32>, %s: tensor<f32>, %z: tensor<ui8>) -> tensor<4xui8> {
  %0 = "onnx.quantize_linear"(%x, %s, %z) {operandSegmentSizes = array<i32: 1, 1, 1>} : (tensor<4xf32>, tensor<f32>, tensor<ui8>) -> tensor<4xui8>
  return %0 : tensor<4xui8>
}

// -----

// Blocked DequantizeLinear: the scale is indexed with d1 floordiv block_size.
// CHECK-DAG: #[[$BLK:.*]] = affine_map<(d0, d1) -> (d0, d1 floordiv 2)>
// CHECK-LABEL: func.func @dequantize_blocked
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[$BLK]], #{{.*}}]
// CHECK: arith.extsi %{{.*}} : i8 to i64
// CHECK: arith.sitofp %{{.*}} : i64 to f32
// CHECK: arith.mulf
func.func @dequantize_blocked(%x: tensor<4x6xi8>, %s: tensor<4x3xf32>) -> tensor<4x6xf32> {
  %0 = "onnx.dequantize_linear"(%x, %s) {axis = 1 : i64, block_size = 2 : i64, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<4x6xi8>, tensor<4x3xf32>) -> tensor<4x6xf32>
  return %0 : tensor<4x6xf32>
}

// -----

// MatMulInteger: zero points subtracted while widening to i32, then a named i32 matmul.
// CHECK-LABEL: func.func @matmul_integer
// CHECK: %[[A:.*]] = linalg.generic
// CHECK: arith.extsi %{{.*}} : i8 to i32
// CHECK: arith.subi
// CHECK: %[[B:.*]] = linalg.generic
// CHECK: %[[F:.*]] = linalg.fill
// CHECK: linalg.matmul ins(%[[A]], %[[B]] : tensor<2x3xi32>, tensor<3x4xi32>) outs(%[[F]] : tensor<2x4xi32>)
func.func @matmul_integer(%a: tensor<2x3xi8>, %b: tensor<3x4xi8>, %za: tensor<i8>, %zb: tensor<4xi8>) -> tensor<2x4xi32> {
  %0 = "onnx.mat_mul_integer"(%a, %b, %za, %zb) {operandSegmentSizes = array<i32: 1, 1, 1, 1>} : (tensor<2x3xi8>, tensor<3x4xi8>, tensor<i8>, tensor<4xi8>) -> tensor<2x4xi32>
  return %0 : tensor<2x4xi32>
}

// -----

// QLinearMatMul: i32 matmul, then a requantization generic computed in f64.
// CHECK-LABEL: func.func @qlinear_matmul
// CHECK: %[[M:.*]] = linalg.matmul
// CHECK: linalg.generic {{.*}} ins(%[[M]], %arg1, %arg4, %arg6, %arg7 :
// CHECK: arith.mulf %{{.*}} : f32
// CHECK: arith.divf %{{.*}} : f32
// CHECK: arith.sitofp %{{.*}} : i32 to f64
// CHECK: math.roundeven
// CHECK: arith.trunci %{{.*}} : i32 to i8
func.func @qlinear_matmul(%a: tensor<2x3xi8>, %sa: tensor<f32>, %za: tensor<i8>, %b: tensor<3x4xi8>, %sb: tensor<f32>, %zb: tensor<i8>, %sy: tensor<f32>, %zy: tensor<i8>) -> tensor<2x4xi8> {
  %0 = "onnx.q_linear_mat_mul"(%a, %sa, %za, %b, %sb, %zb, %sy, %zy) : (tensor<2x3xi8>, tensor<f32>, tensor<i8>, tensor<3x4xi8>, tensor<f32>, tensor<i8>, tensor<f32>, tensor<i8>) -> tensor<2x4xi8>
  return %0 : tensor<2x4xi8>
}

// -----

// ConvInteger: widened operands, padding with 0 after the zero point is subtracted, named conv.
// CHECK-LABEL: func.func @conv_integer
// CHECK: tensor.pad
// CHECK: linalg.conv_2d_nchw_fchw {{.*}} outs(%{{.*}} : tensor<1x2x4x4xi32>)
func.func @conv_integer(%x: tensor<1x1x4x4xi8>, %w: tensor<2x1x3x3xi8>, %zx: tensor<i8>) -> tensor<1x2x4x4xi32> {
  %0 = "onnx.conv_integer"(%x, %w, %zx) {pads = [1, 1, 1, 1], operandSegmentSizes = array<i32: 1, 1, 1, 0>} : (tensor<1x1x4x4xi8>, tensor<2x1x3x3xi8>, tensor<i8>) -> tensor<1x2x4x4xi32>
  return %0 : tensor<1x2x4x4xi32>
}

// -----

// DynamicQuantizeLinear: min and max reductions seeded with 0 into rank-0 tensors.
// CHECK-LABEL: func.func @dynamic_quantize
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction"]
// CHECK: arith.minimumf
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction"]
// CHECK: arith.maximumf
// CHECK: arith.divf
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel"]
func.func @dynamic_quantize(%x: tensor<6xf32>) -> (tensor<6xui8>, tensor<f32>, tensor<ui8>) {
  %0:3 = "onnx.dynamic_quantize_linear"(%x) : (tensor<6xf32>) -> (tensor<6xui8>, tensor<f32>, tensor<ui8>)
  return %0#0, %0#1, %0#2 : tensor<6xui8>, tensor<f32>, tensor<ui8>
}
