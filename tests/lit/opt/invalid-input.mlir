// Invalid IR is reported as file:line:col: error and exit code 1 (no traceback).
// RUN: not onnx-mlir-opt %s 2>&1 | FileCheck %s
// RUN: not onnx-mlir-opt < %s 2>&1 | FileCheck %s --check-prefix=STDIN

// CHECK:     invalid-input.mlir:[[# @LINE + 4]]:8: error: custom op 'arith.bogus' is unknown
// STDIN:     <stdin>:[[# @LINE + 3]]:8: error: custom op 'arith.bogus' is unknown
// CHECK-NOT: Traceback
func.func @f() {
  %x = arith.bogus
  return
}
