// A parse error shows the source line and a caret under the column, as mlir-opt does.
// RUN: not onnx-mlir-opt %s 2>&1 | FileCheck %s --strict-whitespace

// CHECK:      parse-error-caret.mlir:[[# @LINE + 5]]:8: error: custom op 'arith.bogus' is unknown
// CHECK-NEXT: {{^}}  %x = arith.bogus 1{{$}}
// CHECK-NEXT: {{^}}       ^{{$}}
// CHECK-NOT: Traceback
func.func @f() {
  %x = arith.bogus 1
  return
}
