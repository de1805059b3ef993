// --mlir-print-ir-before-all prints the IR before every pass, project and upstream alike.
// RUN: onnx-mlir-opt %s --onnx-dce --canonicalize --mlir-print-ir-before-all 2>&1 >/dev/null | FileCheck %s

// CHECK:      // -----// IR Dump Before onnx-dce //----- //
// CHECK-NEXT: module {
// CHECK:        "onnx.relu"
// CHECK:      // -----// IR Dump Before canonicalize //----- //
// CHECK-NOT:    "onnx.relu"
// CHECK:        arith.constant 2
// CHECK-NOT:  IR Dump
func.func @f(%x: tensor<2xf32>) -> i32 {
  %0 = "onnx.relu"(%x) : (tensor<2xf32>) -> tensor<2xf32>
  %a = arith.constant 1 : i32
  %b = arith.constant 2 : i32
  return %a : i32
}
