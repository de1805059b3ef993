// --show-dialects lists the upstream dialects and the project's (onnx, and any a plugin adds).
// RUN: onnx-mlir-opt --show-dialects | FileCheck %s
// RUN: onnx-mlir-opt --show-dialects --load-plugin=%S/Inputs/test_plugin.py | FileCheck %s

// CHECK: Available Dialects: {{.*}}arith, {{.*}}linalg, {{.*}}onnx, {{.*}}tensor, {{.*}}vector
func.func @f() {
  return
}
