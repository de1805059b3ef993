// -o writes the result to a file; --mlir-print-debuginfo prints locations named after the input.
// RUN: onnx-mlir-opt %s -o %t.mlir --mlir-print-debuginfo
// RUN: FileCheck %s < %t.mlir
// The printed output parses again.
// RUN: onnx-mlir-opt %t.mlir | FileCheck %s --check-prefix=ROUNDTRIP

// CHECK: func.func @f
// CHECK: loc("{{.*}}output-and-debuginfo.mlir":[[# @LINE + 2]]:1)
// ROUNDTRIP: func.func @f
func.func @f() {
  return
}
