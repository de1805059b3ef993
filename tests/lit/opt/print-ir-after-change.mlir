// --mlir-print-ir-after-change prints the IR only after the passes that changed it (here
// onnx-dce removes the relu; cse finds nothing to merge).
// RUN: onnx-mlir-opt %s --cse --onnx-dce --mlir-print-ir-after-change 2>&1 >/dev/null | FileCheck %s
// RUN: onnx-mlir-opt %s --cse --onnx-dce --mlir-print-ir-after-all --mlir-print-ir-after-change 2>&1 >/dev/null | FileCheck %s
// With --mlir-print-ir-after=PASS it only filters the passes named: cse did not change the IR.
// RUN: onnx-mlir-opt %s --cse --onnx-dce --mlir-print-ir-after=cse,onnx-dce --mlir-print-ir-after-change 2>&1 >/dev/null | FileCheck %s
// RUN: onnx-mlir-opt %s --cse --onnx-dce --mlir-print-ir-after=cse --mlir-print-ir-after-change 2>&1 >/dev/null | FileCheck %s --check-prefix=NONE --allow-empty

// CHECK-NOT:  IR Dump After cse
// CHECK:      // -----// IR Dump After onnx-dce //----- //
// CHECK-NOT:  onnx.relu
// NONE-NOT:   IR Dump
func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "onnx.relu"(%x) : (tensor<2xf32>) -> tensor<2xf32>
  return %x : tensor<2xf32>
}
