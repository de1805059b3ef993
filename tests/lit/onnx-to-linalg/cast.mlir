// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s

// float -> int truncates and saturates, NaN -> 0 (ONNX: undefined out of range). A narrow
// target's bounds are exact in the float type: clamp there (NaN -> 0), then one conversion of an
// in-range value (f32 -> i32, which vectorizes everywhere) and a truncation.
// CHECK-LABEL: func.func @cast_f32_to_i8
// CHECK: linalg.generic
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: i8):
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG: %[[LO:.*]] = arith.constant -1.280000e+02 : f32
// CHECK-DAG: %[[HI:.*]] = arith.constant 1.270000e+02 : f32
// CHECK: %[[LOW:.*]] = arith.cmpf olt, %[[X]], %[[LO]] : f32
// CHECK: %[[C1:.*]] = arith.select %[[LOW]], %[[LO]], %[[X]] : f32
// CHECK: %[[NAN:.*]] = arith.cmpf uno, %[[X]], %[[X]] : f32
// CHECK: %[[C2:.*]] = arith.select %[[NAN]], %[[ZERO]], %[[C1]] : f32
// CHECK: %[[HIGH:.*]] = arith.cmpf ogt, %[[C2]], %[[HI]] : f32
// CHECK: %[[C3:.*]] = arith.select %[[HIGH]], %[[HI]], %[[C2]] : f32
// CHECK: %[[W:.*]] = arith.fptosi %[[C3]] : f32 to i32
// CHECK: %[[T:.*]] = arith.trunci %[[W]] : i32 to i8
// CHECK: linalg.yield %[[T]] : i8
func.func @cast_f32_to_i8(%a: tensor<4xf32>) -> tensor<4xi8> {
  %0 = "onnx.cast"(%a) {to = 3 : i64} : (tensor<4xf32>) -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// Unsigned: x >= 0 is false for NaN and negatives alike, one select gives 0 for both.
// CHECK-LABEL: func.func @cast_f32_to_u16
// CHECK: arith.cmpf oge
// CHECK-NEXT: arith.select
// CHECK-NEXT: arith.cmpf ogt
// CHECK-NEXT: arith.select
// CHECK-NEXT: arith.fptosi %{{.*}} : f32 to i32
// CHECK-NEXT: arith.trunci %{{.*}} : i32 to i16
func.func @cast_f32_to_u16(%a: tensor<4xf32>) -> tensor<4xui16> {
  %0 = "onnx.cast"(%a) {to = 4 : i64} : (tensor<4xf32>) -> tensor<4xui16>
  return %0 : tensor<4xui16>
}

// -----

// int32 from f32: 2**31 - 1 is not an f32, so the conversion gets an in-range value (0 for any
// other) and the bounds are selected in i32 afterwards. The bounds tested are powers of two,
// exact: trunc(x) > 2**31 - 1 <=> x >= 2**31.
// CHECK-LABEL: func.func @cast_f32_to_i32
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: i32):
// CHECK-DAG: %[[LO:.*]] = arith.constant -2.14748365E+9 : f32
// CHECK-DAG: %[[ABOVE:.*]] = arith.constant 2.14748365E+9 : f32
// CHECK: %[[LOW:.*]] = arith.cmpf olt, %[[X]], %[[LO]] : f32
// CHECK: %[[HIGH:.*]] = arith.cmpf oge, %[[X]], %[[ABOVE]] : f32
// CHECK: %[[GE:.*]] = arith.cmpf oge, %[[X]], %[[LO]] : f32
// CHECK: %[[LT:.*]] = arith.cmpf olt, %[[X]], %[[ABOVE]] : f32
// CHECK: %[[IN:.*]] = arith.andi %[[GE]], %[[LT]] : i1
// CHECK: %[[SAFE:.*]] = arith.select %[[IN]], %[[X]], %{{.*}} : f32
// CHECK: %[[W:.*]] = arith.fptosi %[[SAFE]] : f32 to i32
// CHECK: %[[R:.*]] = arith.select %[[LOW]], %{{.*}}, %[[W]] : i32
// CHECK: %[[R2:.*]] = arith.select %[[HIGH]], %{{.*}}, %[[R]] : i32
// CHECK: linalg.yield %[[R2]] : i32
func.func @cast_f32_to_i32(%a: tensor<4xf32>) -> tensor<4xi32> {
  %0 = "onnx.cast"(%a) {to = 6 : i64} : (tensor<4xf32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// Bounds of the wide targets are powers of two, exact in f32: trunc(x) > 2**64 - 1 <=> x >= 2**64.
// uint64 is the one target converted with fptoui; f16 goes through f32.
// CHECK-LABEL: func.func @cast_f16_to_u64
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK-DAG: arith.constant 0.000000e+00 : f32
// CHECK-DAG: arith.constant 1.84467441E+19 : f32
// CHECK: arith.fptoui %{{.*}} : f32 to i64
// CHECK: arith.constant 0 : i64
// CHECK: arith.constant -1 : i64
func.func @cast_f16_to_u64(%a: tensor<4xf16>) -> tensor<4xui64> {
  %0 = "onnx.cast"(%a) {to = 13 : i64} : (tensor<4xf16>) -> tensor<4xui64>
  return %0 : tensor<4xui64>
}

// -----

// int4 saturates to [-8, 7] (not a wrap of a wider conversion).
// CHECK-LABEL: func.func @cast_f64_to_i4
// CHECK-DAG: arith.constant -8.000000e+00 : f64
// CHECK-DAG: arith.constant 7.000000e+00 : f64
// CHECK: arith.fptosi %{{.*}} : f64 to i32
// CHECK: arith.trunci %{{.*}} : i32 to i4
func.func @cast_f64_to_i4(%a: tensor<4xf64>) -> tensor<4xi4> {
  %0 = "onnx.cast"(%a) {to = 22 : i64} : (tensor<4xf64>) -> tensor<4xi4>
  return %0 : tensor<4xi4>
}

// -----

// float -> bool is x != 0 (unordered: NaN is true).
// CHECK-LABEL: func.func @cast_f64_to_bool
// CHECK: arith.cmpf une, %{{.*}}, %{{.*}} : f64
func.func @cast_f64_to_bool(%a: tensor<4xf64>) -> tensor<4xi1> {
  %0 = "onnx.cast"(%a) {to = 9 : i64} : (tensor<4xf64>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// CHECK-LABEL: func.func @cast_unsigned_to_f32
// CHECK: tensor.bitcast %arg0 : tensor<4xui16> to tensor<4xi16>
// CHECK: arith.uitofp %{{.*}} : i16 to f32
func.func @cast_unsigned_to_f32(%a: tensor<4xui16>) -> tensor<4xf32> {
  %0 = "onnx.cast"(%a) {to = 1 : i64} : (tensor<4xui16>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CastLike takes the target element type from its second operand.
// CHECK-LABEL: func.func @castlike_bf16
// CHECK: arith.truncf %{{.*}} : f32 to bf16
func.func @castlike_bf16(%a: tensor<4xf32>, %b: tensor<1xbf16>) -> tensor<4xbf16> {
  %0 = "onnx.cast_like"(%a, %b) : (tensor<4xf32>, tensor<1xbf16>) -> tensor<4xbf16>
  return %0 : tensor<4xbf16>
}

// -----

// float8 is encoded with integer ops on the f32 bits (no float8 arithmetic in LLVM).
// CHECK-LABEL: func.func @cast_to_f8
// CHECK: linalg.generic
// CHECK: arith.bitcast %{{.*}} : f32 to i32
// CHECK: math.roundeven
// CHECK: arith.trunci %{{.*}} : i32 to i8
// CHECK: arith.bitcast %{{.*}} : i8 to f8E4M3FN
// CHECK: -> tensor<4xf8E4M3FN>
func.func @cast_to_f8(%a: tensor<4xf32>) -> tensor<4xf8E4M3FN> {
  %0 = "onnx.cast"(%a) {to = 17 : i64} : (tensor<4xf32>) -> tensor<4xf8E4M3FN>
  return %0 : tensor<4xf8E4M3FN>
}

// -----

// CHECK-LABEL: func.func @cast_from_f8
// CHECK: arith.bitcast %{{.*}} : f8E5M2 to i8
// CHECK: arith.extui %{{.*}} : i8 to i32
// CHECK: arith.uitofp %{{.*}} : i32 to f32
// CHECK: arith.truncf %{{.*}} : f32 to f16
func.func @cast_from_f8(%a: tensor<4xf8E5M2>) -> tensor<4xf16> {
  %0 = "onnx.cast"(%a) {to = 10 : i64} : (tensor<4xf8E5M2>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// CHECK-LABEL: func.func @bitcast_f32_i32
// CHECK: arith.bitcast %{{.*}} : f32 to i32
func.func @bitcast_f32_i32(%a: tensor<2x2xf32>) -> tensor<2x2xi32> {
  %0 = "onnx.bit_cast"(%a) {to = 6 : i64} : (tensor<2x2xf32>) -> tensor<2x2xi32>
  return %0 : tensor<2x2xi32>
}

// -----

// CHECK-LABEL: func.func @cast_identity
// CHECK-NOT: linalg.generic
// CHECK: return %arg0
func.func @cast_identity(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "onnx.cast"(%a) {to = 1 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
