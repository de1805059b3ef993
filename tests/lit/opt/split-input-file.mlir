// Each chunk is processed on its own; outputs are joined with '// -----'.
// RUN: onnx-mlir-opt %s --split-input-file --canonicalize | FileCheck %s

// CHECK-LABEL: func.func @first
// CHECK-NEXT:    return
// CHECK:       // -----
// CHECK-LABEL: func.func @second
// CHECK-NEXT:    arith.constant 7
func.func @first() {
  %c = arith.constant 1 : i32
  return
}

// -----

func.func @second() -> i32 {
  %a = arith.constant 3 : i32
  %b = arith.constant 4 : i32
  %c = arith.addi %a, %b : i32
  return %c : i32
}
