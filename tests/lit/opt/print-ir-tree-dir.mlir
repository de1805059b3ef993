// --mlir-print-ir-tree-dir writes each dump to a file (one per pass, numbered in order) instead
// of stderr, under a folder named as mlir-opt names it.
// RUN: rm -rf %t && onnx-mlir-opt %s --onnx-dce --canonicalize --mlir-print-ir-after-all --mlir-print-ir-tree-dir=%t 2>&1 | FileCheck %s --check-prefix=STDERR
// RUN: cat %t/builtin_module_no-symbol-name/0_onnx-dce.mlir | FileCheck %s --check-prefix=FIRST
// RUN: cat %t/builtin_module_no-symbol-name/1_canonicalize.mlir | FileCheck %s --check-prefix=SECOND

// STDERR-NOT: IR Dump
// FIRST: // -----// IR Dump After onnx-dce //----- //
// FIRST-NOT: onnx.relu
// SECOND: // -----// IR Dump After canonicalize //----- //
func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "onnx.relu"(%x) : (tensor<2xf32>) -> tensor<2xf32>
  return %x : tensor<2xf32>
}
