// An upstream pass given as a flag runs through the tool.
// RUN: onnx-mlir-opt %s --canonicalize | FileCheck %s
// Pass flags take one dash too, as in mlir-opt, and the input can come from stdin.
// RUN: onnx-mlir-opt -canonicalize < %s | FileCheck %s

// CHECK-LABEL: func.func @add_zero
// CHECK-SAME:    (%[[ARG:.*]]: i32)
// CHECK-NOT:     arith.addi
// CHECK:         return %[[ARG]] : i32
func.func @add_zero(%a: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %b = arith.addi %a, %c0 : i32
  return %b : i32
}
