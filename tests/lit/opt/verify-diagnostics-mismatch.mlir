// Unexpected and missing diagnostics are errors (exit 1).
// RUN: not onnx-mlir-opt %s --split-input-file --verify-diagnostics 2>&1 | FileCheck %s

// CHECK: verify-diagnostics-mismatch.mlir:[[# @LINE + 2]]:8: error: unexpected error: custom op 'arith.bogus' is unknown
func.func @f() {
  %x = arith.bogus
  return
}

// -----

// CHECK: verify-diagnostics-mismatch.mlir:[[# @LINE + 1]]:4: error: expected error "never emitted" was not produced
// expected-error {{never emitted}}
func.func @g() {
  return
}
