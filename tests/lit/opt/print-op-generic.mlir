// --mlir-print-op-generic prints the output (and the IR dumps) in the generic op form.
// RUN: onnx-mlir-opt %s --mlir-print-op-generic | FileCheck %s
// RUN: onnx-mlir-opt %s --cse --mlir-print-op-generic --mlir-print-ir-after-all 2>&1 >/dev/null | FileCheck %s --check-prefix=DUMP

// CHECK: "builtin.module"() ({
// CHECK:   "func.func"() <{function_type = (i32) -> i32, sym_name = "f"}> ({
// CHECK:     "arith.addi"
// CHECK:     "func.return"
// DUMP: IR Dump After cse
// DUMP: "func.return"
func.func @f(%a: i32) -> i32 {
  %b = arith.addi %a, %a : i32
  return %b : i32
}
