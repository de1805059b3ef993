// --split-input-file=MARKER splits on another marker; outputs are still joined with '// -----'.
// RUN: onnx-mlir-opt %s --split-input-file='// ====' --canonicalize | FileCheck %s
// RUN: not onnx-mlir-opt %s --canonicalize 2>&1 | FileCheck %s --check-prefix=WHOLE

// CHECK-LABEL: func.func @first
// CHECK:       // -----
// CHECK-LABEL: func.func @first
// WHOLE: redefinition of symbol named 'first'
func.func @first() {
  return
}

// ====

func.func @first() {
  return
}
