// convert-onnx-to-linalg lowers the plugin's op with the plugin's pattern: one elementwise
// linalg.generic, 0.5 * x * (1 + erf(x / sqrt(2))); f16 is computed in f32.
// RUN: onnx-mlir-opt %s --split-input-file --convert-onnx-to-linalg | FileCheck %s

// CHECK-LABEL: func.func @f32
// CHECK:         linalg.generic
// CHECK-SAME:      iterator_types = ["parallel", "parallel"]
// CHECK:           arith.mulf %{{.*}}, %{{.*}} : f32
// CHECK:           math.erf %{{.*}} : f32
// CHECK:           linalg.yield
// CHECK-NOT:     example.fused_gelu
func.func @f32(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %0 = "example.fused_gelu"(%x) : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// CHECK-LABEL: func.func @f16
// CHECK:         arith.extf %{{.*}} : f16 to f32
// CHECK:         math.erf %{{.*}} : f32
// CHECK:         arith.truncf %{{.*}} : f32 to f16
func.func @f16(%x: tensor<3xf16>) -> tensor<3xf16> {
  %0 = "example.fused_gelu"(%x) : (tensor<3xf16>) -> tensor<3xf16>
  return %0 : tensor<3xf16>
}
