// --mlir-print-ir-after=PASS (and --mlir-print-ir-before=PASS) print around the passes named only.
// RUN: onnx-mlir-opt %s --onnx-dce --cse --canonicalize --mlir-print-ir-after=onnx-dce,canonicalize 2>&1 >/dev/null | FileCheck %s
// RUN: onnx-mlir-opt %s --onnx-dce --cse --canonicalize --mlir-print-ir-before=cse 2>&1 >/dev/null | FileCheck %s --check-prefix=BEFORE

// CHECK:      // -----// IR Dump After onnx-dce //----- //
// CHECK-NOT:  IR Dump After cse
// CHECK:      // -----// IR Dump After canonicalize //----- //
// BEFORE:     // -----// IR Dump Before cse //----- //
// BEFORE-NOT: IR Dump
func.func @f(%x: tensor<2xf32>) -> i32 {
  %0 = "onnx.relu"(%x) : (tensor<2xf32>) -> tensor<2xf32>
  %a = arith.constant 1 : i32
  return %a : i32
}
