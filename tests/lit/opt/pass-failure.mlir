// A failing upstream pass is reported at the op's file:line:col, exit code 1, no output.
// RUN: not onnx-mlir-opt %s --allow-unregistered-dialect --one-shot-bufferize 2>&1 | FileCheck %s
// RUN: onnx-mlir-opt %s --allow-unregistered-dialect --one-shot-bufferize --verify-diagnostics

// CHECK:     pass-failure.mlir:[[# @LINE + 4]]:8: error: op was not bufferized
// CHECK-NOT: Traceback
// CHECK-NOT: module
func.func @f(%a: tensor<4xf32>) -> tensor<4xf32> {
  %b = "foo.bar"(%a) : (tensor<4xf32>) -> tensor<4xf32> // expected-error {{op was not bufferized}}
  return %b : tensor<4xf32>
}
