// --dump-pass-pipeline prints the pipeline that runs, named pipelines expanded, on stderr.
// RUN: onnx-mlir-opt %s --onnx-dce --cpu-loops --canonicalize='max-iterations=1' --dump-pass-pipeline 2>&1 >/dev/null | FileCheck %s
// RUN: onnx-mlir-opt %s --dump-pass-pipeline 2>&1 >/dev/null | FileCheck %s --check-prefix=EMPTY

// CHECK: Pass Manager with 11 passes:
// CHECK-NEXT: builtin.module(onnx-dce,cpu-vector-schedule,cpu-plan-memory,cpu-strided-copies,convert-vector-to-scf,convert-linalg-to-loops,canonicalize,cpu-outline-kernels,cpu-split-blocks-at-loops,convert-scf-to-cf,canonicalize{max-iterations=1})
// EMPTY: Pass Manager with 0 passes:
// EMPTY-NEXT: builtin.module()
func.func @f() {
  return
}
