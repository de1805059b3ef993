// A flag that is neither a tool option nor a pass is an unknown option, with the closest name
// (tool flags, project passes, upstream passes); unknown names inside a pipeline are unknown passes.
// RUN: not onnx-mlir-opt %s --no-such-pass 2>&1 | FileCheck %s --check-prefix=FLAG
// RUN: not onnx-mlir-opt %s --mlir-print-ir-afterall 2>&1 | FileCheck %s --check-prefix=NEAR
// RUN: not onnx-mlir-opt %s --onnx-dcee 2>&1 | FileCheck %s --check-prefix=PROJECT-NEAR
// RUN: not onnx-mlir-opt %s --canonicalise 2>&1 | FileCheck %s --check-prefix=UPSTREAM-NEAR
// RUN: not onnx-mlir-opt %s --pass-pipeline='builtin.module(func.func(no-such-pass))' 2>&1 | FileCheck %s
// RUN: not onnx-mlir-opt %s --canonicalize='no-such-option=1' 2>&1 | FileCheck %s --check-prefix=OPTION
// RUN: not onnx-mlir-opt %s --onnx-dce='bogus=1' 2>&1 | FileCheck %s --check-prefix=PROJECT

// FLAG: onnx-mlir-opt: error: unknown option '--no-such-pass' (see 'onnx-mlir-opt --help')
// NEAR: onnx-mlir-opt: error: unknown option '--mlir-print-ir-afterall'; did you mean '--mlir-print-ir-after-all'?
// PROJECT-NEAR: error: unknown option '--onnx-dcee'; did you mean '--onnx-dce'?
// UPSTREAM-NEAR: error: unknown option '--canonicalise'; did you mean '--canonicalize'?
// CHECK: onnx-mlir-opt: error: unknown pass 'no-such-pass'
// OPTION: error: pass 'canonicalize' has no option 'no-such-option'
// PROJECT: error: pass 'onnx-dce' has no option 'bogus' (valid options: none)
func.func @f() {
  return
}
