// onnx-decompose: ops without a linalg lowering are replaced by their ONNX function body
// (schema function or context-dependent one), recursively; body ops are named after the op.
// The ops below have lowerings by now, so `force` names them to be expanded anyway.
// RUN: onnx-mlir-opt %s --split-input-file --pass-pipeline='builtin.module(onnx-decompose{force=Celu,Elu,HardSwish,HardSigmoid,Gelu,LayerNormalization})' --mlir-print-debuginfo | FileCheck %s

// Celu (schema function, alpha default 1.0 filled in): x/alpha, Elu -> its own function body.
// CHECK-LABEL: func.func @celu
// CHECK-NOT:     "onnx.celu"
// CHECK-NOT:     "onnx.elu"
// CHECK:         "onnx.exp"
// CHECK:         "onnx.where"
// CHECK-SAME:    -> tensor<2x3xf32> loc(#[[WHERE:loc[0-9]+]])
// CHECK:         return
// CHECK:         #[[WHERE]] = loc("act/Elu_3/Where_10"(#{{loc[0-9]*}}))
func.func @celu(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = "onnx.celu"(%x) {alpha = 2.0 : f32} : (tensor<2x3xf32>) -> tensor<2x3xf32> loc(fused["act"("Celu")])
  return %y : tensor<2x3xf32>
}

// -----

// HardSwish = x * HardSigmoid(x), and HardSigmoid expands in turn (alpha 1/6, beta 0.5).
// (CHECK lines accept the generic and the custom form of func.func/return.)
// CHECK-LABEL: {{@|sym_name = "}}hard_swish
// CHECK-NOT:     "onnx.hard_swish"
// CHECK-NOT:     "onnx.hard_sigmoid"
// CHECK:         "onnx.min"
// CHECK:         "onnx.max"
// CHECK:         %[[M:.*]] = "onnx.mul"(%arg0, %{{.*}}) : (tensor<4xf16>, tensor<4xf16>) -> tensor<4xf16>
// CHECK:         {{return |"func.return"\(}}%[[M]]
func.func @hard_swish(%x: tensor<4xf16>) -> tensor<4xf16> {
  %y = "onnx.hard_swish"(%x) : (tensor<4xf16>) -> tensor<4xf16>
  return %y : tensor<4xf16>
}

// -----

// Context-dependent function: Gelu with approximate = "tanh".
// CHECK-LABEL: {{@|sym_name = "}}gelu_tanh
// CHECK-NOT:     "onnx.gelu"
// CHECK:         "onnx.tanh"
// CHECK:         {{return|func.return}}{{.*}}tensor<3x5xf32>
func.func @gelu_tanh(%x: tensor<3x5xf32>) -> tensor<3x5xf32> {
  %y = "onnx.gelu"(%x) {approximate = "tanh"} : (tensor<3x5xf32>) -> tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}

// -----

// LayerNormalization: only the used output is needed; body types are static.
// CHECK-LABEL: {{@|sym_name = "}}layer_norm
// CHECK-NOT:     "onnx.layer_normalization"
// CHECK:         "onnx.reduce_mean"({{.*}}) : (tensor<6x4xf32>, tensor<1xi64>) -> tensor<6x1xf32>
// CHECK:         "onnx.sqrt"
// CHECK:         {{return|func.return}}{{.*}}tensor<2x3x4xf32>
func.func @layer_norm(%x: tensor<2x3x4xf32>, %s: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<2x3x4xf32> {
  %y = "onnx.layer_normalization"(%x, %s, %b) {axis = -1 : i64, epsilon = 1.0e-5 : f32, operandSegmentSizes = array<i32: 1, 1, 1>, resultSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x3x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  return %y : tensor<2x3x4xf32>
}

// -----

// Ops with a lowering, or without a function body, are left alone.
// CHECK-LABEL: func.func @kept
// CHECK:         "onnx.add"
// CHECK:         "onnx.det"
func.func @kept(%x: tensor<3x3xf32>) -> tensor<f32> {
  %a = "onnx.add"(%x, %x) : (tensor<3x3xf32>, tensor<3x3xf32>) -> tensor<3x3xf32>
  %d = "onnx.det"(%a) : (tensor<3x3xf32>) -> tensor<f32>
  return %d : tensor<f32>
}
