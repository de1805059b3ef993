// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-math-approximations)" | FileCheck %s
// f32/f16/bf16 exp, tanh and erf become arith ops (polynomials, exponent-field scaling) so that
// loops containing them vectorize; f64 keeps the libm call.

// CHECK-LABEL: func.func @exp_in_generic(
// CHECK: linalg.generic
// CHECK-NOT: math.exp
// CHECK: math.roundeven
// CHECK: arith.shli
// CHECK: arith.bitcast {{.*}} : i32 to f32
// CHECK: linalg.yield
func.func @exp_in_generic(%x: tensor<17xf32>) -> tensor<17xf32> {
  %e = tensor.empty() : tensor<17xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                       iterator_types = ["parallel"]} ins(%x : tensor<17xf32>) outs(%e : tensor<17xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = math.exp %in : f32
    linalg.yield %v : f32
  } -> tensor<17xf32>
  return %r : tensor<17xf32>
}

// CHECK-LABEL: func.func @tanh_vector(
// CHECK-NOT: math.tanh
// CHECK: math.copysign {{.*}} : vector<8xf32>
// CHECK: return
func.func @tanh_vector(%x: vector<8xf32>) -> vector<8xf32> {
  %y = math.tanh %x : vector<8xf32>
  return %y : vector<8xf32>
}

// CHECK-LABEL: func.func @erf_f16(
// CHECK: arith.extf {{.*}} : f16 to f32
// CHECK-NOT: math.erf
// CHECK: arith.truncf {{.*}} : f32 to f16
func.func @erf_f16(%x: f16) -> f16 {
  %y = math.erf %x : f16
  return %y : f16
}

// CHECK-LABEL: func.func @exp_bf16(
// CHECK: arith.extf {{.*}} : bf16 to f32
// CHECK-NOT: math.exp
// CHECK: arith.truncf {{.*}} : f32 to bf16
func.func @exp_bf16(%x: bf16) -> bf16 {
  %y = math.exp %x : bf16
  return %y : bf16
}

// CHECK-LABEL: func.func @f64_untouched(
// CHECK: math.exp {{.*}} : f64
func.func @f64_untouched(%x: f64) -> f64 {
  %y = math.exp %x : f64
  return %y : f64
}
