// --mlir-print-ir-after-failure prints the IR the failing pass left, and nothing after the
// passes that succeeded.
// RUN: not onnx-mlir-opt %s --allow-unregistered-dialect --cse --one-shot-bufferize --mlir-print-ir-after-failure 2>&1 | FileCheck %s

// CHECK-NOT:  IR Dump After cse
// CHECK:      // -----// IR Dump After one-shot-bufferize Failed //----- //
// CHECK:        "foo.bar"
// CHECK:      print-ir-after-failure.mlir:[[# @LINE + 2]]:8: error: op was not bufferized
func.func @f(%a: tensor<4xf32>) -> tensor<4xf32> {
  %b = "foo.bar"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  return %b : tensor<4xf32>
}
