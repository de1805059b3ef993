// --help lists each project pass with its options (type and default), read without importing
// the passes.
// RUN: onnx-mlir-opt --help | FileCheck %s

// CHECK: --mlir-timing
// CHECK: --convert-onnx-to-linalg {{ *}}Lower onnx dialect ops
// CHECK-NEXT: runtime-checks=<bool> {{ *}}default: True
// CHECK: --onnx-simplify
// CHECK-NEXT: max-iterations=<int> {{ *}}default: 10
// CHECK-NEXT: decompose=<bool> {{ *}}default: True
func.func @f() {
  return
}
