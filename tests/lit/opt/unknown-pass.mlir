// RUN: not onnx-mlir-opt %s --no-such-pass 2>&1 | FileCheck %s
// RUN: not onnx-mlir-opt %s --pass-pipeline='builtin.module(func.func(no-such-pass))' 2>&1 | FileCheck %s
// RUN: not onnx-mlir-opt %s --canonicalize='no-such-option=1' 2>&1 | FileCheck %s --check-prefix=OPTION
// RUN: not onnx-mlir-opt %s --onnx-dce='bogus=1' 2>&1 | FileCheck %s --check-prefix=PROJECT

// CHECK: onnx-mlir-opt: error: unknown pass 'no-such-pass'
// OPTION: error: pass 'canonicalize' has no option 'no-such-option'
// PROJECT: error: pass 'onnx-dce' has no option 'bogus' (valid options: none)
func.func @f() {
  return
}
