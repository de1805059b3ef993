// --mlir-disable-threading is accepted (MLIR's passes then run on one thread), as in mlir-opt.
// RUN: onnx-mlir-opt %s --mlir-disable-threading --canonicalize | FileCheck %s

// CHECK-LABEL: func.func @f
// CHECK-NEXT: return
func.func @f() {
  %a = arith.constant 1 : i32
  return
}
