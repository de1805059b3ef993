// The IR is printed to stderr after every pass, the result to stdout.
// RUN: onnx-mlir-opt %s --pass-pipeline='builtin.module(func.func(canonicalize), cse)' --mlir-print-ir-after-all 2>&1 >/dev/null | FileCheck %s

// CHECK:      // -----// IR Dump After canonicalize //----- //
// CHECK-NEXT: module {
// CHECK:        arith.constant 1 : i32
// CHECK-NOT:    arith.constant 2
// CHECK:      // -----// IR Dump After cse //----- //
// CHECK-NEXT: module {
func.func @f() -> i32 {
  %a = arith.constant 1 : i32
  %b = arith.constant 2 : i32
  return %a : i32
}
