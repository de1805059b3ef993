// --mlir-timing: the wall time of every pass, project and upstream, on stderr after the output.
// RUN: onnx-mlir-opt %s --onnx-dce --canonicalize --cse --mlir-timing 2>&1 >/dev/null | FileCheck %s
// RUN: onnx-mlir-opt %s --canonicalize --mlir-timing 2>/dev/null | FileCheck %s --check-prefix=OUT

// OUT:         func.func @add_zero
// OUT-NOT:     Execution time report

// CHECK:       ... Execution time report ...
// CHECK:       Total Execution Time: {{[0-9.]+}} seconds
// CHECK:       ----Wall Time----  ----Name----
// CHECK-NEXT:  {{[0-9.]+}} ({{ *[0-9.]+}}%)  onnx-verify
// CHECK-NEXT:  {{[0-9.]+}} ({{ *[0-9.]+}}%)  onnx-dce
// CHECK-NEXT:  {{[0-9.]+}} ({{ *[0-9.]+}}%)  canonicalize
// CHECK-NEXT:  {{[0-9.]+}} ({{ *[0-9.]+}}%)  cse
// CHECK-NEXT:  {{[0-9.]+}} (100.0%)  Total
func.func @add_zero(%a: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %b = arith.addi %a, %c0 : i32
  return %b : i32
}
