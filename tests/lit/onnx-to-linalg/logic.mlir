// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s

// Comparisons give i1 tensors; broadcasting is in the indexing maps.
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @less_f32
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x3xi1>
// CHECK: linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]], #[[$ID]]]
// CHECK: arith.cmpf olt
// CHECK: -> tensor<2x3xi1>
func.func @less_f32(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xi1> {
  %0 = "onnx.less"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// -----

// CHECK-LABEL: func.func @compare_ints
// CHECK: arith.cmpi sge, {{.*}} : i32
// CHECK: arith.cmpi ule, {{.*}} : i8
// CHECK: arith.cmpi eq, {{.*}} : i1
func.func @compare_ints(%a: tensor<3xi32>, %u: tensor<3xui8>, %c: tensor<3xi1>) -> (tensor<3xi1>, tensor<3xi1>, tensor<3xi1>) {
  %0 = "onnx.greater_or_equal"(%a, %a) : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi1>
  %1 = "onnx.less_or_equal"(%u, %u) : (tensor<3xui8>, tensor<3xui8>) -> tensor<3xi1>
  %2 = "onnx.equal"(%c, %c) : (tensor<3xi1>, tensor<3xi1>) -> tensor<3xi1>
  return %0, %1, %2 : tensor<3xi1>, tensor<3xi1>, tensor<3xi1>
}

// -----

// CHECK-LABEL: func.func @logic
// CHECK: arith.andi {{.*}} : i1
// CHECK: arith.xori {{.*}} : i1
// CHECK: %[[T:.*]] = arith.constant true
// CHECK: arith.xori %{{.*}}, %[[T]] : i1
func.func @logic(%a: tensor<3xi1>, %b: tensor<3xi1>) -> tensor<3xi1> {
  %0 = "onnx.and"(%a, %b) : (tensor<3xi1>, tensor<3xi1>) -> tensor<3xi1>
  %1 = "onnx.xor"(%0, %b) : (tensor<3xi1>, tensor<3xi1>) -> tensor<3xi1>
  %2 = "onnx.not"(%1) : (tensor<3xi1>) -> tensor<3xi1>
  return %2 : tensor<3xi1>
}

// -----

// CHECK-LABEL: func.func @bitwise
// CHECK: arith.ori {{.*}} : i16
// CHECK: %[[M:.*]] = arith.constant -1 : i16
// CHECK: arith.xori %{{.*}}, %[[M]] : i16
func.func @bitwise(%a: tensor<3xi16>, %b: tensor<3xi16>) -> tensor<3xi16> {
  %0 = "onnx.bitwise_or"(%a, %b) : (tensor<3xi16>, tensor<3xi16>) -> tensor<3xi16>
  %1 = "onnx.bitwise_not"(%0) : (tensor<3xi16>) -> tensor<3xi16>
  return %1 : tensor<3xi16>
}

// -----

// A shift by the bit width or more gives 0 (unsigned), the sign fill (signed right shift).
// CHECK-LABEL: func.func @bitshift
// CHECK: %[[W:.*]] = arith.constant 8 : i8
// CHECK: %[[BIG:.*]] = arith.cmpi uge, %{{.*}}, %[[W]] : i8
// CHECK: %[[L:.*]] = arith.shli %{{.*}}, %{{.*}} : i8
// CHECK: arith.select %[[BIG]], %{{.*}}, %[[L]] : i8
// CHECK: %[[W2:.*]] = arith.constant 32 : i32
// CHECK: %[[BIG2:.*]] = arith.cmpi uge, %{{.*}}, %[[W2]] : i32
// CHECK: %[[MAX:.*]] = arith.constant 31 : i32
// CHECK: %[[N:.*]] = arith.select %[[BIG2]], %[[MAX]], %{{.*}} : i32
// CHECK: arith.shrsi %{{.*}}, %[[N]] : i32
func.func @bitshift(%a: tensor<3xui8>, %b: tensor<3xi32>) -> (tensor<3xui8>, tensor<3xi32>) {
  %0 = "onnx.bit_shift"(%a, %a) {direction = "LEFT"} : (tensor<3xui8>, tensor<3xui8>) -> tensor<3xui8>
  %1 = "onnx.bit_shift"(%b, %b) {direction = "RIGHT"} : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  return %0, %1 : tensor<3xui8>, tensor<3xi32>
}

// -----

// Where broadcasts its three operands together.
// CHECK-DAG: #[[$C:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-DAG: #[[$Y:.*]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-LABEL: func.func @where
// CHECK: linalg.generic {indexing_maps = [#[[$C]], #{{.*}}, #[[$Y]], #{{.*}}]
// CHECK: arith.select %{{.*}}, %{{.*}}, %{{.*}} : f32
func.func @where(%c: tensor<3x1xi1>, %x: tensor<2x3x4xf32>, %y: tensor<4xf32>) -> tensor<2x3x4xf32> {
  %0 = "onnx.where"(%c, %x, %y) : (tensor<3x1xi1>, tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func.func @isnan_isinf
// CHECK: arith.cmpf uno
// CHECK: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: arith.cmpf oeq, %{{.*}}, %[[NINF]] : f32
// CHECK-NOT: 0x7F800000
func.func @isnan_isinf(%a: tensor<3xf32>) -> (tensor<3xi1>, tensor<3xi1>) {
  %0 = "onnx.is_na_n"(%a) : (tensor<3xf32>) -> tensor<3xi1>
  %1 = "onnx.is_inf"(%a) {detect_positive = 0 : i64} : (tensor<3xf32>) -> tensor<3xi1>
  return %0, %1 : tensor<3xi1>, tensor<3xi1>
}
